package loader

import (
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph/gazetteer"
)

// Stage: features. Each candidate chunk is described by features that
// carry over to documents never seen: word shapes, closed-class words and
// head nouns, the cue words around it, its place in a list, gazetteer hits
// and how the document uses it elsewhere. The identity of a name's own open-
// class words is never a feature: that would memorise the training names.

// docContext is what features need to know about the whole document.
type docContext struct {
	gaz       *gazetteer.Gazetteer
	counts    map[string]int    // normalised chunk text -> runs in the document with that text
	lowerUsed map[string]bool   // open-class words the document also writes in lower case
	acronyms  map[string]string // acronym -> the words it abbreviates ("(WHIN)" after them)
	terms     map[string]bool   // acronyms of lower-case phrases ("vulnerable persons (VP)"): no name
	title     string            // the case study's title, lower-cased
	places    map[string]bool   // gazetteer answers already looked up: a page repeats its names
	councils  map[string]bool

	// features holds one copy of each feature string built for the
	// document, so a feature repeated over chunks is not allocated again;
	// fbuf is where the next one is built.
	features map[string]string
	fbuf     []byte
	fscratch []string
	norms    map[string]string // normName of chunk texts, which every study counts and features read
	// index is the models' features (nil when training): chunkFeatures
	// takes names from it and lists each feature's entry in ents.
	index *featIndex
	ents  []*featEntry
	// frames builds the funding-frame features of the document's mentions
	frames featBuilder
	// recycle says a study's chunks die before the next study is scored
	// (extraction; training keeps every study's), so the arrays their
	// features were built in serve the next one (featArrays, entArrays):
	// those arrays were a fifth of the bytes a load allocates
	recycle    bool
	featArrays [][]string
	entArrays  [][]*featEntry
}

// frameBuilder is the document's builder of funding-frame features for
// the models' index, reset.
func (dc *docContext) frameBuilder(models *Models) *featBuilder {
	dc.frames.index = models.featureIndex()
	dc.frames.reset()
	return &dc.frames
}

// normOf is normName(text), computed once per document and text.
func (dc *docContext) normOf(text string) string {
	if n, ok := dc.norms[text]; ok {
		return n
	}
	if dc.norms == nil {
		dc.norms = map[string]string{}
	}
	n := normName(text)
	dc.norms[text] = n
	return n
}

// feature returns the feature spelt by b, allocating it only the first
// time the document uses it, and its entry in the models' index (nil when
// the models lack it).
func (dc *docContext) feature(b []byte) (string, *featEntry) {
	if dc.index != nil {
		if e := dc.index.byName[string(b)]; e != nil {
			return e.name, e
		}
	}
	return dc.localFeature(b), nil
}

// localFeature interns a feature the models lack.
func (dc *docContext) localFeature(b []byte) string {
	if f, ok := dc.features[string(b)]; ok {
		return f
	}
	if dc.features == nil {
		dc.features = map[string]string{}
	}
	f := string(b)
	dc.features[f] = f
	return f
}

// isPlace reports a place name the gazetteer knows ("Northtown").
func (dc *docContext) isPlace(s string) bool {
	v, ok := dc.places[s]
	if !ok {
		_, v = dc.gaz.LookupShort(s)
		dc.places[s] = v
	}
	return v
}

// isCouncil reports a council's name the gazetteer knows.
func (dc *docContext) isCouncil(s string) bool {
	v, ok := dc.councils[s]
	if !ok {
		_, v = dc.gaz.Lookup(s)
		dc.councils[s] = v
	}
	return v
}

// span is the clean text of tokens [lo, hi) of a passage.
func (ps *passage) span(lo, hi int) string {
	return ps.p.clean[ps.toks[lo].start:ps.toks[hi-1].end]
}

// insidePlace reports a chunk that cuts a place name: a place starts up to
// two tokens before it and ends inside it, or starts inside it and ends up
// to two tokens after it ("Epsom" and "Ewell Advice Centre" both cut
// "Epsom and Ewell").
func insidePlace(c chunk, dc *docContext) bool {
	toks := c.ps.toks
	for a := max(0, c.lo-2); a < c.hi; a++ {
		lo := c.hi + 1
		if a < c.lo {
			lo = c.lo + 1
		}
		for b := lo; b <= min(len(toks), c.hi+2) && b-a <= 5; b++ {
			if toks[a].isCapWord() && toks[b-1].isCapWord() && dc.isPlace(c.ps.span(a, b)) {
				return true
			}
		}
	}
	return false
}

