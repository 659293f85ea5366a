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

// TestThingHeadedNameIsAnInitiative: a name ending with a document's or a
// scheme's head noun is an initiative, never an organisation.
func TestThingHeadedNameIsAnInitiative(t *testing.T) {
	for _, tt := range []struct {
		last string
		want bool
	}{
		{"strategy", true}, {"plan", true}, {"portal", true}, {"scheme", true}, {"hub", true},
		{"trust", false}, {"foods", false}, {"partnership", false},
	} {
		if got := setUpThing(tt.last); got != tt.want {
			t.Errorf("setUpThing(%q) = %v, want %v", tt.last, got, tt.want)
		}
	}
	g := loadText(t, "Tamworth Borough Council – Food Hub\n\n"+
		"Tamworth Borough Council worked with the Northtown Community Trust, Zorbo Foods and the Westvale Recovery Strategy on the Food Hub.\n")
	if orgs := organisationNames(g); slices.Contains(orgs, "Westvale Recovery Strategy") {
		t.Errorf("organisations %q hold a strategy", orgs)
	}
}
