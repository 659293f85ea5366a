package loader

import (
	"slices"
	"sort"
	"testing"
)

// TestSchemeAcronyms: an acronym defined just before a scheme noun names a
// scheme, and so do the words it abbreviates; before any other word it may
// be a body's.
func TestSchemeAcronyms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The Northtown Lend A Hand (NLAH) scheme began in March.", []string{"NLAH", "Northtown Lend A Hand", "The Northtown Lend A Hand"}},
		{"Towns shared the Westshire Business Recovery (WBR) Fund.", []string{"WBR", "Westshire Business Recovery"}},
		{"The Zorbo Volunteer Trust (ZVT) helped.", nil},
		{"The Zorbo Volunteer Trust (ZVT) volunteers helped.", nil},
		{"Eastvale District Council (EDC) funds the hub.", nil}, // a verb, not the noun
		{"Calls went to the trust (ZVT) scheme.", nil},          // the initials spell nothing before it
	}
	for _, tt := range tests {
		ps := passageOf(tt.text)
		acronyms := map[string]string{}
		acronymsOf(ps, acronyms)
		var got []string
		for w := range schemeAcronymsOf(ps, acronyms, nil) {
			got = append(got, w)
		}
		sort.Strings(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("schemeAcronymsOf(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
