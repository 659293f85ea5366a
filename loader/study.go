package loader

import (
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gazetteer"
)

// The stages of one case study, in order: prepareStudy (tokens, councils,
// candidate chunks with features and scores) -> classify (mentions) ->
// relate (participation, funding frames, council partners) -> a
// studyResult that the builder turns into nodes and relationships.

// mention is an organisation or initiative named in a case study.
type mention struct {
	name     string
	aliases  []string
	ev       partnergraph.Evidence
	funder   bool
	fundEv   partnergraph.Evidence
	inKind   bool
	amount   string
	value    float64
	target   string // the named initiative its sentence is about, "" for the case study's own
	business bool   // named in a list of businesses
	generic  bool   // made only of words the document also writes in lower case
	c        chunk
}

// councilPartner is another council taking part in a case study.
type councilPartner struct {
	ref *councilRef
	ev  partnergraph.Evidence
}

// councilGift is money the lead council gave in its own case study.
type councilGift struct {
	amount string
	value  float64
	ev     partnergraph.Evidence
	target string
	// runBy is another council the gift's sentence says set up or runs
	// the fund the money went to ("... to the Westshire Fund set up by
	// Westshire County Council"): it leads that initiative.
	runBy *councilRef
}

// sentenceKey names a sentence: its passage and first token.
type sentenceKey struct {
	ps *passage
	lo int
}

// studyResult is what one case study contributes to the graph.
type studyResult struct {
	orgs      []*mention
	inits     []*mention
	councils  []councilPartner
	gifts     []councilGift
	acronyms  map[string]string
	unknown   []string
	decisions []Decision
}

// studiesOf runs the document stages: paragraphs, then layout.
func studiesOf(doc *document, gaz *gazetteer.Gazetteer) []*caseStudy {
	studies, _ := segment(doc, paragraphs(doc), gaz)
	return studies
}

// newDocContext gathers what features need to know about the document;
// scoredStudy adds what each case study holds.
func newDocContext(doc *document, gaz *gazetteer.Gazetteer) *docContext {
	return &docContext{gaz: gaz, lowerUsed: lowerCaseWords(doc), places: make(map[string]bool, mapHint(doc, 24, 2048)),
		councils: make(map[string]bool, mapHint(doc, 48, 1024)), norms: make(map[string]string, mapHint(doc, 48, 1024))}
}

// scoredStudy fills the document context a first pass gives (acronym
// definitions, how often each run recurs), then tokenises and scores the
// case study with it. Training and extraction both start here, so the
// features a model was trained on are the features it is given.
func scoredStudy(cs *caseStudy, dc *docContext, models *Models) *studyText {
	st := prepareStudy(cs, dc)
	dc.title = strings.ToLower(cs.title)
	alts := 0
	for _, a := range st.runs {
		alts += len(a)
	}
	// counts gets at most one key per alternative: made at that size, not
	// regrown from empty on every study
	dc.acronyms, dc.counts, dc.terms = map[string]string{}, make(map[string]int, alts), nil
	for _, ps := range st.passages {
		acronymsOf(ps, dc.acronyms)
		dc.terms = termAcronymsOf(ps, dc.terms)
	}
	for _, ps := range st.passages {
		widenAcronyms(ps, dc.acronyms)
		dc.terms = schemeAcronymsOf(ps, dc.acronyms, dc.terms)
	}
	for _, alts := range st.runs {
		for _, a := range alts { // every way the study writes a name counts as a mention of it
			dc.counts[dc.normOf(a.text())]++
		}
	}
	st.score(dc, models)
	return st
}

