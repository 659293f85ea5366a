package synth

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

func TestDeterministic(t *testing.T) {
	a, err := Generate(Options{Scale: 1, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(Options{Scale: 1, Seed: 7})
	c, _ := Generate(Options{Scale: 1, Seed: 8})
	if len(a) != len(b) {
		t.Fatalf("same seed: %d and %d documents", len(a), len(b))
	}
	size := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, document %s differs", a[i].Name)
		}
		size += len(a[i].Text)
	}
	if size < BytesPerScale*8/10 || size > BytesPerScale*12/10 {
		t.Errorf("scale 1 wrote %d bytes, want about %d", size, BytesPerScale)
	}
	if len(c) > 0 && c[0].Text == a[0].Text {
		t.Errorf("seeds 7 and 8 wrote the same first document")
	}
}

func TestBadScale(t *testing.T) {
	for _, s := range []float64{0, -1, 1e9} {
		if _, err := Generate(Options{Scale: s}); err == nil || !strings.Contains(err.Error(), "scale") {
			t.Errorf("scale %v: err %v, want one naming the scale", s, err)
		}
	}
}

// TestGrows: ten times the corpus has several times the organisations, and
// the loader finds the case studies and partners the generator wrote.
func TestGrows(t *testing.T) {
	count := func(scale float64) (orgs, councils, partnerIn int) {
		dir := t.TempDir()
		if _, _, err := Write(context.Background(), dir, Options{Scale: scale, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		g, _, err := loader.Load(context.Background(), dir, loader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range g.Nodes() {
			switch n.Kind {
			case partnergraph.KindOrganisation:
				orgs++
			case partnergraph.KindCouncil:
				councils++
			}
		}
		for _, e := range g.Edges() {
			if e.Kind == partnergraph.EdgePartnerIn {
				partnerIn++
			}
		}
		return
	}
	o1, c1, p1 := count(1)
	o5, _, p5 := count(5)
	if o1 < 100 || c1 < 50 || p1 < 300 {
		t.Fatalf("scale 1: %d organisations, %d councils, %d PARTNER_IN; the loader reads too little of it", o1, c1, p1)
	}
	if o5 < 3*o1 || p5 < 3*p1 {
		t.Errorf("scale 5 has %d organisations and %d PARTNER_IN against %d and %d at scale 1: not growing", o5, p5, o1, p1)
	}
}

// TestNoCorpusNames: no organisation the generator can name appears in the
// seed reports or the training corpus.
func TestNoCorpusNames(t *testing.T) {
	var texts []string
	for _, glob := range []string{"../seeds/*.txt", "../../shared/corpus/docs/*.txt"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, strings.ToLower(string(b)))
		}
	}
	if len(texts) == 0 {
		t.Skip("no seed or corpus documents to compare with")
	}
	w, err := newWorld(Options{Scale: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	names := append([]string{}, w.funders...)
	for _, o := range w.orgs {
		names = append(names, o.name)
	}
	for _, n := range names {
		for _, txt := range texts {
			if strings.Contains(txt, strings.ToLower(n)) {
				t.Errorf("generated name %q appears in a seed or corpus document", n)
				break
			}
		}
	}
}
