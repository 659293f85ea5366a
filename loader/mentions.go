package loader

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// Stage: classified mentions. Every chunk of every run is scored by the
// mention classifier; within a run the alternatives compete and a dynamic
// programme keeps the set of non-overlapping chunks with the largest
// weighted margin over the class thresholds.

// Class names of the mention classifier.
const (
	classNone       = "none"
	classOrg        = "org"
	classInitiative = "initiative"
)

var mentionClasses = []string{classNone, classOrg, classInitiative}

// thresholds are the probabilities a chunk needs to be kept as a mention
// of the class; chosen by cross-validation (scripts/eval.sh).
var thresholds = map[string]float64{classOrg: 0.35, classInitiative: 0.5}

// funderThreshold is the probability a mention needs to make its body a funder.
const funderThreshold = 0.7

// scoredChunk is a chunk with its features and class probabilities.
type scoredChunk struct {
	chunk
	feats []string
	ents  []*featEntry // feats' entries in the models' index, when scored with models
	probs []float64
	class int // best non-none class
	// listed: kept because most items of its list are organisations
	listed bool
	// frameKept: kept because a funding frame makes it a giver
	frameKept bool
	// described: kept because a word for a kind of body stands before it
	described bool
	// halves: kept on the evidence of its joined halves (joinedHalves)
	halves bool
}

// classified is a mention the classifier kept.
type classified struct {
	chunk
	class string
	p     float64
	rule  string
	feats []string
}

// studyText is a case study after tokenising: its passages, the councils
// named in them (masked from chunking) and every run's scored alternatives.
type studyText struct {
	passages []*passage
	councils []councilHit
	runs     [][]scoredChunk
	// councilUnits are the runs that follow a council's name with nothing
	// between ("Northtown City Council Children and Families Service"): the
	// council's own department, team or board, never an organisation
	councilUnits map[int]bool
	index        *featIndex // the scoring models' features
}

// councilHit is a council named in a passage.
type councilHit struct {
	ps         *passage
	lo, hi     int // tokens
	ref        *councilRef
	start, end int // bytes
}

// prepareStudy tokenises a case study, finds its councils and lists the
// alternatives of every capitalised run that is not a council's name.
func prepareStudy(cs *caseStudy, dc *docContext) *studyText {
	st := &studyText{}
	run := 0
	for i, p := range cs.paras {
		ps := newPassage(p, i)
		st.passages = append(st.passages, ps)
		masked := make([]bool, len(ps.toks))
		k := 0 // council mentions come in text order: one walk over the tokens
		for _, m := range p.councilsIn(dc.gaz) {
			if bodyNamedCouncil(p.clean, m.end) {
				continue // "Northtown Council for Voluntary Service": a body, not the council
			}
			for k > 0 && ps.toks[k-1].end > m.start {
				k--
			}
			for k < len(ps.toks) && ps.toks[k].start < m.start {
				k++
			}
			lo, hi := -1, -1
			for ; k < len(ps.toks) && ps.toks[k].end <= m.end; k++ {
				if lo < 0 {
					lo = k
				}
				hi = k + 1
				masked[k] = true
			}
			if lo >= 0 {
				st.councils = append(st.councils, councilHit{ps: ps, lo: lo, hi: hi, ref: m.ref, start: m.start, end: m.end})
			}
		}
		for _, s := range ps.sents {
			for _, r := range findRuns(ps.toks, s[0], s[1]) {
				// cut a run around council names
				lo := r[0]
				for k := r[0]; k <= r[1]; k++ {
					if k == r[1] || masked[k] {
						if k > lo {
							if alts := runChunks(ps, [2]int{lo, k}, run, dc); len(alts) > 0 {
								if lo > r[0] && masked[lo-1] && !nameConnectors[ps.toks[lo].lower] {
									if st.councilUnits == nil {
										st.councilUnits = map[int]bool{}
									}
									st.councilUnits[len(st.runs)] = true
								}
								st.runs = append(st.runs, alts)
								run++
							}
						}
						lo = k + 1
					}
				}
			}
		}
	}
	return st
}

func runChunks(ps *passage, r [2]int, run int, dc *docContext) []scoredChunk {
	cs := alternatives(ps, r, run, dc)
	out := make([]scoredChunk, len(cs))
	for i, c := range cs {
		out[i].chunk = c
	}
	return out
}

// score computes every chunk's features and, given models, its class
// probabilities: the mention model first, then the list model, which adds
// what the first thought of the chunk's list mates.
func (st *studyText) score(dc *docContext, models *Models) {
	if models != nil {
		st.index = models.featureIndex()
	}
	dc.index = st.index
	left := 0 // chunks still to build, to size the slabs' arrays
	for _, alts := range st.runs {
		left += len(alts)
	}
	var feats slab[string]
	var ents slab[*featEntry]
	if dc.recycle {
		feats.spare, ents.spare = dc.featArrays, dc.entArrays
	}
	for _, alts := range st.runs {
		for i := range alts {
			// built in place in the slabs, each with room for the list
			// model's features (addMateFeatures appends them)
			size := min(left*featsPerChunk, maxSlabArray)
			dc.fscratch, dc.ents = feats.next(maxFeatsPerChunk, size), ents.next(maxFeatsPerChunk, size)
			alts[i].feats = feats.keep(buildFeatures(alts[i].chunk, dc), mateRoom)
			if st.index != nil {
				alts[i].ents = ents.keep(dc.ents, mateRoom)
			}
			left--
		}
	}
	dc.index, dc.fscratch, dc.ents = nil, nil, nil // they point into the slabs
	if dc.recycle {
		dc.featArrays, dc.entArrays = append(feats.spare, feats.arrays...), append(ents.spare, ents.arrays...)
	}
	if models == nil {
		return
	}
	st.apply(models.Mentions)
	st.addMateFeatures()
	st.apply(models.Lists)
}

