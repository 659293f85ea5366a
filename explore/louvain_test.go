package explore

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"
)

// modularity is Newman's Q of a partition of g at resolution 1.
func modularity(g *csr, comm []int32) float64 {
	m2, in, tot := 0.0, map[int32]float64{}, map[int32]float64{}
	for i := range g.n() {
		k := g.self[i]
		in[comm[i]] += g.self[i]
		for e := g.off[i]; e < g.off[i+1]; e++ {
			k += g.w[e]
			if comm[g.adj[e]] == comm[i] {
				in[comm[i]] += g.w[e]
			}
		}
		tot[comm[i]] += k
		m2 += k
	}
	q := 0.0
	for c, t := range tot {
		q += in[c]/m2 - (t/m2)*(t/m2)
	}
	return q
}

// csrOf builds a csr from undirected weighted edges over n nodes.
func csrOf(n int, edges [][3]float64) *csr {
	adj := make([][][2]float64, n)
	for _, e := range edges {
		a, b := int(e[0]), int(e[1])
		adj[a] = append(adj[a], [2]float64{float64(b), e[2]})
		adj[b] = append(adj[b], [2]float64{float64(a), e[2]})
	}
	g := &csr{off: []int32{0}, self: make([]float64, n)}
	for _, l := range adj {
		for _, x := range l {
			g.adj, g.w = append(g.adj, int32(x[0])), append(g.w, x[1])
		}
		g.off = append(g.off, int32(len(g.adj)))
	}
	return g
}

// On a ring of cliques, each clique is a community.
func TestLouvainRingOfCliques(t *testing.T) {
	const cliques, size = 12, 6
	var edges [][3]float64
	for c := range cliques {
		for i := range size {
			for j := i + 1; j < size; j++ {
				edges = append(edges, [3]float64{float64(c*size + i), float64(c*size + j), 1})
			}
		}
		edges = append(edges, [3]float64{float64(c * size), float64((c+1)%cliques*size + 1), 1})
	}
	comm := louvain(csrOf(cliques*size, edges), 1, 64, 100)
	for c := range cliques {
		for i := 1; i < size; i++ {
			if comm[c*size+i] != comm[c*size] {
				t.Fatalf("clique %d split: %v", c, comm)
			}
		}
		if comm[c*size] == comm[(c+1)%cliques*size] {
			t.Fatalf("cliques %d and %d merged: %v", c, (c+1)%cliques, comm)
		}
	}
}

// On a synthetic corpus's Louvain graph, this Louvain finds a partition
// as good as gonum's (the implementation it replaced, which sums weights
// in maps and took most of the metrics' time): modularity within 1 %.
func TestLouvainAsGoodAsGonum(t *testing.T) {
	g := synthGraph(t, 3, 2)
	lg := buildFamilies(g).louvainGraph()
	ours := modularity(lg, louvain(lg, 1, 64, 100))

	wg := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range lg.n() {
		wg.AddNode(simple.Node(i))
	}
	for i := range lg.n() {
		for e := lg.off[i]; e < lg.off[i+1]; e++ {
			if j := lg.adj[e]; int(j) > i {
				wg.SetWeightedEdge(wg.NewWeightedEdge(simple.Node(i), simple.Node(j), lg.w[e]))
			}
		}
	}
	gc := make([]int32, lg.n())
	for c, ns := range community.Modularize(wg, 1, rand.NewPCG(1, 2)).Communities() {
		for _, n := range ns {
			gc[n.ID()] = int32(c)
		}
	}
	theirs := modularity(lg, gc)
	t.Logf("modularity: ours %.4f, gonum's %.4f over %d nodes", ours, theirs, lg.n())
	if ours < theirs-0.01*theirs {
		t.Errorf("modularity %.4f, gonum's %.4f", ours, theirs)
	}
}
