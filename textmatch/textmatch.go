// Package textmatch normalises names and finds them again from what a person
// types: case, accents, punctuation, "&" for "and", "St" for "Saint",
// apostrophes and small typos do not matter.
package textmatch

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// Normalize folds a name to the form names are compared in:
// "St Mary’s & Co." -> "saint marys and co".
func Normalize(s string) string {
	if out, ok := normalizeFast(s); ok {
		return out
	}
	return strings.Join(Tokens(s), " ")
}

// AppendNormalized appends Normalize(s) to dst: with a buffer of the
// caller's, a map keyed by normalised names is read with no allocation
// for the text the fast path reads (the gazetteer's look-ups of every
// candidate name).
func AppendNormalized(dst []byte, s string) []byte {
	if out, ok := appendNormalizedFast(dst, s); ok {
		return out
	}
	return append(dst, Normalize(s)...)
}

// normalizeFast is Normalize for text the fast path reads (ASCII and the
// common runes of fastRunes), in one pass and one allocation: the loader
// looks up every candidate name in the gazetteer, so this is on its hot path.
func normalizeFast(s string) (string, bool) {
	var arr [64]byte
	buf, ok := appendNormalizedFast(arr[:0], s)
	if !ok {
		return "", false
	}
	if string(buf) == s {
		return s, true
	}
	return string(buf), true
}

// fastRune says what the fast path makes of a rune beyond ASCII: an
// apostrophe (dropped inside a word, as "'"), a separator, or a letter
// whose accent folding (FoldAccents, then lower case) gives the ASCII
// letter held.
type fastRune struct {
	apostrophe bool
	letter     byte // 0 for a separator
}

// fastRunes are the runes beyond ASCII that documents use most (curly
// quotes, dashes, the pound sign, bullets, Latin-1 accented letters):
// names holding them are normalised without the general path's NFD and
// NFC passes and allocations. Any other rune takes the general path.
var fastRunes = func() map[rune]fastRune {
	m := map[rune]fastRune{'\u2019': {apostrophe: true}, '\u2018': {apostrophe: true}}
	for _, r := range "\u00a0\u2013\u2014\u201c\u201d\u2022\u2026\u00a3\u20ac\u00a9\u00b7" {
		m[r] = fastRune{}
	}
	for _, r := range "àáâãäåèéêëìíîïòóôõöùúûüýÿçñÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝÇÑ" {
		folded := strings.ToLower(partnergraph.FoldAccents(string(r)))
		if len(folded) != 1 || folded[0] < 'a' || folded[0] > 'z' {
			panic("textmatch: " + string(r) + " does not fold to one ASCII letter")
		}
		m[r] = fastRune{letter: folded[0]}
	}
	return m
}()

// appendNormalizedFast appends Normalize(s) to buf for text of ASCII
// bytes and fastRunes only; ok is false, and buf as given, for any other.
func appendNormalizedFast(buf []byte, s string) (_ []byte, ok bool) {
	base := len(buf)       // the normalised text starts here
	inWord, ws := false, 0 // in a word, and where it starts in buf
	flush := func() {
		if inWord && string(buf[ws:]) == "st" {
			buf = append(buf[:ws], "saint"...)
		}
		inWord = false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			f, known := fastRunes[r]
			if !known {
				return buf[:base], false
			}
			i += size - 1
			switch {
			case f.apostrophe:
				c = '\''
			case f.letter != 0:
				c = f.letter
			default:
				c = ' '
			}
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c == '\'':
			// "Aldwinkle's" and "Aldwinkles" are one word.
		case c == '&' || c == '+':
			flush()
			if len(buf) > base {
				buf = append(buf, ' ')
			}
			buf = append(buf, "and"...)
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			if !inWord {
				if len(buf) > base {
					buf = append(buf, ' ')
				}
				ws, inWord = len(buf), true
			}
			buf = append(buf, c)
		default:
			flush()
		}
	}
	flush()
	return buf, true
}