// featsPerChunk is about how many features a chunk has with the room for
// the list model's (30.6 over the corpus): a slab's array is sized for the
// chunks left at this many. maxFeatsPerChunk is more than any chunk has
// seen, so a chunk seldom outgrows its slab.
// maxSlabArray bounds an array (a long document's study takes several),
// so that a low guess wastes little.
const (
	featsPerChunk    = 32
	maxFeatsPerChunk = 64
	maxSlabArray     = 1 << 15
)

// apply sets every chunk's probabilities and best class from a classifier.
func (st *studyText) apply(cl *Classifier) {
	slot := -1
	if st.index != nil {
		slot = st.index.slot(cl)
	}
	var slab []float64 // every chunk's probabilities, in one allocation
	if slot >= 0 {
		n := 0
		for _, alts := range st.runs {
			n += len(alts)
		}
		slab = make([]float64, n*len(cl.Classes))
	}
	for _, alts := range st.runs {
		for i := range alts {
			a := &alts[i]
			if slot >= 0 && len(a.ents) == len(a.feats) {
				k := len(cl.Classes)
				a.probs = cl.probsOf(slab[:k:k], a.ents, slot)
				slab = slab[k:]
			} else {
				a.probs = cl.Probs(a.feats)
			}
			a.class = 1
			for k := 2; k < len(a.probs); k++ {
				if a.probs[k] > a.probs[a.class] {
					a.class = k
				}
			}
		}
	}
}

// addMateFeatures adds, to every chunk of a run, how likely the first model
// found the best chunk of the runs beside it in the same list: runs of one
// sentence with only separators (",", ";", "and", "&", "the") between them.
func (st *studyText) addMateFeatures() {
	best := make([]float64, len(st.runs))
	for i, alts := range st.runs {
		for _, a := range alts {
			best[i] = max(best[i], a.probs[1])
		}
	}
	separated := st.separated
	for i := range st.runs {
		mate, n := 0.0, 0
		for j := i - 1; j >= 0 && separated(j, j+1); j-- {
			mate, n = max(mate, best[j]), n+1
		}
		for j := i + 1; j < len(st.runs) && separated(j-1, j); j++ {
			mate, n = max(mate, best[j]), n+1
		}
		mates, matesSelf := fMatesNone, fMatesNoneSelf
		if n > 0 {
			b := probBucketOf(mate)
			mates, matesSelf = fMates[b], fMatesSelf[b]
		}
		alts := st.runs[i]
		for k := range alts {
			a := &alts[k]
			// appended in place: an earlier view of the mention model's
			// features (training keeps one, cut to its length) sees none of them
			self := probBucketOf(a.probs[1])
			st.addFixed(a, mates, fSelf[self], matesSelf[self])
			// "X and Y" whose sides the first model finds names of their own
			if sides, ok := sidesScore(alts, *a); ok {
				sb := probBucketOf(sides)
				st.addFixed(a, fSides[sb], fSidesSelf[sb][self])
			}
		}
	}
}

// addFixed appends fixed features to a chunk's, with their index entries
// when it has entries.
func (st *studyText) addFixed(a *scoredChunk, ids ...fixedFeat) {
	for _, id := range ids {
		a.feats = append(a.feats, fixedNames[id])
		if a.ents != nil {
			a.ents = append(a.ents, st.index.fixed[id].e)
		}
	}
}

// separated reports runs i < j of one sentence with only list separators
// (",", ";", "and", "&", "the") between them.
func (st *studyText) separated(i, j int) bool {
	a, b := st.runs[i][0], st.runs[j][0]
	if a.ps != b.ps || a.ps.sentenceOf(a.lo)[0] != b.ps.sentenceOf(b.lo)[0] {
		return false
	}
	end, start := runEnd(st.runs[i]), b.lo
	if start-end > 3 || start <= end {
		return false
	}
	for k := end; k < start; k++ {
		t := &a.ps.toks[k]
		if k == end && t.shape == shapeLower && !phraseBreaks[t.lower] && k+1 < start && a.ps.toks[k+1].isPunct(",;") {
			continue // a lower-case word ending the item: "Acme education, Zorbo"
		}
		if !(t.isPunct(",;") || t.lower == "and" || t.text == "&" || t.lower == "the") {
			return false
		}
	}
	return true
}

