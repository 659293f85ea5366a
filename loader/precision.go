package loader

import (
	"slices"
	"strings"
	"unicode"
)

// Decode-time rules that keep things which are no bodies out of the
// organisations: schemes, funds and documents whose names a text writes in
// title case.

// schemeAfterAcronym are the singular nouns that, straight after a bracketed
// acronym, say the words before it name a scheme, fund or document, not a
// body: "the Northtown Lend A Hand (NLAH) scheme", "the Westshire Business
// Recovery (WBR) Fund". (Plural "funds" is left out: "the council (NC) funds
// the hub" is a verb.)
var schemeAfterAcronym = toSet(`scheme fund programme campaign initiative strategy plan project app website
portal pledge charter framework appeal`)

// schemeAcronymsOf adds to terms the acronyms a passage defines just before
// a scheme noun or for words opening with an adverb ("the Severely
// Isolated (SI)"), and the words they abbreviate, and the words that spell
// out a term's acronym (notOrganisations) after it, unless a body's head
// is among them: "PPE (Personal Protective Equipment)" is a term, "NHS
// (National Health Service)" a body (looked up in acronyms, which
// acronymsOf filled): "Full Words (ACR) scheme" names a scheme however the
// text writes it later, so neither form is an organisation's name. It
// returns terms, made when the first is found.
func schemeAcronymsOf(ps *passage, acronyms map[string]string, terms map[string]bool) map[string]bool {
	toks := ps.toks
	for k := 1; k+3 < len(toks); k++ {
		acr, full, ok := definedAcronymAt(toks, k, acronyms)
		if !ok {
			continue // no acronym, or its initials spell no words before it
		}
		// a term for people that opens with an adverb (adverbOpener)
		first, _, _ := strings.Cut(full, " ")
		if !schemeAfterAcronym[toks[k+3].lower] && !adverbWord(strings.ToLower(first)) &&
			!sectorName(strings.Fields(strings.ToLower(full))) {
			continue
		}
		if terms == nil {
			terms = map[string]bool{}
		}
		terms[acr], terms[full] = true, true
		if rest, ok := strings.CutPrefix(full, "The "); ok {
			terms[rest] = true // a sentence's first word: the mention starts after it
		}
	}
	for k := 0; k+3 < len(toks); k++ {
		// "ACR (Full Words)": the words spell out a term's acronym
		if toks[k].shape != shapeUpper || !notOrganisations[toks[k].lower] || toks[k+1].text != "(" {
			continue
		}
		end := k + 2
		for end < len(toks) && end-k < 12 && toks[end].text != ")" {
			end++
		}
		words := toks[k+2 : min(end, len(toks))]
		if end >= len(toks) || toks[end].text != ")" || !spellsTokens(words, []rune(toks[k].text)) ||
			slices.ContainsFunc(words, func(t tok) bool { return orgHeads[t.lower] }) {
			continue
		}
		if terms == nil {
			terms = map[string]bool{}
		}
		terms[ps.span(k+2, end)] = true
	}
	return terms
}

// setUpThing reports the last word of a name kept as an organisation that
// makes it an initiative instead: a scheme's head ("Hub", "Scheme",
// "Appeal") or a document's, website's or plan's (thingHeads: "Recovery
// Strategy", "Response Plan", "Volunteer Portal"), which never ends a body's
// name.
func setUpThing(last string) bool { return schemeHeads[last] || thingHeads[last] }

// dropTitleLists removes the organisations kept in a comma list of single
// capitalised words that a document's or scheme's name closes, with no "and"
// anywhere ("published its Recovery: Prepare, Protect, Rebuild, Renewal
// Plan"): such a list is the words of one title cut at its commas, which a
// list of bodies would join with "and" and give more than one word a name.
func (st *studyText) dropTitleLists(decoded [][]scoredChunk) {
	for i := 0; i < len(st.runs); {
		j := i + 1
		for j < len(st.runs) && st.separated(j-1, j) {
			j++
		}
		if j-i >= 3 && st.titleList(i, j) {
			for k := i; k < j; k++ {
				decoded[k] = slices.DeleteFunc(decoded[k], func(a scoredChunk) bool { return a.class == 1 })
			}
		}
		i = j
	}
}