// Head classes, as headClass names them.
const (
	headNone = iota
	headOrg
	headThing
	headPeople
	headRole
	headPlace
	numHeadClasses
)

var headClassNames = [numHeadClasses]string{"", "org", "thing", "people", "role", "place"}

// headClass groups head nouns by what they usually end.
func headClass(w string) string { return headClassNames[headClassOf(w)] }

// headClassOf is headClass as a number: one look-up in headClasses.
func headClassOf(w string) int { return int(headClasses[w]) }

// headClasses is every head noun's class, the first that holds it in the
// order below (a word in two sets takes the first).
var headClasses = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, set := range []struct {
		class int
		words []map[string]bool
	}{
		{headOrg, []map[string]bool{orgHeads}},
		{headThing, []map[string]bool{initiativeHeads, thingHeads}},
		{headPeople, []map[string]bool{peopleHeads}},
		{headRole, []map[string]bool{personTitles, personRoles, roleWords}},
		{headPlace, []map[string]bool{placeHeads}},
	} {
		for _, words := range set.words {
			for w, in := range words {
				if _, seen := m[w]; in && !seen {
					m[w] = uint8(set.class)
				}
			}
		}
	}
	return m
}()

// placeHeads end the names of streets, buildings and areas.
var placeHeads = map[string]bool{"street": true, "road": true, "lane": true, "avenue": true, "square": true,
	"park": true, "estate": true, "ward": true, "village": true, "town": true, "city": true, "quarter": true,
	"way": true, "drive": true, "close": true, "place": true, "green": true, "quays": true, "castle": true,
	"hall": true, "house": true, "building": true, "library": true, "stadium": true, "market": true,
	"county": true, "borough": true, "district": true, "region": true, "valley": true, "island": true}

// Templates of the features that are a prefix and a word of one token; the
// models' index holds each for every closed-class word and every shape.
const (
	tplW = iota
	tplFirst
	tplLast
	tplInner
	tplBefore
	tplAfter
	tplPrev1
	tplPrev2
	tplNext1
	tplNext2
	tplSinglePrev1
	tplSingleNext1
	tplVerbAfter
	numTemplates
)

var featTemplates = [numTemplates]string{"w=", "first=", "last=", "inner=", "before=", "after=", "prev1=", "prev2=",
	"next1=", "next2=", "single|prev1=", "single|next1=", "verbAfter="}

// wordFeature is the token itself when it is closed-class or a head noun,
// else its shape.
func wordFeature(t *tok) string {
	w := strings.TrimSuffix(t.lower, ".")
	if t.closed != 0 || headClass(w) != "" || nationalWord[w] {
		return w
	}
	if t.shape == shapeUpper {
		if len(t.text) <= 3 {
			return "XX3"
		}
		return "XX+"
	}
	return t.shape.String()
}

// nationalWord are words that say a body is national or public in scope.
var nationalWord = map[string]bool{"nhs": true, "uk": true, "british": true, "royal": true, "national": true,
	"scottish": true, "welsh": true, "irish": true, "english": true, "hm": true, "ccg": true, "cic": true,
	"ltd": true, "plc": true, "community": true, "voluntary": true, "action": true, "citizens": true,
	"covid": true, "covid-19": true, "coronavirus": true, "emergency": true, "response": true, "food": true,
	"support": true, "st": true, "saint": true}

// contextWord describes a token next to a chunk.
func contextWord(t *tok) string {
	switch {
	case t.shape == shapeLower || t.closed != 0:
		return t.lower
	case t.shape == shapePunct:
		return t.text
	}
	return t.shape.String()
}