// completeLists keeps the unkept items of a list a third or more of whose
// items are kept organisations (counted by item: "Acme and Zorbo Foods" is
// one run, two items): "Acme, Brightstores, Zorbo and Westshire Foods"
// names four bodies even when one word alone says little. An item that is a
// place, a person, a council or a common word stays out. (A third was
// chosen over a half by the grouped cross-validation: 0.749 against 0.741.)
func (st *studyText) completeLists(decoded [][]scoredChunk) {
	for i := 0; i < len(st.runs); {
		j := i + 1
		for j < len(st.runs) && (st.separated(j-1, j) || st.glossSeparated(j-1, j)) {
			j++
		}
		// items, not runs: "Acme and Zorbo Foods" is one run of two items
		kept, n := 0, 0
		for k := i; k < j; k++ {
			if bracketed(st.runs[k]) {
				continue // "Zorbo Aid (ZA)": the item's short name, not an item
			}
			n += max(len(listItems(st.runs[k])), 1)
			for _, a := range decoded[k] {
				if a.class == 1 {
					kept++
				}
			}
		}
		if n >= 2 && kept >= 1 && 3*kept >= n {
			for k := i; k < j; k++ {
				if bracketed(st.runs[k]) {
					continue
				}
				// an unkept item, or the unkept side of "X and Y"
				for _, a := range listItems(st.runs[k]) {
					if !overlapsAny(a, decoded[k]) && listItemBody(a) && !st.councilUnits[k] && !remitTail(st.runs[k][0].chunk, a.chunk) {
						a.class, a.listed = 1, true
						decoded[k] = append(decoded[k], a)
					}
				}
				sort.Slice(decoded[k], func(x, y int) bool { return decoded[k][x].lo < decoded[k][y].lo })
			}
		}
		i = j
	}
}

// promoteGivers keeps an unkept run that is the subject of a giving verb
// ("Acme recently made a generous donation", "Zorbo and the Westshire Red
// Cross also made donations"): only a body gives money or goods, so the
// frame is evidence enough for a name that is no place, person, council,
// common word or scheme. A leading describer is left out ("Northtown-based
// Acme"). Names after "from" and "by" are left to the classifier, which
// reads them well and for which a frame proves less ("received via the X
// website").
func (st *studyText) promoteGivers(decoded [][]scoredChunk) {
	for k, alts := range st.unkeptRuns(decoded) {
		if !giveVerbAfter(alts) {
			continue
		}
		items := listItems(alts)
		for _, a := range alts {
			if a.alt == altStripLead {
				items = listItems(append([]scoredChunk{a}, alts...))
				break
			}
		}
		for _, a := range items {
			if frame, ok := fundingFrame(a.chunk); ok && agentFrame(frame) && mayNameBody(a, true) && a.probs[2] < 0.5 &&
				!(a.hi-a.lo == 1 && pronounLike[a.ps.toks[a.lo].lower]) &&
				headClass(a.ps.toks[a.hi-1].lower) != "thing" {
				for _, b := range alts { // "Acme in Easton is donating": the body, not its place
					if b.lo == a.lo && b.hi < a.hi && (a.ps.toks[b.hi].lower == "in" || a.ps.toks[b.hi].lower == "at") {
						a = b
						break
					}
				}
				a.class, a.frameKept = 1, true
				decoded[k] = append(decoded[k], a)
			}
		}
	}
}

// promoteDescribed keeps as an organisation a run that nothing was kept of
// when the word right before it says what kind of body it is, in lower case
// ("housing provider Zorbo", "charity Northtown Cares", "advice agency
// ZorboEnergy"), or a sum of money was given to it ("£3,100 to Zorbo
// Cares"): English puts the kind before a name it expects the reader not
// to know, and a grant list names each recipient alone, which is when the
// name's own words tell the model least.
func (st *studyText) promoteDescribed(decoded [][]scoredChunk) {
	for k, alts := range st.runs {
		if len(decoded[k]) > 0 && !kindIntroduces(alts[0].ps.toks, alts[0].lo) && !amountGivenTo(alts[0].ps.toks, alts[0].lo) || st.councilUnits[k] {
			continue
		}
		a := alts[0]
		if a.alt != altWhole || a.lo == 0 || runEnd(alts) != a.hi {
			continue
		}
		toks := a.ps.toks
		if kindIntroduces(toks, a.lo) || amountGivenTo(toks, a.lo) {
			// "local suppliers, Acme and Zorbo Foods Ltd", "£500 to the Acme
			// Trust and the Zorbo Appeal": each item the kind introduces or
			// the sum goes to, the kept ones left as they are; a plural kind
			// ("partners, Town and Parish Councils") names no body
			if pluralHead(a.chunk) {
				continue
			}
			for _, b := range listItems(alts) {
				if !overlapsAny(b, decoded[k]) && describedBody(b) && !pluralHead(b.chunk) {
					b.class, b.described = 1, true
					decoded[k] = append(decoded[k], b)
				}
			}
			sort.Slice(decoded[k], func(x, y int) bool { return decoded[k][x].lo < decoded[k][y].lo })
			continue
		}
		if before := &toks[a.lo-1]; before.shape != shapeLower || !describingNouns[before.lower] {
			continue
		}
		if !describedBody(a) {
			continue
		}
		a.class, a.described = 1, true
		decoded[k] = append(decoded[k], a)
	}
}