// extractStudy runs the case-study stages with the given models.
func extractStudy(cs *caseStudy, dc *docContext, models *Models, verbose bool) *studyResult {
	st := scoredStudy(cs, dc, models)
	res := &studyResult{acronyms: dc.acronyms}
	kept := st.classify(models)

	// initiatives first: an organisation's sentence may be about one of them
	initAt := map[sentenceKey]classified{} // the (last) initiative named in each sentence
	seenInit := map[string]bool{}
	// normalised names through the document's cache (normOf): the title and
	// the acronyms' expansions are compared with every mention
	title := dc.normOf(cs.title)
	for _, m := range kept {
		if m.class != classInitiative {
			continue
		}
		name := mentionName(m.chunk)
		key := dc.normOf(name)
		if key == "" || key == title || len(name) > 90 {
			continue
		}
		initAt[sentenceKey{m.ps, m.ps.sentenceOf(m.lo)[0]}] = m
		if seenInit[key] {
			continue
		}
		seenInit[key] = true
		res.inits = append(res.inits, &mention{name: name, ev: sentenceEvidence(m.ps, m.lo, m.hi, m.rule, m.p), c: m.chunk})
		if verbose {
			res.decisions = append(res.decisions, Decision{Line: m.ps.p.lineAt(m.ps.toks[m.lo].start), What: "initiative: " + name, Rule: m.rule})
		}
	}
	for _, m := range kept {
		if m.class != classOrg {
			continue
		}
		name := mentionName(m.chunk)
		if dc.normOf(name) == "" || notABody(m.chunk) || dc.terms[name] {
			continue
		}
		if w := listedTail(m.chunk); w != "" {
			name += " " + w
		}
		if setUpThing(m.ps.toks[m.hi-1].lower) {
			// "Northtown Help Hub", "Food Parcel Scheme": a thing set up, not a body
			if key := dc.normOf(name); !seenInit[key] && key != title && len(name) <= 90 {
				seenInit[key] = true
				res.inits = append(res.inits, &mention{name: name, ev: sentenceEvidence(m.ps, m.lo, m.hi, "scheme-head "+m.rule, m.p), c: m.chunk})
			}
			continue
		}
		var aliases []string
		if full, ok := dc.acronyms[name]; ok && len(findCouncils(full, dc.gaz)) > 0 {
			continue // the council's own acronym: an alias of the council, added by the builder
		} else if ok {
			// an acronym the document defined: the body's full name, with the acronym as alias
			aliases, name = []string{name}, cleanName(full)
		} else {
			key := dc.normOf(name)
			for acr, full := range dc.acronyms {
				if dc.normOf(full) == key {
					aliases = append(aliases, acr)
				}
			}
		}
		generic := genericName(m.chunk, m.feats)
		if generic && pluralHead(m.chunk) {
			continue // "the 13 Health Boards": a kind of body, many of them, no one's name
		}
		mm := &mention{name: name, aliases: aliases, c: m.chunk, generic: generic,
			ev: sentenceEvidence(m.ps, m.lo, m.hi, m.rule, m.p)}
		s := m.ps.sentenceOf(m.lo)
		for k := m.lo - 1; k >= s[0] && k >= m.lo-8; k-- {
			switch m.ps.toks[k].lower {
			case "businesses", "business", "companies", "company", "firms", "supermarkets", "retailers", "shops", "restaurants":
				mm.business = true
			}
		}
		if in, ok := initAt[sentenceKey{m.ps, s[0]}]; ok {
			mm.target = bodyTarget(mentionName(in.chunk), name, dc)
		}
		decideFunding(mm, m.chunk, models, dc)
		res.orgs = append(res.orgs, mm)
		if verbose {
			res.decisions = append(res.decisions, Decision{Line: m.ps.p.lineAt(m.ps.toks[m.lo].start), What: "organisation: " + name, Rule: m.rule})
		}
	}
	shareListGifts(res.orgs)
	res.orgs = dropDefiniteShortForms(res.orgs)
	res.orgs = resolveAcronyms(res.orgs, cs, st.councils, res.acronyms)
	longer := res.inits
	if len(strings.Fields(cs.title)) <= 6 {
		// a short title names the study's scheme or body in full ("Northtown
		// Community Lottery"), as a kept initiative would
		longer = append(append([]*mention(nil), res.inits...), &mention{name: cs.title})
	}
	resolveShortenedNames(res.orgs, longer)
	res.orgs = append(res.orgs, anaphoricGivers(st, res.orgs, models)...)
	res.inits, res.orgs = appealGivers(st, res.inits, res.orgs)
	// what no class took, for the load report and review
	for _, alts := range st.runs {
		if len(decodeRun(alts, models.Lists.Classes)) == 0 && alts[0].hi-alts[0].lo >= 2 {
			res.unknown = append(res.unknown, alts[0].quoteText())
		}
	}
	// other councils that take part, and money the lead council gave
	seenCouncil := map[string]bool{cs.council.id(): true}
	leadTokens := map[*passage]map[int]bool{}
	for _, h := range st.councils {
		if h.ref.id() == cs.council.id() {
			if leadTokens[h.ps] == nil {
				leadTokens[h.ps] = map[int]bool{}
			}
			for k := h.lo; k < h.hi; k++ {
				leadTokens[h.ps][k] = true
			}
			continue
		}
		if seenCouncil[h.ref.id()] {
			continue
		}
		seenCouncil[h.ref.id()] = true
		res.councils = append(res.councils, councilPartner{ref: h.ref, ev: sentenceEvidence(h.ps, h.lo, h.hi, "council-named-in-study", 0.8)})
	}
	for _, ps := range st.passages {
		for _, s := range ps.sents {
			k, ok := councilFrame(ps, s, leadTokens[ps])
			if !ok {
				continue
			}
			text, value, _ := parseMoney(ps.toks[k].text)
			g := councilGift{amount: text, value: value, ev: sentenceEvidence(ps, k, k+1, "frame:council-gives", 0.7)}
			if in, ok := initAt[sentenceKey{ps, s[0]}]; ok {
				g.target = mentionName(in.chunk)
				g.runBy = councilRunning(ps, s, in.hi, st.councils, cs.council.id())
			}
			res.gifts = append(res.gifts, g)
		}
	}
	return res
}

// shareListGifts makes every item of a list after "from" or "by" a giver
// when the funder model made one of them one ("support from X, Y and the Z
// Foundation", "funded by X and Y"): the items share their governor, so
// they share its frame.
func shareListGifts(orgs []*mention) {
	type key struct {
		ps    *passage
		start int
	}
	givers := map[key]*mention{}
	starts := make([]int, len(orgs))
	for i, m := range orgs {
		toks := m.c.ps.toks
		s0 := m.c.ps.sentenceOf(m.c.lo)[0]
		starts[i] = listStart(toks, m.c.lo, s0)
		if k := starts[i]; m.funder && k >= s0 && (toks[k].lower == "from" || toks[k].lower == "by") {
			givers[key{m.c.ps, k}] = m
		}
	}
	for i, m := range orgs {
		g := givers[key{m.c.ps, starts[i]}]
		if m.funder || g == nil || m.c.ps.sentenceOf(m.c.lo) != g.c.ps.sentenceOf(g.c.lo) {
			continue
		}
		m.funder, m.target = true, g.target
		m.fundEv = sentenceEvidence(m.c.ps, m.c.lo, m.c.hi, "list-mate-of-giver "+g.fundEv.Rule, g.fundEv.Confidence)
		if text, value, ok := amountNear(m.c); ok {
			m.amount, m.value = text, value
		} else {
			m.inKind = inKindSentence(m.c)
		}
	}
}

