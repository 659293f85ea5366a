package neo4j

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/storetest"
)

// BenchmarkRealAPIQuestions asks each API question (storetest.APIQuestions,
// the README's queries) of a Neo4j holding the seeds' graph, through the
// real schema, each request with fresh loaders as serve gives it, and
// reports p50 and p99 of the request times:
//
//	scripts/with-neo4j go test ./neo4j/ -run '^$' -bench RealAPIQuestions -benchtime 50x
func BenchmarkRealAPIQuestions(b *testing.B) {
	s := emptyReal(b, realConfig(b))
	ctx := context.Background()
	g, _, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Replace(ctx, g); err != nil {
		b.Fatal(err)
	}
	r := graph.NewResolver(s)
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.POST{})
	srv.AroundOperations(graph.WithLoaders(r))
	c := client.New(srv)
	for _, q := range storetest.APIQuestions {
		if _, err := c.RawPost(q.Query); err != nil { // warm: metrics of this version
			b.Fatal(err)
		}
		b.Run(q.Name, func(b *testing.B) {
			times := make([]time.Duration, 0, b.N)
			for b.Loop() {
				t := time.Now()
				resp, err := c.RawPost(q.Query)
				times = append(times, time.Since(t))
				if err != nil || (len(resp.Errors) > 0 && string(resp.Errors) != "null") {
					b.Fatalf("%v %s", err, resp.Errors)
				}
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			pct := func(p float64) float64 {
				return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}