// describedBody reports a chunk a kind of body introduces that may name
// one: no place, person, council or common word, no scheme or thing.
func describedBody(a scoredChunk) bool {
	last := a.ps.toks[a.hi-1].lower
	return mayNameBody(a, false) && !schemeHeads[last] && !initiativeHeads[last] && headClass(last) != "thing" && !notABody(a.chunk)
}

// kindIntroduces reports a name introduced by a kind of body through a
// comma, "such as", "including" or "like" ("local suppliers, Zorbo Foods",
// "voluntary organisations, Northtown Cares", "retailers such as Zorbo"):
// the apposition or the example says what the name is, as the kind right
// before it does ("supplier Zorbo"), and plural kinds introduce lists.
func kindIntroduces(toks []tok, lo int) bool {
	k := lo - 1
	switch {
	case k >= 1 && (toks[k].text == "," || toks[k].lower == "including" || toks[k].lower == "like"):
		k--
	case k >= 2 && toks[k].lower == "as" && toks[k-1].lower == "such":
		k -= 2
	default:
		return false
	}
	return toks[k].shape == shapeLower && (describingNouns[toks[k].lower] || describingPlurals[toks[k].lower])
}

// describingPlurals are the plurals of describingNouns that introduce
// examples or lists of bodies.
var describingPlurals = toSet(`providers agencies companies firms organisations suppliers retailers supermarkets
enterprises groups partners`)

// amountGivenTo reports a name right after "£N to" or "£N for" ("£3,100
// to Zorbo Cares", "£1 million for the Zorbo Trust"): a sum's recipient,
// which a grant list names by its own name alone.
func amountGivenTo(toks []tok, lo int) bool {
	k := lo - 1
	if k >= 0 && toks[k].lower == "the" {
		k--
	}
	if k < 1 || toks[k].lower != "to" && toks[k].lower != "for" {
		return false
	}
	k--
	if k >= 1 && amountScales[toks[k].lower] {
		k--
	}
	return toks[k].shape == shapeMoney
}

// amountScales follow a sum's figure, joined to it ("£5k", which the
// tokenizer keeps as one token) or not ("£1 million").
var amountScales = toSet(`k m bn million billion`)

// describingNouns say what kind of body the name after them is.
var describingNouns = toSet(`charity charities provider agency company firm organisation supplier retailer supermarket
enterprise business businesses group partner`)

// pronounLike words stand for bodies without naming one: "Others have donated".
var pronounLike = toSet(`others other many some several everyone everybody someone somebody anyone all both each these
those they we it people individuals`)

// giveVerbAfter reports a giving verb within the dozen tokens after a run
// in its sentence: a cheap test before reading the run's frames.
func giveVerbAfter(alts []scoredChunk) bool {
	a := alts[0]
	end := runEnd(alts)
	s := a.ps.sentenceOf(a.lo)
	for k := end; k < s[1] && k < end+12; k++ {
		if giveVerbs[a.ps.toks[k].lower] {
			return true
		}
	}
	return false
}

// agentFrame reports a frame whose giver is the subject of a giving verb
// ("X donated", "X made £N available"), not the object of "from" or "by".
func agentFrame(frame string) bool {
	return !strings.HasSuffix(frame, "-from") && !strings.HasSuffix(frame, "-by") && !strings.HasSuffix(frame, "-via") &&
		!strings.HasSuffix(frame, "-through") && !strings.Contains(frame, "possessive") && !strings.Contains(frame, "nominal")
}

func overlapsAny(a scoredChunk, kept []scoredChunk) bool {
	for _, b := range kept {
		if a.lo < b.hi && b.lo < a.hi {
			return true
		}
	}
	return false
}

// listItems are the items an unkept run of a list may hold: the whole run,
// or, when it reads "X and Y", its two sides.
func listItems(alts []scoredChunk) []scoredChunk {
	if len(alts) == 0 {
		return nil
	}
	whole := alts[0]
	toks := whole.ps.toks
	for k := whole.lo + 1; k < whole.hi-1; k++ {
		if toks[k].lower != "and" && toks[k].text != "&" {
			continue
		}
		var sides []scoredChunk
		for _, a := range alts {
			right := k + 1
			if right < whole.hi && toks[right].lower == "the" {
				right++ // "X and the Y": the alternative starts at Y
			}
			if a.lo == whole.lo && a.hi == k || a.lo == right && a.hi == whole.hi {
				if a.joinedCut {
					return alts[:1:1] // "<Place> and <Place> Trust": one item
				}
				sides = append(sides, a)
			}
		}
		return sides
	}
	// the run's own first alternative, not a copy (callers only read the
	// items; the capacity keeps an append from writing over alts)
	return alts[:1:1]
}

// remitTail reports the right side of "X for A and B" or "X of A and B"
// ("a Grant for Food and Essential Supplies", "the Department of Health
// and Social Care"): the end of the remit a name spells out, not a list
// item of its own.
func remitTail(whole, side chunk) bool {
	if side.lo == whole.lo {
		return false
	}
	for k := whole.lo + 1; k < side.lo; k++ {
		if w := whole.ps.toks[k].lower; w == "for" || w == "of" {
			return true
		}
	}
	return false
}

// listItemBody reports an unkept list item that may name a body.
func listItemBody(a scoredChunk) bool { return mayNameBody(a, false) }

