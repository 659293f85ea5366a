package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/inmem"
)

// countingStore counts the calls that reach the store, to prove that
// nested fields are batched.
type countingStore struct {
	pg.Store
	mu    sync.Mutex
	calls map[string]int
}

func (s *countingStore) count(name string) {
	s.mu.Lock()
	s.calls[name]++
	s.mu.Unlock()
}

func (s *countingStore) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		n += c
	}
	return n
}

func (s *countingStore) Nodes(ctx context.Context, ids []string) ([]*pg.Node, error) {
	s.count("Nodes")
	return s.Store.Nodes(ctx, ids)
}

func (s *countingStore) Edges(ctx context.Context, q pg.EdgeQuery) ([]*pg.Edge, error) {
	s.count("Edges")
	return s.Store.Edges(ctx, q)
}

var doc = pg.Evidence{DocumentID: "doc:report", File: "report.md", LineStart: 3, LineEnd: 3, Quote: "working together"}

// fixture builds councils c0..c(n-1), each leading its own initiative with
// the shared partner org:age-concern and its own org:local-<i>; c0 and c1
// also share org:food-bank, and org:trust funds c0's initiative.
func fixture(t testing.TB, n int) *pg.Graph {
	t.Helper()
	g := pg.NewGraph()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	amount := 5000.0
	must(g.AddNode(&pg.Node{ID: "doc:report", Kind: pg.KindDocument, Name: "Report", Title: "Report", File: "report.md", SHA256: "ab"}))
	must(g.AddNode(&pg.Node{ID: "org:age-concern", Kind: pg.KindOrganisation, Name: "Age Concern", Sector: pg.SectorVoluntary, Evidence: []pg.Evidence{doc}}))
	must(g.AddNode(&pg.Node{ID: "org:food-bank", Kind: pg.KindOrganisation, Name: "Food Bank", Sector: pg.SectorVoluntary, Evidence: []pg.Evidence{doc}}))
	must(g.AddNode(&pg.Node{ID: "org:trust", Kind: pg.KindOrganisation, Name: "Community Trust", Sector: pg.SectorVoluntary, Evidence: []pg.Evidence{doc}}))
	for i := range n {
		c := fmt.Sprintf("council:c%02d", i)
		ini := fmt.Sprintf("initiative:c%02d:help", i)
		local := fmt.Sprintf("org:local-%02d", i)
		must(g.AddNode(&pg.Node{ID: c, Kind: pg.KindCouncil, Name: fmt.Sprintf("Council %02d", i), Region: "North East", Nation: "England", Evidence: []pg.Evidence{doc}}))
		must(g.AddNode(&pg.Node{ID: ini, Kind: pg.KindInitiative, Name: fmt.Sprintf("Help %02d", i), Theme: "Response", Evidence: []pg.Evidence{doc}}))
		must(g.AddNode(&pg.Node{ID: local, Kind: pg.KindOrganisation, Name: fmt.Sprintf("Local %02d", i), Sector: pg.SectorHealth, Evidence: []pg.Evidence{doc}}))
		must(g.AddEdge(&pg.Edge{Kind: pg.EdgeLeads, Source: c, Target: ini, Evidence: []pg.Evidence{doc}}))
		must(g.AddEdge(&pg.Edge{Kind: pg.EdgePartnerIn, Source: "org:age-concern", Target: ini, Evidence: []pg.Evidence{doc}}))
		must(g.AddEdge(&pg.Edge{Kind: pg.EdgePartnerIn, Source: local, Target: ini, Evidence: []pg.Evidence{doc}}))
		if i < 2 {
			must(g.AddEdge(&pg.Edge{Kind: pg.EdgePartnerIn, Source: "org:food-bank", Target: ini, Evidence: []pg.Evidence{doc}}))
		}
	}
	must(g.AddEdge(&pg.Edge{Kind: pg.EdgeFunded, Source: "org:trust", Target: "initiative:c00:help", AmountText: "£5,000",
		Amount: &amount, Currency: "GBP", Evidence: []pg.Evidence{doc}}))
	return g
}