func bucket(n int, cuts ...int) string {
	for _, c := range cuts {
		if n <= c {
			return strconv.Itoa(c)
		}
	}
	if last := cuts[len(cuts)-1]; last >= 0 && last < len(bucketOver) {
		return bucketOver[last]
	}
	return strconv.Itoa(cuts[len(cuts)-1]) + "+"
}

// bucketOver[c] is "c+", so the last bucket is not built for every chunk.
var bucketOver = func() []string {
	out := make([]string, 16)
	for c := range out {
		out[c] = strconv.Itoa(c) + "+"
	}
	return out
}()

// fixedFeat numbers a feature whose name is known before any chunk is
// read: a constant ("bias") or a prefix with one of a few values ("n=" with
// a bucket). The models' index holds each one's entry by number, so the
// features most chunks have are neither spelt nor looked up by name.
type fixedFeat int32

// fixedNames[id] is the name of fixed feature id.
var fixedNames []string

// fixed registers a fixed feature.
func fixed(name string) fixedFeat {
	fixedNames = append(fixedNames, name)
	return fixedFeat(len(fixedNames) - 1)
}

// bucketFeat is the family prefix+bucket(n, cuts...), one fixed feature a
// bucket.
type bucketFeat struct {
	cuts []int
	ids  []fixedFeat // one per cut, then the bucket over the last
}

func bucketed(prefix string, cuts ...int) bucketFeat {
	b := bucketFeat{cuts: cuts}
	for _, c := range cuts {
		b.ids = append(b.ids, fixed(prefix+strconv.Itoa(c)))
	}
	b.ids = append(b.ids, fixed(prefix+strconv.Itoa(cuts[len(cuts)-1])+"+"))
	return b
}

// of is the feature of n: prefix+bucket(n, cuts...).
func (b bucketFeat) of(n int) fixedFeat {
	for i, c := range b.cuts {
		if n <= c {
			return b.ids[i]
		}
	}
	return b.ids[len(b.cuts)]
}

// tableFeat is the family prefix+names[i] (fixed features by value).
func tableFeat(prefix string, names []string) []fixedFeat {
	out := make([]fixedFeat, len(names))
	for i, n := range names {
		out[i] = fixed(prefix + n)
	}
	return out
}

// pairFeats is the family prefix+a+"|"+b for a and b of names:
// out[i][j] for names[i], names[j].
func pairFeats(prefix string, names []string) [][]fixedFeat {
	return crossFeats(prefix, names, "|", names)
}

// crossFeats is the family prefix+a+mid+b for a of as and b of bs:
// out[i][j] for as[i], bs[j].
func crossFeats(prefix string, as []string, mid string, bs []string) [][]fixedFeat {
	out := make([][]fixedFeat, len(as))
	for i, a := range as {
		out[i] = tableFeat(prefix+a+mid, bs)
	}
	return out
}

// The fixed features of a chunk.
var (
	fBias             = fixed("bias")
	fAlt              = tableFeat("alt=", altNames[:])
	fN                = bucketed("n=", 1, 2, 3, 4, 6)
	fHeadClass        = tableFeat("headClass=", headClassNames[:])
	fShape1           = pairFeats("shape1=", shapeNames[:])
	fAnyOrgHead       = fixed("anyOrgHead")
	fAndSplit         = pairFeats("andSplit=", headClassNames[:])
	fAndAcronymLeft   = fixed("andSplit=acronymLeft")
	fAndSharedHead1   = fixed("andSharedHead1")
	fAndSharedHead    = fixed("andSharedHead")
	fPersonTitle      = fixed("personTitleFirst")
	fPersonTitleN     = bucketed("personTitleFirst|n=", 2, 3)
	fAnyThingHead     = fixed("anyThingHead")
	fAcronym          = bucketed("acronym", 3, 5)
	fGazExact         = fixed("gaz=exact")
	fGazFirst         = fixed("gaz=first")
	fGazFirstLast     = tableFeat("gaz=first|last=", headClassNames[:])
	fGazInside        = fixed("gaz=inside")
	fGazCouncil       = fixed("gaz=council")
	fNotOrg           = fixed("lexicon=notOrg")
	fCount            = bucketed("count=", 0, 1, 2, 4)
	fDefinedAcronym   = fixed("definedAcronym")
	fInTitle          = fixed("inTitle")
	fAllCommon        = fixed("allCommon")
	fAllCommonN       = bucketed("allCommon|n=", 1, 2, 3)
	fSentStart        = fixed("sentStart")
	fSentStartN       = bucketed("sentStart|n=", 1, 2)
	fWholeParagraph   = fixed("wholeParagraph")
	fInHeading        = fixed("inHeading")
	fPrevStart        = [2]fixedFeat{fixed("prev1=<s>"), fixed("prev2=<s>")}
	fNextEnd          = [2]fixedFeat{fixed("next1=</s>"), fixed("next2=</s>")}
	fPersonBefore     = fixed("personBefore")
	fFirstName        = fixed("firstName")
	fFirstNameN       = bucketed("firstName|n=", 1, 2, 3)
	fListItem         = fixed("listItem")
	fListMates        = bucketed("listMates=", 0, 1, 3)
	fListMateOrgHead  = fixed("listMateOrgHead")
	fListMateSingle   = fixed("listMateSingleCap")
	fSingleListMates  = bucketed("single|listMates=", 0, 1, 3)
	fAcronymAfter     = fixed("acronymAfter")
	fCouncilPossessed = fixed("councilPossessed")
	fPossessiveAfter  = fixed("possessiveAfter")
	fTheBefore        = fixed("theBefore")
)