// mayNameBody reports an unkept chunk that may name a body: none of its
// features says place, person, council or common word (nor, unless
// sentStart, that it opens its sentence, where any word is capitalised).
func mayNameBody(a scoredChunk, sentStart bool) bool {
	if a.hi-a.lo > 6 || peopleOnly(a.chunk) {
		return false
	}
	for _, f := range a.feats {
		switch f {
		case "gaz=exact", "gaz=council", "firstName", "personTitleFirst", "personBefore", "allCommon", "lexicon=notOrg":
			return false
		case "sentStart":
			if !sentStart {
				return false
			}
		}
	}
	return true
}

// sidesScore is, over the ways chunk a splits at "and", "&", "/" or ",",
// the best of the lower first-model organisation probability of its two
// sides, when both sides are alternatives of the run.
func sidesScore(alts []scoredChunk, a scoredChunk) (float64, bool) {
	toks := a.ps.toks
	best, found := 0.0, false
	for k := a.lo + 1; k < a.hi-1; k++ {
		if t := &toks[k]; !(t.lower == "and" || t.text == "&" || t.text == "/" || t.isPunct(",")) {
			continue
		}
		right := k + 1
		if right < a.hi && toks[right].lower == "the" {
			right++
		}
		l, r := -1.0, -1.0
		for _, b := range alts {
			if b.lo == a.lo && b.hi == k {
				l = b.probs[1]
			}
			if b.lo == right && b.hi == a.hi {
				r = b.probs[1]
			}
		}
		if l >= 0 && r >= 0 {
			best, found = max(best, min(l, r)), true
		}
	}
	return best, found
}

// runEnd is the token after the last token any alternative of a run covers.
func runEnd(alts []scoredChunk) int {
	end := 0
	for _, a := range alts {
		end = max(end, a.hi)
	}
	return end
}

// probBuckets name the buckets of a first-model probability the list
// model's features read, probBucketOf numbers them.
var probBuckets = [...]string{"0", "1", "3", "5", "7", "9"}

func probBucketOf(p float64) int {
	switch {
	case p < 0.1:
		return 0
	case p < 0.3:
		return 1
	case p < 0.5:
		return 2
	case p < 0.7:
		return 3
	case p < 0.9:
		return 4
	}
	return 5
}

// The list model's features, fixed: the best list mate's bucket (or none),
// the chunk's own, both, and the "X and Y" sides' with the chunk's own.
var (
	fMates         = tableFeat("mates=", probBuckets[:])
	fMatesNone     = fixed("mates=none")
	fSelf          = tableFeat("self=", probBuckets[:])
	fMatesSelf     = crossFeats("mates=", probBuckets[:], "|self=", probBuckets[:])
	fMatesNoneSelf = tableFeat("mates=none|self=", probBuckets[:])
	fSides         = tableFeat("sides=", probBuckets[:])
	fSidesSelf     = crossFeats("sides=", probBuckets[:], "|self=", probBuckets[:])
)

