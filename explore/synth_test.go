package explore

import (
	"context"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/synth"
)

// synthGraph extracts the graph of a synthetic corpus of the given scale
// and seed (see synth), written to a temporary folder.
func synthGraph(tb testing.TB, scale float64, seed uint64) *pg.Graph {
	tb.Helper()
	dir := tb.TempDir()
	if _, _, err := synth.Write(context.Background(), dir, synth.Options{Scale: scale, Seed: seed}); err != nil {
		tb.Fatal(err)
	}
	g, _, err := loader.Load(context.Background(), dir, loader.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}
