package loader

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name     string
		aliases  []string
		business bool
		want     partnergraph.Sector
	}{
		{"Northtown Clinical Commissioning Group", nil, false, partnergraph.SectorHealth},
		{"Department for Work and Pensions", nil, false, partnergraph.SectorGovernment},
		{"Northtown College", nil, false, partnergraph.SectorEducation},
		{"St Mary's Church", nil, false, partnergraph.SectorFaith},
		{"Northtown Homes", nil, false, partnergraph.SectorHousing},
		{"Northshire Fire and Rescue Service", nil, false, partnergraph.SectorPublic},
		{"Acme Widgets Ltd", nil, false, partnergraph.SectorBusiness},
		{"Northtown Foodbank", nil, false, partnergraph.SectorVoluntary},
		{"Women's Health in Northtown", []string{"WHIN"}, false, partnergraph.SectorHealth},
		{"Acme", nil, true, partnergraph.SectorBusiness}, // named in a list of businesses
		{"Acme", nil, false, partnergraph.SectorOther},
		{"Northtown Trusts", nil, false, partnergraph.SectorVoluntary}, // plural head
	}
	for _, tt := range tests {
		m := &mention{name: tt.name, aliases: tt.aliases, business: tt.business}
		if got := classify(m); got != tt.want {
			t.Errorf("classify(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// classify answers as looking for every entry of sectorWords in the name,
// list by list, did: over names made of entries, their plurals, pieces of
// them and other words, with aliases and doubled spaces.
func TestClassifyAsEveryEntryInTurn(t *testing.T) {
	byEntries := func(m *mention) partnergraph.Sector {
		name := " " + strings.ToLower(m.name) + " "
		for _, a := range m.aliases {
			name += strings.ToLower(a) + " "
		}
		for _, sw := range sectorWords {
			for _, w := range sw.words {
				if strings.Contains(name, " "+w+" ") || strings.Contains(name, " "+w+"s ") {
					return sw.sector
				}
			}
		}
		if m.business {
			return partnergraph.SectorBusiness
		}
		return partnergraph.SectorOther
	}
	var vocab []string
	for _, sw := range sectorWords {
		for _, w := range sw.words {
			vocab = append(vocab, w, w+"s", strings.ToUpper(w[:1])+w[1:], w[:len(w)-1], w+"x")
		}
	}
	vocab = append(vocab, "Acme", "Northtown", "and", "the", "", "of", "-", "(", "ltd.")
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		words := make([]string, 1+r.IntN(4))
		for i := range words {
			words[i] = vocab[r.IntN(len(vocab))]
		}
		sep := " "
		if r.IntN(5) == 0 {
			sep = "  "
		}
		m := &mention{name: strings.Join(words, sep), business: r.IntN(2) == 0}
		if r.IntN(3) == 0 {
			m.aliases = []string{vocab[r.IntN(len(vocab))]}
		}
		if got, want := classify(m), byEntries(m); got != want {
			t.Fatalf("classify(%q, %q) = %q, by every entry %q", m.name, m.aliases, got, want)
		}
	}
}
