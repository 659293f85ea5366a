package loader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph/synth"
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
	sentence := "Basildon Borough Council worked with the Northtown Trust and Acme Stores, who donated £500 to the Food Hub. "
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

// BenchmarkRepeatedShapes runs the pipeline over texts that repeat one small
// shape (initials, spaced headings, lists, acronyms, headlines) at 16 KB and
// 64 KB: a stage that is quadratic in some shape shows as MB/s falling
// fourfold from the first size to the second (a 16 KB run of "A. " once took
// 1.9 s).
func BenchmarkRepeatedShapes(b *testing.B) {
	shapes := map[string]string{
		"initials":        "A. ",
		"spaced-headings": "A C M E\n",
		"and-list":        "Acme Trust and ",
		"comma-list":      "Acme Trust, ",
		"acronyms":        "Acme Trust (AT) ",
		"definite":        "the Acme ",
		"headlines":       "Northtown Council – Food Hub\n",
		"glance-boxes":    "At a glance\nCouncil: Northtown Council\n",
		"donations":       "They donated £5 to the Acme Fund. ",
		"lines":           "Acme Trust\n",
	}
	for name, shape := range shapes {
		for _, size := range []int{16 << 10, 64 << 10} {
			data := []byte(strings.Repeat(shape, size/len(shape)))
			b.Run(fmt.Sprintf("%s/%dKB", name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, _, err := LoadDocuments(context.Background(), []Source{{Name: "shape.txt", Data: data}}, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkPipelineSynth times the pipeline over a synthetic corpus of
// PARTNERGRAPH_BENCH_SCALE times the seeds' size (1 by default; see
// partnergraph synth): MB/s at 1, 10 and 100 shows whether some stage costs
// more per byte as the corpus grows (long partner lists, resolution across
// documents, the graph's maps).
func BenchmarkPipelineSynth(b *testing.B) {
	scale := 1.0
	if v, err := strconv.ParseFloat(os.Getenv("PARTNERGRAPH_BENCH_SCALE"), 64); err == nil {
		scale = v
	}
	docs, err := synth.Generate(synth.Options{Scale: scale, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	sources := make([]Source, len(docs))
	total := 0
	for i, d := range docs {
		sources[i] = Source{Name: d.Name, Data: []byte(d.Text)}
		total += len(d.Text)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := LoadDocuments(context.Background(), sources, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
