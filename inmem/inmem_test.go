package inmem

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/storetest"
)

func fixture(t *testing.T, extra ...*partnergraph.Node) *partnergraph.Graph {
	t.Helper()
	g := partnergraph.NewGraph()
	nodes := []*partnergraph.Node{
		{ID: "council:rei", Kind: partnergraph.KindCouncil, Name: "Reigate & Banstead Council", Aliases: []string{"Reigate and Banstead"}},
		{ID: "council:hpl", Kind: partnergraph.KindCouncil, Name: "Hartlepool Borough Council"},
		{ID: "org:age", Kind: partnergraph.KindOrganisation, Name: "Age Forum Hartlepool", Sector: partnergraph.SectorVoluntary},
		{ID: "org:woodvale", Kind: partnergraph.KindOrganisation, Name: "The Woodvale Trust"},
		{ID: "initiative:hpl:hub", Kind: partnergraph.KindInitiative, Name: "Northtown Doorstep Hub"},
	}
	for _, n := range append(nodes, extra...) {
		if _, err := g.AddNode(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []*partnergraph.Edge{
		{Kind: partnergraph.EdgeLeads, Source: "council:hpl", Target: "initiative:hpl:hub"},
		{Kind: partnergraph.EdgePartnerIn, Source: "org:age", Target: "initiative:hpl:hub"},
		{Kind: partnergraph.EdgeFunded, Source: "org:woodvale", Target: "initiative:hpl:hub"},
	} {
		if _, err := g.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func TestReplaceIsIdempotentAndCounts(t *testing.T) {
	ctx := context.Background()
	s := New()
	st, err := s.Replace(ctx, fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.NodesCreated != 5 || st.EdgesCreated != 3 {
		t.Errorf("first replace = %+v", st)
	}
	v1, _ := s.Version(ctx)
	st, _ = s.Replace(ctx, fixture(t))
	if st != (partnergraph.ReplaceStats{}) {
		t.Errorf("an identical replace must change nothing, got %+v", st)
	}
	if v2, _ := s.Version(ctx); v2 != v1 {
		t.Error("an identical replace must keep the version")
	}
	smaller := fixture(t)
	smaller.RemoveNode("org:woodvale")
	smaller.Node("org:age").Sector = partnergraph.SectorHealth
	st, _ = s.Replace(ctx, smaller)
	if st.NodesDeleted != 1 || st.EdgesDeleted != 1 || st.NodesUpdated != 1 {
		t.Errorf("changed replace = %+v", st)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Replace(cancelled, fixture(t)); err == nil {
		t.Error("a cancelled replace must fail")
	}
	if n, _ := s.Nodes(ctx, []string{"org:woodvale"}); n[0] != nil {
		t.Error("a failed replace must leave the previous graph")
	}
}

func TestReadsDoNotExposeTheStoresGraph(t *testing.T) {
	ctx := context.Background()
	s := New()
	g := fixture(t)
	if _, err := s.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	g.Node("org:age").Name = "changed after replace"
	nodes, _ := s.Nodes(ctx, []string{"org:age", "org:nope"})
	if nodes[0].Name != "Age Forum Hartlepool" || nodes[1] != nil {
		t.Errorf("Nodes = %+v", nodes)
	}
	// Nodes hands out the store's own nodes, read-only by the Store
	// contract; a later Replace must leave those a reader holds unchanged.
	if _, err := s.Replace(ctx, partnergraph.NewGraph()); err != nil {
		t.Fatal(err)
	}
	if nodes[0].Name != "Age Forum Hartlepool" {
		t.Error("a Replace must not change the nodes a reader holds")
	}
	if again, _ := s.Nodes(ctx, []string{"org:age"}); again[0] != nil {
		t.Error("the replaced graph is still served")
	}
}

func TestEdges(t *testing.T) {
	ctx := context.Background()
	s := New()
	s.Replace(ctx, fixture(t))
	tests := []struct {
		q    partnergraph.EdgeQuery
		want int
	}{
		{partnergraph.EdgeQuery{NodeIDs: []string{"initiative:hpl:hub"}, Direction: partnergraph.Incoming}, 3},
		{partnergraph.EdgeQuery{NodeIDs: []string{"initiative:hpl:hub"}, Direction: partnergraph.Outgoing}, 0},
		{partnergraph.EdgeQuery{NodeIDs: []string{"initiative:hpl:hub", "org:age"}, Direction: partnergraph.Both}, 3},
		{partnergraph.EdgeQuery{NodeIDs: []string{"initiative:hpl:hub"}, Direction: partnergraph.Incoming, Kinds: []partnergraph.EdgeKind{partnergraph.EdgeFunded}}, 1},
		{partnergraph.EdgeQuery{NodeIDs: []string{"nope"}, Direction: partnergraph.Both}, 0},
	}
	for i, tt := range tests {
		got, err := s.Edges(ctx, tt.q)
		if err != nil || len(got) != tt.want {
			t.Errorf("%d: Edges = %d (%v), want %d", i, len(got), err, tt.want)
		}
		for j := 1; j < len(got); j++ {
			if got[j-1].ID >= got[j].ID {
				t.Errorf("%d: edges not sorted by id", i)
			}
		}
	}
}

func TestListKeysetIsStableWhenNodesAreAdded(t *testing.T) {
	ctx := context.Background()
	s := New()
	s.Replace(ctx, fixture(t))
	page1, total, _ := s.List(ctx, partnergraph.ListQuery{Kinds: []partnergraph.Kind{partnergraph.KindCouncil, partnergraph.KindOrganisation}, Limit: 2})
	if total != 4 || len(page1) != 2 || page1[0].ID != "org:age" || page1[1].ID != "council:hpl" {
		t.Fatalf("page1 = %v total %d", ids(page1), total)
	}
	last := page1[len(page1)-1]
	// A node that sorts before the cursor must not shift the next page.
	s.Replace(ctx, fixture(t, &partnergraph.Node{ID: "org:aaa", Kind: partnergraph.KindOrganisation, Name: "AAA Trust"}))
	page2, total, _ := s.List(ctx, partnergraph.ListQuery{Kinds: []partnergraph.Kind{partnergraph.KindCouncil, partnergraph.KindOrganisation},
		AfterKey: partnergraph.SortKey(last.Name), AfterID: last.ID, Limit: 2})
	if total != 5 || len(page2) != 2 || page2[0].ID != "council:rei" || page2[1].ID != "org:woodvale" {
		t.Errorf("page2 = %v total %d", ids(page2), total)
	}
}

func TestSearchFiltersKinds(t *testing.T) {
	ctx := context.Background()
	s := New()
	s.Replace(ctx, fixture(t))
	hits, _ := s.Search(ctx, "hartlepool", nil, 10)
	if len(hits) != 2 || hits[0].Node.ID != "council:hpl" || hits[0].Field != "name" {
		t.Errorf("hits = %+v", hits)
	}
	hits, _ = s.Search(ctx, "reigate and banstead", []partnergraph.Kind{partnergraph.KindCouncil}, 1)
	if len(hits) != 1 || hits[0].Node.ID != "council:rei" {
		t.Errorf("hits = %+v", hits)
	}
	hits, _ = s.Search(ctx, "hartlepool", []partnergraph.Kind{partnergraph.KindOrganisation}, 10)
	if len(hits) != 1 || hits[0].Node.ID != "org:age" {
		t.Errorf("kind filter: hits = %+v", hits)
	}
}

func ids(ns []*partnergraph.Node) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) partnergraph.Store { return New() })
}

// TestAPIContract asks the API's questions of the in-memory store; its
// answers are the golden files every store must match.
func TestAPIContract(t *testing.T) {
	storetest.RunAPI(t, func(t *testing.T) partnergraph.Store { return New() })
}

// TestAdoptServesTheGraphItself: Adopt must not copy (serve and export hand
// over a graph of up to millions of relationships and drop it), and must
// answer like Replace.
func TestAdoptServesTheGraphItself(t *testing.T) {
	ctx := context.Background()
	g := fixture(t)
	adopted, copied := New(), New()
	if _, err := adopted.Adopt(ctx, g); err != nil {
		t.Fatal(err)
	}
	if _, err := copied.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	a, _ := adopted.Nodes(ctx, []string{"org:age"})
	c, _ := copied.Nodes(ctx, []string{"org:age"})
	if a[0] != g.Node("org:age") {
		t.Error("Adopt copied the graph")
	}
	if c[0] == g.Node("org:age") || a[0].Name != c[0].Name {
		t.Errorf("Replace must copy and both must answer alike: %+v / %+v", a[0], c[0])
	}
	ca, _ := adopted.Version(ctx)
	cc, _ := copied.Version(ctx)
	if ca != cc {
		t.Errorf("versions differ: %s / %s", ca, cc)
	}
}

// sortNodes reads each key once; the order must be by sort key, then id.
func TestSortNodesByKeyThenID(t *testing.T) {
	s := &state{keys: map[string]string{}}
	names := []string{"Acme", "acme", "The Acme", "Zed", "Ωmega", "", "Acme Trust", "ACME"}
	var nodes []*partnergraph.Node
	for i := range 240 {
		n := &partnergraph.Node{ID: fmt.Sprintf("org:%03d", (i*37)%240), Name: names[i%len(names)]}
		s.keys[n.ID] = partnergraph.SortKey(n.Name)
		nodes = append(nodes, n)
	}
	want := slices.Clone(nodes)
	sort.Slice(want, func(i, j int) bool {
		if ka, kb := s.keys[want[i].ID], s.keys[want[j].ID]; ka != kb {
			return ka < kb
		}
		return want[i].ID < want[j].ID
	})
	s.sortNodes(nodes)
	for i := range want {
		if nodes[i] != want[i] {
			t.Fatalf("position %d: %s (%q), less puts %s (%q) there", i, nodes[i].ID, nodes[i].Name, want[i].ID, want[i].Name)
		}
	}
}
