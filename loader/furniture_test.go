package loader

import (
	"strings"
	"testing"
)

// TestFurnitureAsWhenLowerCasedFirst: isFurniture and isBlockHeading, which
// lower-case only the lines that can match, answer as when every line was
// lower-cased first, letters beyond ASCII included.
func TestFurnitureAsWhenLowerCasedFirst(t *testing.T) {
	furnitureBefore := func(p *paragraph, repeated map[string]int) bool {
		t := strings.TrimSpace(p.text)
		if len(t) > 400 {
			return len(p.lines) == 1 && repeated[t] > 1
		}
		lower := strings.ToLower(t)
		words, last := countFields(lower, 13)
		if words == 0 {
			return true
		}
		if strings.HasPrefix(lower, "source: ") && len(p.lines) == 1 && p.lines[0] <= 2 {
			return true
		}
		if words <= 12 {
			for _, ph := range furniturePhrases {
				if strings.Contains(lower, ph) {
					return true
				}
			}
			if captionEnds[strings.Trim(last, ".:)")] && !strings.ContainsAny(t, ".!?") {
				return true
			}
		}
		return len(p.lines) == 1 && repeated[t] > 1
	}
	lines := []string{"", "   ", "Source: https://example.org/a", "SOURCE: x", "Sources: x", "Source:x", "Şource: x",
		"Related Stories", "## Related stories:", "RELATED STORIES", "Most Read", "You may also like ...",
		"Coronavirus image", "Picture: Northtown Council", "Coronavirus IMAGE.", "Photo: Acme (supplied)",
		"The Northtown Food Hub opened its doors to families on Monday.", "İstanbul image", "\u212Aelvin image",
		"SIGN IN", "Print this page", "Follow us on Twitter", strings.Repeat("word ", 12) + "image",
		strings.Repeat("word ", 13) + "image", strings.Repeat("Related stories ", 30), "\xff\xfe image", "related\u00a0stories",
		"Re\u0130ated stories", strings.Repeat("\u212A", 17), strings.Repeat("\u212A", 30) + " related stories"}
	for _, text := range lines {
		for _, line := range []int{1, 2, 3} {
			for _, n := range []int{1, 2} {
				p := &paragraph{text: text, lines: []int{line, line + 1}[:n]}
				repeated := map[string]int{strings.TrimSpace(text): 2}
				if got, want := isFurniture(p, repeated), furnitureBefore(p, repeated); got != want {
					t.Errorf("isFurniture(%q, line %d, %d lines) = %v, want %v", text, line, n, got, want)
				}
			}
		}
		want := blockHeadings[strings.ToLower(strings.Trim(strings.TrimSpace(text), ":#* "))]
		if got := isBlockHeading(text); got != want {
			t.Errorf("isBlockHeading(%q) = %v, want %v", text, got, want)
		}
	}
}
