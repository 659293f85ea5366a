package loader

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/partnergraph/partnergraph"
)

// normNameByRunes is normName as first written, over the name's runes:
// the reference the byte-reading normName is held to.
func normNameByRunes(s string) string {
	if !partnergraph.IsASCII(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	space := true
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := unicode.ToLower(rs[i])
		switch {
		case r == '\u2019' || r == '\u2018' || r == '\'':
			if i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') && (i+2 == len(rs) || !isWordRune(rs[i+2])) {
				i++
				continue
			}
			r = ' '
		case r == '&':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	out := strings.TrimSpace(b.String())
	out = strings.TrimPrefix(out, "the ")
	for _, suf := range []string{" ltd", " limited", " plc", " cic"} {
		out = strings.TrimSuffix(out, suf)
	}
	return out
}

// Random names from the characters normName treats apart (apostrophes
// before an s, "&", accents, a leading "the", corporate suffixes, bytes
// that are no UTF-8) give what the rune-by-rune reference gives.
func TestNormNameAsByRunes(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"a", "S", "s", "t", "'", "\u2019", "\u2018", "&", " ", "-", "é", "Ô", "ﬁ", "9", "_", "The ", " Ltd", " cic", " PLC", "\xff", "\u00a0", "ǅ"}
	for range 30000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := normName(s), normNameByRunes(s); got != want {
			t.Fatalf("normName(%q) = %q, want %q", s, got, want)
		}
	}
	long := strings.Repeat("Northtown & Vale’s Trust ", 20) // past the stack buffer
	if got, want := normName(long), normNameByRunes(long); got != want {
		t.Fatalf("normName of a long name = %q, want %q", got, want)
	}
}
