package explore

import (
	"math"
	"testing"
)

func TestMetricsOnKnownGraphs(t *testing.T) {
	// a path a - b - c, and a separate pair d - e.
	ids := []string{"a", "b", "c", "d", "e"}
	adj := ties(map[string][]string{"a": {"b"}, "b": {"a", "c"}, "c": {"b"}, "d": {"e"}, "e": {"d"}})

	bc := betweenness(ids, adj)
	// b lies on the one shortest path between a and c: 2 ordered pairs,
	// normalised by (n-1)(n-2) = 12.
	for id, want := range map[string]float64{"a": 0, "b": 2.0 / 12, "c": 0, "d": 0} {
		if math.Abs(bc[id]-want) > 1e-12 {
			t.Errorf("betweenness[%s] = %v, want %v", id, bc[id], want)
		}
	}

	pr := pageRank(ids, adj)
	sum := 0.0
	for _, v := range pr {
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("PageRank sums to %v", sum)
	}
	// PageRank is iterated to a tolerance of 1e-10: symmetric nodes agree to that.
	if !(pr["b"] > pr["a"]) || math.Abs(pr["a"]-pr["c"]) > 1e-8 || math.Abs(pr["d"]-pr["e"]) > 1e-8 {
		t.Errorf("PageRank %v: want b above its symmetric ends", pr)
	}

	com := communities(ids, adj)
	if com["a"] != com["b"] || com["b"] != com["c"] || com["d"] != com["e"] || com["a"] == com["d"] {
		t.Errorf("communities %v: want {a,b,c} and {d,e}", com)
	}
	if com["a"] != 0 {
		t.Errorf("the largest community is numbered %d, want 0", com["a"])
	}
}

// The metrics come from gonum with a fixed random source for Louvain, so
// the same graph gives the same numbers on every run.
func TestMetricsAreDeterministic(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e", "f", "g"}
	adj := ties(map[string][]string{"a": {"b", "c"}, "b": {"a", "c"}, "c": {"a", "b", "d"}, "d": {"c", "e"},
		"e": {"d", "f", "g"}, "f": {"e", "g"}, "g": {"e", "f"}})
	first := communities(ids, adj)
	for range 5 {
		again := communities(ids, adj)
		for _, id := range ids {
			if again[id] != first[id] {
				t.Fatalf("communities differ between runs: %v vs %v", first, again)
			}
		}
	}
	if first["a"] != first["b"] || first["e"] != first["f"] || first["a"] == first["f"] {
		t.Errorf("two triangles joined by a bridge must be two communities: %v", first)
	}
}

// ties gives every listed neighbour a tie of weight 1.
func ties(lists map[string][]string) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for id, nbs := range lists {
		out[id] = map[string]float64{}
		for _, nb := range nbs {
			out[id][nb] = 1
		}
	}
	return out
}
