package neo4j

import (
	"context"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/storetest"
)

// BenchmarkRealAPIQuestions asks each API question (storetest.APIQuestions,
// the README's queries) of a Neo4j holding the seeds' graph, through the
// real schema, each request with fresh loaders as serve gives it, and
// reports p50 and p99 of the request times and how many whole-graph reads
// (Store.Snapshot calls) the serving store made so far (an id of the fixture the seeds
// lack is replaced by the seeds' busiest node of its kind). The graph is
// loaded with its analytics, as `partnergraph load` does by default:
//
//	scripts/with-neo4j go test ./neo4j/ -run '^$' -bench RealAPIQuestions -benchtime 50x
//
// PARTNERGRAPH_BENCH_CORPUS names another folder of documents to load
// instead of the seeds (e.g. one `partnergraph synth --scale 100` wrote;
// NEO4J_SERVER_HEAP=4g for its load transaction).
func BenchmarkRealAPIQuestions(b *testing.B) {
	s := emptyReal(b, realConfig(b))
	ctx := context.Background()
	corpus := "../seeds"
	if dir := os.Getenv("PARTNERGRAPH_BENCH_CORPUS"); dir != "" {
		corpus = dir
	}
	g, _, err := loader.Load(ctx, corpus, loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	// As `partnergraph load` does: the analytics computed once and stored
	// on the nodes; served from a fresh store, as `serve` opens it.
	m, err := explore.ComputeMetrics(ctx, g.Fingerprint(), g)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ReplaceWithAnalytics(ctx, g, m.Measures()); err != nil {
		b.Fatal(err)
	}
	s = openReal(b, realConfig(b))
	r := graph.NewResolver(s)
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.POST{})
	srv.AroundOperations(graph.WithLoaders(r))
	c := client.New(srv)
	// The questions name the fixture's ids; one the seeds lack is asked of
	// the seeds' node of that kind with the most relationships.
	busiest := map[pg.Kind]string{}
	most := map[pg.Kind]int{}
	for _, n := range g.Nodes() {
		if d := len(g.In(n.ID)) + len(g.Out(n.ID)); d > most[n.Kind] {
			busiest[n.Kind], most[n.Kind] = n.ID, d
		}
	}
	ids := regexp.MustCompile(`"((council|org|initiative):[^"]+)"`)
	for _, q := range storetest.APIQuestions {
		q.Query = ids.ReplaceAllStringFunc(q.Query, func(m string) string {
			id := strings.Trim(m, `"`)
			if g.Node(id) != nil {
				return m
			}
			return `"` + busiest[pg.KindOfID(id)] + `"`
		})
		b.Run(q.Name, func(b *testing.B) {
			// A question refused by a bound (collaborators around a hub of
			// a large graph) is measured as refused: it reports refused 1.
			refused := 0.0
			answer := func() {
				resp, err := c.RawPost(q.Query)
				if err != nil {
					b.Fatalf("%s: %v", q.Name, err)
				}
				if errs := string(resp.Errors); len(resp.Errors) > 0 && errs != "null" {
					if !strings.Contains(errs, "reaches more than") {
						b.Fatalf("%s: %s", q.Name, errs)
					}
					refused = 1
				}
			}
			tokens0 := s.TokenReads()
			// Warm: the first request of a version reads what it keeps.
			answer()
			times := make([]time.Duration, 0, b.N)
			for b.Loop() {
				t := time.Now()
				answer()
				times = append(times, time.Since(t))
			}
			b.ReportMetric(refused, "refused")
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			pct := func(p float64) float64 {
				return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			// whole-graph reads (Store.Snapshot calls) of the serving store so
			// far, warm-ups included: explore keeps the one it read per version
			b.ReportMetric(float64(s.SnapshotCalls()), "snapshots-so-far")
			// consistency-token reads per request of this question (two:
			// before and after its reads, more when a load overlapped it)
			b.ReportMetric(float64(s.TokenReads()-tokens0)/float64(len(times)+1), "tokens/req")
		})
	}
}