// chunkFeatures lists the features of chunk c, in a slice of its own with
// room for the list model's features (addMateFeatures appends them).
func chunkFeatures(c chunk, dc *docContext) []string {
	f := buildFeatures(c, dc)
	dc.fscratch = nil
	return append(make([]string, 0, len(f)+mateRoom), f...)
}

// buildFeatures lists the features of chunk c, appended to dc.fscratch[:0],
// and their index entries in dc.ents[:0] when dc has the models' index.
func buildFeatures(c chunk, dc *docContext) []string {
	toks := c.ps.toks
	n := c.hi - c.lo
	first, last := &toks[c.lo], &toks[c.hi-1]
	sent := c.ps.sentenceOf(c.lo)
	f := dc.fscratch[:0]
	dc.ents = dc.ents[:0]
	add := func(parts ...string) {
		b := dc.fbuf[:0]
		for _, p := range parts {
			b = append(b, p...)
		}
		dc.fbuf = b
		name, e := dc.feature(b)
		f = append(f, name)
		dc.ents = append(dc.ents, e)
	}
	// addFixed adds a fixed feature, from the index's table by number
	addFixed := func(id fixedFeat) {
		if dc.index != nil {
			r := &dc.index.fixed[id]
			f = append(f, r.name)
			dc.ents = append(dc.ents, r.e)
			return
		}
		f = append(f, fixedNames[id])
		dc.ents = append(dc.ents, nil)
	}
	// addTok adds template tpl's feature for token t, whose value is v:
	// from the index's table when v is t's closed-class word or its shape
	addTok := func(tpl int, t *tok, v string) {
		if dc.index != nil {
			r := tokenRef(dc.index.closedFeats[tpl], &dc.index.shapeFeats[tpl], t, v)
			if r == nil {
				if refs := dc.index.wordFeats[v]; refs != nil && refs[tpl].name != "" {
					r = &refs[tpl]
				}
			}
			if r != nil {
				f = append(f, r.name)
				dc.ents = append(dc.ents, r.e)
				return
			}
			// wordFeats holds every feature of the models with this
			// template's prefix: the models lack this one, so it is not
			// looked up again by name
			dc.fbuf = append(append(dc.fbuf[:0], featTemplates[tpl]...), v...)
			f = append(f, dc.localFeature(dc.fbuf))
			dc.ents = append(dc.ents, nil)
			return
		}
		add(featTemplates[tpl], v)
	}
	addFixed(fBias)
	addFixed(fAlt[c.alt])
	addFixed(fN.of(n))
	addTok(tplFirst, first, wordFeature(first))
	addTok(tplLast, last, wordFeature(last))
	head := strings.TrimSuffix(last.lower, ".")
	hci := headClassOf(head)
	hc := headClassNames[hci]
	addFixed(fHeadClass[hci])
	addFixed(fShape1[first.shape][last.shape])
	anyOrg, anyThing := false, false
	for k := c.lo; k < c.hi; k++ {
		w := strings.TrimSuffix(toks[k].lower, ".")
		addTok(tplW, &toks[k], wordFeature(&toks[k]))
		anyOrg = anyOrg || orgHeads[w]
		anyThing = anyThing || initiativeHeads[w] || thingHeads[w]
		if k > c.lo && k < c.hi-1 && toks[k].closed != 0 {
			addTok(tplInner, &toks[k], toks[k].lower)
		}
	}
	if anyOrg {
		addFixed(fAnyOrgHead)
	}
	// "X and Y": does the left side end as a name would? ("Northtown Foodbank and Acme Stores")
	for k := c.lo + 1; k < c.hi-1; k++ {
		if toks[k].lower == "and" || toks[k].text == "&" {
			left := strings.TrimSuffix(toks[k-1].lower, ".")
			addFixed(fAndSplit[headClassOf(left)][hci])
			if toks[k-1].shape == shapeUpper {
				addFixed(fAndAcronymLeft)
			}
			// "X and the Y": "the" opens a second noun phrase
			if toks[k+1].lower == "the" {
				add("andThe=", headClass(left))
			}
			// "Westshire Youth and Family Trust": a left side of
			// several words with no head of its own shares the right side's head
			if k-c.lo == 1 && toks[c.lo].shape == shapeCap && hc == "org" && toks[k+1].lower != "the" && c.hi-k > 2 {
				addFixed(fAndSharedHead1) // "Easton and Norton Community Partnership"
			}
			if k-c.lo >= 2 && headClass(left) == "" && hc == "org" && toks[k+1].lower != "the" {
				shared := true
				for j := c.lo; j < k; j++ {
					shared = shared && toks[j].lower != "'s"
				}
				if shared {
					addFixed(fAndSharedHead)
				}
			}
			break
		}
	}
	// "X Foundation's Y Fund": a body's own thing, two names
	for k := c.lo + 1; k < c.hi-1; k++ {
		if toks[k].lower == "'s" {
			add("innerPoss=", headClass(strings.TrimSuffix(toks[k-1].lower, ".")))
			break
		}
	}
	if personTitles[strings.TrimSuffix(first.lower, ".")] {
		addFixed(fPersonTitle)
		addFixed(fPersonTitleN.of(n))
	}
	if anyThing {
		addFixed(fAnyThingHead)
	}
	if n <= 4 {
		b := append(dc.fbuf[:0], "shapes="...)
		for k := c.lo; k < c.hi; k++ {
			if k > c.lo {
				b = append(b, '_')
			}
			if toks[k].closed != 0 {
				b = append(b, 'c')
			} else {
				b = append(b, toks[k].shape.String()...)
			}
		}
		dc.fbuf = b
		name, e := dc.feature(b)
		f = append(f, name)
		dc.ents = append(dc.ents, e)
	}
	if n == 1 && first.shape == shapeUpper {
		addFixed(fAcronym.of(len(first.text)))
	}
	text := c.text()
	norm := dc.normOf(text)
	// gazetteer: the chunk is a place, starts with one, or holds one
	if dc.isPlace(text) {
		addFixed(fGazExact)
	} else if dc.isPlace(first.text) {
		addFixed(fGazFirst)
		addFixed(fGazFirstLast[hci])
	}
	if insidePlace(c, dc) {
		addFixed(fGazInside) // "Epsom" of "Epsom and Ewell Advice Centre": a piece of a place's name
	}
	if dc.isCouncil(text) {
		addFixed(fGazCouncil)
	}
	lower := c.lowerText()
	if notOrganisations[lower] {
		addFixed(fNotOrg)
	}
	// other mentions in the document
	addFixed(fCount.of(dc.counts[norm]))
	if full, ok := dc.acronyms[text]; ok && full != "" {
		addFixed(fDefinedAcronym)
	}
	if dc.title != "" && strings.Contains(dc.title, lower) {
		addFixed(fInTitle)
	}
	// all its words are ones the document also writes in lower case: a generic phrase
	common := true
	for k := c.lo; k < c.hi; k++ {
		if toks[k].closed == 0 && !dc.lowerUsed[toks[k].lower] {
			common = false
		}
	}
	if common {
		addFixed(fAllCommon)
		addFixed(fAllCommonN.of(n))
	}
	// position in the sentence
	if c.lo == sent[0] {
		addFixed(fSentStart)
		addFixed(fSentStartN.of(n))
	}
	if c.lo == 0 && c.hi == len(toks) {
		addFixed(fWholeParagraph)
	} else if c.lo == 0 && len(c.ps.sents) == 1 && !strings.ContainsAny(c.ps.p.clean[len(c.ps.p.clean)-1:], ".!?") {
		addFixed(fInHeading)
	}
	// left context: two tokens, then the cue words of the five before
	for k := 1; k <= 2; k++ {
		if c.lo-k >= sent[0] {
			addTok(tplPrev1+k-1, &toks[c.lo-k], contextWord(&toks[c.lo-k]))
		} else {
			addFixed(fPrevStart[k-1])
			break
		}
	}
	if c.lo-2 >= sent[0] {
		add("prev21=", contextWord(&toks[c.lo-2]), "_", contextWord(&toks[c.lo-1]))
	}
	for k := c.lo - 1; k >= sent[0] && k >= c.lo-6; k-- {
		if toks[k].shape == shapeLower || toks[k].closed != 0 {
			addTok(tplBefore, &toks[k], toks[k].lower)
		}
	}
	// right context
	for k := 0; k < 2; k++ {
		if c.hi+k < sent[1] {
			addTok(tplNext1+k, &toks[c.hi+k], contextWord(&toks[c.hi+k]))
		} else {
			addFixed(fNextEnd[k])
			break
		}
	}
	if c.hi+1 < sent[1] {
		add("next12=", contextWord(&toks[c.hi]), "_", contextWord(&toks[c.hi+1]))
	}
	for k := c.hi; k < sent[1] && k < c.hi+5; k++ {
		if toks[k].shape == shapeLower || toks[k].closed != 0 {
			addTok(tplAfter, &toks[k], toks[k].lower)
		}
	}
	// a person: a title before, a verb of saying after, or two capitalised words
	if c.lo > 0 {
		pw := strings.TrimSuffix(toks[c.lo-1].lower, ".")
		if personTitles[pw] || personRoles[pw] {
			addFixed(fPersonBefore)
		}
	}
	if firstNames[first.lower] {
		addFixed(fFirstName)
		addFixed(fFirstNameN.of(n))
	}
	// list membership: separators on both sides, and what the neighbouring items are
	sepBefore := c.lo > sent[0] && (toks[c.lo-1].isPunct(",;:•") || toks[c.lo-1].lower == "and" || toks[c.lo-1].text == "&")
	sepAfter := c.hi < sent[1] && (toks[c.hi].isPunct(",;.)") || toks[c.hi].lower == "and" || toks[c.hi].text == "&")
	if sepBefore && sepAfter {
		addFixed(fListItem)
	}
	if sepBefore || sepAfter {
		items := listMates(toks, c.lo, c.hi, sent)
		addFixed(fListMates.of(items.count))
		if items.orgHead {
			addFixed(fListMateOrgHead)
		}
		if items.single {
			addFixed(fListMateSingle)
		}
		if n == 1 {
			addFixed(fSingleListMates.of(items.count))
		}
	}
	if n == 1 {
		if c.lo > sent[0] {
			addTok(tplSinglePrev1, &toks[c.lo-1], contextWord(&toks[c.lo-1]))
		}
		if c.hi < sent[1] {
			addTok(tplSingleNext1, &toks[c.hi], contextWord(&toks[c.hi]))
		}
	}
	// the first verb-like closed-class word after it: "X donated", "X said"
	for k := c.hi; k < sent[1] && k < c.hi+4; k++ {
		if toks[k].closed != 0 && toks[k].shape == shapeLower && !nameConnectors[toks[k].lower] && toks[k].lower != "the" {
			addTok(tplVerbAfter, &toks[k], toks[k].lower)
			break
		}
	}
	// "(ACR)" after the chunk
	if bracketedAcronym(toks, c.hi) {
		addFixed(fAcronymAfter)
	}
	// "the Council's X"
	if c.lo >= 2 && toks[c.lo-1].lower == "'s" && (toks[c.lo-2].lower == "council" || toks[c.lo-2].lower == "council’s") {
		addFixed(fCouncilPossessed)
	}
	if c.hi < len(toks) && toks[c.hi].lower == "'s" {
		addFixed(fPossessiveAfter)
	}
	if c.lo > 0 && toks[c.lo-1].lower == "the" {
		addFixed(fTheBefore)
	}
	dc.fscratch = f
	return f
}