func newClient(t testing.TB, g *pg.Graph, batched ...bool) (*client.Client, *countingStore) {
	t.Helper()
	mem := inmem.New()
	if _, err := mem.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	store := &countingStore{Store: mem, calls: map[string]int{}}
	r := graph.NewResolver(store)
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.POST{})
	if len(batched) == 0 || batched[0] {
		srv.AroundOperations(graph.WithLoaders(r))
	}
	return client.New(srv), store
}

func TestNestedFieldsAreBatched(t *testing.T) {
	const query = `{ councils(first: 100) { edges { node { name
		partners { edges { node { name } evidence { quote document { title } } } }
		initiatives { edges { node { name leads { edges { node { name } } } partners { edges { node { name } } }
			documents { edges { node { file } } } } } } } } } }`
	run := func(n int, batched bool) int {
		c, store := newClient(t, fixture(t, n), batched)
		var resp struct {
			Councils struct {
				Edges []struct {
					Node struct {
						Name     string
						Partners struct {
							Edges []struct {
								Node     struct{ Name string }
								Evidence any
							}
						}
						Initiatives any
					}
				}
			}
		}
		c.MustPost(query, &resp)
		if len(resp.Councils.Edges) != n {
			t.Fatalf("n=%d: %d councils", n, len(resp.Councils.Edges))
		}
		for _, e := range resp.Councils.Edges {
			if len(e.Node.Partners.Edges) < 2 {
				t.Errorf("%s has partners %v", e.Node.Name, e.Node.Partners)
			}
		}
		return store.total()
	}
	// Loaders collect keys for a short window, so the exact count depends
	// on scheduling; the ideal is 11 (one call per field level), and
	// unbatched it grows by about 8 calls per council.
	const bound = 120
	for _, n := range []int{3, 60} {
		if got := run(n, true); got > bound {
			t.Errorf("%d councils: %d store calls, want at most %d whatever the number of councils", n, got, bound)
		}
	}
	if got := run(60, false); got < 6*60 {
		t.Errorf("without loaders 60 councils took only %d store calls: the query does not exercise batching", got)
	}
}