// decodeRun keeps the best non-overlapping chunks of one run: each chunk
// weighs (p - threshold) × its length, so a long name beats its parts
// unless the parts are clearly names of their own.
func decodeRun(alts []scoredChunk, classes []string) []scoredChunk {
	if len(alts) == 0 {
		return nil
	}
	lo, hi := alts[0].lo, alts[0].hi
	for _, a := range alts {
		lo, hi = min(lo, a.lo), max(hi, a.hi)
	}
	n := hi - lo
	var thBuf [4]float64 // each class's threshold, looked up once per run
	th := thBuf[:0]
	for _, c := range classes {
		th = append(th, thresholds[c])
	}
	best := make([]float64, n+1)
	pick := make([]int, n+1) // alternative ending here, or -1
	var fromHalves []bool    // alternatives weighed by their halves' evidence
	for i := range pick {
		pick[i] = -1
	}
	for end := 1; end <= n; end++ {
		best[end] = best[end-1]
		for j, a := range alts {
			if a.hi-lo != end {
				continue
			}
			p := a.probs[a.class]
			if h := joinedHalves(alts, a); classes[a.class] == classOrg && h > p {
				if fromHalves == nil {
					fromHalves = make([]bool, len(alts))
				}
				p, fromHalves[j] = h, true
			}
			w := (p - th[a.class]) * float64(a.hi-a.lo)
			if w <= 0 || a.joinedCut || classes[a.class] == classOrg && (bodyPossessive(a.chunk) || slashPair(a.chunk) || peopleOnly(a.chunk)) ||
				saintPossessor(a.chunk) {
				continue
			}
			if v := best[a.lo-lo] + w; v > best[end] {
				best[end], pick[end] = v, j
			}
		}
	}
	var out []scoredChunk
	for end := n; end > 0; {
		if j := pick[end]; j >= 0 {
			out = append(out, alts[j])
			out[len(out)-1].halves = fromHalves != nil && fromHalves[j]
			end = alts[j].lo - lo
			continue
		}
		end--
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// peopleOnly reports a chunk whose words are all plurals for groups of
// people, with "and" or "&" between them ("Pupils", "Parents &
// Carers", "Tenants and Residents"): capitalised as a list's item or a
// service's remit, a group of people is never a body; a body of theirs
// has a head or a name too ("Tenants Association", "Carers of
// Northtown").
func peopleOnly(c chunk) bool {
	for _, t := range c.ps.toks[c.lo:c.hi] {
		if !peopleGroups[t.lower] && !peopleHeads[t.lower] && t.lower != "and" && t.text != "&" {
			return false
		}
	}
	return true
}

// mergePeopleLists joins a kept name that ends with a group of people to
// the kept name that a comma list of groups leads on to ("<School> Parents,
// Pupils, and Carers Forum"): groups of people are no bodies
// (peopleOnly), so the list is the membership one name spells out, which
// its commas cut into runs. The joined name takes the class and the
// probabilities of its right end, which holds its head.
func (st *studyText) mergePeopleLists(decoded [][]scoredChunk) {
	for i := range decoded {
		if len(decoded[i]) == 0 {
			continue
		}
		x := len(decoded[i]) - 1
		a := decoded[i][x]
		toks := a.ps.toks
		if a.class != 1 || a.hi != runEnd(st.runs[i]) || !peopleGroups[toks[a.hi-1].lower] {
			continue
		}
		group := func(k int) bool { return k < len(toks) && toks[k].shape == shapeCap && peopleGroups[toks[k].lower] }
		k := a.hi
		for k+1 < len(toks) && toks[k].text == "," && group(k+1) {
			k += 2
		}
		if k < len(toks) && toks[k].text == "," {
			k++
		}
		if k == a.hi || k >= len(toks) || toks[k].lower != "and" || !group(k+1) {
			continue
		}
		for j := i + 1; j < len(decoded) && j <= i+4; j++ {
			if st.runs[j][0].ps != a.ps || len(decoded[j]) == 0 || decoded[j][0].lo != k+1 {
				continue
			}
			b := decoded[j][0]
			if b.class != 1 || peopleOnly(b.chunk) {
				break
			}
			merged := b
			merged.lo = a.lo
			decoded[i][x] = merged
			decoded[j] = decoded[j][1:]
			for m := i + 1; m < j; m++ { // the groups between: part of the name
				decoded[m] = nil
			}
			break
		}
	}
}

// peopleGroups are plurals for groups of people (peopleHeads holds more).
var peopleGroups = toSet(`parents teachers friends children families carers pupils students adults elders
youngsters neighbours patients customers people users clients tenants`)

// joinedHalves is, for a chunk made of two halves cut at an "and" that
// joins them (joinedCut: "<Place> and <Place> Society", "<Place> Arts and
// Heritage Trust"), the lower organisation probability of the
// halves: what the model found of a name in each half is evidence for the
// one name they make together, which a model trained to split "X and Y"
// scores low whole. Zero for any other chunk.
func joinedHalves(alts []scoredChunk, a scoredChunk) float64 {
	if a.joinedCut {
		return 0
	}
	best := 0.0
	for _, l := range alts {
		if !l.joinedCut || l.lo != a.lo || l.hi >= a.hi {
			continue
		}
		for _, r := range alts {
			if !r.joinedCut || r.hi != a.hi || r.lo <= l.hi || !onlyJoiners(a.ps.toks[l.hi:r.lo]) {
				continue
			}
			best = max(best, min(l.probs[1], r.probs[1]))
		}
	}
	return best
}

// onlyJoiners reports tokens that are "and", "&" or "the" only, and one
// "and" or "&" among them.
func onlyJoiners(ts []tok) bool {
	n := 0
	for _, t := range ts {
		switch {
		case t.lower == "and" || t.text == "&":
			n++
		case t.lower != "the":
			return false
		}
	}
	return n == 1
}

// bodyPossessive reports a chunk that holds a body's possessive ("the
// Northtown Foundation's Bramble Fund", "Westshire Trust's Help Line"): what
// follows a body's "'s" is its programme or its part, so the chunk as a
// whole names no organisation; its possessor (an alternative of its own)
// does. A possessor without a body's head word ("St Anne's Church", "Mr
// Patel's Bakery") stays part of the name.
func bodyPossessive(c chunk) bool {
	toks := c.ps.toks
	for k := c.lo + 1; k < c.hi-1; k++ {
		if toks[k].lower == "'s" {
			// an acronym is a body's short name ("the ZVA's Crisis Fund"); a
			// person's or a shop's name is not written in capitals
			return orgHeads[strings.TrimSuffix(toks[k-1].lower, ".")] || toks[k-1].shape == shapeUpper && len(toks[k-1].text) >= 2
		}
	}
	return false
}

// slashPair reports a chunk that joins two headed names with a slash
// ("Northtown Advice Bureau/Westshire Advice Centre"): each side ends with
// a body's head word and so names a body of its own, the pair two bodies
// that work as one, which the slash's sides (alternatives of their own)
// name. A side without its own head ("Health/Social Care Board",
// "Acme UK/Acme") leaves one name.
func slashPair(c chunk) bool {
	toks := c.ps.toks
	for k := c.lo + 2; k < c.hi-2; k++ {
		if toks[k].text == "/" {
			return orgHeads[toks[k-1].lower] && toks[k-1].shape == shapeCap &&
				orgHeads[toks[c.hi-1].lower] && toks[c.hi-1].shape == shapeCap
		}
	}
	return false
}

// saintPossessor reports the possessor cut from a name after a saint's
// "'s" ("St Anne" of "St Anne's Church", "Saint Luke" of "Saint Luke's
// Hospice"): a saint, never a body of its own.
func saintPossessor(c chunk) bool {
	if c.alt != altPossessor {
		return false
	}
	switch c.ps.toks[c.lo].lower {
	case "st", "st.", "saint":
		return true
	}
	return false
}

// classify decodes every run of a case study into mentions.
func (st *studyText) classify(models *Models) []classified {
	cl := models.Lists
	slot := -1 // cl's entries in the feature index, for the explanations
	if st.index != nil {
		slot = st.index.slot(cl)
	}
	decoded := make([][]scoredChunk, len(st.runs))
	known := map[string]bool{} // names kept anywhere in the study
	for i, alts := range st.runs {
		decoded[i] = decodeRun(alts, cl.Classes)
		if st.councilUnits[i] {
			decoded[i] = slices.DeleteFunc(decoded[i], func(a scoredChunk) bool { return cl.Classes[a.class] == classOrg })
		}
	}
	st.completeLists(decoded)
	st.dropTitleLists(decoded)
	st.dropListedLocations(decoded)
	st.promoteGivers(decoded)
	st.promoteDescribed(decoded)
	st.promoteAppositive(decoded)
	st.promotePartnered(decoded)
	st.promoteDoers(decoded)
	st.promoteCouncilMates(decoded)
	st.promoteMembersOf(decoded)
	st.mergePeopleLists(decoded)
	st.trimDescribers(decoded)
	st.trimLocations(decoded)
	for i := range st.runs {
		for _, a := range decoded[i] {
			known[normName(a.text())] = true
		}
	}
	for i, alts := range st.runs {
		widenKnown(alts, decoded[i], known)
		for x := range decoded[i] {
			decoded[i][x] = knownAfterPreposition(decoded[i][x], known)
		}
	}
	var out []classified
	keep := func(a scoredChunk) {
		p := a.probs[a.class]
		var why string
		if slot >= 0 && len(a.ents) == len(a.feats) {
			why = cl.explainOf(a.feats, a.ents, slot, a.class, 3)
		} else {
			why = cl.Explain(a.feats, a.class, 3)
		}
		rule := modelRule(cl.Classes[a.class], p, why)
		if a.listed {
			rule = "list-completion " + rule
		}
		if a.frameKept {
			rule = "giver-in-frame " + rule
		}
		if a.described {
			rule = "described-as-body " + rule
		}
		if a.halves {
			rule = "joined-halves " + rule
		}
		out = append(out, classified{chunk: a.chunk, class: cl.Classes[a.class], p: p, rule: rule, feats: a.feats})
	}
	for i, kept := range decoded {
		for _, a := range kept {
			// "Acme and Northtown Bank" kept whole, while the study names both
			// sides on their own elsewhere: two bodies, not one
			if parts := splitKnown(st.runs[i], a, known); parts != nil {
				for _, p := range parts {
					keep(p)
				}
				continue
			}
			keep(a)
		}
	}
	return out
}

// widenKnown replaces a kept organisation chunk by a longer alternative
// of its run whose text the study keeps elsewhere ("Northtown Rovers" cut
// from "Chief Executive of Northtown Rovers in the Community" where
// "Northtown Rovers in the Community" is kept in another sentence): a study names one body the
// same way throughout, and the longer form it wrote in full is the name.
// The longer alternative must be no half of a joined name and overlap no
// other chunk kept of the run.
func widenKnown(alts []scoredChunk, kept []scoredChunk, known map[string]bool) {
	for x, a := range kept {
		if a.class != 1 {
			continue
		}
		for _, b := range alts {
			if b.hi-b.lo <= a.hi-a.lo || b.lo > a.lo || b.hi < a.hi || b.joinedCut || !known[normName(b.text())] {
				continue
			}
			clear := true
			for y, c := range kept {
				clear = clear && (y == x || c.hi <= b.lo || c.lo >= b.hi)
			}
			if clear {
				b.class, b.listed, b.frameKept, b.described, b.halves = a.class, a.listed, a.frameKept, a.described, a.halves
				kept[x] = b
				break
			}
		}
	}
}

// knownAfterPreposition narrows a kept organisation chunk "X for Y" or "X
// at Y" to Y when the study keeps Y as a name elsewhere and X is no body's
// name: X holds no head word ("Funding Lift for Northtown Foodbank", a
// headline) or is what follows a person's role ("Director of Growth and
// Lettings at Northtown Homes"): X is what was done for Y, or the post held at Y.
func knownAfterPreposition(a scoredChunk, known map[string]bool) scoredChunk {
	toks := a.ps.toks
	if a.class != 1 {
		return a
	}
	for k := a.lo + 1; k < a.hi-1; k++ {
		if w := toks[k].lower; w != "for" && w != "at" {
			continue
		}
		right := k + 1
		if toks[right].lower == "the" && right+1 < a.hi {
			right++
		}
		if !known[normName(a.ps.span(right, a.hi))] {
			return a
		}
		role := a.alt == altAfterRole || a.lo >= 2 && toks[a.lo-1].lower == "of" && roleWords[toks[a.lo-2].lower]
		if !role && slices.ContainsFunc(toks[a.lo:k], func(t tok) bool { return orgHeads[t.lower] }) {
			return a
		}
		a.lo, a.alt = right, altCut
		return a
	}
	return a
}

// modelRule is the evidence rule of a model's decision, as
// fmt.Sprintf("model:%s p=%.2f %s", class, p, why) writes it, in one
// allocation (every kept mention has one).
func modelRule(class string, p float64, why string) string {
	b := make([]byte, 0, len("model: p=0.00 ")+len(class)+len(why))
	b = append(append(append(b, "model:"...), class...), " p="...)
	b = strconv.AppendFloat(b, p, 'f', 2, 64)
	return string(append(append(b, ' '), why...))
}

// splitKnown returns the two sides of a kept "X and Y" chunk when each side
// (or a longer name it starts) is a name the study keeps elsewhere, or a
// plural noun of a kind of body follows the chunk and each side alone is
// kept by the model ("the Acme Trust and St Bede's Church food banks
// donated": two food banks), and both sides are alternatives of the run.
func splitKnown(alts []scoredChunk, a scoredChunk, known map[string]bool) []scoredChunk {
	toks := a.ps.toks
	plural := pluralKindAfter(toks, a.hi, a.ps.sentenceOf(a.lo)[1])
	for k := a.lo + 1; k < a.hi-1; k++ {
		if toks[k].lower != "and" && toks[k].text != "&" {
			continue
		}
		var left, right *scoredChunk
		for j := range alts {
			if alts[j].lo == a.lo && alts[j].hi == k {
				left = &alts[j]
			}
			if alts[j].lo == k+1 && alts[j].hi == a.hi {
				right = &alts[j]
			}
		}
		if left == nil || right == nil {
			continue
		}
		if !(knownName(left.text(), known) && knownName(right.text(), known)) &&
			!(plural && left.probs[a.class] >= thresholds[classOrg] && right.probs[a.class] >= thresholds[classOrg]) {
			continue
		}
		l, r := *left, *right
		l.class, r.class = a.class, a.class
		return []scoredChunk{l, r}
	}
	return nil
}

// kindPlurals are plural nouns of kinds of body.
var kindPlurals = toSet(`banks foodbanks churches groups charities branches trusts clubs schools stores shops supermarkets
pantries centres organisations societies`)

// pluralKindAfter reports a plural noun of a kind of body right after
// token hi, or after one lower-case word ("… food banks").
func pluralKindAfter(toks []tok, hi, end int) bool {
	for k := hi; k < end && k <= hi+1; k++ {
		if toks[k].shape != shapeLower {
			return false
		}
		if kindPlurals[toks[k].lower] {
			return true
		}
	}
	return false
}

func knownName(name string, known map[string]bool) bool {
	n := normName(name)
	if known[n] {
		return true
	}
	for k := range known {
		if strings.HasPrefix(k, n+" ") {
			return true
		}
	}
	return false
}

// mentionName is the name as printed, without a leading "the" or quotes,
// and without the markup the clean text blanks (emphasis, tags, link
// syntax): "**Acme Trust** for Carers" is "Acme Trust for Carers".
func mentionName(c chunk) string {
	return cleanName(c.text())
}

func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "‘’'\"“”()[],;:.*")
	s = strings.TrimSpace(s)
	if strings.HasPrefix(strings.ToLower(s), "the ") {
		s = strings.TrimSpace(s[4:])
	}
	return strings.Join(strings.Fields(s), " ")
}