// bodyTarget is the initiative a body named in a sentence about init takes
// part in: init, unless it is the body itself — a fund the study names both
// as a scheme and as a body ("a cheque from the Northtown Fund") does not
// take part in or fund itself, so its part is in the case study's own
// initiative ("").
func bodyTarget(init, body string, dc *docContext) string {
	if dc.normOf(init) == dc.normOf(body) {
		return ""
	}
	return init
}

// dropDefiniteShortForms drops "the Trust" where the study names a body
// whose name ends in that noun ("the Northtown Community Trust"): a
// reference back, not a body of its own (anaphoricGivers reads its gifts).
func dropDefiniteShortForms(orgs []*mention) []*mention {
	var out []*mention
	// the last words of the names, lower-cased: a name ends in " " + w (w a
	// token, so without spaces) just when w follows its last space; built
	// once, not searched for every short form (quadratic in the mentions)
	var lastWords map[string]bool
	for _, m := range orgs {
		toks := m.c.ps.toks
		lo := m.c.lo
		if toks[lo].lower == "the" {
			lo++
		}
		if w := toks[lo].lower; m.c.hi-lo == 1 && lo > 0 && toks[lo-1].lower == "the" && (anaphora[w] || orgHeads[w]) {
			if lastWords == nil {
				lastWords = map[string]bool{}
				for _, o := range orgs {
					name := strings.ToLower(o.name)
					if k := strings.LastIndexByte(name, ' '); k >= 0 {
						lastWords[name[k+1:]] = true
					}
				}
			}
			if lastWords[toks[lo].lower] {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// resolveAcronyms gives an undefined acronym the body whose name it
// abbreviates in the same case study: a council's ("KCC") is dropped, since
// the council is already there; an organisation's ("NTCH") becomes an alias
// of its full name.
func resolveAcronyms(orgs []*mention, cs *caseStudy, councils []councilHit, councilAliases map[string]string) []*mention {
	// every name tokenised once, filed by its first letter: an acronym is
	// checked only against names that start with its own first letter
	type name struct {
		text string
		toks []tok
	}
	byInitial := map[rune][]name{}
	seen := map[string]bool{}
	file := func(text string, council bool) {
		key := text
		if council {
			key = "\x00" + text
		}
		if seen[key] || text == "" {
			return
		}
		seen[key] = true
		toks := tokenize(text)
		if len(toks) < 2 {
			return
		}
		r := []rune(strings.ToUpper(toks[0].text))[0]
		byInitial[r] = append(byInitial[r], name{key, toks})
	}
	file(cs.council.name, true)
	if cs.council.auth != nil {
		file(cs.council.auth.OfficialName, true)
	}
	for _, h := range councils {
		file(h.ref.name, true)
	}
	for _, o := range orgs {
		if !isAcronym(o.name) {
			file(o.name, false)
		}
	}
	resolved := map[string]string{} // acronym -> full name, "\x00..." for a council's, "" for none
	resolve := func(acr string) string {
		if full, ok := resolved[acr]; ok {
			return full
		}
		full := ""
		letters := []rune(acr)
		for _, n := range byInitial[letters[0]] {
			if spellsTokens(n.toks, letters) {
				full = n.text
				if strings.HasPrefix(full, "\x00") {
					break // the council's: it wins
				}
			}
		}
		resolved[acr] = full
		return full
	}
	var out []*mention
	for _, m := range orgs {
		// "NK Council": a council's place abbreviated, with "Council" written out
		if acr, ok := strings.CutSuffix(m.name, " Council"); ok && isAcronym(acr) {
			if full := resolve(acr + "C"); strings.HasPrefix(full, "\x00") {
				councilAliases[m.name] = full[1:]
				for _, a := range m.aliases { // "NK Council (NKC)"
					councilAliases[a] = full[1:]
				}
				continue
			}
		}
		if !isAcronym(m.name) || len(m.aliases) > 0 {
			out = append(out, m)
			continue
		}
		switch full := resolve(m.name); {
		case strings.HasPrefix(full, "\x00"):
			councilAliases[m.name] = full[1:]
			continue // the council's own acronym, an alias of the council
		case full != "":
			m.aliases, m.name = []string{m.name}, full
		}
		out = append(out, m)
	}
	return out
}

// resolveShortenedNames names a body by its full name where the study also
// writes it with inner words left out ("the Northtown Lottery" beside "the
// Northtown Community Lottery"): the same first and last word, the other
// words in order, and exactly one such longer name in the study. The short
// form becomes an alias, so the two are one node. The longer name may be
// one the study kept as an initiative ("the Northtown Community Lottery"
// named as a scheme, "the Northtown Lottery" as a giver): the body is
// named in full, and its part is then in the study's own initiative, not
// in itself.
func resolveShortenedNames(orgs, inits []*mention) {
	n := len(orgs)
	all := append(append([]*mention(nil), orgs...), inits...)
	words := make([][]string, len(all))
	for i, m := range all {
		words[i] = strings.Fields(strings.ToLower(m.name))
	}
	for i, m := range orgs {
		short := words[i]
		if len(short) < 2 {
			continue
		}
		long := -1
		for j := range all {
			if j == i || len(words[j]) <= len(short) || !droppedInnerWords(short, words[j]) {
				continue
			}
			if long >= 0 && all[long].name != all[j].name {
				long = -2 // two bodies fit: neither is taken
				break
			}
			long = j
		}
		if long >= 0 {
			m.aliases = append(m.aliases, m.name)
			m.name = all[long].name
			if long >= n && normName(m.target) == normName(m.name) {
				m.target = ""
			}
		}
	}
}

// droppedInnerWords reports whether short is long without some of its inner
// words: the same first and last word, the others a subsequence.
func droppedInnerWords(short, long []string) bool {
	if short[0] != long[0] || short[len(short)-1] != long[len(long)-1] {
		return false
	}
	j := 1
	for _, w := range short[1 : len(short)-1] {
		for j < len(long)-1 && long[j] != w {
			j++
		}
		if j == len(long)-1 {
			return false
		}
		j++
	}
	return true
}

func isAcronym(name string) bool {
	if len(name) < 2 || len(name) > 8 || strings.ContainsRune(name, ' ') {
		return false
	}
	return shapeOf(name) == shapeUpper
}

// anaphora that may open a funding frame: "It donated", "The Trust gave".
var anaphora = map[string]bool{"it": true, "they": true, "trust": true, "foundation": true, "charity": true,
	"company": true, "firm": true, "group": true, "business": true, "bank": true, "supermarket": true, "store": true}

// anaphoricGivers reads funding frames whose giver is named by a pronoun or
// a definite description ("They donated £500", "The Trust has given"): the
// giver is the nearest organisation named in the two sentences before,
// whose name ends in that description's noun when it has one.
func anaphoricGivers(st *studyText, orgs []*mention, models *Models) []*mention {
	// number the sentences of the study in order
	order := map[sentenceKey]int{}
	n := 0
	for _, ps := range st.passages {
		for _, s := range ps.sents {
			order[sentenceKey{ps, s[0]}] = n
			n++
		}
	}
	var out []*mention
	for _, ps := range st.passages {
		for _, s := range ps.sents {
			lo, hi := s[0], s[0]+1
			if hi < s[1] && ps.toks[lo].lower == "the" {
				lo, hi = lo+1, lo+2
			}
			if hi > s[1] || !anaphora[ps.toks[lo].lower] || (lo > s[0] && (ps.toks[lo].lower == "it" || ps.toks[lo].lower == "they")) {
				continue
			}
			frame, ok := fundingFrame(chunk{ps: ps, lo: lo, hi: hi})
			if !ok {
				continue
			}
			here := order[sentenceKey{ps, s[0]}]
			noun := ps.toks[lo].lower
			var antecedent *mention
			for _, m := range orgs {
				at := order[sentenceKey{m.c.ps, m.c.ps.sentenceOf(m.c.lo)[0]}]
				if at >= here || at < here-2 {
					continue
				}
				if noun != "it" && noun != "they" && noun != "charity" && noun != "company" && noun != "firm" && noun != "group" && noun != "business" &&
					!strings.HasSuffix(strings.ToLower(m.name), noun) {
					continue
				}
				antecedent = m // the last one before: the nearest
			}
			if antecedent == nil {
				continue
			}
			// "It"/"They" after a council named later than the body: the
			// council is the nearest giver ("X gets £N from a grant the council
			// announced. It also agreed to fund ...")
			if (noun == "it" || noun == "they") && (councilAfter(st, order, antecedent.c, here) || councilSubject(st, antecedent.c)) {
				continue
			}
			c := chunk{ps: ps, lo: lo, hi: hi}
			g := &mention{name: antecedent.name, aliases: antecedent.aliases, c: c, funder: true, target: antecedent.target,
				business: antecedent.business, generic: antecedent.generic,
				fundEv: sentenceEvidence(ps, lo, hi, frame+" via \""+ps.toks[lo].text+"\"", 0.7)}
			g.ev = g.fundEv
			if text, value, ok := amountNear(c); ok {
				g.amount, g.value = text, value
			} else {
				g.inKind = inKindSentence(c)
			}
			out = append(out, g)
		}
	}
	return out
}

// appealGivers reads the frame of money raised and handed on: "Quiz nights
// and raffles raised £12,000, which has been shared with twenty local
// groups". No body is the subject; the money is the
// appeal's, so the appeal the case study names ("the Northtown Helps
// appeal", "the Mayor's Winter Appeal") is the giver, a body that collects
// and grants. Its initiative becomes that organisation. Only when no named
// organisation gives in the sentence.
func appealGivers(st *studyText, inits, orgs []*mention) ([]*mention, []*mention) {
	for _, ps := range st.passages {
		for _, s := range ps.sents {
			money := handedOn(ps.toks, s)
			if money < 0 || givenBySomeone(orgs, ps, s) {
				continue
			}
			text, value, _ := parseMoney(ps.toks[money].text)
			g := &mention{funder: true, amount: text, value: value,
				fundEv: sentenceEvidence(ps, money, money+1, "frame:appeal-raised-and-shared", 0.7)}
			for i, in := range inits {
				if appealName(in.c) {
					g.name, g.c, g.ev = in.name, in.c, in.ev
					return slices.Delete(inits, i, i+1), append(orgs, g)
				}
			}
			// an appeal the classifier kept as nothing: the first run the study names so
			for _, alts := range st.runs {
				for _, a := range alts {
					if appealName(a.chunk) && mayNameBody(a, true) {
						g.name, g.c = mentionName(a.chunk), a.chunk
						g.ev = sentenceEvidence(a.ps, a.lo, a.hi, "appeal-named", 0.7)
						return inits, append(orgs, g)
					}
				}
			}
			return inits, orgs
		}
	}
	return inits, orgs
}

// handedOn returns the amount of a sentence that says money was raised and
// then shared, distributed or given to others, or -1.
func handedOn(toks []tok, s [2]int) int {
	money, raised, shared := -1, false, false
	for k := s[0]; k < s[1]; k++ {
		switch w := toks[k].lower; {
		case toks[k].shape == shapeMoney && money < 0:
			money = k
		case w == "raised":
			raised = true
		case raised && handOnVerbs[w] && k+1 < s[1] && handOnPreps[toks[k+1].lower]:
			shared = true
		}
	}
	if !raised || !shared {
		return -1
	}
	return money
}

var (
	handOnVerbs = toSet(`shared distributed split divided given allocated passed donated`)
	handOnPreps = toSet(`with between among amongst to out`)
)

// givenBySomeone reports an organisation of the sentence already read as a giver.
func givenBySomeone(orgs []*mention, ps *passage, s [2]int) bool {
	for _, m := range orgs {
		if m.funder && m.c.ps == ps && m.c.lo >= s[0] && m.c.lo < s[1] {
			return true
		}
	}
	return false
}

// appealName reports an initiative named as an appeal: its name ends in
// "Appeal", or a lower-case "appeal" follows it ("Northtown Helps charities
// appeal").
func appealName(c chunk) bool {
	toks := c.ps.toks
	if c.hi < 1 {
		return false
	}
	if toks[c.hi-1].lower == "appeal" {
		return true
	}
	for k := c.hi; k < len(toks) && k < c.hi+2; k++ {
		if toks[k].lower == "appeal" {
			return true
		}
		if toks[k].shape != shapeLower {
			return false
		}
	}
	return false
}

// councilAfter reports a council named, or written "the council", after
// chunk c and before sentence here.
func councilAfter(st *studyText, order map[sentenceKey]int, c chunk, here int) bool {
	at := order[sentenceKey{c.ps, c.ps.sentenceOf(c.lo)[0]}]
	later := func(ps *passage, lo int) bool {
		k := order[sentenceKey{ps, ps.sentenceOf(lo)[0]}]
		return k < here && (k > at || k == at && lo > c.lo)
	}
	for _, h := range st.councils {
		if later(h.ps, h.lo) {
			return true
		}
	}
	for _, ps := range st.passages {
		for i := 1; i < len(ps.toks); i++ {
			if ps.toks[i].lower == "council" && ps.toks[i-1].lower == "the" && later(ps, i) {
				return true
			}
		}
	}
	return false
}

// councilSubject reports a council named, or written "the council", at the
// start of chunk c's sentence and before c: the sentence's subject, which
// "It" in the next sentence goes back to ("Northtown Town Council, Westshire,
// is working with X. It gave the pantry £750").
func councilSubject(st *studyText, c chunk) bool {
	s := c.ps.sentenceOf(c.lo)
	start := s[0]
	for start < c.lo && (c.ps.toks[start].isPunct("•-–*") || c.ps.toks[start].lower == "the") {
		start++
	}
	for _, h := range st.councils {
		if h.ps == c.ps && h.lo == start && h.lo < c.lo {
			return true
		}
	}
	return start < c.lo && c.ps.toks[start].lower == "council"
}

// councilsOwn reports a name right after "Council's": the council's own
// team, service or department, which is the council at work, not a partner.
func councilsOwn(c chunk) bool {
	toks := c.ps.toks
	return c.lo >= 2 && toks[c.lo-1].lower == "'s" && toks[c.lo-2].lower == "council" ||
		c.hi-c.lo > 2 && toks[c.lo].lower == "council" && toks[c.lo+1].lower == "'s" // "Council's X" read as one run
}

// councilApposition reports a name the sentence calls the council's own in
// apposition ("Northtown Central, Westshire Council's hub for leisure", "the
// Depot, the council's store"): a place or unit of the council's, not a
// partner.
func councilApposition(c chunk) bool {
	toks := c.ps.toks
	if c.hi+3 >= len(toks) || !toks[c.hi].isPunct(",") {
		return false
	}
	k := c.hi + 1
	if toks[k].lower == "the" {
		k++
	}
	// the council's name: capitalised words, "and", "&" or "of" between
	// them ("Northtown & Easton Council"), never "and the" (a list goes on)
	for ; k+1 < len(toks) && k <= c.hi+8; k++ {
		t := &toks[k]
		if t.lower == "council" && toks[k+1].lower == "'s" {
			return true
		}
		if !t.isCapWord() && !(nameConnectors[t.lower] && t.lower != "the" && toks[k+1].isCapWord()) {
			return false
		}
	}
	return false
}

// councilShaped reports a name that ends as a local authority's does
// ("… District Council", "… Borough Council") which the gazetteer did not
// resolve: a council spelt another way, never an organisation.
func councilShaped(c chunk) bool {
	toks := c.ps.toks
	if c.hi-c.lo < 3 || toks[c.hi-1].lower != "council" {
		return false
	}
	switch toks[c.hi-2].lower {
	case "district", "borough", "county", "city", "metropolitan", "town", "parish":
		return true
	}
	return false
}

// genericName reports a name that names a kind of body rather than one
// body: words the page also writes in lower case ("Public Health"), a lone
// head noun or type acronym ("CCG", "CVS", "Foodbank"), or head nouns and
// type words only ("Community Volunteer Service").
func genericName(c chunk, feats []string) bool {
	if slices.Contains(feats, "allCommon") {
		return true
	}
	if c.hi-c.lo == 1 && orgHeads[c.ps.toks[c.lo].lower] {
		return true
	}
	// a type of body named by head nouns and type words only: "Community
	// Volunteer Service", "Community Foundation" — every place has its own
	// ("Health Boards": the plural of a kind of body, many of that kind; not
	// with an acronym, which names one body: "UK Zorbo Trusts")
	plural := pluralHead(c)
	for k := c.lo; k < c.hi; k++ {
		t := &c.ps.toks[k]
		if plural && t.shape == shapeUpper {
			return false
		}
		if w := t.lower; !orgHeads[w] && !typeWords[w] && !nameConnectors[w] && (k < c.hi-1 || !plural) {
			return false
		}
	}
	return true
}

// pluralHead reports a name that ends in the plural of a kind of body
// ("Health Boards", "Local Charities").
func pluralHead(c chunk) bool {
	w := c.ps.toks[c.hi-1].lower
	if len(w) < 4 || w[len(w)-1] != 's' {
		return false
	}
	if stem, ok := strings.CutSuffix(w, "ies"); ok && orgHeads[stem+"y"] {
		return true
	}
	return orgHeads[w[:len(w)-1]]
}

// typeWords qualify a kind of body without naming one.
var typeWords = toSet(`clinical commissioning community voluntary health social care primary local public mental
emergency food sector volunteer volunteers citizens`)

// unitWords head a list of the council's own units: "the Council
// departments (Culture and Leisure, Procurement, …)".
var unitWords = map[string]bool{"departments": true, "department": true, "directorates": true, "directorate": true,
	"teams": true, "divisions": true, "units": true}

// placeWords head a list of places, or of the councils of places:
// "villages including A, B and C", "areas across the ward, including A and
// B", "five parish councils (A, B and C)".
var placeWords = toSet(`place places area areas town towns village villages ward wards estate estates neighbourhood
neighbourhoods district districts localities locality parishes suburbs cities counties regions boroughs streets
councils authorities`)

// unitListed reports an item of a list governed by a word for units of an
// organisation: a department or team, not a partner.
func unitListed(c chunk) bool { return listGovernedBy(c, unitWords, 3) }

// placeListed reports an item of a list of places.
func placeListed(c chunk) bool { return listGovernedBy(c, placeWords, 4) }

// listGovernedBy reports a chunk whose list (or the chunk alone) follows,
// within window tokens, one of the words.
func listGovernedBy(c chunk, words map[string]bool, window int) bool {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	k := listStart(toks, c.lo, s[0])
	for j := k; j >= s[0] && j > k-window; j-- {
		if words[toks[j].lower] {
			return true
		}
	}
	return false
}

// modifierToken reports a lone token of digits and letters that modifies
// the noun after it ("3D printers", "5G masts"): a word, not a name.
func modifierToken(c chunk) bool {
	toks := c.ps.toks
	return c.hi-c.lo == 1 && toks[c.lo].shape == shapeAlnum && c.hi < len(toks) && toks[c.hi].shape == shapeLower
}

// personRoleHeads end a person's title, not a body's name ("Funding
// Officer", "Food Ethics Consultant").
var personRoleHeads = toSet(`officer officers consultant adviser advisor coordinator co-ordinator manager director
secretary minister chair chairman chairwoman worker volunteer councillor mayor lead`)

// roleTitle reports a chunk that is a person's title, or a title followed
// by the person's name ("Former Housing Secretary A Person").
func roleTitle(c chunk) bool {
	toks := c.ps.toks
	if personRoleHeads[toks[c.hi-1].lower] || c.hi-c.lo >= 2 && toks[c.hi-2].lower == "chief" && toks[c.hi-1].lower == "executive" {
		return true
	}
	for k := c.lo; k < c.hi-2; k++ {
		if personRoleHeads[toks[k].lower] && toks[k+1].shape == shapeCap && toks[k+2].shape == shapeCap && k+3 == c.hi {
			return true
		}
	}
	return false
}

// pluralType reports a lone plural of a kind of body or person ("GPs",
// "PTAs", "Hubs"): many of a kind, not one named body.
func pluralType(c chunk) bool {
	if c.hi-c.lo != 1 {
		return false
	}
	w := c.ps.toks[c.lo].text
	if len(w) < 3 || w[len(w)-1] != 's' {
		return false
	}
	stem := w[:len(w)-1]
	return shapeOf(stem) == shapeUpper || orgHeads[strings.ToLower(stem)] || initiativeHeads[strings.ToLower(stem)] || peopleHeads[strings.ToLower(w)]
}

// notABody reports a chunk the classifier kept that names no partner body:
// the council's own units, a council spelt another way, a street or
// ground, a place in a list of places, a person's title, a modifier, a
// plural of a kind, a place the sentence calls the council's, a thing
// offered under a name of its own.
func notABody(c chunk) bool {
	return councilsOwn(c) || councilApposition(c) || venueName(c) || personApposition(c) || councilShaped(c) || unitListed(c) || placeListed(c) || modifierToken(c) || roleTitle(c) || pluralType(c) || bareHeadNoun(c) || partitive(c) || adjectiveAlone(c) || clauseOpener(c) || workTitle(c) || citedSource(c) || productName(c) ||
		precisNotBody(c)
}

// productName reports a name of plain capitalised words, no kind of body
// among them, that a lower-case word for a thing made or offered follows
// ("the Northtown Cares website", "the Keep Safe app", "a Be A Neighbour
// (BAN) scheme"): the thing's own name, not a body's. A body named with a
// head noun or an acronym ("the Zorbo Trust website", "the NHS app") is
// still a body.
func productName(c chunk) bool {
	toks := c.ps.toks
	k := c.hi
	if bracketedAcronym(toks, k) {
		k += 3 // its acronym
	}
	if k >= len(toks) || toks[k].shape != shapeLower || !productNouns[toks[k].lower] {
		return false
	}
	for j := c.lo; j < c.hi; j++ {
		t := &toks[j]
		if t.shape == shapeLower && connectors[t.lower] {
			continue
		}
		if t.shape != shapeCap || orgHeads[t.lower] {
			return false
		}
	}
	return true
}

// productNouns are things made or offered under a name of their own.
var productNouns = toSet(`website app helpline hotline page portal platform pledge scheme campaign newsletter programme project initiative appeal
pack packs hamper hampers`)

// workTitle reports a name that opens with a capitalised article inside a
// sentence ("the plan, A Healthier Westshire"): the title of a work or a
// plan, not a body's name.
func workTitle(c chunk) bool {
	t := &c.ps.toks[c.lo]
	return c.hi-c.lo >= 2 && c.lo > c.ps.sentenceOf(c.lo)[0] && t.shape == shapeCap && (t.lower == "a" || t.lower == "an")
}

// citedSource reports a body the sentence cites as a source ("according to
// a report by X", "figures from X"): only mentioned, it took no part.
func citedSource(c chunk) bool {
	toks := c.ps.toks
	s0 := c.ps.sentenceOf(c.lo)[0]
	for k := c.lo - 1; k > s0 && k >= c.lo-6; k-- {
		w, prev := toks[k].lower, toks[k-1].lower
		switch {
		case w == "to" && prev == "according",
			(w == "by" || w == "from") && sourceNouns[prev]:
			return true
		}
	}
	return false
}

// sourceNouns are what a cited source publishes.
var sourceNouns = toSet(`report reports research survey study studies figures data analysis statistics estimates`)

// adjectiveAlone reports a national or regional adjective written alone
// ("Scottish", "UK", "all-Wales"): it qualifies a body, it names none.
func adjectiveAlone(c chunk) bool {
	if c.hi-c.lo != 1 {
		return false
	}
	w := c.ps.toks[c.lo].lower
	return nationalAdjectives[w] || strings.HasPrefix(w, "all-") || strings.HasPrefix(w, "pan-")
}

var nationalAdjectives = toSet(`uk british scottish welsh irish english national royal regional`)

// clauseOpener reports a chunk that opens its sentence with a
// subordinating word and goes on in lower case ("When the Government
// ...", "As the Trust ..."): the name, if any, comes after the opener.
func clauseOpener(c chunk) bool {
	toks := c.ps.toks
	return c.hi-c.lo >= 2 && c.lo == c.ps.sentenceOf(c.lo)[0] && toks[c.lo].shape == shapeCap &&
		subordinators[toks[c.lo].lower] && toks[c.lo+1].shape == shapeLower
}

var subordinators = toSet(`when as while if because since until although though once whereas after before`)

// partitive reports a chunk that opens "One of", "Some of": a part of
// what follows ("One of Northtown's hubs"), never a name.
func partitive(c chunk) bool {
	toks := c.ps.toks
	return c.hi-c.lo >= 3 && toks[c.lo+1].lower == "of" && partitives[toks[c.lo].lower]
}

// partitives open "One of X", "Many of the X".
var partitives = toSet(`one two three four five six seven eight nine ten some many most all each both none few several`)

// bareHeadNoun reports a kind of body written alone with a capital
// ("Foodbank donations", "the Charity"): a common noun, not a name. The
// Government and Parliament are the exception English makes; an acronym
// ("CVS", "NHS") is a name.
func bareHeadNoun(c chunk) bool {
	t := &c.ps.toks[c.lo]
	if c.hi-c.lo != 1 || t.shape != shapeCap || !orgHeads[t.lower] {
		return false
	}
	return t.lower != "government" && t.lower != "parliament"
}

// personApposition reports two or three capitalised words, with no
// organisation head, followed by a comma and a person's title: "Ann Bloggs,
// Funding Officer, …", "Ann Bloggs, chief executive of …".
func personApposition(c chunk) bool {
	toks := c.ps.toks
	n := c.hi - c.lo
	if n < 2 || n > 3 || c.hi >= len(toks) || !toks[c.hi].isPunct(",") {
		return false
	}
	for k := c.lo; k < c.hi; k++ {
		if !toks[k].isCapWord() || toks[k].shape == shapeUpper || orgHeads[toks[k].lower] {
			return false
		}
	}
	for k := c.hi + 1; k < len(toks) && k <= c.hi+4; k++ {
		if w := toks[k].lower; personRoleHeads[w] || roleWords[w] && w != "partner" && w != "member" && w != "members" {
			return true
		}
		if toks[k].isPunct(",.;") {
			break
		}
	}
	return false
}

// schemeHeads end the names of things set up — hubs, appeals, schemes —
// which the classifier may take for bodies; such a name is an initiative.
// ("Fund" is not among them: a fund that gives is read as a funder.)
var schemeHeads = toSet(`hub hubs appeal campaign scheme programme project`)

// venueHeads end the names of streets, grounds and buildings, never of a
// body ("Northtown Stadium", "Mill Lane", "Gunwharf Quays").
var venueHeads = toSet(`street road lane avenue square way drive close stadium quays quay arena building`)

// venueName reports a name that ends as a street's or a ground's does.
func venueName(c chunk) bool {
	return c.hi-c.lo >= 2 && venueHeads[c.ps.toks[c.hi-1].lower]
}

// doerBy reports a name (or list) after "by" or "through" that follows no
// giving word: "deliveries by X", "run by X", "help through X" name who
// does the work, not who pays (a giver after "by" is read by the frames:
// "funded by X").
func doerBy(toks []tok, lo, floor int) bool {
	k := listStart(toks, lo, floor)
	if k > floor && toks[k].text == "(" {
		k = listStart(toks, k, floor) // "(ACR)" after its name: the name's governor
	}
	if k <= floor {
		return false
	}
	prev := toks[k-1].lower
	switch toks[k].lower {
	case "by":
		return !giveVerbs[prev] && !passiveGiven[prev] && !creationVerbs[prev] // "a fund launched by X": X pays out of it
	case "through":
		return !giveVerbs[prev] && !giftNouns[prev] // "help including through X": a channel; "grants through X" is read by the model
	}
	return false
}

// creationVerbs set up what their object names: "a fund launched by X".
var creationVerbs = toSet(`launched created established founded set started`)

// recipientListed reports a name, or an item of a list, governed by words
// that make it a recipient: "awarded to X", "shared with twenty local
// groups such as A, B and X".
func recipientListed(c chunk) bool {
	toks := c.ps.toks
	s0 := c.ps.sentenceOf(c.lo)[0]
	return recipientGoverned(toks, governorStart(toks, listStart(toks, c.lo, s0), s0), s0)
}

// decideFunding makes the mention a giver when a funding frame says so or,
// in a sentence that holds a frame, lists no recipients and does not name
// the body as a partner, when the funder model is confident; the amount is
// the one printed nearest.
func decideFunding(mm *mention, c chunk, models *Models, dc *docContext) {
	fb := dc.frameBuilder(models)
	frameFeaturesTo(c, fb)
	ff := fb.feats
	var scores [2]float64
	slot := fb.index.slot(models.Funders)
	fp := models.Funders.probsOf(scores[:], fb.ents, slot)[1]
	frame, framed := fundingFrame(c)
	s0 := c.ps.sentenceOf(c.lo)[0]
	if !framed && (fp < funderThreshold || !hasFrame(ff) || recipientListed(c) || receiverAfter(c) || !giftInSentence(c) || doerBy(c.ps.toks, c.lo, s0) || partnerGoverned(c) || peopleLent(c)) {
		return
	}
	mm.funder = true
	rule := modelRule("funder", fp, models.Funders.explainOf(ff, fb.ents, slot, 1, 3))
	conf := fp
	if framed {
		rule, conf = frame, max(fp, 0.8)
	}
	mm.fundEv = sentenceEvidence(c.ps, c.lo, c.hi, rule, conf)
	if text, value, ok := amountNear(c); ok {
		mm.amount, mm.value = text, value
	} else {
		mm.inKind = inKindSentence(c)
	}
}

// councilRunning is the council other than the lead one named after "by"
// ("set up by", "run by the", "managed by") after the initiative that ends
// at token after in sentence s: the council that runs the fund the lead
// council's money went to. Nil when there is none.
func councilRunning(ps *passage, s [2]int, after int, hits []councilHit, lead string) *councilRef {
	for _, h := range hits {
		if h.ps != ps || h.lo < after || h.lo >= s[1] || h.ref.id() == lead {
			continue
		}
		k := h.lo - 1
		if k > after && ps.toks[k].lower == "the" {
			k--
		}
		if k >= after && ps.toks[k].lower == "by" {
			return h.ref
		}
	}
	return nil
}

// listedTail is the one lower-case word a list item's name is printed
// with before the next separator ("Morrisons, Zorbo education, Costa",
// "(Acme Bar collection, Brightstores)"): between the separators the word
// belongs to the item, as printed. Roles ("X chairman") and closed-class
// words are not part of a name. Empty when there is none.
func listedTail(c chunk) string {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	if c.lo <= s[0] || c.hi+1 >= s[1] {
		return ""
	}
	p := c.lo - 1
	if toks[p].lower == "the" && p > s[0] {
		p-- // ", the Harbour Bar collection,"
	}
	prev := toks[p]
	if !prev.isPunct(",(") && prev.lower != "and" && prev.text != "&" {
		return ""
	}
	w, next := toks[c.hi], toks[c.hi+1]
	if w.shape != shapeLower || w.closed != 0 || personRoles[w.lower] || roleWords[w.lower] || len(w.lower) < 3 {
		return ""
	}
	// a participle says what happened to the item ("get the plan and X
	// approved and running"); a name's own last word is a noun
	if strings.HasSuffix(w.lower, "ed") || strings.HasSuffix(w.lower, "ing") {
		return ""
	}
	if !next.isPunct(",)") && next.lower != "and" && next.text != "&" {
		return ""
	}
	return w.text
}