func TestAnalyticsRoots(t *testing.T) {
	c, _ := newClient(t, fixture(t, 4))
	t.Run("network around a council", func(t *testing.T) {
		var resp struct {
			Network struct {
				Nodes []struct {
					ID       string `json:"nodeId"`
					Kind     string
					Degree   int
					Pagerank float64
				}
				Edges     []struct{ Source, Target, Kind string }
				Truncated bool
			}
		}
		c.MustPost(`{ network(center: "council:c00", depth: 1) { nodes { nodeId kind degree pagerank } edges { source target kind } truncated } }`, &resp)
		if len(resp.Network.Nodes) != 2 || resp.Network.Nodes[0].ID != "council:c00" || resp.Network.Nodes[1].ID != "initiative:c00:help" {
			t.Fatalf("depth 1 around council:c00: %+v", resp.Network.Nodes)
		}
		if len(resp.Network.Edges) != 1 || resp.Network.Edges[0].Kind != "LEADS" {
			t.Errorf("edges %+v", resp.Network.Edges)
		}
	})
	t.Run("actor projection, truncated", func(t *testing.T) {
		var resp struct {
			Network struct {
				Nodes []struct {
					ID string `json:"nodeId"`
				}
				Edges     []struct{ Kind string }
				Truncated bool
			}
		}
		c.MustPost(`{ network(projection: COLLABORATION, limit: 3) { nodes { nodeId } edges { kind } truncated } }`, &resp)
		if len(resp.Network.Nodes) != 3 || !resp.Network.Truncated {
			t.Fatalf("limit 3: %+v", resp.Network)
		}
		if resp.Network.Nodes[0].ID != "org:age-concern" {
			t.Errorf("highest PageRank first: got %s, want the partner every council shares", resp.Network.Nodes[0].ID)
		}
	})
	t.Run("path", func(t *testing.T) {
		var resp struct {
			Path []struct {
				Length int
				Hops   []struct {
					Kind     string
					Forward  bool
					Evidence []struct{ Quote string }
				}
			}
		}
		c.MustPost(`{ path(from: "council:c00", to: "council:c01") { length hops { kind forward evidence { quote } } } }`, &resp)
		// c00 -> its initiative <- age concern or food bank -> c01's initiative <- c01.
		if len(resp.Path) != 2 {
			t.Fatalf("want 2 shortest paths (via both shared partners), got %+v", resp.Path)
		}
		for _, p := range resp.Path {
			if p.Length != 4 || !p.Hops[0].Forward || p.Hops[0].Kind != "LEADS" || p.Hops[0].Evidence[0].Quote != doc.Quote {
				t.Errorf("path %+v", p)
			}
		}
	})
	t.Run("similar councils", func(t *testing.T) {
		var resp struct {
			SimilarCouncils struct {
				TotalCount int
				Edges      []struct {
					Node           struct{ ID string }
					Jaccard        float64
					SharedPartners []struct{ ID string }
				}
			}
		}
		c.MustPost(`{ similarCouncils(id: "council:c00", top: 2) { totalCount edges { node { id } jaccard sharedPartners { id } } } }`, &resp)
		got := resp.SimilarCouncils.Edges
		// c00 has {age, food, local00, trust (funder)}; c01 {age, food, local01}: 2/5.
		// c02 {age, local02}: 1/5.
		if len(got) != 2 || resp.SimilarCouncils.TotalCount != 3 || got[0].Node.ID != "council:c01" || math.Abs(got[0].Jaccard-0.4) > 1e-9 ||
			len(got[0].SharedPartners) != 2 || math.Abs(got[1].Jaccard-0.2) > 1e-9 {
			t.Errorf("similar %+v", got)
		}
	})
	t.Run("stats", func(t *testing.T) {
		var resp struct {
			Stats struct {
				Nodes []struct {
					Key   string
					Count int
				}
				FundingTotal float64
				FundingCount int
			}
		}
		c.MustPost(`{ stats { nodes { key count } fundingTotal fundingCount } }`, &resp)
		counts := map[string]int{}
		for _, x := range resp.Stats.Nodes {
			counts[x.Key] = x.Count
		}
		if counts["Council"] != 4 || counts["Organisation"] != 7 || counts["Initiative"] != 4 || counts["Document"] != 1 {
			t.Errorf("counts %v", counts)
		}
		if resp.Stats.FundingTotal != 5000 || resp.Stats.FundingCount != 1 {
			t.Errorf("funding %v / %d", resp.Stats.FundingTotal, resp.Stats.FundingCount)
		}
	})
	t.Run("metrics on actors", func(t *testing.T) {
		var resp struct {
			Organisation struct {
				Degree      int
				Pagerank    float64
				Betweenness float64
			}
		}
		c.MustPost(`{ organisation(id: "org:age-concern") { degree pagerank betweenness } }`, &resp)
		// Over the collaboration projection: the 4 councils, their 4 local
		// partners, the food bank and the trust that funded c00's initiative.
		if resp.Organisation.Degree != 10 || resp.Organisation.Betweenness <= 0 || resp.Organisation.Pagerank <= 0 {
			t.Errorf("metrics %+v", resp.Organisation)
		}
	})
}

