package loader

import (
	"sort"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestASCIISpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acme\u00a0Trust", "Acme Trust"},
		{"£1.5\u202fmillion", "£1.5 million"},
		{"a\u2009b\u3000c\u205fd", "a b c d"},
		{"zero\u200bwidth", "zero\u200bwidth"}, // not a space between words
		{"café, plain", "café, plain"},
	}
	for _, tc := range tests {
		if got := asciiSpaces(tc.in); got != tc.want {
			t.Errorf("asciiSpaces(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDecodeEntities(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Food &amp; Wellbeing", "Food & Wellbeing"},
		{"Carer&#39;s Friends and Acme&rsquo;s", "Carer's Friends and Acme’s"},
		{"&#x2019; and &pound;5", "’ and £5"},
		{"AT&T and P&L; stay", "AT&T and P&L; stay"}, // no such entity as "&L;"
		{"line&#10;end", "line end"},                 // lines keep their numbers
		{"&notanentity; &amp", "&notanentity; &amp"},
		{"no ampersand", "no ampersand"},
	}
	for _, tc := range tests {
		if got := decodeEntities(tc.in); got != tc.want {
			t.Errorf("decodeEntities(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNoBreakSpacesReadAsSpaces: a document whose spaces are partly no-break
// spaces (as text copied from a web page) gives the bodies the same text with
// ASCII spaces gives.
func TestNoBreakSpacesReadAsSpaces(t *testing.T) {
	plain := "Basildon Borough Council – Food Hub\n\nMembers of Newark and Sherwood District Council have agreed to fund the hub. " +
		"Basildon Borough Council worked with the Acme Community Trust and Hilltop Food Bank to deliver parcels.\n"
	nbsp := strings.NewReplacer("of Newark", "of\u00a0Newark", "Council have", "Council\u00a0have", "Council worked with the", "Council\u00a0worked with\u00a0the",
		"Trust and Hilltop", "Trust\u00a0and Hilltop", "Bank to", "Bank\u00a0to").Replace(plain)
	bodies := func(text string) []string {
		var out []string
		for _, n := range loadText(t, text).Nodes() {
			if n.Kind == partnergraph.KindOrganisation || n.Kind == partnergraph.KindCouncil {
				out = append(out, n.ID+" "+n.Name)
			}
		}
		sort.Strings(out)
		return out
	}
	want, got := bodies(plain), bodies(nbsp)
	if len(want) == 0 || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("with no-break spaces: %q; with spaces: %q", got, want)
	}
}