// sentenceEvidence is the sentence holding tokens [lo, hi) as evidence: the
// words that state the link, cut on word boundaries and never inside the name.
func sentenceEvidence(ps *passage, lo, hi int, rule string, confidence float64) partnergraph.Evidence {
	s := ps.sentenceOf(lo)
	start, end := ps.toks[s[0]].start, ps.toks[s[1]-1].end
	if end-start > maxQuote {
		// keep the name and as much around it as fits, on token boundaries
		a, b := lo, hi
		for b-a < s[1]-s[0] {
			grew := false
			if a > s[0] && ps.toks[b-1].end-ps.toks[a-1].start <= maxQuote {
				a--
				grew = true
			}
			if b < s[1] && ps.toks[b].end-ps.toks[a].start <= maxQuote {
				b++
				grew = true
			}
			if !grew {
				break
			}
		}
		start, end = ps.toks[a].start, ps.toks[b-1].end
	}
	start, end = avoidContacts(ps.p.text, start, end, ps.toks[lo].start, ps.toks[hi-1].end)
	return ps.p.evidence(start, end, rule, confidence)
}

// bodyNamedCouncil reports "<Place> Council for/of <Capitalised>": a
// voluntary-sector body named like a council ("Council for Voluntary
// Service", "Council of Faiths"), which the classifier then weighs as an
// organisation.
func bodyNamedCouncil(text string, end int) bool {
	rest := strings.TrimLeft(text[end:], " ")
	for _, p := range []string{"for the ", "of the ", "for ", "of "} {
		if strings.HasPrefix(rest, p) {
			r, _ := utf8.DecodeRuneInString(rest[len(p):])
			return unicode.IsUpper(r)
		}
	}
	return false
}