// The COLLABORATION projection, the partners field and the metrics read one
// partner relation, so a drawing, a panel and a ranking never disagree.
func TestCollaborationIsThePartnerRelation(t *testing.T) {
	c, _ := newClient(t, fixture(t, 4))
	var resp struct {
		Network struct {
			Nodes []struct{ ID string }
			Edges []struct{ Source, Target string }
		}
		Councils, Organisations struct {
			Edges []struct {
				Node struct {
					ID           string
					Degree       int
					PartnerCount int
					Partners     struct{ TotalCount int }
				}
			}
		}
	}
	c.MustPost(`{ network(projection: COLLABORATION) { nodes { id } edges { source target } }
		councils(first: 100) { edges { node { id degree partnerCount partners { totalCount } } } }
		organisations(first: 100) { edges { node { id degree partnerCount partners { totalCount } } } } }`, &resp)
	ties := map[string]int{}
	for _, e := range resp.Network.Edges {
		ties[e.Source]++
		ties[e.Target]++
	}
	sum := 0
	for _, e := range append(resp.Councils.Edges, resp.Organisations.Edges...) {
		n := e.Node
		if n.Degree != n.PartnerCount || n.PartnerCount != n.Partners.TotalCount || ties[n.ID] != n.PartnerCount {
			t.Errorf("%s: degree %d, partnerCount %d, partners %d, ties drawn %d", n.ID, n.Degree, n.PartnerCount, n.Partners.TotalCount, ties[n.ID])
		}
		sum += n.PartnerCount
	}
	if sum != 2*len(resp.Network.Edges) || len(resp.Network.Edges) == 0 {
		t.Errorf("%d partner links for %d drawn ties", sum, len(resp.Network.Edges))
	}
}

func TestBadArguments(t *testing.T) {
	c, _ := newClient(t, fixture(t, 2))
	for _, q := range []string{
		`{ network(depth: 9) { truncated } }`,
		`{ network(limit: 0) { truncated } }`,
		`{ path(from: "council:c00", to: "council:c01", maxLength: 0) { length } }`,
		`{ similarCouncils(id: "council:c00", top: 1000) { totalCount } }`,
		`{ councils(first: 101) { totalCount } }`,
	} {
		var resp map[string]any
		err := c.Post(q, &resp)
		if err == nil || !strings.Contains(err.Error(), "outside") {
			t.Errorf("%s: want an out-of-range error, got %v", q, err)
		}
	}
	for _, q := range []string{
		`{ network(center: "council:nowhere") { truncated } }`,
		`{ path(from: "council:c00", to: "org:nobody") { length } }`,
		`{ similarCouncils(id: "org:age-concern") { totalCount } }`,
	} {
		var resp map[string]any
		err := c.Post(q, &resp)
		if err == nil || !strings.Contains(err.Error(), "no ") {
			t.Errorf("%s: want a not-found error, got %v", q, err)
		}
	}
}

// Keyset cursors stay put when nodes are added before the page boundary:
// the page after a cursor starts at the same node.
func TestCursorStableWhenNodesAreAdded(t *testing.T) {
	g := fixture(t, 6)
	c, _ := newClient(t, g)
	type page struct {
		Councils struct {
			PageInfo struct{ EndCursor string }
			Edges    []struct{ Node struct{ ID string } }
		}
	}
	var first page
	c.MustPost(`{ councils(first: 3) { pageInfo { endCursor } edges { node { id } } } }`, &first)
	cursor := first.Councils.PageInfo.EndCursor

	if _, err := g.AddNode(&pg.Node{ID: "council:aa", Kind: pg.KindCouncil, Name: "Council 00a"}); err != nil {
		t.Fatal(err)
	}
	c2, _ := newClient(t, g)
	for _, cl := range []*client.Client{c, c2} {
		var next page
		cl.MustPost(`query($after: String) { councils(first: 2, after: $after) { edges { node { id } } } }`, &next, client.Var("after", cursor))
		if len(next.Councils.Edges) == 0 || next.Councils.Edges[0].Node.ID != "council:c03" {
			t.Errorf("page after the cursor: %+v, want council:c03 first", next.Councils.Edges)
		}
	}
}