// slab hands out slices built in large arrays: a study's chunks have a few
// dozen features each, and taking them from one array per study instead of
// an array per chunk saves the allocator and the collector thousands of
// small objects. A slice handed out keeps its array alive, so a slab serves
// things that die together (one case study's chunks). Arrays in spare
// (those of a study whose chunks are dead, docContext.recycle) are used
// before new ones are made.
type slab[T any] struct {
	free   []T   // the unused end of the array
	spare  [][]T // arrays to use again, each from its start
	arrays [][]T // every array this slab has handed slices out of
}

// next is where the next slice is built (appended to from length 0): room
// for at least min elements, in a spare array or a new one of size
// elements when the current one has less left.
func (s *slab[T]) next(min, size int) []T {
	if cap(s.free) < min {
		if n := len(s.spare); n > 0 && cap(s.spare[n-1]) >= min {
			s.free, s.spare = s.spare[n-1][:0], s.spare[:n-1]
		} else {
			s.free = make([]T, 0, max(min, size))
		}
		s.arrays = append(s.arrays, s.free)
	}
	return s.free[:0]
}

// keep hands out f, built from next, with room for extra more elements
// after it: in the array when it fits there (appends within the room stay
// in f's own part), else in an array of its own.
func (s *slab[T]) keep(f []T, extra int) []T {
	n := len(f) + extra
	if len(f) > 0 && n <= cap(s.free) && &f[0] == &s.free[:1][0] {
		s.free = s.free[n:n]
		return f[:len(f):n]
	}
	// f outgrew the array (append moved it), or the room does not fit
	return append(make([]T, 0, n), f...)
}

