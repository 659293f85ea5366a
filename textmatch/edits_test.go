package textmatch

import (
	"strings"
	"testing"

	"github.com/agnivade/levenshtein"
)

func TestWithinEdits(t *testing.T) {
	long := strings.Repeat("fenmoor", 10)
	for _, c := range [][2]string{
		{"", ""}, {"", "a"}, {"ab", ""}, {"trust", "trust"}, {"trust", "trsut"}, {"trust", "trusts"},
		{"fenmoor", "fenmore"}, {"fenmoor", "fnmoor"}, {"fenmoor", "xfenmoor"}, {"kitten", "sitting"},
		{"partnership", "partnerships"}, {"partnership", "parnetship"}, {"council", "counsel"},
		{"ærø", "aro"}, {"ærø", "ærøs"}, {"café", "cafe"}, {"naïve", "naive"}, {"日本語", "日本"},
		{long, long + "s"}, {long, "x" + long[1:]}, {long, long[:40]}, {"aaaa", "bbbb"}, {"abcd", "dcba"},
	} {
		a, b := c[0], c[1]
		d := levenshtein.ComputeDistance(a, b)
		for k := 0; k <= 4; k++ {
			if got := withinEdits(a, b, k); got != (d <= k) {
				t.Errorf("withinEdits(%q, %q, %d) = %v; the distance is %d", a, b, k, got, d)
			}
		}
	}
}

// FuzzWithinEdits holds withinEdits to the levenshtein package it replaces.
func FuzzWithinEdits(f *testing.F) {
	f.Add("fenmoor", "fenmore", 1)
	f.Add("ærø trust", "aero trust", 2)
	f.Add("partnership", "parnetship", 2)
	f.Fuzz(func(t *testing.T, a, b string, k int) {
		if k < 0 || k > 8 || len(a) > 100 || len(b) > 100 {
			return
		}
		if d := levenshtein.ComputeDistance(a, b); withinEdits(a, b, k) != (d <= k) {
			t.Fatalf("withinEdits(%q, %q, %d) = %v; the distance is %d", a, b, k, !(d <= k), d)
		}
	})
}
