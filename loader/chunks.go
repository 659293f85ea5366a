package loader

import (
	"slices"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Stage: candidate name chunks. A capitalised run of tokens is proposed
// whole and in every alternative the list structure allows; the classifier
// (mentions.go) scores each alternative and a small dynamic programme keeps
// the best non-overlapping set. No alternative is ruled out here: a lexicon
// hit is a feature of a chunk, never a claim that blocks a longer name.

// passage is a paragraph with its tokens and the token range of each sentence.
type passage struct {
	p     *paragraph
	toks  []tok
	sents [][2]int // token index ranges [lo, hi)
	index int      // position of the paragraph in the case study
	lower string   // asciiLower(p.clean)
	// frames[k] is what sentence k holds of the funding frames' words,
	// read once for all the mentions in it (sentenceFrame)
	frames []sentenceWords
}

// newPassage tokenises a paragraph once and maps its sentences onto tokens.
func newPassage(p *paragraph, index int) *passage {
	ps := &passage{p: p, index: index}
	ps.toks, ps.lower = tokenizeLowered(p.clean)
	k := 0
	for _, s := range sentences(p) {
		for k < len(ps.toks) && ps.toks[k].start < s.start {
			k++
		}
		lo := k
		for k < len(ps.toks) && ps.toks[k].end <= s.end {
			k++
		}
		if k > lo {
			ps.sents = append(ps.sents, [2]int{lo, k})
		}
	}
	return ps
}

// sentenceOf is the sentence (token range) holding token i.
func (ps *passage) sentenceOf(i int) [2]int {
	if k := ps.sentenceIndex(i); k >= 0 {
		return ps.sents[k]
	}
	return [2]int{i, i + 1}
}

// sentenceIndex is the number of the sentence holding token i, -1 when no
// sentence holds it (sentenceOf then gives the token alone).
func (ps *passage) sentenceIndex(i int) int {
	// sentences are in order: binary search keeps this O(log n) on long paragraphs
	k := sort.Search(len(ps.sents), func(k int) bool { return ps.sents[k][1] > i })
	if k < len(ps.sents) && ps.sents[k][0] <= i {
		return k
	}
	return -1
}

// altKind says how a chunk was cut from its run; it is a feature.
type altKind uint8

const (
	altWhole     altKind = iota // the run as found
	altStripLead                // leading function word or cue dropped ("The", "Thanks")
	altPart                     // one item of a run split at "and", "&", "+" or "/"
	altPossessor                // the part before "'s"
	altPossessed                // the part after "'s"
	altAfterRole                // "Chief Executive of X" -> X
	altCut                      // the part before an "in/for/at <Place>" suffix
	altExtended                 // run plus a following lower-case organisation noun
)

var altNames = [...]string{"whole", "strip", "part", "possessor", "possessed", "afterRole", "cut", "ext"}

// chunk is one candidate name: tokens [lo, hi) of a passage.
type chunk struct {
	ps     *passage
	lo, hi int
	alt    altKind
	run    int // runs are numbered within a case study; alternatives of one run compete
	// joinedCut: a part cut at an "and" that joins two places (placesJoined),
	// saints (saintsJoined) or modifiers of one head (modifiersJoined), half
	// of one name, which decoding never keeps
	joinedCut bool
}

func (c chunk) text() string {
	return c.ps.p.clean[c.ps.toks[c.lo].start:c.ps.toks[c.hi-1].end]
}

// lowerText is strings.ToLower(c.text()): for ASCII text, the slice of the
// passage's lower-cased text at the same place (no allocation) once it is
// checked to be that.
func (c chunk) lowerText() string {
	start, end := c.ps.toks[c.lo].start, c.ps.toks[c.hi-1].end
	t := c.ps.p.clean[start:end]
	if end <= len(c.ps.lower) && partnergraph.IsASCII(t) {
		if l := c.ps.lower[start:end]; isASCIILower(l, t) {
			return l
		}
	}
	return strings.ToLower(t)
}

// isASCIILower reports whether l is ASCII text t with its capitals
// lower-cased.
func isASCIILower(l, t string) bool {
	if len(l) != len(t) {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if l[i] != c {
			return false
		}
	}
	return true
}

// quoteText is the chunk as printed (markup kept).
func (c chunk) quoteText() string {
	return c.ps.p.text[c.ps.toks[c.lo].start:c.ps.toks[c.hi-1].end]
}

// nameConnectors may stand inside a name between capitalised words.
var nameConnectors = map[string]bool{"of": true, "for": true, "and": true, "&": true, "+": true, "the": true,
	"at": true, "in": true, "de": true, "la": true, "le": true, "du": true, "upon": true, "y": true,
	"'s": true, "/": true}

// roleWords before "of" make the run a person's title, not a body's name.
var roleWords = map[string]bool{"chair": true, "chairman": true, "chairwoman": true, "chief": true, "executive": true,
	"director": true, "manager": true, "officer": true, "head": true, "leader": true, "minister": true,
	"founder": true, "ceo": true, "coordinator": true, "co-ordinator": true, "president": true, "secretary": true,
	"trustee": true, "member": true, "members": true, "mayor": true, "deputy": true, "portfolio": true,
	"holder": true, "lead": true, "cabinet": true, "councillor": true, "cllr": true, "operations": true,
	"spokesperson": true, "worker": true, "partner": true, "vice": true}

// orgNounsAfter are lower-case nouns that complete a name written before
// them ("the Acme supermarket", "Unite union").
var orgNounsAfter = map[string]bool{"union": true, "party": true, "supermarket": true, "charity": true,
	"foundation": true, "association": true, "society": true, "network": true, "partnership": true,
	"foodbank": true, "store": true, "bakery": true, "trust": true, "church": true, "mosque": true,
	"café": true, "cafe": true, "pub": true, "restaurant": true, "hotel": true, "group": true, "firm": true}

// findRuns returns the capitalised runs of a sentence as token ranges.
func findRuns(toks []tok, lo, hi int) [][2]int {
	var runs [][2]int
	for i := lo; i < hi; {
		if !toks[i].isCapWord() {
			i++
			continue
		}
		j := i + 1
		for j < hi && j-i < 14 {
			t := &toks[j]
			if t.isCapWord() && toks[j-1].spaceAfter || t.isCapWord() && toks[j-1].text == "-" {
				j++
				continue
			}
			if t.isCapWord() && !toks[j-1].spaceAfter && toks[j-1].isCapWord() {
				j++ // "Acme UK/Acme" split by nothing: keep together
				continue
			}
			// up to two connectors between capitalised words
			k := j
			for k < hi && k-j < 2 && nameConnectors[toks[k].lower] {
				k++
			}
			if k > j && k < hi && toks[k].isCapWord() && !(toks[j].lower == "'s" && k-j > 1) {
				j = k + 1
				continue
			}
			break
		}
		// a department whose name lists its remits with commas ("Department for
		// X, Y and Z", "Ministry of X, Y and Z"): the items after the comma are
		// capitalised, and the last is joined by "and"
		if j+1 < hi && toks[j].text == "," && (toks[i].lower == "department" || toks[i].lower == "ministry") {
			for _, r := range findRuns(toks, j+1, min(hi, j+12)) {
				if r[0] == j+1 && slices.ContainsFunc(toks[r[0]:r[1]], func(t tok) bool { return t.lower == "and" }) {
					j = r[1]
				}
				break
			}
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	return runs
}

// alternatives lists the chunks a run may hold, the run itself first.
// dc says which texts are places and which words the document writes in
// lower case (nil: none).
func alternatives(ps *passage, r [2]int, run int, dc *docContext) []chunk {
	toks := ps.toks
	var out []chunk
	add := func(lo, hi int, k altKind) {
		for lo < hi && nameConnectors[toks[lo].lower] {
			lo++
		}
		for hi > lo && (nameConnectors[toks[hi-1].lower] || toks[hi-1].shape == shapePunct) {
			hi--
		}
		if hi <= lo {
			return
		}
		// a run has a few dozen alternatives at most: a scan of them is
		// cheaper than a set of the spans seen
		for _, c := range out {
			if c.lo == lo && c.hi == hi {
				return
			}
		}
		out = append(out, chunk{ps: ps, lo: lo, hi: hi, alt: k, run: run})
	}
	lo, hi := r[0], r[1]
	add(lo, hi, altWhole)
	leadIn := false // the run opens with words before the name: it is no name whole
	// leading function or cue words written with a capital at a sentence start
	s := lo
	for s < hi-1 && (toks[s].closed != 0 && toks[s].shape == shapeCap || describedBy(toks[s].lower)) {
		s++
	}
	if s > lo {
		add(s, hi, altStripLead)
	}
	// split at and / & / + / "/": every stretch between two separators, so
	// "A and B & C and D" offers "B & C" as well as "B" and "C"
	bounds := []int{s}
	for k := s; k < hi; k++ {
		switch toks[k].lower {
		case "and", "&", "+", "/":
			bounds = append(bounds, k)
		}
	}
	// the parts cut at an "and" that joins places, saints or modifiers are still offered (the
	// models learn from them as they did) but are marked: decoding keeps none
	joined := func(k int) bool {
		return k > s && k < hi && (toks[k].lower == "and" || toks[k].text == "&") &&
			(placesJoined(ps, s, hi, k, dc) || saintsJoined(toks, s, k) || modifiersJoined(toks, bounds, k, dc) ||
				venueJoined(toks, bounds, k))
	}
	bounds = append(bounds, hi)
	if len(bounds) > 2 && len(bounds) <= 8 {
		for i := 0; i < len(bounds)-1; i++ {
			for j := i + 1; j < len(bounds); j++ {
				a, b := bounds[i], bounds[j]
				if i > 0 {
					a++
				}
				if a == s && b == hi {
					continue
				}
				n := len(out)
				add(a, b, altPart)
				if len(out) > n && (i > 0 && joined(bounds[i]) || j < len(bounds)-1 && joined(b)) {
					out[n].joinedCut = true
				}
			}
		}
	}
	// cut after an organisation head inside the run: "X Trust Coronavirus Appeal"
	for k := s + 1; k < hi-1; k++ {
		if orgHeads[toks[k].lower] && toks[k].shape == shapeCap && !nameConnectors[toks[k+1].lower] {
			add(s, k+1, altCut)
			add(k+1, hi, altCut)
		}
	}
	// possessives: "Council's Food Hub", "Northtown CVS's Help Line"
	for k := s; k < hi; k++ {
		if toks[k].lower == "'s" {
			add(s, k, altPossessor)
			add(k+1, hi, altPossessed)
		}
	}
	// "Chief Executive of X", "Minister at X"
	for k := lo; k < hi; k++ {
		if toks[k].lower == "of" || toks[k].lower == "at" {
			role := false
			for m := lo; m < k; m++ {
				role = role || roleWords[toks[m].lower]
			}
			if role {
				add(k+1, hi, altAfterRole)
				leadIn = true
			}
			break
		}
	}
	// a participle opening the sentence, then a lower-case preposition:
	// "Based in the X Centre", "Working with X" — the name is what follows,
	// and the run as a whole is no name
	if w := toks[lo].lower; lo+2 < hi && lo == ps.sentenceOf(lo)[0] && toks[lo].shape == shapeCap &&
		(strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) && toks[lo+1].shape == shapeLower {
		switch toks[lo+1].lower {
		case "in", "at", "with", "from", "for", "by", "on":
			add(lo+2, hi, altStripLead)
			leadIn = true
		}
	}
	// "X in <Place>", "X for <Place>"
	for k := s + 1; k < hi; k++ {
		switch toks[k].lower {
		case "in", "at", "on", "for":
			add(s, k, altCut)
		}
	}
	// "the Acme supermarket"
	if hi < len(toks) && orgNounsAfter[toks[hi].lower] && toks[hi].shape == shapeLower {
		add(s, hi+1, altExtended)
	}
	if leadIn && len(out) > 1 && out[0].alt == altWhole {
		out = out[1:]
	}
	return out
}

// modifiersJoined reports an "and" at token k between two common words
// (remit words, or ones the document also writes in lower case) whose stretch on the left
// holds no body's head word while the stretch on the right ends with one
// ("<Place> Arts and Heritage Trust", "<Place> Sport and Leisure
// Forum"): the words before and after "and" modify the head they
// share, so the left side is no name of its own. bounds are the run's
// separators, k one of them.
func modifiersJoined(toks []tok, bounds []int, k int, dc *docContext) bool {
	i := slices.Index(bounds, k)
	if dc == nil || i <= 0 || i+1 >= len(bounds) || k+1 >= bounds[i+1] {
		return false
	}
	common := func(t *tok) bool {
		return t.shape == shapeCap && t.closed == 0 && !orgHeads[t.lower] && (remitWords[t.lower] || dc.lowerUsed[t.lower])
	}
	if !common(&toks[k-1]) || !common(&toks[k+1]) || !orgHeads[toks[bounds[i+1]-1].lower] {
		return false
	}
	a := bounds[i-1]
	if i > 1 {
		a++
	}
	for m := a; m < k; m++ {
		if orgHeads[toks[m].lower] {
			return false
		}
	}
	return true
}

// venueJoined reports an "and" at token k between two words for what a
// venue is or serves, the last of the run ("<Name> Bistro and Deli",
// "<Name> Bed and Breakfast", "<Name> Fish and Chips"): one business that
// names itself by both, not a second body called by a common noun alone.
func venueJoined(toks []tok, bounds []int, k int) bool {
	i := slices.Index(bounds, k)
	if i <= 0 || i+1 != len(bounds)-1 || bounds[i+1] != k+2 {
		return false
	}
	return toks[k-1].shape == shapeCap && venueWords[toks[k-1].lower] && toks[k+1].shape == shapeCap && venueWords[toks[k+1].lower]
}

// venueWords say what a venue is or what it serves.
var venueWords = toSet(`bar grill kitchen restaurant bistro brasserie cafe café deli pub inn tavern lounge bakery
bed breakfast fish chips coffee tea wine dine dining`)

// remitWords name the fields a body works in, which names coordinate
// before the head they share ("Arts and Heritage Trust", "Sport and Leisure
// Forum", "Education and Skills Board"): common words,
// however seldom a short page writes them in lower case.
var remitWords = toSet(`health social care community voluntary volunteer youth play education environment
environmental arts sport sports leisure wellbeing well-being family families children faith food fruit veg
culture heritage learning skills employment welfare safety mental public economic rural urban enterprise`)

// saintsJoined reports an "and" at token k right after a bare saint's name
// ("St <Name> and the Apostle Fund", "St <Name> and St <Name> Church"): a
// saint alone is no body, so the "and" joins the saints one body is named
// after, and the run is not split there.
func saintsJoined(toks []tok, lo, k int) bool {
	if k-2 < lo || !toks[k-1].isCapWord() {
		return false
	}
	switch toks[k-2].lower {
	case "st", "st.", "saint":
		return k-3 < lo || toks[k-3].lower == "and" || toks[k-3].text == "&" || toks[k-3].isPunct(",")
	}
	return false
}

// placesJoined reports an "and" (or "&") at token k of the run [lo, hi)
// that joins two places ("<Place> and <Place> Society", "Advice Line
// <Place> and <Place>") or stands inside one place's name ("Epsom and
// Ewell"): the places together are the area one name serves, so neither
// side is a name of its own and the run is not split there. Two bodies
// joined by "and" have heads of their own on the left ("Northtown Trust and
// Westshire Mind"), which no place ends with.
func placesJoined(ps *passage, lo, hi, k int, dc *docContext) bool {
	if dc == nil || k == lo || k+1 >= hi {
		return false
	}
	isPlace := dc.isPlace
	toks, span := ps.toks, ps.span
	// one pair of places to a name: in "<Org> <Place> & <Place> and <Place>
	// Foodbank" the second "and" joins two bodies
	for m := max(lo, k-3); m < k; m++ {
		if toks[m].lower == "and" || toks[m].text == "&" {
			return false
		}
	}
	place := func(a, b int) bool {
		for m := a; m < b; m++ {
			if !toks[m].isCapWord() {
				return false
			}
		}
		return isPlace(span(a, b))
	}
	// a place across the "and" ("Epsom and Ewell")
	for a := max(lo, k-2); a < k; a++ {
		for b := k + 2; b <= min(hi, k+3); b++ {
			if isPlace(span(a, b)) {
				return true
			}
		}
	}
	// two different places: "<Name> <Place> and <Place> <Head>" repeating
	// one place names two bodies of that place
	var left, right string
	for a := max(lo, k-2); a < k && left == ""; a++ {
		if place(a, k) {
			left = span(a, k)
		}
	}
	for b := k + 2; b <= min(hi, k+3) && right == ""; b++ {
		if place(k+1, b) {
			right = span(k+1, b)
		}
	}
	return left != "" && right != "" && !strings.EqualFold(left, right)
}

// describedBy reports a hyphenated describer that opens a run without being
// part of the name: "Nottingham-based", "Labour-run", "volunteer-led".
func describedBy(w string) bool {
	for _, suf := range []string{"-based", "-led", "-run", "-owned", "-born", "-wide"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
