package explore

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
)

// While the metrics of a large graph are computed, questions that ask
// for them are told so at once, the network comes without them, and
// questions that do not ask never wait; once computed, they are there.
func TestMetricsInTheBackground(t *testing.T) {
	ctx := context.Background()
	g := pg.NewGraph()
	ev := []pg.Evidence{{DocumentID: "doc:a", LineStart: 1, LineEnd: 1, Quote: "q"}}
	if _, err := g.AddNode(&pg.Node{ID: "initiative:x:hub", Kind: pg.KindInitiative, Name: "Hub", Evidence: ev}); err != nil {
		t.Fatal(err)
	}
	for i := range SyncMetricsLimit + 10 {
		id := fmt.Sprintf("org:o%05d", i)
		if _, err := g.AddNode(&pg.Node{ID: id, Kind: pg.KindOrganisation, Name: id, Evidence: ev}); err != nil {
			t.Fatal(err)
		}
		if i%50 == 0 {
			if _, err := g.AddEdge(&pg.Edge{Kind: pg.EdgePartnerIn, Source: id, Target: "initiative:x:hub", Evidence: ev}); err != nil {
				t.Fatal(err)
			}
		}
	}
	store := inmem.New()
	if _, err := store.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	started := make(chan struct{})
	computeMetrics = func(ctx context.Context, v string, g *pg.Graph) (*Metrics, error) {
		close(started)
		<-release
		return ComputeMetrics(ctx, v, g)
	}
	defer func() { computeMetrics = ComputeMetrics }()

	s := &Service{Store: store}
	if err := s.StartMetrics(ctx); err != nil {
		t.Fatal(err)
	}
	<-started
	quick, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := s.MetricsIfReady(quick); !errors.Is(err, ErrMetricsNotReady) {
		t.Fatalf("MetricsIfReady while computing: %v, want ErrMetricsNotReady", err)
	}
	if ready, err := s.MetricsReady(quick); err != nil || ready {
		t.Fatalf("MetricsReady while computing: %v %v", ready, err)
	}
	var inputErr *InputError
	if _, err := s.Measure(quick, OrderPageRank); !errors.As(err, &inputErr) {
		t.Fatalf("ordering by PageRank while computing: %v, want an input error saying so", err)
	}
	net, err := s.Network(quick, "initiative:x:hub", 1, nil, Bipartite, 100)
	if err != nil || net.MetricsReady || len(net.Nodes) != 1+(SyncMetricsLimit+10+49)/50 {
		t.Fatalf("network while computing: %v, ready %v, %d nodes", err, net.MetricsReady, len(net.Nodes))
	}
	if _, err := s.Stats(quick); err != nil {
		t.Fatal(err)
	}
	if quick.Err() != nil {
		t.Fatal("questions waited for the metrics")
	}
	close(release)
	m, err := s.Metrics(quick)
	if err != nil {
		t.Fatal(err)
	}
	if m.Degree["org:o00000"] != (SyncMetricsLimit+10+49)/50-1 {
		t.Errorf("degree %d", m.Degree["org:o00000"])
	}
	if ready, _ := s.MetricsReady(quick); !ready {
		t.Error("metrics computed but not ready")
	}
}
