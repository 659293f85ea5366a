package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkPipeline times the whole pipeline — read, segment, extract,
// resolve — over both seed reports; b.SetBytes makes `go test -bench`
// report MB/s.
func BenchmarkPipeline(b *testing.B) {
	benchFiles(b, []string{"../seeds/000_f4759afe0b904a7c.txt", "../seeds/004_0c21b22ad762fdcb.txt"})
}

// BenchmarkPipelineCorpus times the pipeline over the training corpus
// beside the repository (72 short web pages), where it is present.
func BenchmarkPipelineCorpus(b *testing.B) {
	files, _ := filepath.Glob("../../shared/corpus/docs/*.txt")
	if len(files) == 0 {
		b.Skip("no corpus beside the repository")
	}
	benchFiles(b, files)
}

// benchFiles times LoadDocuments over the files, reporting MB/s.
func benchFiles(b *testing.B, files []string) {
	var sources []Source
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sources = append(sources, Source{Name: filepath.Base(f), Data: data})
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

// BenchmarkSingleLine5MB is one 5 MB line of prose: the pipeline must stay
// linear in the input (no stage may rescan a paragraph per token).
func BenchmarkSingleLine5MB(b *testing.B) {
	sentence := "Stevenage Borough Council worked with the Northtown Trust and Acme Stores, who donated £500 to the Food Hub. "
	data := []byte(strings.Repeat(sentence, 5<<20/len(sentence)))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := LoadDocuments(context.Background(), []Source{{Name: "line.txt", Data: data}}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModelLoad parses the committed model file.
func BenchmarkModelLoad(b *testing.B) {
	for b.Loop() {
		if _, err := ParseModels(embeddedModel); err != nil {
			b.Fatal(err)
		}
	}
}
