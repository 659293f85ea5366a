package loader

import (
	"regexp"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gazetteer"
)

// councilRef is a council as a case study names it: a gazetteer authority,
// or a town/parish council or political group found by pattern.
type councilRef struct {
	name   string // as printed, fullest form seen
	auth   *gazetteer.Authority
	local  string      // "Town council", "Parish council", "Community council", "Political group"
	parent *councilRef // the council a town council or group belongs to, when known
}

// id is the council's stable id: the gazetteer code when known.
func (c *councilRef) id() string {
	if c.auth != nil {
		return partnergraph.CouncilIDPrefix + strings.ToLower(c.auth.Code)
	}
	return partnergraph.CouncilIDPrefix + partnergraph.Slug(c.name)
}

// shortName is the place the council is named after, for initiative ids.
func (c *councilRef) shortName() string {
	if c.auth != nil {
		return c.auth.NiceName
	}
	return c.name
}

// councilMention is a council named at text[start:end].
type councilMention struct {
	start, end int
	ref        *councilRef
}

var (
	groupSuffix = regexp.MustCompile(`^\s*(?:[–-]\s*)?(?:(?:Labour|Conservative|Liberal Democrats?|Green|Independent|Plaid Cymru|SNP)(?:\s+(?:and|&)\s+Co-?operative)?|Co-?operative)\s+(?:Party\s+)?Group\b`)
	boroughOf   = regexp.MustCompile(`\b(?:London|Royal) Borough of [A-Z][a-z]+(?:(?: and | upon | on |-)[A-Z][a-z]+)*`)
)

// connectors may stand inside a council's name.
var connectors = map[string]bool{"and": true, "&": true, "of": true, "upon": true, "on": true, "the": true, "in": true, "with": true}

// findCouncils finds the councils named in text: every "Council" preceded
// by capitalised words that the gazetteer knows, town and parish councils,
// council political groups, and "London Borough of X".
func findCouncils(text string, gaz *gazetteer.Gazetteer) []councilMention {
	var out []councilMention
	var boroughLocs [][]int
	if strings.Contains(text, "Borough of") { // the pattern's fixed words, checked before the pattern runs
		boroughLocs = boroughOf.FindAllStringIndex(text, -1)
	}
	for _, loc := range boroughLocs {
		if a, ok := gaz.Lookup(text[loc[0]:loc[1]]); ok {
			out = append(out, councilMention{start: loc[0], end: loc[1], ref: &councilRef{name: a.OfficialName, auth: a}})
		}
	}
	boroughs := len(out)
	// every whole-word "Council"/"council", found in one pass over the text
	for _, at := range wordPositions(text, "ouncil") {
		end := at + len("Council")
		if strings.HasPrefix(text[end:], "s") && !strings.HasPrefix(text[end:], "s’") {
			end++ // "Derbyshire Dales District Councils"
		}
		if m, ok := councilBefore(text, at, end, gaz); ok {
			if overlaps(out[:boroughs], m.start) || (len(out) > boroughs && overlaps(out[len(out)-1:], m.start)) {
				continue // mentions after the boroughs come in text order: only the last can overlap
			}
			if g := groupAfter(text, m.end); g != nil {
				parent := m.ref
				grp := strings.TrimSpace(text[m.start : m.end+g[1]])
				m = councilMention{start: m.start, end: m.end + g[1], ref: &councilRef{name: grp, local: "Political group", parent: parent}}
			}
			out = append(out, m)
		}
	}
	return out
}

func overlaps(ms []councilMention, pos int) bool {
	for _, m := range ms {
		if pos >= m.start && pos < m.end {
			return true
		}
	}
	return false
}

