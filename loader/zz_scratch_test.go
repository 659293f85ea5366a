package loader

import (
	"os"
	"testing"

	"github.com/partnergraph/partnergraph/gazetteer"
)

func TestZZScratch(t *testing.T) {
	for _, f := range []string{"../seeds/000_f4759afe0b904a7c.txt", "../seeds/004_0c21b22ad762fdcb.txt"} {
		data, _ := os.ReadFile(f)
		doc, _ := validate(Source{Name: f, Data: data}, DefaultMaxFileSize)
		studies, _ := segment(doc, paragraphs(doc), gazetteer.Default())
		seen := map[*paragraph]int{}
		bytes, est, ntok, paras, chunks, feats := 0, 0, 0, 0, 0, 0
		dc := newDocContext(doc, gazetteer.Default())
		for _, cs := range studies {
			for _, p := range cs.paras {
				seen[p]++
				paras++
				bytes += len(p.clean)
				est += len(p.clean)/6 + 1
				ntok += len(tokenize(p.clean))
			}
			st := scoredStudy(cs, dc, DefaultModels())
			for _, alts := range st.runs {
				for _, a := range alts {
					chunks++
					feats += len(a.feats)
				}
			}
		}
		dup := 0
		for _, n := range seen {
			if n > 1 {
				dup++
			}
		}
		t.Logf("%s: len %d studies %d paras %d (dup %d) clean bytes %d est toks %d toks %d chunks %d feats/chunk %.1f", f, len(data), len(studies), paras, dup, bytes, est, ntok, chunks, float64(feats)/float64(chunks))
	}
}