func TestListFilters(t *testing.T) {
	g := fixture(t, 4)
	if _, err := g.AddNode(&pg.Node{ID: "council:nw", Kind: pg.KindCouncil, Name: "St Hélens Borough Council", Region: "North West", Nation: "England"}); err != nil {
		t.Fatal(err)
	}
	c, _ := newClient(t, g)
	ids := func(query string, vars ...client.Option) []string {
		t.Helper()
		var resp map[string]struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
		}
		c.MustPost(query, &resp, vars...)
		var out []string
		for _, conn := range resp {
			for _, e := range conn.Edges {
				out = append(out, e.Node.ID)
			}
			if strings.Contains(query, "totalCount") && conn.TotalCount != len(conn.Edges) {
				t.Errorf("%s: totalCount %d for %d edges on one page", query, conn.TotalCount, len(conn.Edges))
			}
		}
		return out
	}
	for _, tc := range []struct {
		name, query string
		want        string
	}{
		{"accent and case insensitive contains", `{ councils(where: {nameContains: "HELENS"}) { totalCount edges { node { id } } } }`, "council:nw"},
		{"region", `{ councils(where: {regionIn: ["north west"]}) { totalCount edges { node { id } } } }`, "council:nw"},
		{"not and or", `{ councils(where: {not: {regionIn: ["North East"]}, or: [{nameStartsWith: "st"}, {nameStartsWith: "zz"}]}) { totalCount edges { node { id } } } }`, "council:nw"},
		{"partner of sector, and", `{ councils(where: {and: [{hasPartnerOfSector: voluntary}, {nameContains: "council 01"}]}) { totalCount edges { node { id } } } }`, "council:c01"},
		{"organisations with at least 2 councils", `{ organisations(where: {minCouncils: 3}) { totalCount edges { node { id } } } }`, "org:age-concern"},
		{"organisations by sector", `{ organisations(where: {sectorIn: [voluntary], nameContains: "food"}) { totalCount edges { node { id } } } }`, "org:food-bank"},
		{"initiatives by theme and name", `{ initiatives(where: {themeIn: ["response"], nameContains: "help 02", document: "doc:report"}) { totalCount edges { node { id } } } }`, "initiative:c02:help"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(tc.query); len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %v, want [%s]", got, tc.want)
			}
		})
	}
	// Filtered pages use the same keyset cursors as unfiltered ones.
	var page struct {
		Councils struct {
			PageInfo struct{ EndCursor string }
		}
	}
	c.MustPost(`{ councils(first: 1, where: {regionIn: ["North East"]}) { pageInfo { endCursor } } }`, &page)
	got := ids(`query($a: String) { councils(first: 10, after: $a, where: {regionIn: ["North East"]}) { edges { node { id } } } }`,
		client.Var("a", page.Councils.PageInfo.EndCursor))
	if len(got) != 3 || got[0] != "council:c01" {
		t.Errorf("second filtered page: %v", got)
	}
}