// titleList reports whether runs i..j-1, one list, are a title's words:
// one word each but the last, which ends with a thing's head, and only
// commas between them.
func (st *studyText) titleList(i, j int) bool {
	last := st.runs[j-1]
	toks := last[0].ps.toks
	// the closing name: from the run's start to a thing's head, with no
	// "and" ("Renewal Plan" of "Renewal Plan in May")
	closed := slices.ContainsFunc(last, func(a scoredChunk) bool {
		return a.lo == last[0].lo && setUpThing(toks[a.hi-1].lower) &&
			!slices.ContainsFunc(toks[a.lo:a.hi], func(t tok) bool { return t.lower == "and" || t.text == "&" })
	})
	if !closed {
		return false
	}
	for k := i; k < j; k++ {
		if k < j-1 && runEnd(st.runs[k])-st.runs[k][0].lo != 1 {
			return false
		}
		if k > i {
			for x := runEnd(st.runs[k-1]); x < st.runs[k][0].lo; x++ {
				if !toks[x].isPunct(",") {
					return false
				}
			}
		}
	}
	return true
}

// precisNotBody collects the precision rules for names that are no bodies,
// which notABody asks.
func precisNotBody(c chunk) bool {
	return prefixedModifier(c) || motionMover(c) || adverbOpener(c) || councilsPlace(c) || apostrophePlural(c) ||
		shoutedTail(c) || sectorChunk(c)
}