// indexWord finds the first whole-word occurrence of any of the words.
func indexWord(s string, words ...string) int {
	best := -1
	for _, w := range words {
		from := 0
		for {
			k := strings.Index(s[from:], w)
			if k < 0 {
				break
			}
			k += from
			okBefore := k == 0 || !isWordByte(s[k-1]) || !isWordByte(w[0])
			after := k + len(w)
			okAfter := after >= len(s) || !isWordByte(s[after]) || s[after] == 's' || !isWordByte(w[len(w)-1])
			if okBefore && okAfter {
				if best < 0 || k < best {
					best = k
				}
				break
			}
			from = k + 1
		}
	}
	return best
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// councilBefore takes up to eight capitalised words (and connectors) before
// "Council" at text[at:end] and returns the longest run the gazetteer knows,
// or a town/parish/community council.
func councilBefore(text string, at, end int, gaz *gazetteer.Gazetteer) (councilMention, bool) {
	starts := wordStartsBefore(text, at, 8)
	word := text[at:end]
	for _, s := range starts { // longest first
		name := strings.TrimSpace(text[s:at]) + " " + word
		if a, ok := gaz.Lookup(strings.TrimSuffix(name, "s")); ok {
			return councilMention{start: s, end: end, ref: &councilRef{name: trimPossessive(name), auth: a}}, true
		}
	}
	for _, s := range starts {
		before := strings.TrimSpace(text[s:at])
		for _, kind := range []string{"Town", "Parish", "Community", "Village"} {
			if strings.HasSuffix(before, " "+kind) && len(before) > len(kind)+1 && strings.EqualFold(word, "Council") {
				place := strings.TrimSuffix(before, " "+kind)
				if i := strings.LastIndex(place, " of "); i >= 0 && roleWords[strings.ToLower(strings.Fields(place)[0])] {
					continue // "Chair of Northtown Town Council": a shorter start names the council
				}
				if isCapitalisedRun(place) && !strings.EqualFold(place, "the") {
					return councilMention{start: s, end: end, ref: &councilRef{name: before + " Council", local: kind + " council"}}, true
				}
			}
		}
	}
	return councilMention{}, false
}

func trimPossessive(s string) string {
	for _, suf := range []string{"’s", "'s"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// wordStartsBefore returns the byte offsets of up to n capitalised-word run
// starts ending right before pos, longest run first. Connectors may stand
// inside a run but not at its start.
func wordStartsBefore(text string, pos, n int) []int {
	var starts []int
	i := pos
	for count := 0; count < n; count++ {
		j := i
		for j > 0 && text[j-1] == ' ' {
			j--
		}
		if j == 0 {
			break
		}
		k := j
		for k > 0 && text[k-1] != ' ' {
			k--
		}
		w := text[k:j]
		if w == "" {
			break
		}
		isCap := w[0] >= 'A' && w[0] <= 'Z'
		if !isCap && !connectors[w] {
			break
		}
		if strings.ContainsAny(w, ",;:.()") && !strings.HasSuffix(w, ".") {
			break
		}
		if isCap {
			starts = append([]int{k}, starts...)
		}
		i = k
	}
	// longest first
	for l, r := 0, len(starts)-1; l < r; l, r = l+1, r-1 {
		starts[l], starts[r] = starts[r], starts[l]
	}
	// starts is now nearest-first; reverse again to longest-first
	for l, r := 0, len(starts)-1; l < r; l, r = l+1, r-1 {
		starts[l], starts[r] = starts[r], starts[l]
	}
	return starts
}

func isCapitalisedRun(s string) bool {
	for _, w := range strings.Fields(s) {
		if !(w[0] >= 'A' && w[0] <= 'Z') && !connectors[w] {
			return false
		}
	}
	return s != ""
}

// wordPositions returns the starts of "C"+rest or "c"+rest standing as a
// whole word (an "s" may follow), in order.
func wordPositions(text, rest string) []int {
	var out []int
	for from := 0; ; {
		k := strings.Index(text[from:], rest)
		if k < 0 {
			return out
		}
		at := from + k - 1
		from += k + len(rest)
		if at < 0 || (text[at] != 'C' && text[at] != 'c') {
			continue
		}
		after := at + 1 + len(rest)
		if (at == 0 || !isWordByte(text[at-1])) && (after >= len(text) || !isWordByte(text[after]) || text[after] == 's') {
			out = append(out, at)
		}
	}
}

// groupAfter matches a political group's name right after a council's
// ("… Council Labour Group"), running the pattern only where "Group" follows.
func groupAfter(text string, end int) []int {
	rest := text[end:]
	if len(rest) > 90 {
		rest = rest[:90]
	}
	if !strings.Contains(rest, "Group") {
		return nil
	}
	return groupSuffix.FindStringIndex(text[end:])
}

// councilsIn is findCouncils over a paragraph's clean text, computed once:
// layout and mention stages both ask for it. A paragraph's text never
// changes once built, so the answer stays true.
func (p *paragraph) councilsIn(gaz *gazetteer.Gazetteer) []councilMention {
	if !p.councilsDone {
		p.councils, p.councilsDone = findCouncils(p.clean, gaz), true
	}
	return p.councils
}
