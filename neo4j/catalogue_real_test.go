package neo4j

import (
	"context"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestRealCatalogue: the catalogue is every node's list fields as loaded,
// in list order; one that does not hash to what the meta node records (a
// node edited by hand, or a commit seen half-way) is never served; a graph
// whose meta node records no catalogue (loaded before there was one) has
// none, and its lists still answer as the embedded store's, from every
// node read whole; a load of the same graph then records it.
func TestRealCatalogue(t *testing.T) {
	cfg := realConfig(t)
	s := emptyReal(t, cfg)
	ctx := context.Background()
	g := storetest.Fixture()
	if _, err := s.ReplaceWithAnalytics(ctx, g, measuresOf(t, g)); err != nil {
		t.Fatal(err)
	}
	c, err := s.Catalogue(ctx)
	if err != nil || c == nil {
		t.Fatalf("catalogue of a loaded graph: %v, %v", c, err)
	}
	if c.Version != g.Fingerprint() || len(c.Nodes) != g.NodeCount() {
		t.Fatalf("catalogue of version %s with %d nodes; want %s with %d", c.Version, len(c.Nodes), g.Fingerprint(), g.NodeCount())
	}
	for i, n := range c.Nodes {
		w := g.Node(n.ID)
		if w == nil || n.Name != w.Name || n.Region != w.Region || n.Sector != w.Sector || n.Theme != w.Theme || n.Nation != w.Nation ||
			n.CouncilType != w.CouncilType || len(n.Aliases) != len(w.Aliases) || n.Evidence != nil {
			t.Fatalf("catalogue node %+v; the graph's is %+v", n, w)
		}
		if i > 0 && !(pg.SortKey(c.Nodes[i-1].Name) < pg.SortKey(n.Name) ||
			pg.SortKey(c.Nodes[i-1].Name) == pg.SortKey(n.Name) && c.Nodes[i-1].ID < n.ID) {
			t.Fatalf("catalogue not in list order at %s, %s", c.Nodes[i-1].ID, n.ID)
		}
	}
	write := func(q string) {
		t.Helper()
		if _, err := driver.ExecuteQuery(ctx, s.d, q, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
			t.Fatal(err)
		}
	}
	write("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 SET o.sector = 'edited'")
	if c, err := s.Catalogue(ctx); err == nil {
		t.Fatalf("a catalogue that does not match the meta node's hash was read: %v", c != nil)
	}
	// Put the sector back as loaded (the first organisation by id).
	var first *pg.Node
	for _, n := range g.Nodes() {
		if n.Kind == pg.KindOrganisation && (first == nil || n.ID < first.ID) {
			first = n
		}
	}
	if first.Sector == "" {
		write("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 REMOVE o.sector")
	} else {
		write("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 SET o.sector = '" + string(first.Sector) + "'")
	}
	if c, err := s.Catalogue(ctx); err != nil || c == nil {
		t.Fatalf("catalogue after the edit was undone: %v, %v", c, err)
	}

	write("MATCH (m:PartnergraphMeta) REMOVE m.catalogue")
	if c, err := s.Catalogue(ctx); err != nil || c != nil {
		t.Fatalf("a graph whose meta node records no catalogue: %v, %v; want none", c, err)
	}
	served := openReal(t, cfg)
	embedded := inmem.New()
	if _, err := embedded.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	for _, q := range listQuestions(g) {
		if got, want := ask(t, served, q), ask(t, embedded, q); got != want {
			t.Fatalf("%s\nwithout a catalogue Neo4j answers\n%s\nthe embedded store\n%s", q, got, want)
		}
	}
	if served.WholeListCalls() == 0 {
		t.Error("without a catalogue the lists were answered, yet no list of every node was counted")
	}
	if _, err := s.ReplaceWithAnalytics(ctx, g, measuresOf(t, g)); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Catalogue(ctx); err != nil || c == nil {
		t.Fatalf("after a load of the same graph: %v, %v; want its catalogue", c, err)
	}
}