// Tokens splits a name into normalised words.
func Tokens(s string) []string {
	s = strings.ToLower(partnergraph.FoldAccents(s))
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		if w == "st" {
			w = "saint"
		}
		words = append(words, w)
	}
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			// "Aldwinkle's" and "Aldwinkles" are one word.
		case r == '&' || r == '+':
			flush()
			words = append(words, "and")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return words
}

// Match is one indexed entry that matched a search.
type Match struct {
	ID      string
	Field   string // "name" or "alias"
	Matched string
	Score   float64
}

type entry struct {
	id, field, text, norm string
	tokens                []string
	sortKey               string
}

// Index holds names and aliases to search. Build it once per graph.
//
// Search does not score every entry: a word index (each distinct word and
// the entries holding it) and the entries' normalised forms in sorted
// order give the candidates — entries holding, for every query word, that
// word, a word it starts or a close misspelling of it, and entries whose
// whole form starts with the query — and only those are scored, in entry
// order, so the answer is the one a scan of every entry would give.
type Index struct {
	entries []entry

	mu     sync.Mutex
	built  int                // entries covered by words and byNorm
	words  map[string][]int32 // word -> entries holding it, ascending
	vocab  []string           // the words, sorted
	byLen  [][]string         // the words by length in bytes, sorted
	byNorm []int32            // entries by normalised form
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{} }

// Add indexes a node's name and aliases.
func (ix *Index) Add(id, name string, aliases []string) {
	key := partnergraph.SortKey(name)
	ix.entries = append(ix.entries, entry{id: id, field: "name", text: name, norm: Normalize(name), tokens: Tokens(name), sortKey: key})
	for _, a := range aliases {
		ix.entries = append(ix.entries, entry{id: id, field: "alias", text: a, norm: Normalize(a), tokens: Tokens(a), sortKey: key})
	}
}

// build indexes the entries added since the last search.
func (ix *Index) build() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.built == len(ix.entries) {
		return
	}
	ix.words = map[string][]int32{}
	ix.byNorm = make([]int32, len(ix.entries))
	for i, e := range ix.entries {
		ix.byNorm[i] = int32(i)
		for j, t := range e.tokens {
			if slices.Contains(e.tokens[:j], t) {
				continue
			}
			ix.words[t] = append(ix.words[t], int32(i))
		}
	}
	ix.vocab = ix.vocab[:0]
	for w := range ix.words {
		ix.vocab = append(ix.vocab, w)
	}
	sort.Strings(ix.vocab)
	ix.byLen = ix.byLen[:0]
	for _, w := range ix.vocab {
		for len(ix.byLen) <= len(w) {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[len(w)] = append(ix.byLen[len(w)], w)
	}
	sort.SliceStable(ix.byNorm, func(a, b int) bool { return ix.entries[ix.byNorm[a]].norm < ix.entries[ix.byNorm[b]].norm })
	ix.built = len(ix.entries)
}

// candidates are the entries scoreEntry can give more than 0, ascending.
func (ix *Index) candidates(qn string, q []string) []int32 {
	ix.build()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var set []int32
	for i, w := range q {
		var hits []int32
		// Words equal to w or starting with it (when w has 3 letters or more).
		lo := sort.SearchStrings(ix.vocab, w)
		for j := lo; j < len(ix.vocab) && (ix.vocab[j] == w || len(w) >= 3 && strings.HasPrefix(ix.vocab[j], w)); j++ {
			hits = append(hits, ix.words[ix.vocab[j]]...)
		}
		if allowed := typoAllowance(len(w)); allowed > 0 {
			// Only words within the allowance in length can be within it
			// in edits.
			for n := max(0, len(w)-allowed); n <= len(w)+allowed && n < len(ix.byLen); n++ {
				for _, t := range ix.byLen[n] {
					if withinEdits(t, w, allowed) {
						hits = append(hits, ix.words[t]...)
					}
				}
			}
		}
		slices.Sort(hits)
		hits = slices.Compact(hits)
		if i == 0 {
			set = hits
		} else {
			set = intersect(set, hits)
		}
		if len(set) == 0 {
			break
		}
	}
	// Whole forms that equal or start with the query.
	lo := sort.Search(len(ix.byNorm), func(i int) bool { return ix.entries[ix.byNorm[i]].norm >= qn })
	var pre []int32
	for j := lo; j < len(ix.byNorm) && strings.HasPrefix(ix.entries[ix.byNorm[j]].norm, qn); j++ {
		pre = append(pre, ix.byNorm[j])
	}
	if len(pre) > 0 {
		set = append(set, pre...)
		slices.Sort(set)
		set = slices.Compact(set)
	}
	return set
}