func TestFundingFlows(t *testing.T) {
	// A fund within c01's initiative, funded by the trust: it is c01's too.
	g := fixture(t, 2)
	amount := 1000.0
	for _, err := range []error{
		second(g.AddNode(&pg.Node{ID: "initiative:c01:fund", Kind: pg.KindInitiative, Name: "Fund 01", Evidence: []pg.Evidence{doc}})),
		second(g.AddEdge(&pg.Edge{Kind: pg.EdgePartOf, Source: "initiative:c01:fund", Target: "initiative:c01:help", Evidence: []pg.Evidence{doc}})),
		second(g.AddEdge(&pg.Edge{Kind: pg.EdgeFunded, Source: "org:trust", Target: "initiative:c01:fund", Amount: &amount, Currency: "GBP", Evidence: []pg.Evidence{doc}})),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	c, _ := newClient(t, g)
	var resp struct {
		FundingFlows struct {
			Flows struct {
				AmountTotal float64
				Edges       []struct {
					Node struct {
						Funder    struct{ ID string }
						Recipient struct{ ID string }
						Amount    float64
					}
				}
			}
			ByFunder  struct{ Edges []fundingTotal }
			ByCouncil struct{ Edges []fundingTotal }
			Total     float64
		}
	}
	c.MustPost(`{ fundingFlows { flows { amountTotal edges { node { funder { id } recipient { id } amount } } }
		byFunder { edges { node { id } total count } } byCouncil { edges { node { id } total count } } total } }`, &resp)
	f := resp.FundingFlows
	flows := f.Flows.Edges
	// Biggest first.
	if len(flows) != 2 || flows[0].Node.Funder.ID != "org:trust" || flows[0].Node.Recipient.ID != "initiative:c00:help" ||
		flows[1].Node.Recipient.ID != "initiative:c01:fund" || f.Total != 6000 || f.Flows.AmountTotal != 6000 {
		t.Fatalf("flows %+v", f)
	}
	if len(f.ByFunder.Edges) != 1 || f.ByFunder.Edges[0].Total != 6000 || f.ByFunder.Edges[0].Count != 2 {
		t.Errorf("by funder %+v", f.ByFunder)
	}
	// The lead council of the initiative, or of the one it is part of, receives it.
	bc := f.ByCouncil.Edges
	if len(bc) != 2 || bc[0].Node.ID != "council:c00" || bc[0].Total != 5000 || bc[1].Node.ID != "council:c01" || bc[1].Total != 1000 {
		t.Errorf("by council %+v", bc)
	}
}

func second[T any](_ T, err error) error { return err }

type fundingTotal struct {
	Node  struct{ ID string }
	Total float64
	Count int
}

func TestOrderBy(t *testing.T) {
	c, _ := newClient(t, fixture(t, 4))
	type page struct {
		Organisations struct {
			PageInfo struct {
				EndCursor   string
				HasNextPage bool
			}
			Edges []struct {
				Node struct {
					ID           string
					PartnerCount int
				}
			}
		}
	}
	const q = `query($after: String) { organisations(first: 2, after: $after, orderBy: {field: PARTNER_COUNT, direction: DESC}) {
		pageInfo { endCursor hasNextPage } edges { node { id partnerCount } } } }`
	var seen []string
	last := 1 << 30
	after := ""
	for range 10 {
		var p page
		c.MustPost(q, &p, client.Var("after", after))
		for _, e := range p.Organisations.Edges {
			if e.Node.PartnerCount > last {
				t.Errorf("%s has %d partners after one with %d", e.Node.ID, e.Node.PartnerCount, last)
			}
			last = e.Node.PartnerCount
			seen = append(seen, e.Node.ID)
		}
		if !p.Organisations.PageInfo.HasNextPage {
			break
		}
		after = p.Organisations.PageInfo.EndCursor
	}
	// age concern partnered with all 4 councils and 5 other organisations.
	if len(seen) != 7 || seen[0] != "org:age-concern" {
		t.Errorf("walked %v", seen)
	}

	var resp map[string]any
	if err := c.Post(`{ councils(orderBy: {field: NAME, direction: DESC}) { totalCount } }`, &resp); err == nil {
		t.Error("NAME DESC: want an error")
	}
	var first page
	c.MustPost(`{ organisations(first: 1) { pageInfo { endCursor hasNextPage } edges { node { id partnerCount } } } }`, &first)
	err := c.Post(q, &resp, client.Var("after", first.Organisations.PageInfo.EndCursor))
	if err == nil || !strings.Contains(err.Error(), "not given out for this order") {
		t.Errorf("a name cursor used with another order: %v", err)
	}
}

// Over an in-memory store (a pg.LocalStore) loaders fetch at once and
// lists are marshalled in a loop; behind a wrapper that hides that, the
// same store is read in batches from goroutines. Both answer alike.
func TestLocalAndBatchedAnswersAgree(t *testing.T) {
	const query = `{ councils(first: 100) { totalCount edges { cursor node { id name
		partners { edges { node { name } initiatives { name } evidence { quote document { title } } } }
		initiatives { edges { node { name leads { edges { node { name } } } partners { edges { node { name } } }
			documents { edges { node { file } } } funders { edges { node { amount } } } } } }
		funded { totalCount } fundedBy { totalCount } } } } }`
	g := fixture(t, 12)
	batched, _ := newClient(t, g)
	mem := inmem.New()
	if _, err := mem.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	r := graph.NewResolver(mem)
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.POST{})
	srv.AroundOperations(graph.WithLoaders(r))
	local := client.New(srv)
	var a, b map[string]any
	batched.MustPost(query, &a)
	local.MustPost(query, &b)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("answers differ:\nbatched %.600s\nlocal   %.600s", ja, jb)
	}
	if !strings.Contains(string(jb), "Age Concern") {
		t.Errorf("the query found too little: %.300s", jb)
	}
}
