package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/storetest"
)

// metricsQuestion is a README-style question that needs the metrics (lists
// ordered by PageRank, degree and partner count, and one council's
// measures), with the statistics and the funders, which also need no
// whole-graph read.
func metricsQuestion(g *pg.Graph) string {
	var council string
	for _, n := range g.Nodes() {
		if n.Kind == pg.KindCouncil {
			council = n.ID
			break
		}
	}
	return fmt.Sprintf(`{ metricsReady
		organisations(orderBy: {field: PAGERANK, direction: DESC}) { totalCount edges { node { id partnerCount degree pagerank betweenness community } } }
		voluntary: organisations(where: {sectorIn: [voluntary]}, orderBy: {field: BETWEENNESS, direction: DESC}, first: 3) { edges { node { id betweenness } } }
		councils(orderBy: {field: DEGREE, direction: DESC}) { edges { node { id degree pagerank betweenness community partnerCount } } }
		initiatives(orderBy: {field: PARTNER_COUNT, direction: DESC}) { edges { node { id partnerCount community } } }
		council(id: %q) { id degree pagerank betweenness community }
		stats { nodes { key count } relationships { key count } sectors { key count } regions { key count } themes { key count } fundingTotal fundingCount }
		funders(where: {kindIn: [COUNCIL]}) { totalCount edges { node { id } } } }`, council)
}

// ask answers q from a store through the real schema and loaders, with
// every number rounded as lists order by it (explore.Rank).
func ask(t *testing.T, s pg.Store, q string) string {
	t.Helper()
	a, errs := askErr(t, s, q)
	if errs != "" {
		t.Fatalf("%s: %s", q, errs)
	}
	return a
}

// askErr is ask that returns the errors too, as JSON ("" for none).
func askErr(t *testing.T, s pg.Store, q string) (string, string) {
	t.Helper()
	r := graph.NewResolver(s)
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.POST{})
	srv.AroundOperations(graph.WithLoaders(r))
	resp, err := client.New(srv).RawPost(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	errs := ""
	if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
		errs = string(resp.Errors)
	}
	v := resp.Data
	var round func(any) any
	round = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k := range x {
				x[k] = round(x[k])
			}
		case []any:
			for i := range x {
				x[i] = round(x[i])
			}
		case float64:
			return explore.Rank(x)
		}
		return v
	}
	b, err := json.MarshalIndent(round(v), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b), errs
}

// TestRealServesStoredAnalyticsWithoutSnapshot loads the fixture with its
// analytics (as `partnergraph load` does), then serves questions that need
// them from a fresh store (as `serve --neo4j-uri` opens): the answers
// equal the embedded store's, and no request read the whole graph. Loaded
// without analytics, the same questions are answered by computing them
// over a snapshot, which the counter shows.
func TestRealServesStoredAnalyticsWithoutSnapshot(t *testing.T) {
	cfg := realConfig(t)
	loaded := emptyReal(t, cfg)
	ctx := context.Background()
	g := storetest.Fixture()
	q := metricsQuestion(g)
	mem := inmem.New()
	if _, err := mem.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	want := ask(t, mem, q)

	if _, err := loaded.ReplaceWithAnalytics(ctx, g, measuresOf(t, g)); err != nil {
		t.Fatal(err)
	}
	served := openReal(t, cfg)
	for range 2 { // the second time from the service's cache of this version
		if got := ask(t, served, q); got != want {
			t.Fatalf("Neo4j with stored analytics answers\n%s\nthe embedded store\n%s", got, want)
		}
	}
	if n := served.SnapshotCalls(); n != 0 {
		t.Errorf("questions over stored analytics read the whole graph %d times", n)
	}
	// What exports write (Measures, the collaboration edges) is the same
	// from the stored measures as from explore's own, still with no snapshot.
	stored, err := (&explore.Service{Store: served}).Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	computed, err := (&explore.Service{Store: mem}).Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if x, y := fmt.Sprint(stored.Measures()), fmt.Sprint(computed.Measures()); x != y {
		t.Errorf("measures for exports from the stored analytics\n%s\nfrom explore\n%s", x, y)
	}
	if x, y := fmt.Sprint(stored.CollaborationEdges()), fmt.Sprint(computed.CollaborationEdges()); x != y || len(computed.CollaborationEdges()) == 0 {
		t.Errorf("collaboration edges from the stored analytics\n%s\nfrom explore\n%s", x, y)
	}
	if n := served.SnapshotCalls(); n != 0 {
		t.Errorf("the export measures read the whole graph %d times", n)
	}
	sm, err := served.StoredMeasures(ctx)
	if err != nil || sm == nil || sm.Version != g.Fingerprint() {
		t.Fatalf("stored measures %v, %v; want those of version %s", sm, err, g.Fingerprint())
	}

	// The same graph loaded again without analytics keeps them (nothing
	// changes); another graph loaded without them has none, and the
	// service computes them over a snapshot.
	if _, err := loaded.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	if sm, err := served.StoredMeasures(ctx); err != nil || sm == nil {
		t.Fatalf("after a reload without analytics: %v, %v", sm, err)
	}
	other := bigger(2)
	if _, err := loaded.Replace(ctx, other); err != nil {
		t.Fatal(err)
	}
	if sm, err := served.StoredMeasures(ctx); err != nil || sm != nil {
		t.Fatalf("a graph loaded without analytics has stored measures %v (%v)", sm, err)
	}
	fresh := openReal(t, cfg)
	mem2 := inmem.New()
	if _, err := mem2.Replace(ctx, other); err != nil {
		t.Fatal(err)
	}
	q2 := metricsQuestion(other)
	if got, want := ask(t, fresh, q2), ask(t, mem2, q2); got != want {
		t.Fatalf("Neo4j without stored analytics answers\n%s\nthe embedded store\n%s", got, want)
	}
	if fresh.SnapshotCalls() == 0 {
		t.Error("without stored analytics the metrics were computed, yet no snapshot was counted")
	}
}

// TestRealStoredMeasuresRefuseAMix: measures that do not hash to what the
// meta node records (a commit seen half-way, or a node edited by hand) are
// never served.
func TestRealStoredMeasuresRefuseAMix(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	g := storetest.Fixture()
	if _, err := s.ReplaceWithAnalytics(ctx, g, measuresOf(t, g)); err != nil {
		t.Fatal(err)
	}
	if _, err := driver.ExecuteQuery(ctx, s.d, "MATCH (o:Organisation) WITH o LIMIT 1 SET o.pagerank = 0.5", nil,
		driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
		t.Fatal(err)
	}
	if sm, err := s.StoredMeasures(ctx); err == nil || !strings.Contains(err.Error(), "did not hash") {
		t.Fatalf("measures that do not match the meta node's hash were read (%v) or refused for another reason: %v", sm != nil, err)
	}
}
