package partnergraph

import (
	"slices"
	"testing"
)

// TestAdjacencyFollowsRemovals: a node's relationships out and in live with
// the node (nodeSlot); removing a relationship, removing a node and adding
// it again, and cloning keep Out, In and Degree as the relationships are.
func TestAdjacencyFollowsRemovals(t *testing.T) {
	g := NewGraph()
	for _, id := range []string{"org:northtown-trust", "org:acme-stores", "initiative:x:food-hub", "initiative:x:warm-space"} {
		kind := KindOrganisation
		if id[0] == 'i' {
			kind = KindInitiative
		}
		if _, err := g.AddNode(&Node{ID: id, Kind: kind, Name: id}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range [][2]string{
		{"org:northtown-trust", "initiative:x:warm-space"}, {"org:northtown-trust", "initiative:x:food-hub"},
		{"org:acme-stores", "initiative:x:food-hub"},
	} {
		if _, err := g.AddEdge(&Edge{Kind: EdgePartnerIn, Source: e[0], Target: e[1]}); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(es []*Edge) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	check := func(g *Graph, node string, out, in []string) {
		t.Helper()
		if got := ids(g.Out(node)); !slices.Equal(got, out) {
			t.Errorf("Out(%s) = %v, want %v", node, got, out)
		}
		if got := ids(g.In(node)); !slices.Equal(got, in) {
			t.Errorf("In(%s) = %v, want %v", node, got, in)
		}
		if got := g.Degree(node); got != len(out)+len(in) {
			t.Errorf("Degree(%s) = %d, want %d", node, got, len(out)+len(in))
		}
	}
	food := EdgeID(EdgePartnerIn, "org:northtown-trust", "initiative:x:food-hub")
	warm := EdgeID(EdgePartnerIn, "org:northtown-trust", "initiative:x:warm-space")
	acme := EdgeID(EdgePartnerIn, "org:acme-stores", "initiative:x:food-hub")
	check(g, "org:northtown-trust", []string{food, warm}, nil) // sorted, though added out of order
	check(g, "initiative:x:food-hub", nil, []string{acme, food})
	check(g.Clone(), "initiative:x:food-hub", nil, []string{acme, food})

	g.RemoveEdge(food)
	check(g, "org:northtown-trust", []string{warm}, nil)
	check(g, "initiative:x:food-hub", nil, []string{acme})

	g.RemoveNode("org:acme-stores")
	check(g, "org:acme-stores", nil, nil)
	check(g, "initiative:x:food-hub", nil, nil)
	if _, err := g.AddNode(&Node{ID: "org:acme-stores", Kind: KindOrganisation, Name: "Acme Stores"}); err != nil {
		t.Fatal(err)
	}
	check(g, "org:acme-stores", nil, nil) // a node added again starts with none
	check(g, "org:nowhere", nil, nil)
}
