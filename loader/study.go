package loader

import (
	"fmt"
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
	return &docContext{gaz: gaz, lowerUsed: lowerCaseWords(doc)}
}

// scoredStudy fills the document context a first pass gives (acronym
// definitions, how often each run recurs), then tokenises and scores the
// case study with it. Training and extraction both start here, so the
// features a model was trained on are the features it is given.
func scoredStudy(cs *caseStudy, dc *docContext, models *Models) *studyText {
	st := prepareStudy(cs, dc)
	dc.title = strings.ToLower(cs.title)
	dc.acronyms, dc.counts = map[string]string{}, map[string]int{}
	for _, ps := range st.passages {
		acronymsOf(ps, dc.acronyms)
	}
	for _, alts := range st.runs {
		dc.counts[normName(alts[0].text())]++
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
	for _, m := range kept {
		if m.class != classInitiative {
			continue
		}
		name := mentionName(m.chunk)
		key := normName(name)
		if key == "" || key == normName(cs.title) || len(name) > 90 {
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
		if normName(name) == "" {
			continue
		}
		var aliases []string
		if full, ok := dc.acronyms[name]; ok && len(findCouncils(full, dc.gaz)) > 0 {
			continue // the council's own acronym: an alias of the council, added by the builder
		} else if ok {
			// an acronym the document defined: the body's full name, with the acronym as alias
			aliases, name = []string{name}, cleanName(full)
		} else {
			for acr, full := range dc.acronyms {
				if normName(full) == normName(name) {
					aliases = append(aliases, acr)
				}
			}
		}
		mm := &mention{name: name, aliases: aliases, c: m.chunk,
			ev: sentenceEvidence(m.ps, m.lo, m.hi, m.rule, m.p)}
		s := m.ps.sentenceOf(m.lo)
		for k := m.lo - 1; k >= s[0] && k >= m.lo-8; k-- {
			switch m.ps.toks[k].lower {
			case "businesses", "business", "companies", "company", "firms", "supermarkets", "retailers", "shops", "restaurants":
				mm.business = true
			}
		}
		if in, ok := initAt[sentenceKey{m.ps, s[0]}]; ok {
			mm.target = mentionName(in.chunk)
		}
		// A funding frame decides; the funder model may add a giver whose
		// sentence no frame covers, when it is confident.
		ff := frameFeatures(m.chunk)
		fp := models.Funders.Probs(ff)[1]
		frame, framed := fundingFrame(m.chunk)
		s0 := m.ps.sentenceOf(m.lo)[0]
		recipient := recipientGoverned(m.ps.toks, listStart(m.ps.toks, m.lo, s0), s0)
		if framed || (fp >= funderThreshold && hasFrame(ff) && !recipient) {
			mm.funder = true
			rule := fmt.Sprintf("model:funder p=%.2f %s", fp, models.Funders.Explain(ff, 1, 3))
			conf := fp
			if framed {
				rule, conf = frame, max(fp, 0.8)
			}
			mm.fundEv = sentenceEvidence(m.ps, m.lo, m.hi, rule, conf)
			if text, value, ok := amountNear(m.chunk); ok {
				mm.amount, mm.value = text, value
			} else {
				mm.inKind = inKindSentence(m.chunk)
			}
		}
		res.orgs = append(res.orgs, mm)
		if verbose {
			res.decisions = append(res.decisions, Decision{Line: m.ps.p.lineAt(m.ps.toks[m.lo].start), What: "organisation: " + name, Rule: m.rule})
		}
	}
	res.orgs = resolveAcronyms(res.orgs, cs, st.councils)
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
			}
			res.gifts = append(res.gifts, g)
		}
	}
	return res
}

// resolveAcronyms gives an undefined acronym the body whose name it
// abbreviates in the same case study: a council's ("KCC") is dropped, since
// the council is already there; an organisation's ("NHSL") becomes an alias
// of its full name.
func resolveAcronyms(orgs []*mention, cs *caseStudy, councils []councilHit) []*mention {
	var out []*mention
	for _, m := range orgs {
		if !isAcronym(m.name) || len(m.aliases) > 0 {
			out = append(out, m)
			continue
		}
		council := spellsName(m.name, cs.council.name) || cs.council.auth != nil && spellsName(m.name, cs.council.auth.OfficialName)
		for _, h := range councils {
			council = council || spellsName(m.name, h.ref.name)
		}
		if council {
			continue
		}
		for _, o := range orgs {
			if o != m && !isAcronym(o.name) && spellsName(m.name, o.name) {
				m.aliases, m.name = []string{m.name}, o.name
				break
			}
		}
		out = append(out, m)
	}
	return out
}

func isAcronym(name string) bool {
	if len(name) < 2 || len(name) > 8 || strings.ContainsRune(name, ' ') {
		return false
	}
	return shapeOf(name) == shapeUpper
}
