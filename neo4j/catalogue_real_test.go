package neo4j

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestRealCatalogue: the catalogue is every node's list fields as loaded,
// in list order; one that does not hash to what the meta node records (a
// node edited by hand, or a commit seen half-way) is never served; a graph
// whose meta node records no catalogue (loaded before there was one) or a
// hash of another format has none, and its lists still answer as the embedded store's, from every
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
	// Each check after an edit by hand asks a fresh store: an edit that
	// leaves the version as it was is not seen by one that read it.
	write("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 SET o.sector = 'edited'")
	if c, err := openReal(t, cfg).Catalogue(ctx); err == nil || !strings.Contains(err.Error(), "did not hash") {
		t.Fatalf("a catalogue that does not match the meta node's hash was read (%v) or refused for another reason: %v", c != nil, err)
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
	if c, err := openReal(t, cfg).Catalogue(ctx); err != nil || c == nil {
		t.Fatalf("catalogue after the edit was undone: %v, %v", c, err)
	}

	write("MATCH (m:PartnergraphMeta) SET m.catalogue = 'v0:' + m.catalogue")
	if c, err := openReal(t, cfg).Catalogue(ctx); err != nil || c != nil {
		t.Fatalf("a meta node with a catalogue hash of another format: %v, %v; want none", c, err)
	}
	write("MATCH (m:PartnergraphMeta) REMOVE m.catalogue")
	if c, err := openReal(t, cfg).Catalogue(ctx); err != nil || c != nil {
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

// TestRealPerVersionReadsShared: the fields of one request ask for the
// stored measures and the catalogue all at once after a load; they make
// one read of each per version, not one each (at 100x the seeds, forty
// concurrent reads of every node's measures ran past the read timeout).
func TestRealPerVersionReadsShared(t *testing.T) {
	cfg := realConfig(t)
	s := emptyReal(t, cfg)
	ctx := context.Background()
	g := storetest.Fixture()
	if _, err := s.ReplaceWithAnalytics(ctx, g, measuresOf(t, g)); err != nil {
		t.Fatal(err)
	}
	served := openReal(t, cfg)
	ask := func() {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for range 20 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				if m, err := served.StoredMeasures(ctx); err != nil || m == nil {
					errs <- fmt.Errorf("stored measures: %v, %v", m != nil, err)
				}
			}()
			go func() {
				defer wg.Done()
				if c, err := served.Catalogue(ctx); err != nil || c == nil {
					errs <- fmt.Errorf("catalogue: %v, %v", c != nil, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	ask()
	if m, c := served.measureReads.Load(), served.catalogueReads.Load(); m != 1 || c != 1 {
		t.Fatalf("40 concurrent calls made %d reads of the measures and %d of the catalogue; want 1 each", m, c)
	}
	changed := g.Clone()
	for _, n := range changed.Nodes() {
		if n.Kind == pg.KindOrganisation {
			n.Name += " Trust"
			break
		}
	}
	if _, err := s.ReplaceWithAnalytics(ctx, changed, measuresOf(t, changed)); err != nil {
		t.Fatal(err)
	}
	ask()
	if m, c := served.measureReads.Load(), served.catalogueReads.Load(); m != 2 || c != 2 {
		t.Fatalf("after a load, %d reads of the measures and %d of the catalogue in all; want 2 each", m, c)
	}
	if c, _ := served.Catalogue(ctx); c.Version != changed.Fingerprint() {
		t.Fatalf("catalogue of version %s after the load of %s", c.Version, changed.Fingerprint())
	}
}
