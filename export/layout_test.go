package export

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// cliques builds a graph like a collaboration projection: n nodes in groups
// of size (each group a clique: the partners of one initiative), every
// group tied to the next by one edge.
func cliques(n, size int) ([]string, []LayoutEdge) {
	var ids []string
	var edges []LayoutEdge
	for i := 0; i < n; i++ {
		ids = append(ids, fmt.Sprintf("n%05d", i))
	}
	for g := 0; g*size < n; g++ {
		lo, hi := g*size, min(n, (g+1)*size)
		for a := lo; a < hi; a++ {
			for b := a + 1; b < hi; b++ {
				edges = append(edges, LayoutEdge{ids[a], ids[b], 1})
			}
		}
		if hi < n {
			edges = append(edges, LayoutEdge{ids[lo], ids[hi], 2})
		}
	}
	return ids, edges
}

// The layout depends on the graph only: not on the order nodes and edges
// are given in, not on the run.
func TestLayoutIsDeterministic(t *testing.T) {
	ids, edges := cliques(300, 7)
	a := Layout(ids, edges)
	rids, redges := slices.Clone(ids), slices.Clone(edges)
	slices.Reverse(rids)
	slices.Reverse(redges)
	b := layout(rids, redges) // computed afresh, not from Layout's cache
	if len(a) != len(ids) {
		t.Fatalf("placed %d of %d nodes", len(a), len(ids))
	}
	for id, p := range a {
		if b[id] != p {
			t.Fatalf("%s at %v, and at %v with the input reversed", id, p, b[id])
		}
		if math.Abs(p.X) > 1000.001 || math.Abs(p.Y) > 1000.001 || p != (Point{Round(p.X), Round(p.Y)}) {
			t.Fatalf("%s at %v: outside -1000..1000 or not rounded", id, p)
		}
	}
	// Spread: no two nodes on one spot, and a clique's members nearer each
	// other than to the rest on average.
	seen := map[Point]string{}
	for id, p := range a {
		if other, ok := seen[p]; ok {
			t.Fatalf("%s and %s both at %v", id, other, p)
		}
		seen[p] = id
	}
	dist := func(x, y string) float64 { return math.Hypot(a[x].X-a[y].X, a[x].Y-a[y].Y) }
	var in, out float64
	var nin, nout int
	for i := 0; i < 70; i++ {
		for j := i + 1; j < 70; j++ {
			if i/7 == j/7 {
				in += dist(ids[i], ids[j])
				nin++
			} else {
				out += dist(ids[i], ids[j])
				nout++
			}
		}
	}
	if in/float64(nin) >= out/float64(nout) {
		t.Errorf("members of one clique are %.1f apart on average, of different ones %.1f", in/float64(nin), out/float64(nout))
	}
}

func TestRound(t *testing.T) {
	for in, want := range map[float64]float64{0.006058596699138346: 0.0060586, 123456789: 123457000, -0.1234567: -0.123457, math.Copysign(0, -1): 0, math.NaN(): 0} {
		if got := Round(in); got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("Round(%v) = %v, want %v", in, got, want)
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{200, 2000, 20000} {
		ids, edges := cliques(n, 8)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				layout(ids, edges) // not Layout, which would answer from its cache
			}
		})
	}
}

// The repulsion of each step may be cut into parts pushed on separate
// cores: the positions are the same, bit for bit, however it is cut
// (parts of unequal size included).
func TestLayoutSameOnAnyNumberOfCores(t *testing.T) {
	ids, edges := cliques(1201, 9)
	one := layoutOn(ids, edges, 1)
	for _, workers := range []int{2, 3, 7} {
		got := layoutOn(ids, edges, workers)
		if len(got) != len(one) {
			t.Fatalf("%d parts: placed %d nodes, one part %d", workers, len(got), len(one))
		}
		for id, p := range one {
			if got[id] != p {
				t.Fatalf("%d parts: %s at %v, in one part at %v", workers, id, got[id], p)
			}
		}
	}
}
