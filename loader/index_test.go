package loader

import (
	"os"
	"slices"
	"testing"

	"github.com/partnergraph/partnergraph/gazetteer"
)

// TestIndexedScoringIsTheModelsOwn: extraction builds features and scores
// through the models' feature index (tables of closed-class words, shapes
// and the models' open-class words), training builds them by name with no
// models. Over both seed reports every chunk must get the same features
// either way, and probsOf and explainOf must give what Probs and Explain
// give for them; else a model would be scored on features it was not
// trained on, silently.
func TestIndexedScoringIsTheModelsOwn(t *testing.T) {
	models := DefaultModels()
	gaz := gazetteer.Default()
	chunks := 0
	for path, doc := range seedDocuments(t) {
		for _, cs := range studiesOf(doc, gaz) {
			plain := scoredStudy(cs, newDocContext(doc, gaz), nil)
			indexed := scoredStudy(cs, newDocContext(doc, gaz), models)
			slot := indexed.index.slot(models.Mentions)
			for r, alts := range indexed.runs {
				for i, a := range alts {
					chunks++
					// the list model's features are appended after scoring
					own := a.feats[:len(plain.runs[r][i].feats)]
					if !slices.Equal(own, plain.runs[r][i].feats) {
						t.Fatalf("%s %q: indexed features %v, by name %v", path, a.text(), own, plain.runs[r][i].feats)
					}
					if len(a.ents) != len(a.feats) {
						t.Fatalf("%s %q: %d index entries for %d features", path, a.text(), len(a.ents), len(a.feats))
					}
					k := len(models.Mentions.Classes)
					got := models.Mentions.probsOf(make([]float64, k), a.ents[:len(own)], slot)
					if want := models.Mentions.Probs(own); !slices.Equal(got, want) {
						t.Fatalf("%s %q: probsOf %v, Probs %v", path, a.text(), got, want)
					}
					if got, want := models.Mentions.explainOf(own, a.ents, slot, 1, 3), models.Mentions.Explain(own, 1, 3); got != want {
						t.Fatalf("%s %q: explainOf %q, Explain %q", path, a.text(), got, want)
					}
				}
			}
		}
	}
	if chunks < 1000 {
		t.Fatalf("only %d chunks compared", chunks)
	}
}

// The funder model scores through the index too: over both seed reports,
// every chunk's frame features built with the index are frameFeatures (what
// training sees), and probsOf and explainOf give what Probs and Explain
// give for them.
func TestIndexedFunderScoringIsTheModelsOwn(t *testing.T) {
	models := DefaultModels()
	gaz := gazetteer.Default()
	chunks := 0
	for path, doc := range seedDocuments(t) {
		dc := newDocContext(doc, gaz)
		for _, cs := range studiesOf(doc, gaz) {
			for _, alts := range scoredStudy(cs, dc, nil).runs {
				for _, a := range alts {
					chunks++
					want := frameFeatures(a.chunk)
					fb := dc.frameBuilder(models)
					frameFeaturesTo(a.chunk, fb)
					if !slices.Equal(fb.feats, want) || len(fb.ents) != len(want) {
						t.Fatalf("%s %q: indexed frame features %v (%d entries), by name %v", path, a.text(), fb.feats, len(fb.ents), want)
					}
					slot := fb.index.slot(models.Funders)
					got := models.Funders.probsOf(make([]float64, 2), fb.ents, slot)
					if p := models.Funders.Probs(want); !slices.Equal(got, p) {
						t.Fatalf("%s %q: probsOf %v, Probs %v", path, a.text(), got, p)
					}
					if got, want := models.Funders.explainOf(fb.feats, fb.ents, slot, 1, 3), models.Funders.Explain(want, 1, 3); got != want {
						t.Fatalf("%s %q: explainOf %q, Explain %q", path, a.text(), got, want)
					}
				}
			}
		}
	}
	if chunks < 1000 {
		t.Fatalf("only %d chunks compared", chunks)
	}
}

// seedDocuments reads and validates both seed reports, by path.
func seedDocuments(t *testing.T) map[string]*document {
	t.Helper()
	out := map[string]*document{}
	for _, path := range []string{"../seeds/000_f4759afe0b904a7c.txt", "../seeds/004_0c21b22ad762fdcb.txt"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if out[path], err = validate(Source{Name: path, Data: data}, DefaultMaxFileSize); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
