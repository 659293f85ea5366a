package loader

import (
	"slices"
	"testing"

	"github.com/partnergraph/partnergraph/gazetteer"
	"github.com/partnergraph/partnergraph/synth"
)

// TestRecycledSlabsScoreAsFresh: extraction builds each study's features in
// the arrays of the study before (docContext.recycle); every chunk must
// get the features, entries and probabilities a document context that
// recycles nothing gives it, study after study.
func TestRecycledSlabsScoreAsFresh(t *testing.T) {
	docs, err := synth.Generate(synth.Options{Scale: 0.3, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	models := DefaultModels()
	gaz := gazetteer.Default()
	studies := 0
	for _, d := range docs {
		doc, err := validate(Source{Name: d.Name, Data: []byte(d.Text)}, DefaultMaxFileSize)
		if err != nil {
			t.Fatal(err)
		}
		recycled, fresh := newDocContext(doc, gaz), newDocContext(doc, gaz)
		recycled.recycle = true
		for _, cs := range studiesOf(doc, gaz) {
			studies++
			got, want := scoredStudy(cs, recycled, models), scoredStudy(cs, fresh, models)
			for r, alts := range got.runs {
				for i, a := range alts {
					w := want.runs[r][i]
					if !slices.Equal(a.feats, w.feats) || !slices.Equal(a.ents, w.ents) || !slices.Equal(a.probs, w.probs) {
						t.Fatalf("%s %q: recycled features %v, fresh %v", d.Name, a.text(), a.feats, w.feats)
					}
				}
			}
		}
	}
	if studies < 10 {
		t.Fatalf("only %d studies", studies)
	}
}