// mateRoom is how many features addMateFeatures may add to a chunk's.
const mateRoom = 5

// mates describes the other items of the list a chunk stands in.
type mates struct {
	count   int
	orgHead bool // an item ends in an organisation head noun
	single  bool // an item is one capitalised word
}

// listMates walks the list around tokens [lo, hi) in the sentence: items are
// capitalised runs separated by commas, semicolons, "and" or "&".
func listMates(toks []tok, lo, hi int, sent [2]int) mates {
	var m mates
	visit := func(a, b int) {
		m.count++
		if orgHeads[strings.TrimSuffix(toks[b-1].lower, ".")] {
			m.orgHead = true
		}
		if b-a == 1 {
			m.single = true
		}
	}
	isSep := func(t *tok) bool { return t.isPunct(",;") || t.lower == "and" || t.text == "&" }
	// left
	k := lo - 1
	for k > sent[0] && isSep(&toks[k]) && m.count < 6 {
		b := k
		a := b
		for a-1 >= sent[0] && (toks[a-1].isCapWord() || (nameConnectors[toks[a-1].lower] && toks[a-1].lower != "and" && a-2 >= sent[0] && toks[a-2].isCapWord())) {
			a--
		}
		if a == b {
			break
		}
		visit(a, b)
		k = a - 1
	}
	// right
	k = hi
	for k < sent[1]-1 && isSep(&toks[k]) && m.count < 12 {
		a := k + 1
		for a < sent[1] && (toks[a].lower == "the" || toks[a].lower == "and") {
			a++
		}
		b := a
		for b < sent[1] && (toks[b].isCapWord() || (nameConnectors[toks[b].lower] && toks[b].lower != "and" && b+1 < sent[1] && toks[b+1].isCapWord())) {
			b++
		}
		if b == a {
			break
		}
		visit(a, b)
		k = b
	}
	return m
}
