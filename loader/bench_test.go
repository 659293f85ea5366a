package loader

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPipeline times the whole pipeline — read, segment, extract,
// resolve — over both seed reports; b.SetBytes makes `go test -bench`
// report MB/s.
func BenchmarkPipeline(b *testing.B) {
	var sources []Source
	total := 0
	for _, f := range []string{"000_f4759afe0b904a7c.txt", "004_0c21b22ad762fdcb.txt"} {
		data, err := os.ReadFile(filepath.Join("../seeds", f))
		if err != nil {
			b.Fatal(err)
		}
		sources = append(sources, Source{Name: f, Data: data})
		total += len(data)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := LoadDocuments(context.Background(), sources, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