func intersect(a, b []int32) []int32 {
	out := a[:0:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// Search returns one match per id, best first; ties go to names before
// aliases, then alphabetical order.
func (ix *Index) Search(text string) []Match {
	q := Tokens(text)
	if len(q) == 0 {
		return nil
	}
	return ix.rank(q, ix.candidates(strings.Join(q, " "), q))
}

// rank scores the candidate entries (ascending) for the query words q.
func (ix *Index) rank(q []string, candidates []int32) []Match {
	qn := strings.Join(q, " ")
	best := map[string]int{} // id -> index into out
	var out []Match
	var keys []string
	for _, c := range candidates {
		e := ix.entries[c]
		score := scoreEntry(qn, q, e)
		if score <= 0 {
			continue
		}
		m := Match{ID: e.id, Field: e.field, Matched: e.text, Score: score}
		if i, ok := best[e.id]; ok {
			if score > out[i].Score || (score == out[i].Score && e.field == "name" && out[i].Field != "name") {
				out[i] = m
			}
			continue
		}
		best[e.id] = len(out)
		out = append(out, m)
		keys = append(keys, e.sortKey)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := out[idx[a]], out[idx[b]]
		if x.Score != y.Score {
			return x.Score > y.Score
		}
		if (x.Field == "name") != (y.Field == "name") {
			return x.Field == "name"
		}
		if keys[idx[a]] != keys[idx[b]] {
			return keys[idx[a]] < keys[idx[b]]
		}
		return x.ID < y.ID
	})
	sorted := make([]Match, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// scoreEntry ranks: exact 1, prefix 0.9, every word present 0.8, every word
// present or a close misspelling 0.6, scaled down a little for longer fields
// so that the tightest match wins.
func scoreEntry(qn string, q []string, e entry) float64 {
	if e.norm == "" {
		return 0
	}
	tightness := float64(len(qn)) / float64(max(len(qn), len(e.norm)))
	switch {
	case e.norm == qn:
		return 1
	case strings.HasPrefix(e.norm, qn):
		return 0.8 + 0.1*tightness
	}
	exact, fuzzy := 0, 0
	for _, w := range q {
		switch found(w, e.tokens) {
		case 2:
			exact++
		case 1:
			fuzzy++
		default:
			return 0
		}
	}
	if fuzzy == 0 {
		return 0.6 + 0.1*tightness
	}
	return 0.4 + 0.1*tightness - 0.05*float64(fuzzy-1)
}

// found is 2 when w is a word (or, for the last typed word, the start of a
// word) of tokens, 1 when a word is within the typo allowance, 0 otherwise.
func found(w string, tokens []string) int {
	near := false
	for _, t := range tokens {
		if t == w || (len(w) >= 3 && strings.HasPrefix(t, w)) {
			return 2
		}
		if allowed := typoAllowance(len(w)); allowed > 0 && abs(len(t)-len(w)) <= allowed &&
			withinEdits(t, w, allowed) {
			near = true
		}
	}
	if near {
		return 1
	}
	return 0
}

func typoAllowance(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
