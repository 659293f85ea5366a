package explore

import "math/rand/v2"

// csr is an undirected weighted graph over dense indexes 0..n-1, each
// edge listed from both ends: node i's neighbours are adj[off[i]:off[i+1]]
// with weights w[off[i]:off[i+1]]. self[i] is the weight inside node i
// (after aggregation: the weight of the edges between the members it
// stands for, each counted from both ends).
type csr struct {
	off  []int32
	adj  []int32
	w    []float64
	self []float64
}

func (g *csr) n() int { return len(g.off) - 1 }

// louvain finds communities of g by Blondel et al.'s method at the given
// resolution: local moving of one node at a time to the neighbouring
// community that raises modularity most, then each community aggregated
// into one node, until a level moves nothing. Nodes are visited in an
// order shuffled by a fixed seed, so the same graph gives the same
// communities on every run. Every pass is linear in the edges: weights are
// summed in dense arrays indexed by community, never in maps. It returns
// each node's community, numbered 0.. in order of the lowest node in it.
func louvain(g *csr, resolution float64, maxLevels, maxPasses int) []int32 {
	n := g.n()
	comm := make([]int32, n) // level-0 node -> community of the current level
	for i := range comm {
		comm[i] = int32(i)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range maxLevels {
		local, moved := moveNodes(g, resolution, maxPasses, rng)
		if !moved {
			break
		}
		k := renumber(local)
		for i, c := range comm {
			comm[i] = local[c]
		}
		if k == g.n() {
			break
		}
		g = aggregate(g, local, k)
	}
	renumber(comm)
	return comm
}

// moveNodes is one level's local moving phase: the community of each of
// g's nodes, and whether any node moved.
func moveNodes(g *csr, resolution float64, maxPasses int, rng *rand.Rand) ([]int32, bool) {
	n := g.n()
	comm := make([]int32, n)
	k := make([]float64, n)   // weighted degree of each node
	tot := make([]float64, n) // total degree of each community
	m2 := 0.0
	for i := range n {
		comm[i] = int32(i)
		d := g.self[i]
		for _, w := range g.w[g.off[i]:g.off[i+1]] {
			d += w
		}
		k[i], tot[i] = d, d
		m2 += d
	}
	if m2 == 0 {
		return comm, false
	}
	order := rng.Perm(n)
	toComm := make([]float64, n) // weight from the node being moved to each community
	for i := range toComm {
		toComm[i] = -1 // not touched
	}
	touched := make([]int32, 0, 64)
	movedAny := false
	for range maxPasses {
		moves := 0
		for _, i := range order {
			old := comm[i]
			touched = touched[:0]
			toComm[old] = 0
			touched = append(touched, old)
			for e := g.off[i]; e < g.off[i+1]; e++ {
				j := g.adj[e]
				if int(j) == i {
					continue
				}
				c := comm[j]
				if toComm[c] < 0 {
					toComm[c] = 0
					touched = append(touched, c)
				}
				toComm[c] += g.w[e]
			}
			tot[old] -= k[i]
			scale := resolution * k[i] / m2
			best, bestGain := old, toComm[old]-tot[old]*scale
			for _, c := range touched {
				if gain := toComm[c] - tot[c]*scale; gain > bestGain+1e-12 {
					best, bestGain = c, gain
				}
			}
			for _, c := range touched {
				toComm[c] = -1
			}
			tot[best] += k[i]
			if best != old {
				comm[i] = best
				moves++
			}
		}
		if moves == 0 {
			break
		}
		movedAny = true
	}
	return comm, movedAny
}

// renumber maps community labels to 0.. in order of their first node and
// returns how many there are.
// Labels are below len(comm).
func renumber(comm []int32) int {
	ids := make([]int32, len(comm))
	for i := range ids {
		ids[i] = -1
	}
	k := int32(0)
	for i, c := range comm {
		if ids[c] < 0 {
			ids[c] = k
			k++
		}
		comm[i] = ids[c]
	}
	return int(k)
}

// aggregate is g with each of its k communities (numbered 0..k-1 in comm)
// made one node: weights between communities summed, weights inside one
// kept as its self weight.
func aggregate(g *csr, comm []int32, k int) *csr {
	n := g.n()
	// members of each community, by counting sort.
	start := make([]int32, k+1)
	for _, c := range comm {
		start[c+1]++
	}
	for c := range k {
		start[c+1] += start[c]
	}
	members := make([]int32, n)
	fill := append([]int32(nil), start[:k]...)
	for i, c := range comm {
		members[fill[c]] = int32(i)
		fill[c]++
	}
	out := &csr{off: make([]int32, k+1), self: make([]float64, k)}
	acc := make([]float64, k)
	seen := make([]bool, k)
	var touched []int32
	for c := range k {
		touched = touched[:0]
		for _, i := range members[start[c]:start[c+1]] {
			out.self[c] += g.self[i]
			for e := g.off[i]; e < g.off[i+1]; e++ {
				d := comm[g.adj[e]]
				if int(d) == c {
					out.self[c] += g.w[e]
					continue
				}
				if !seen[d] {
					seen[d] = true
					touched = append(touched, d)
				}
				acc[d] += g.w[e]
			}
		}
		for _, d := range touched {
			out.adj = append(out.adj, d)
			out.w = append(out.w, acc[d])
			acc[d], seen[d] = 0, false
		}
		out.off[c+1] = int32(len(out.adj))
	}
	return out
}
