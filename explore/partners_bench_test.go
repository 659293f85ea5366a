package explore

import (
	"context"
	"os"
	"strconv"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
)

// BenchmarkPartnersOfSynth derives, uncached, the partners of one council
// after another of a synthetic corpus (PARTNERGRAPH_BENCH_SCALE times the
// seeds' size, 10 by default): what a council's first partners question
// costs explore over the in-memory store.
func BenchmarkPartnersOfSynth(b *testing.B) {
	ctx := context.Background()
	scale := 10.0
	if v, err := strconv.ParseFloat(os.Getenv("PARTNERGRAPH_BENCH_SCALE"), 64); err == nil {
		scale = v
	}
	g := synthGraph(b, scale, 1)
	store := inmem.New()
	if _, err := store.Replace(ctx, g); err != nil {
		b.Fatal(err)
	}
	s := &Service{Store: store}
	var councils []string
	for _, n := range g.Nodes() {
		if n.Kind == pg.KindCouncil {
			councils = append(councils, n.ID)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		id := councils[(i*7)%len(councils)]
		if _, err := s.PartnersOf(ctx, []string{id}); err != nil {
			b.Fatal(err)
		}
	}
}
