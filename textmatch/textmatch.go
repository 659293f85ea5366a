// Package textmatch normalises names and finds them again from what a person
// types: case, accents, punctuation, "&" for "and", "St" for "Saint",
// apostrophes and small typos do not matter.
package textmatch

import (
	"sort"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"
	"github.com/partnergraph/partnergraph"
)

// Normalize folds a name to the form names are compared in:
// "St Mary’s & Co." -> "saint marys and co".
func Normalize(s string) string {
	return strings.Join(Tokens(s), " ")
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
			// "Alzheimer's" and "Alzheimers" are one word.
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
type Index struct {
	entries []entry
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

// Search returns one match per id, best first; ties go to names before
// aliases, then alphabetical order.
func (ix *Index) Search(text string) []Match {
	q := Tokens(text)
	if len(q) == 0 {
		return nil
	}
	qn := strings.Join(q, " ")
	best := map[string]int{} // id -> index into out
	var out []Match
	var keys []string
	for _, e := range ix.entries {
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
			levenshtein.ComputeDistance(t, w) <= allowed {
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
