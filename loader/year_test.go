package loader

import (
	"strings"
	"testing"
)

// TestFindYearIsYearRe: findYear finds what yearRe.FindString finds.
func TestFindYearIsYearRe(t *testing.T) {
	lines := []string{"", "2020", "Published 3 March 2021", "©2019 Acme", "12020", "2020s", "_2020", "2020_", "x2020 2031",
		"20201 2044 2041", "é2020", "2020é", "20 20", "Posted 2049-01-01", "1999, 2000.", "2a2020", "202", "22045 2046"}
	for i := range 3000 {
		var b strings.Builder
		const alphabet = "20 41_9a-\xc3"
		for j := range 8 {
			b.WriteByte(alphabet[(i*7+j*j*3+i/5)%len(alphabet)])
		}
		lines = append(lines, b.String())
	}
	for _, s := range lines {
		if got, want := findYear(s), yearRe.FindString(s); got != want {
			t.Errorf("findYear(%q) = %q, yearRe finds %q", s, got, want)
		}
	}
}
