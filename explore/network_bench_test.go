package explore

import (
	"context"
	"testing"

	"github.com/partnergraph/partnergraph/inmem"
)

// BenchmarkNetworkSynth asks a 10x synthetic corpus for its whole network
// (limit 5000) with the metrics ready: explore's share of the request.
func BenchmarkNetworkSynth(b *testing.B) {
	ctx := context.Background()
	g := synthGraph(b, 10, 1)
	store := inmem.New()
	if _, err := store.Replace(ctx, g); err != nil {
		b.Fatal(err)
	}
	s := &Service{Store: store}
	if _, err := s.Metrics(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		net, err := s.Network(ctx, "", 1, nil, Bipartite, MaxNetworkLimit)
		if err != nil || len(net.Nodes) == 0 || !net.MetricsReady {
			b.Fatalf("%v %v", err, net)
		}
	}
}
