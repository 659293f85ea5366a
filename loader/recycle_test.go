package loader

import (
	"slices"
	"testing"

	"github.com/partnergraph/partnergraph/gazetteer"
	"github.com/partnergraph/partnergraph/synth"
)

// TestRecycledSlabsScoreAsFresh: extraction builds each study's features in
// the arrays of the study before, or of the document before
// (docContext.recycle, slabPool); every chunk must
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
	var feats [][]string
	var ents [][]*featEntry
	for _, d := range docs {
		doc, err := validate(Source{Name: d.Name, Data: []byte(d.Text)}, DefaultMaxFileSize)
		if err != nil {
			t.Fatal(err)
		}
		recycled, fresh := newDocContext(doc, gaz), newDocContext(doc, gaz)
		recycled.recycle = true
		// and the arrays of the document before, as extractDocument takes
		// them from slabPool
		recycled.featArrays, recycled.entArrays = feats, ents
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
		feats, ents = recycled.featArrays, recycled.entArrays
	}
	if studies < 10 {
		t.Fatalf("only %d studies", studies)
	}
}
