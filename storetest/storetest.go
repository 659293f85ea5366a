// Package storetest is the contract every partnergraph.Store must meet:
// the same calls on the same graph give the same answers, whichever store
// holds it. inmem runs it always; neo4j runs it when a database is reachable.
package storetest

import (
	"context"
	"slices"
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

// Fixture is a small graph with every kind of node and relationship,
// accents, "&" and aliases.
func Fixture() *pg.Graph {
	g := pg.NewGraph()
	lat, lon := 54.68, -1.21
	amount := 250000.0
	ev := func(line int, quote string) []pg.Evidence {
		return []pg.Evidence{{DocumentID: "doc:report", File: "report.txt", LineStart: line, LineEnd: line, Quote: quote, Rule: "test", Confidence: 0.8}}
	}
	for _, n := range []*pg.Node{
		{ID: "doc:report", Kind: pg.KindDocument, Name: "A report", Title: "A report", Year: 2020, File: "report.txt", SHA256: "abc", Evidence: ev(1, "A report")},
		{ID: "council:hpl", Kind: pg.KindCouncil, Name: "Hartlepool Borough Council", GSSCode: "E06000001", LACode: "HPL", CouncilType: "Unitary authority",
			Region: "North East", Nation: "England", Lat: &lat, Lon: &lon, Evidence: ev(2, "Hartlepool Borough Council")},
		{ID: "council:rei", Kind: pg.KindCouncil, Name: "Reigate & Banstead Council", Aliases: []string{"Reigate and Banstead"}, Evidence: ev(3, "Reigate & Banstead Council")},
		{ID: "council:group", Kind: pg.KindCouncil, Name: "Hartlepool Borough Council Labour Group", CouncilType: "Political group", Evidence: ev(4, "Labour Group")},
		{ID: "org:age", Kind: pg.KindOrganisation, Name: "Age Forum Hartlepool", Sector: pg.SectorVoluntary, Evidence: ev(5, "Age Forum Hartlepool")},
		{ID: "org:creme", Kind: pg.KindOrganisation, Name: "Crème Cuisine", Aliases: []string{"Creme Cuisine UK"}, Sector: pg.SectorBusiness, Evidence: ev(6, "Crème Cuisine")},
		{ID: "org:whist", Kind: pg.KindOrganisation, Name: "Women’s Health in Northtown", Aliases: []string{"WHIN"}, Sector: pg.SectorVoluntary, Evidence: ev(7, "(WHIN)")},
		{ID: "initiative:hpl:hub", Kind: pg.KindInitiative, Name: "Northtown Doorstep Hub", Theme: "Response", Summary: "One door", Beneficiaries: "Vulnerable people", Evidence: ev(8, "Doorstep Hub")},
		{ID: "initiative:hpl:fund", Kind: pg.KindInitiative, Name: "Northtown Small Grants", Evidence: ev(9, "Small Grants")},
	} {
		if _, err := g.AddNode(n); err != nil {
			panic(err)
		}
	}
	for _, e := range []*pg.Edge{
		{Kind: pg.EdgeLeads, Source: "council:hpl", Target: "initiative:hpl:hub", Evidence: ev(10, "set up the hub")},
		{Kind: pg.EdgePartnerIn, Source: "org:age", Target: "initiative:hpl:hub", Evidence: ev(11, "with the Age Forum")},
		{Kind: pg.EdgePartnerIn, Source: "org:whist", Target: "initiative:hpl:fund", Evidence: ev(12, "WHIN")},
		{Kind: pg.EdgeFunded, Source: "org:creme", Target: "initiative:hpl:fund", AmountText: "£250,000", Amount: &amount, Currency: "GBP", Evidence: ev(13, "£250,000")},
		{Kind: pg.EdgeFunded, Source: "council:rei", Target: "org:age", InKind: true, Evidence: ev(14, "donated food")},
		{Kind: pg.EdgePartOf, Source: "initiative:hpl:fund", Target: "initiative:hpl:hub", Evidence: ev(15, "part of")},
		{Kind: pg.EdgePartOf, Source: "council:group", Target: "council:hpl", Evidence: ev(16, "group")},
	} {
		if _, err := g.AddEdge(e); err != nil {
			panic(err)
		}
	}
	return g
}

// Run checks a store against the contract. newStore returns an empty store.
func Run(t *testing.T, newStore func(t *testing.T) pg.Store) {
	ctx := context.Background()
	fill := func(t *testing.T) pg.Store {
		s := newStore(t)
		if _, err := s.Replace(ctx, Fixture()); err != nil {
			t.Fatal(err)
		}
		return s
	}

	t.Run("replace is idempotent and reports changes", func(t *testing.T) {
		s := newStore(t)
		st, err := s.Replace(ctx, Fixture())
		if err != nil {
			t.Fatal(err)
		}
		if st.NodesCreated != 9 || st.EdgesCreated != 7 {
			t.Errorf("first load: %+v", st)
		}
		v1, _ := s.Version(ctx)
		if v1 != Fixture().Fingerprint() {
			t.Errorf("version %s is not the graph's fingerprint", v1)
		}
		st, err = s.Replace(ctx, Fixture())
		if err != nil || st != (pg.ReplaceStats{}) {
			t.Errorf("second identical load must change nothing: %+v %v", st, err)
		}
		smaller := Fixture()
		smaller.RemoveNode("org:creme")
		smaller.Node("org:age").Sector = pg.SectorHealth
		st, err = s.Replace(ctx, smaller)
		if err != nil || st.NodesDeleted != 1 || st.EdgesDeleted != 1 || st.NodesUpdated != 1 {
			t.Errorf("changed load: %+v %v", st, err)
		}
		if ns, _ := s.Nodes(ctx, []string{"org:creme"}); ns[0] != nil {
			t.Error("what no document supports any more must be gone")
		}
		snap, err := s.Snapshot(ctx)
		if err != nil || snap.Fingerprint() != smaller.Fingerprint() {
			t.Errorf("snapshot after reload differs from the graph loaded: %v", err)
		}
	})

	t.Run("a cancelled replace leaves the previous graph", func(t *testing.T) {
		s := fill(t)
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		other := pg.NewGraph()
		other.AddNode(&pg.Node{ID: "org:other", Kind: pg.KindOrganisation, Name: "Other"})
		if _, err := s.Replace(cancelled, other); err == nil {
			t.Fatal("a cancelled replace must fail")
		}
		if v, _ := s.Version(ctx); v != Fixture().Fingerprint() {
			t.Error("the previous graph must be left whole")
		}
	})

	t.Run("nodes keep order and round-trip every field", func(t *testing.T) {
		s := fill(t)
		want := Fixture()
		ids := []string{"council:hpl", "org:missing", "org:creme", "doc:report", "initiative:hpl:hub", "nonsense"}
		ns, err := s.Nodes(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			w := want.Node(id)
			if (w == nil) != (ns[i] == nil) {
				t.Fatalf("%s: got %v", id, ns[i])
			}
			if w != nil && !sameNode(w, ns[i]) {
				t.Errorf("%s: got %+v, want %+v", id, ns[i], w)
			}
		}
	})

	t.Run("edges by direction and kind", func(t *testing.T) {
		s := fill(t)
		tests := []struct {
			q    pg.EdgeQuery
			want []string
		}{
			{pg.EdgeQuery{NodeIDs: []string{"initiative:hpl:hub"}, Direction: pg.Incoming},
				[]string{"LEADS:council:hpl->initiative:hpl:hub", "PARTNER_IN:org:age->initiative:hpl:hub", "PART_OF:initiative:hpl:fund->initiative:hpl:hub"}},
			{pg.EdgeQuery{NodeIDs: []string{"org:age", "council:rei"}, Direction: pg.Both, Kinds: []pg.EdgeKind{pg.EdgeFunded}},
				[]string{"FUNDED:council:rei->org:age"}},
			{pg.EdgeQuery{NodeIDs: []string{"initiative:hpl:fund"}, Direction: pg.Outgoing}, []string{"PART_OF:initiative:hpl:fund->initiative:hpl:hub"}},
			{pg.EdgeQuery{NodeIDs: []string{"org:missing"}, Direction: pg.Both}, nil},
		}
		for i, tt := range tests {
			es, err := s.Edges(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%d: edges %v, want %v", i, got, tt.want)
			}
		}
		es, _ := s.Edges(ctx, pg.EdgeQuery{NodeIDs: []string{"org:creme"}, Direction: pg.Outgoing})
		if len(es) != 1 || es[0].AmountText != "£250,000" || es[0].Amount == nil || *es[0].Amount != 250000 || es[0].Currency != "GBP" || len(es[0].Evidence) != 1 {
			t.Errorf("FUNDED properties: %+v", es)
		}
	})

	t.Run("keyset pages are stable when nodes are added", func(t *testing.T) {
		s := fill(t)
		kinds := []pg.Kind{pg.KindCouncil, pg.KindOrganisation}
		p1, total, err := s.List(ctx, pg.ListQuery{Kinds: kinds, Limit: 3})
		if err != nil || total != 6 || len(p1) != 3 {
			t.Fatalf("page 1: %d of %d, %v", len(p1), total, err)
		}
		if got := ids(p1); !slices.Equal(got, []string{"org:age", "org:creme", "council:hpl"}) {
			t.Errorf("page 1 = %v", got)
		}
		bigger := Fixture()
		bigger.AddNode(&pg.Node{ID: "org:aaa", Kind: pg.KindOrganisation, Name: "AAA Trust"})
		if _, err := s.Replace(ctx, bigger); err != nil {
			t.Fatal(err)
		}
		last := p1[len(p1)-1]
		p2, total, _ := s.List(ctx, pg.ListQuery{Kinds: kinds, Limit: 10, AfterKey: pg.SortKey(last.Name), AfterID: last.ID})
		if got := ids(p2); total != 7 || !slices.Equal(got, []string{"council:group", "council:rei", "org:whist"}) {
			t.Errorf("page 2 = %v (total %d)", got, total)
		}
	})

	t.Run("search tolerates case, accents, ampersands and typos", func(t *testing.T) {
		s := fill(t)
		tests := []struct {
			text  string
			kinds []pg.Kind
			first string
			field string
		}{
			{"reigate and banstead", nil, "council:rei", "alias"},
			{"Reigate & Banstead Council", nil, "council:rei", "name"},
			{"creme", nil, "org:creme", "name"},
			{"WHIN", nil, "org:whist", "alias"},
			{"womens helth", nil, "org:whist", "name"},
			{"hartlepool", []pg.Kind{pg.KindOrganisation}, "org:age", "name"},
		}
		for _, tt := range tests {
			hits, err := s.Search(ctx, tt.text, tt.kinds, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || hits[0].Node.ID != tt.first || hits[0].Field != tt.field {
				t.Errorf("search %q: %+v", tt.text, hits)
			}
		}
		if hits, _ := s.Search(ctx, "zzzzqqq", nil, 5); len(hits) != 0 {
			t.Errorf("nonsense found %v", hits)
		}
	})
}

func ids(ns []*pg.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

func sameNode(a, b *pg.Node) bool {
	g1, g2 := pg.NewGraph(), pg.NewGraph()
	g1.AddNode(a)
	g2.AddNode(b)
	return g1.Fingerprint() == g2.Fingerprint()
}