// prefixedModifier reports a name that opens with a lower-case prefix joined
// by a hyphen to a capitalised word ("post-Covid", "pre-Election",
// "non-NHS"): an adjective made of a name ("a post-Covid future"), never a
// body's name, which opens with a capital.
func prefixedModifier(c chunk) bool {
	w := c.ps.toks[c.lo].text
	k := strings.IndexByte(w, '-')
	if k <= 0 || k+1 >= len(w) || !unicode.IsUpper(rune(w[k+1])) {
		return false
	}
	for _, r := range w[:k] {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// motionVerbs put a motion before a chamber: "presented by", "seconded by".
var motionVerbs = toSet(`presented proposed seconded moved tabled brought`)

// motionWords name what a chamber votes on.
var motionWords = toSet(`motion motions amendment amendments resolution`)

// motionMover reports a name after "seconded by (the)" or another verb
// that puts a motion to a chamber, in a sentence about a motion ("a motion
// presented by the Westvale Party and seconded by Cllr Smith"): only a
// councillor or a political group moves a motion, and political groups are
// no organisations that take part in the work.
func motionMover(c chunk) bool {
	toks := c.ps.toks
	k := c.lo - 1
	if k >= 0 && toks[k].lower == "the" {
		k--
	}
	if k < 1 || toks[k].lower != "by" || !motionVerbs[toks[k-1].lower] {
		return false
	}
	s := c.ps.sentenceOf(c.lo)
	for j := s[0]; j < s[1]; j++ {
		if motionWords[toks[j].lower] {
			return true
		}
	}
	return false
}

// adverbOpener reports a name whose first word is an adverb in -ally,
// -ely, -ively or -ously ("Critically Isolated", "Severely Disabled",
// "Extremely Isolated"): capitalised as a category of people or a term,
// while a body's name opens with a noun, a place or an adjective. Seven
// letters at least, so short names ending so stay ("Ely").
func adverbOpener(c chunk) bool {
	w := c.ps.toks[c.lo]
	return w.shape == shapeCap && adverbWord(w.lower)
}

// adverbWord reports a lower-cased word of seven letters or more ending in
// -ally, -ely or -ously (-ively ends in -ely).
func adverbWord(w string) bool {
	if len(w) < 7 {
		return false
	}
	for _, end := range []string{"ally", "ely", "ously"} {
		if strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// councilsPlace reports a name set off by commas straight after a council's
// name, with the sentence going on in lower case after it ("Eastvale Town
// Council, Westshire, is working with ..."): the county or area that says
// where the council is, not a partner. A list of partners after a council
// goes on with another name or "and", which this leaves alone.
func councilsPlace(c chunk) bool {
	toks := c.ps.toks
	if c.lo < 2 || c.hi+1 >= len(toks) || !toks[c.lo-1].isPunct(",") || toks[c.lo-2].lower != "council" ||
		!toks[c.hi].isPunct(",") || c.hi-c.lo > 2 {
		return false
	}
	next := &toks[c.hi+1]
	if next.shape != shapeLower || nameConnectors[next.lower] || next.lower == "or" {
		return false
	}
	return !slices.ContainsFunc(toks[c.lo:c.hi], func(t tok) bool { return orgHeads[t.lower] })
}

// describerNouns follow a name in lower case to say what kind of body it is
// ("the Northtown Helpers charity", "the Zorbo Tech firm"), and are no part
// of the name; unlike "trust" or "union" after a name, which may be.
var describerNouns = toSet(`charity firm`)

// trimDescribers cuts a lower-case describing noun off the end of a kept
// organisation (the chunk is the run's lower-case extension): the body's
// name is the capitalised words before it.
func (st *studyText) trimDescribers(decoded [][]scoredChunk) {
	for _, kept := range decoded {
		for x := range kept {
			a := &kept[x]
			last := &a.ps.toks[a.hi-1]
			if a.class == 1 && a.hi-a.lo >= 2 && last.shape == shapeLower && describerNouns[last.lower] {
				a.hi--
			}
		}
	}
}

// definedAcronymAt is the bracketed acronym at token k ("Full Words (FW)")
// and the words acronymsOf found it spelling, when there are such words.
func definedAcronymAt(toks []tok, k int, acronyms map[string]string) (acr, full string, ok bool) {
	if !bracketedAcronym(toks, k) {
		return "", "", false
	}
	acr = toks[k+1].text
	full, ok = acronyms[acr]
	return acr, full, ok
}

// widenAcronyms extends an acronym's expansion back over the capitalised
// open-class words written before it in the same name ("Northtown Valley
// University Health Board (UHB)" defines UHB for the whole name, whose place
// words the acronym leaves out): the acronym stands for the body the text
// names in full, so its later uses are that body's. A council's name stops
// the walk (its own units are not its name), and so does a function word.
func widenAcronyms(ps *passage, acronyms map[string]string) {
	toks := ps.toks
	for k := 1; k+2 < len(toks); k++ {
		acr, full, ok := definedAcronymAt(toks, k, acronyms)
		if !ok {
			continue
		}
		start := -1
		for s := k - 1; s >= 0 && toks[s].end-toks[k-1].end >= -len(full); s-- {
			if ps.p.clean[toks[s].start:toks[k-1].end] == full {
				start = s
				break
			}
		}
		if start < 0 || slices.ContainsFunc(toks[start:k], func(t tok) bool { return t.lower == "council" }) {
			continue
		}
		lo := start
		for lo > 0 && toks[lo-1].isCapWord() && toks[lo-1].closed == 0 && toks[lo-1].lower != "council" &&
			ps.sentenceOf(lo - 1)[0] == ps.sentenceOf(start)[0] {
			lo--
		}
		if lo < start {
			acronyms[acr] = ps.p.clean[toks[lo].start:toks[k-1].end]
		}
	}
}

// trimLocations cuts "in <Place>" off a kept organisation whose words
// before "in" end with a body's head ("the Eastfield Day Centre in
// Northtown", "Zorbo Partnership in Westvale"): the body is named, then
// where it is. Words after "in" that hold a head or an article name a part
// of the body's own name ("Locality Work in Northtown Partnership", "X in
// the Community"), which stays whole.
func (st *studyText) trimLocations(decoded [][]scoredChunk) {
	for _, kept := range decoded {
		for x := range kept {
			a := &kept[x]
			if a.class != 1 {
				continue
			}
			toks := a.ps.toks
			for k := a.lo + 1; k < a.hi-1; k++ {
				if toks[k].lower != "in" || !orgHeads[toks[k-1].lower] {
					continue
				}
				place := true
				for _, t := range toks[k+1 : a.hi] {
					place = place && t.shape == shapeCap && t.closed == 0 && !orgHeads[t.lower] && !initiativeHeads[t.lower]
				}
				if place {
					a.hi = k
				}
				break
			}
		}
	}
}

// apostrophePlural reports an acronym written as a plural with an
// apostrophe, with no noun after it ("trained and given ID's, badges and
// handbooks", "local GP's and pharmacies"): a possessive names what the body
// has, so something follows it; a plural of a common short form names no body.
func apostrophePlural(c chunk) bool {
	toks := c.ps.toks
	if c.hi-c.lo != 1 || toks[c.lo].shape != shapeUpper || c.hi+1 >= len(toks) || toks[c.hi].lower != "'s" {
		return false
	}
	next := &toks[c.hi+1]
	return next.isPunct(",.;:)") || next.lower == "and" || next.lower == "or"
}

// shoutedTail reports a name whose title-case words run into two or more
// words in capitals of four letters or more ("Funding Boost for Groups
// WESTVALE COUNCIL is celebrating"): a headline that runs into the text's
// opening words, written in capitals, not one name. Acronyms are shorter
// or stand alone ("Zorbo CVS CIC", "NCVO").
func shoutedTail(c chunk) bool {
	toks := c.ps.toks
	title := false
	for k := c.lo; k+1 < c.hi; k++ {
		if toks[k].shape == shapeCap {
			title = true
			continue
		}
		if title && toks[k].shape == shapeUpper && toks[k+1].shape == shapeUpper && len(toks[k].text) >= 4 && len(toks[k+1].text) >= 4 {
			return true
		}
	}
	return false
}

// dropListedLocations removes the items list completion kept from words
// after "in" or "at" inside one item ("Acme, Zorbo Stores in Westvale and
// Brightstores"): they say where the item is, and the list's evidence that
// its items are bodies does not reach them; the classifier alone may still
// keep them.
func (st *studyText) dropListedLocations(decoded [][]scoredChunk) {
	for k := range decoded {
		decoded[k] = slices.DeleteFunc(decoded[k], func(a scoredChunk) bool {
			toks := a.ps.toks
			if !a.listed || a.lo < 2 || toks[a.lo-1].lower != "in" && toks[a.lo-1].lower != "at" {
				return false
			}
			// the word before "in" ends a name: "Acme's in", "Zorbo Stores in"
			before := &toks[a.lo-2]
			return before.isCapWord() || before.lower == "'s"
		})
	}
}

// sectorName reports lower-cased words that end with "sector" and hold no
// body's head before it ("community and voluntary sector", "Private
// Sector"): a part of society, not one body; "Westvale Council for the
// Voluntary Sector" is a body by its head.
func sectorName(words []string) bool {
	n := len(words)
	if n == 0 || words[n-1] != "sector" && words[n-1] != "sectors" {
		return false
	}
	return !slices.ContainsFunc(words[:n-1], func(w string) bool { return orgHeads[w] })
}

// sectorChunk is sectorName of a chunk's words.
func sectorChunk(c chunk) bool {
	words := make([]string, 0, c.hi-c.lo)
	for _, t := range c.ps.toks[c.lo:c.hi] {
		words = append(words, t.lower)
	}
	return sectorName(words)
}
