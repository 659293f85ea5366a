package loader

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gazetteer"
)

// token is a word of a sentence with its byte span in the paragraph.
type token struct {
	word       string // without surrounding punctuation
	start, end int    // span of word in paragraph text
	punctAfter bool   // a comma, semicolon, colon, full stop or bracket follows
	openBefore bool   // an opening bracket or quote precedes
}

func tokenize(s sentence) []token {
	text := s.p.clean
	var out []token
	i := s.start
	for i < s.end {
		for i < s.end && text[i] == ' ' {
			i++
		}
		j := i
		for j < s.end && text[j] != ' ' {
			j++
		}
		if j == i {
			break
		}
		ws, we := i, j
		open := false
		for ws < we && strings.ContainsRune("(“\"‘['", runeAt(text, ws)) {
			_, size := utf8.DecodeRuneInString(text[ws:])
			ws += size
			open = true
		}
		punct := false
		for we > ws {
			r, size := utf8.DecodeLastRuneInString(text[ws:we])
			if !strings.ContainsRune(",;:.)”\"’!?]", r) {
				break
			}
			if r == '’' && we-size > ws && text[we-size-1] != 's' && !strings.ContainsRune(",;:.)", rune(text[max(ws, we-size-1)])) {
				// keep a closing quote that is really an apostrophe only after s (Citizens’)
			}
			we -= size
			punct = true
		}
		if we > ws {
			out = append(out, token{word: text[ws:we], start: ws, end: we, punctAfter: punct, openBefore: open})
		}
		i = j
	}
	return out
}

func runeAt(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	// "3D", "e-Healthscope" are not names; "Hope4" is, via its capital.
	return false
}

// span is a candidate name found in a sentence.
type span struct {
	name       string
	start, end int // in paragraph text
	tokens     []token
}

// capitalisedSpans returns runs of capitalised words, with connectors
// inside, that a sentence contains. A run stops at punctuation.
func capitalisedSpans(toks []token) []span {
	var out []span
	for i := 0; i < len(toks); {
		if !isCapitalised(toks[i].word) {
			i++
			continue
		}
		j := i
		for j < len(toks) && !toks[j].punctAfter {
			next := j + 1
			if next < len(toks) && isCapitalised(toks[next].word) && !toks[next].openBefore {
				j = next
				continue
			}
			if next+1 < len(toks) && connectorWords[strings.ToLower(toks[next].word)] && !toks[next].punctAfter &&
				isCapitalised(toks[next+1].word) && !toks[next+1].openBefore {
				j = next + 1
				continue
			}
			break
		}
		out = append(out, makeSpan(toks[i:j+1]))
		i = j + 1
	}
	return out
}

func makeSpan(toks []token) span {
	return span{start: toks[0].start, end: toks[len(toks)-1].end, tokens: toks}
}

// trimNoise drops leading words that open sentences or lists ("The",
// "Local") and a trailing possessive.
func (s span) trimNoise(text string, sentenceStart int) (span, bool) {
	toks := s.tokens
	for len(toks) > 0 && (leadingNoise[strings.ToLower(toks[0].word)] || (toks[0].start == sentenceStart && commonSentenceOpener(toks[0].word) && len(toks) > 1)) {
		toks = toks[1:]
	}
	for len(toks) > 0 && connectorWords[strings.ToLower(toks[len(toks)-1].word)] {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return span{}, false
	}
	out := makeSpan(toks)
	out.name = trimPossessive(strings.TrimSpace(text[out.start:out.end]))
	return out, true
}

// commonSentenceOpener reports words that are capitalised only because a
// sentence starts with them.
func commonSentenceOpener(w string) bool {
	switch strings.ToLower(w) {
	case "support", "funding", "donations", "partners", "volunteers", "residents", "staff", "officers", "grants",
		"requests", "businesses", "organisations", "groups", "charities", "services", "councils", "schools",
		"people", "families", "work", "working", "feedback", "initially", "furthermore", "moreover", "through",
		"databases", "as", "by", "with", "in", "to", "for", "after", "from", "using", "together":
		return true
	}
	return false
}

var (
	pluralAcronym = regexp.MustCompile(`^[A-Z]{2,}s$`)
	createdHere   = regexp.MustCompile(`(?i)\b(?:launched|set up|setting up|established|establishing|created|creating|developed|introduced|formed|founded)\s+(?:a|an|the|its|their)?\s*(?:new\s+)?$`)
	moneyRe       = regexp.MustCompile(`(?i)(?:up to\s+)?£\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|bn|million|billion)?\b`)
	acronymRe     = regexp.MustCompile(`\(([A-Z][A-Za-z&]{1,9})\)`)
	urlRe         = regexp.MustCompile(`\b(?:https?://)?(?:www\.)[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[^\s)]*)?`)
	hashtagRe     = regexp.MustCompile(`#[A-Za-z][A-Za-z0-9]+`)
	quotedRe      = regexp.MustCompile(`[‘'“"]([A-Z][^‘'’“”"]{3,60})[’'”"]`)
)

// parseMoney reads "£250,000", "£10k", "£25million", "up to £3,000".
func parseMoney(s string) (text string, value float64, ok bool) {
	m := moneyRe.FindStringSubmatch(s)
	if m == nil {
		return "", 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil {
		return "", 0, false
	}
	switch strings.ToLower(m[2]) {
	case "k":
		v *= 1e3
	case "m", "million":
		v *= 1e6
	case "bn", "billion":
		v *= 1e9
	}
	return strings.TrimSpace(m[0]), v, true
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// mention is an organisation or initiative named in a case study.
type mention struct {
	name     string
	aliases  []string
	ev       partnergraph.Evidence
	funder   bool
	partner  bool
	inKind   bool
	amount   string
	value    float64
	business bool // named in a list of businesses
	rule     string
	sent     sentence
}

// extractor holds what one case study's extraction needs.
type extractor struct {
	gaz       *gazetteer.Gazetteer
	cs        *caseStudy
	orgs      []*mention
	inits     []*mention
	unknown   []string
	decisions []Decision
	verbose   bool
	acronyms  map[string]string // acronym -> full name
	// common holds the words the document uses in lower case in running
	// text: a capitalised phrase made only of them, with no organisation
	// head noun, is a generic phrase ("Public Health", "Social Care").
	common map[string]bool
}

func init() {
	// Longest first, so that "NHS England" is claimed before a shorter overlap.
	sort.SliceStable(nationalBodies, func(i, j int) bool { return len(nationalBodies[i]) > len(nationalBodies[j]) })
	// After the sort: phrase numbers follow this order.
	indexPhrases()
}

// Phrases of several words can only match where their first word stands
// whole, so each sentence looks its words up in an index of first words
// (built once) instead of searching for every phrase; the rest fall back to
// a substring test. phraseFirst maps a lower-cased first word to phrase
// numbers: national bodies first, then partner cues.
var (
	phraseFirst  map[string][]int
	phraseWhole  []bool   // whether the phrase is tested by its first word
	phraseProbes []string // first word as the substring test needs it
)

func indexPhrases() {
	phraseFirst = map[string][]int{}
	phraseWhole, phraseProbes = nil, nil
	for i, p := range append(append([]string(nil), nationalBodies...), partnerCues...) {
		f := firstWord(p)
		whole := len(f) < len(p) && p[len(f)] == ' '
		for j := 0; j < len(f); j++ {
			whole = whole && isWordByte(f[j])
		}
		phraseWhole = append(phraseWhole, whole)
		phraseProbes = append(phraseProbes, f)
		if whole {
			k := strings.ToLower(f)
			phraseFirst[k] = append(phraseFirst[k], i)
		}
	}
}

// phraseCandidates marks the phrases whose first word lower (a lower-cased
// sentence) holds as a whole word.
func phraseCandidates(lower string) []bool {
	cand := make([]bool, len(phraseWhole))
	for i := 0; i < len(lower); {
		for i < len(lower) && !isWordByte(lower[i]) {
			i++
		}
		j := i
		for j < len(lower) && isWordByte(lower[j]) {
			j++
		}
		for _, k := range phraseFirst[lower[i:j]] {
			cand[k] = true
		}
		i = j
	}
	return cand
}

// maybeHas is a necessary test for phrase k before the word-bounded search.
func maybeHas(cand []bool, k int, text string) bool {
	if phraseWhole[k] {
		return cand[k]
	}
	return strings.Contains(text, phraseProbes[k])
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " ,("); i > 0 {
		return s[:i]
	}
	return s
}

func overlapsAny(spans [][2]int, start, end int) bool {
	for _, sp := range spans {
		if start < sp[1] && sp[0] < end {
			return true
		}
	}
	return false
}

func (x *extractor) decide(line int, what, rule string) {
	if x.verbose {
		x.decisions = append(x.decisions, Decision{Line: line, What: what, Rule: rule})
	}
}

// run extracts organisations, funders and named initiatives from every
// sentence of the case study.
func (x *extractor) run() {
	x.acronyms = map[string]string{}
	for _, p := range x.cs.paras {
		for _, s := range sentences(p) {
			x.sentence(s)
		}
	}
}

func (x *extractor) sentence(s sentence) {
	text := s.text()
	lower := strings.ToLower(text)
	toks := tokenize(s)
	if len(toks) == 0 {
		return
	}
	funding := containsAny(lower, fundingCues)
	taken := map[int]bool{} // span starts already classified

	// National bodies named without a head noun, longest name first.
	var claimed [][2]int
	cand := phraseCandidates(lower)
	for i, name := range nationalBodies {
		if !maybeHas(cand, i, text) {
			continue
		}
		for from := 0; ; {
			k := indexWord(text[from:], name)
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(name)
			if overlapsAny(claimed, at, at+len(name)) {
				continue
			}
			claimed = append(claimed, [2]int{at, at + len(name)})
			x.addOrg(s, s.start+at, s.start+at+len(name), name, nil, "lexicon:national-body", false, funding && isFunderContext(lower, strings.ToLower(name)))
			taken[s.start+at] = true
		}
	}

	// Acronyms defined in the text: "Women’s Health in South Tyneside (WHIST)".
	for _, loc := range acronymRe.FindAllStringSubmatchIndex(text, strings.Count(text, "(")) {
		acr := text[loc[2]:loc[3]]
		if full := definedBy(text[:loc[0]], acr); full != "" {
			x.acronyms[acr] = full
		}
	}

	// Lists after cue phrases.
	listed := map[string]bool{}
	for i, cue := range partnerCues {
		if !maybeHas(cand, len(nationalBodies)+i, lower) {
			continue
		}
		weak := strings.HasSuffix(cue, " the") && (strings.HasPrefix(cue, "with") || strings.HasPrefix(cue, "and") ||
			strings.HasPrefix(cue, "through") || strings.HasPrefix(cue, "via") || strings.HasPrefix(cue, "from") || strings.HasPrefix(cue, "by"))
		for from := 0; ; {
			k := indexWord(lower[from:], cue)
			if k < 0 {
				break
			}
			cueStart := from + k
			at := cueStart + len(cue)
			from = at
			fundCue := strings.Contains(cue, "fund") || strings.Contains(cue, "donat") || strings.Contains(cue, "grant") || strings.Contains(cue, "sponsor")
			businessList := strings.Contains(lower[max(0, cueStart-25):cueStart], "business")
			// "donations from businesses such as A, B and C": the whole
			// list gave, however far the last item is from "donations".
			fundCue = fundCue || funding && givenFrom(lower[max(0, cueStart-40):cueStart])
			startTok := at
			if weak {
				startTok = at - 4 // keep "the" so the item reads "the X"
			}
			for _, item := range listItems(s, toks, s.start+startTok) {
				if taken[item.start] {
					continue
				}
				sp, ok := item.trimNoise(s.p.clean, s.start)
				if !ok {
					continue
				}
				if weak && !hasOrgHead(sp) {
					continue
				}
				alias := parenAlias(s.p.clean, sp.end)
				if x.addOrg(s, sp.start, sp.end, sp.name, alias, "cue:"+cue, businessList, fundCue || (funding && isFunderContext(lower, strings.ToLower(sp.name)))) {
					taken[sp.start] = true
					listed[sp.name] = true
				}
			}
		}
	}

	// Subjects of partnering and giving verbs: "Barclays Bank and Sky partnered with".
	for _, verb := range []string{"partnered", "donated", "provided", "offered", "supplied", "funded", "sponsored", "gave", "contributed", "launched", "stepped in", "teamed up"} {
		k := indexWord(lower, verb)
		if k <= 0 {
			continue
		}
		giving := verb == "donated" || verb == "funded" || verb == "sponsored" || verb == "gave" || verb == "contributed" ||
			((verb == "partnered" || verb == "provided" || verb == "offered" || verb == "supplied") && funding)
		clauseStart := strings.LastIndexAny(text[:k], ",;:") + 1
		for _, sp := range capitalisedSpans(tokensIn(toks, s.start+clauseStart, s.start+k)) {
			if taken[sp.start] {
				continue
			}
			sp, ok := sp.trimNoise(s.p.clean, s.start)
			if !ok {
				continue
			}
			if verb == "launched" || verb == "provided" || verb == "offered" {
				if !hasOrgHead(sp) {
					continue
				}
			}
			for _, part := range splitOnAnd(sp, s.p.clean) {
				if x.addOrg(s, part.start, part.end, part.name, nil, "subject-of:"+verb, false, giving) {
					taken[part.start] = true
				}
			}
		}
	}

	// Named spans with head nouns anywhere.
	for _, sp := range capitalisedSpans(toks) {
		if taken[sp.start] {
			continue
		}
		sp, ok := sp.trimNoise(s.p.clean, s.start)
		if !ok || taken[sp.start] {
			continue
		}
		last := strings.ToLower(sp.tokens[len(sp.tokens)-1].word)
		switch {
		case initiativeHeads[last] && !(orgHeads[last] && (last == "bank" || last == "service" || last == "services")):
			if len(sp.tokens) >= 2 && !x.isCouncilSpan(sp) && !possessedByCouncil(s.p.clean, sp.start) {
				x.addInitiative(s, sp.start, sp.end, sp.name, "head:"+last)
			}
		case hasOrgHead(sp):
			alias := parenAlias(s.p.clean, sp.end)
			if !x.addOrg(s, sp.start, sp.end, sp.name, alias, "head:"+last, false, funding && isFunderContext(lower, strings.ToLower(sp.name))) {
				continue
			}
		default:
			if len(sp.tokens) >= 2 && !listed[sp.name] {
				x.unknown = append(x.unknown, sp.name)
			}
		}
	}

	// Quoted names, websites and hashtags set up in the case study.
	// (Each pattern runs only where its opening character occurs: the
	// pipeline's time goes to regular expressions otherwise.)
	if strings.ContainsAny(text, "‘“\"'") {
		for _, loc := range quotedRe.FindAllStringSubmatchIndex(text, -1) {
			name := text[loc[2]:loc[3]]
			if len(strings.Fields(name)) >= 2 && len(strings.Fields(name)) <= 8 {
				x.addInitiative(s, s.start+loc[2], s.start+loc[3], name, "quoted-name")
			}
		}
	}
	if strings.Contains(text, "www.") {
		for _, loc := range urlRe.FindAllStringIndex(text, -1) {
			x.addInitiative(s, s.start+loc[0], s.start+loc[1], strings.TrimRight(text[loc[0]:loc[1]], "."), "website")
		}
	}
	if strings.Contains(text, "#") {
		for _, loc := range hashtagRe.FindAllStringIndex(text, -1) {
			x.addInitiative(s, s.start+loc[0], s.start+loc[1], text[loc[0]:loc[1]], "hashtag")
		}
	}
}

// isFunderContext reports whether, in a sentence about money, the named
// body is the one giving: named after "from"/"by", or before a giving verb.
func isFunderContext(lower, name string) bool {
	i := strings.Index(lower, name)
	if i < 0 {
		return false
	}
	if givenFrom(lower[max(0, i-60):i]) {
		return true
	}
	after := lower[i+len(name) : min(len(lower), i+len(name)+80)]
	trimmed := strings.TrimSpace(after)
	for _, r := range []string{"was granted", "were granted", "was awarded", "were awarded", "received", "has received", "was given", "benefited"} {
		if strings.HasPrefix(trimmed, r) {
			return false
		}
	}
	for _, v := range []string{"donated", "funded", "sponsored", "gave", "contributed", "granted", "donation", "to match"} {
		if strings.Contains(after, v) {
			return true
		}
	}
	return false
}

// givenFrom reports whether before (lower case) ends in a phrase saying the
// next bodies gave: "donations from", "funded by".
func givenFrom(before string) bool {
	for _, c := range []string{"donations from", "donation from", "funded by", "funding from", "grant from", "grants from",
		"sponsored by", "donated by", "support from", "contributions from", "money from", "gift from"} {
		if strings.Contains(before, c) {
			return true
		}
	}
	return false
}

func tokensIn(toks []token, from, to int) []token {
	var out []token
	for _, t := range toks {
		if t.start >= from && t.end <= to {
			out = append(out, t)
		}
	}
	return out
}

// listItems splits what follows a cue into list items up to the end of the
// clause, and returns the capitalised span each item names.
func listItems(s sentence, toks []token, from int) []span {
	text := s.p.clean
	end := s.end
	rest := text[from:end]
	for _, stop := range []string{" to help", " to support", " to provide", " to deliver", " to ensure", " to offer",
		" to meet", " to match", " to telephone", " to identify", " to promote", " to create", " which ", " who ",
		" that ", " whilst ", " while ", " in order ", " so that ", " because ", " – ", " - ", ". "} {
		if k := strings.Index(rest, stop); k >= 0 {
			rest = rest[:k]
		}
	}
	end = from + len(rest)
	var items []span
	sep := ","
	if strings.Contains(rest, ";") {
		sep = ";"
	}
	pos := from
	for _, part := range strings.Split(rest, sep) {
		partStart := pos
		pos += len(part) + len(sep)
		for _, piece := range splitAndParts(part, partStart) {
			toksIn := tokensIn(toks, piece[0], piece[1])
			// Skip lowercase descriptors: "homelessness charity New Hope".
			i := 0
			for i < len(toksIn) && !isCapitalised(toksIn[i].word) {
				i++
			}
			if i == len(toksIn) {
				continue
			}
			if i > 0 && personRoles[strings.ToLower(toksIn[i-1].word)] {
				continue
			}
			spans := capitalisedSpans(toksIn[i:])
			if len(spans) == 0 || spans[0].start != toksIn[i].start {
				continue
			}
			// A quoted name in a list is a scheme's title, not a partner.
			if before := strings.TrimRight(text[:spans[0].start], " "); strings.HasSuffix(before, "‘") || strings.HasSuffix(before, "“") || strings.HasSuffix(before, "\"") {
				continue
			}
			items = append(items, spans[0])
		}
		if pos > end {
			break
		}
	}
	return items
}

// splitAndParts splits a list item on " and " when both sides start with a
// capital ("Kuehne + Nagel Limited and Roberts Bakery") but not inside a
// name ("Department for Environment, Food and Rural Affairs" is masked
// earlier; "Age and Disability Forum" keeps its "and" because the right
// side does not start a new capitalised name after a complete one).
func splitAndParts(part string, offset int) [][2]int {
	var out [][2]int
	start := 0
	for {
		k := strings.Index(part[start:], " and ")
		if k < 0 {
			break
		}
		at := start + k
		right := strings.TrimSpace(part[at+5:])
		left := strings.TrimSpace(part[:at])
		if right == "" || left == "" {
			break
		}
		lw := strings.Fields(left)
		leftLast := lw[len(lw)-1]
		if isCapitalised(right) && isCapitalised(leftLast) && (hasHeadWord(leftLast) || len(strings.Fields(part[start:at])) >= 1) && !strings.HasPrefix(right, "Co-operative") {
			out = append(out, [2]int{offset + start, offset + at})
			start = at + 5
			continue
		}
		if strings.HasPrefix(right, "other") || strings.HasPrefix(right, "many") || strings.HasPrefix(right, "local") || strings.HasPrefix(right, "the local") {
			out = append(out, [2]int{offset + start, offset + at})
			start = at + 5
			continue
		}
		break
	}
	return append(out, [2]int{offset + start, offset + len(part)})
}

func hasHeadWord(w string) bool { return orgHeads[strings.ToLower(w)] }

// splitOnAnd splits a span "Barclays Bank and Sky" into its names.
func splitOnAnd(sp span, text string) []span {
	var out []span
	cur := []token{}
	for i, t := range sp.tokens {
		if (t.word == "and" || t.word == "&") && i > 0 && i+1 < len(sp.tokens) && hasHeadWord(sp.tokens[i-1].word) {
			if len(cur) > 0 {
				s := makeSpan(cur)
				s.name = text[s.start:s.end]
				out = append(out, s)
			}
			cur = nil
			continue
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		s := makeSpan(cur)
		s.name = trimPossessive(text[s.start:s.end])
		out = append(out, s)
	}
	return out
}

func hasOrgHead(sp span) bool {
	for i, t := range sp.tokens {
		w := strings.ToLower(t.word)
		if w == "nhs" || w == "ccg" || w == "cvs" {
			return true
		}
		if i == len(sp.tokens)-1 && orgHeads[w] && w != "hub" && w != "hubs" {
			return true
		}
	}
	return false
}

// parenAlias reads "(WHIST)" or "(Methodist Homes for the Aged)" right
// after a name as an alias.
func parenAlias(text string, end int) []string {
	rest := strings.TrimLeft(text[end:], " ")
	if !strings.HasPrefix(rest, "(") {
		return nil
	}
	close := strings.Index(rest, ")")
	if close < 0 {
		return nil
	}
	inner := strings.TrimSpace(rest[1:close])
	words := strings.Fields(inner)
	if len(words) == 0 || len(words) > 8 {
		return nil
	}
	caps := 0
	for _, w := range words {
		if isCapitalised(w) {
			caps++
		}
	}
	if caps*2 < len(words) || !isCapitalised(words[0]) {
		return nil
	}
	return []string{inner}
}

// definedBy returns the words before "(ACR)" whose initials spell ACR;
// short connectors ("in", "of") may give a letter or not.
func definedBy(before, acr string) string {
	words := strings.Fields(strings.TrimSpace(before))
	letters := []rune(strings.ToUpper(acr))
	// Try the shortest tail of words that spells the acronym.
	for n := 1; n <= len(words) && n <= len(letters)+3; n++ {
		tail := words[len(words)-n:]
		if spells(tail, letters) {
			return strings.Trim(strings.Join(tail, " "), ",;:‘’'\"“”")
		}
	}
	return ""
}

func spells(words []string, letters []rune) bool {
	if len(words) == 0 {
		return len(letters) == 0
	}
	w := strings.Trim(words[0], ",;:‘’'\"“”")
	if w == "" {
		return spells(words[1:], letters)
	}
	first := unicode.ToUpper(runeAt(w, 0))
	if connectorWords[strings.ToLower(w)] {
		if spells(words[1:], letters) {
			return true
		}
	} else if !isCapitalised(w) {
		return false
	}
	return len(letters) > 0 && first == letters[0] && spells(words[1:], letters[1:])
}

// possessedByCouncil reports "the Council’s X": the council's own teams and
// schemes, not partners.
func possessedByCouncil(text string, start int) bool {
	before := strings.TrimRight(text[:start], " ")
	return strings.HasSuffix(before, "Council’s") || strings.HasSuffix(before, "Council's") ||
		strings.HasSuffix(before, "council’s") || strings.HasSuffix(before, "council's")
}

func (x *extractor) isCouncilSpan(sp span) bool {
	for _, t := range sp.tokens {
		if t.word == "Council" || t.word == "Councils" || t.word == "council" {
			next := ""
			for i, u := range sp.tokens {
				if u == t && i+1 < len(sp.tokens) {
					next = strings.ToLower(sp.tokens[i+1].word)
				}
			}
			return next != "for" && next != "of"
		}
	}
	return false
}

// addOrg classifies one candidate organisation and records it; it returns
// false when the candidate is not an organisation.
func (x *extractor) addOrg(s sentence, start, end int, name string, aliases []string, rule string, business, funder bool) bool {
	name = cleanName(name)
	key := strings.ToLower(name)
	toks := strings.Fields(name)
	switch {
	case name == "" || len(toks) > 9:
		return false
	case notOrganisations[key]:
		x.decide(s.p.lineAt(start), "not an organisation: "+name, "lexicon:not-organisation")
		return false
	case x.isCouncilName(name):
		return false
	case x.isPerson(s, start, toks):
		x.decide(s.p.lineAt(start), "person, not an organisation: "+name, "person")
		return false
	case x.isPlace(name):
		x.decide(s.p.lineAt(start), "place, not an organisation: "+name, "place")
		return false
	case possessedByCouncil(s.p.clean, start):
		x.decide(s.p.lineAt(start), "the council's own team: "+name, "possessed-by-council")
		return false
	}
	if len(toks) == 1 && len(name) <= 2 {
		return false
	}
	if first := strings.ToLower(toks[0]); (strings.HasPrefix(first, "covid") || strings.HasPrefix(first, "coronavirus")) && !hasHeadWord(toks[len(toks)-1]) {
		return false
	}
	if len(toks) == 1 && pluralAcronym.MatchString(name) {
		return false
	}
	if !strings.HasPrefix(rule, "lexicon") {
		last := strings.ToLower(strings.Trim(toks[len(toks)-1], "’'*"))
		switch {
		case thingHeads[last] || thingAfter[nextWord(s.p.clean, end)]:
			x.decide(s.p.lineAt(start), "a plan, scheme or website, not an organisation: "+name, "thing-head")
			return false
		case documentNamed(toks):
			x.decide(s.p.lineAt(start), "a plan or strategy, not an organisation: "+name, "document-name")
			return false
		case last == "uk" && slices.Contains(toks, "and"):
			// "local, Scottish and UK": levels of government, not a body.
			x.decide(s.p.lineAt(start), "not a body's name: "+name, "adjectives-and-uk")
			return false
		case peopleHeads[last]:
			x.decide(s.p.lineAt(start), "people in a role, not an organisation: "+name, "people-head")
			return false
		}
	}
	if createdHere.MatchString(s.p.clean[max(0, start-40):start]) && !strings.HasPrefix(rule, "lexicon") {
		x.decide(s.p.lineAt(start), "set up in the case study, an initiative: "+name, "created-here")
		x.addInitiative(s, start, end, name, "created-here")
		return false
	}
	if !strings.HasPrefix(rule, "lexicon") && (len(toks) == 1 || !strings.HasPrefix(rule, "cue:")) && x.isGenericPhrase(toks) {
		x.decide(s.p.lineAt(start), "generic phrase, not a name: "+name, "generic-phrase")
		return false
	}
	if full, ok := x.acronyms[name]; ok {
		aliases = append(aliases, name)
		name = full
	}
	ev := s.p.evidence(s.start, s.end, rule, confidenceOf(rule))
	m := &mention{name: name, aliases: aliases, ev: ev, partner: !funder || strings.HasPrefix(rule, "subject-of:partnered"),
		funder: funder, business: business, rule: rule, sent: s}
	if funder {
		m.amount, m.value, _ = parseMoney(s.text())
		m.inKind = m.amount == "" || containsAny(strings.ToLower(s.text()), inKindCues) && !strings.Contains(s.text(), "£")
	}
	x.orgs = append(x.orgs, m)
	x.decide(ev.LineStart, "organisation: "+name, rule)
	return true
}

// documentNamed reports a name such as "Outbreak Control Plan for Wales":
// a plan, strategy or framework word followed by "for" or "of". ("Campaign
// for ..." is left alone: campaigning bodies are named that way.)
func documentNamed(toks []string) bool {
	for i := 1; i+1 < len(toks); i++ {
		switch strings.ToLower(toks[i]) {
		case "plan", "plans", "strategy", "framework", "protocol", "guidance", "policy":
			if next := strings.ToLower(toks[i+1]); next == "for" || next == "of" {
				return true
			}
		}
	}
	return false
}

// nextWord is the lower-cased word after text[end:], past closing quotes or
// emphasis and one parenthesised aside: "Y (YY) project" gives "project".
func nextWord(text string, end int) string {
	i := end
	skip := func() {
		for i < len(text) && (text[i] == ' ' || text[i] == '*' || text[i] == '"' || text[i] == '\'') {
			i++
		}
	}
	skip()
	if i < len(text) && text[i] == '(' {
		if k := strings.IndexByte(text[i:], ')'); k > 0 && k < 40 {
			i += k + 1
			skip()
		}
	}
	j := i
	for j < len(text) && isWordByte(text[j]) {
		j++
	}
	return strings.ToLower(text[i:j])
}

// isGenericPhrase: a lone head noun ("the Foodbank", "Services"), or words
// the document otherwise writes in lower case with no head noun to make
// them a name.
func (x *extractor) isGenericPhrase(toks []string) bool {
	last := strings.ToLower(strings.Trim(toks[len(toks)-1], "’'"))
	if len(toks) == 1 && (orgHeads[last] || orgHeads[strings.TrimSuffix(last, "s")]) {
		return true
	}
	if x.common == nil {
		return false
	}
	for _, t := range toks {
		w := strings.ToLower(strings.Trim(t, "’'"))
		if w == "nhs" || w == "ccg" || (orgHeads[w] && w != "hub" && w != "services" && w != "service" && w != "group" && w != "action" && w != "advice") {
			return false
		}
		if !x.common[w] && !connectorWords[w] {
			return false
		}
	}
	return true
}

func confidenceOf(rule string) float64 {
	switch {
	case strings.HasPrefix(rule, "lexicon"):
		return 0.9
	case strings.HasPrefix(rule, "cue:"), strings.HasPrefix(rule, "subject-of:"):
		return 0.8
	case strings.HasPrefix(rule, "head:"):
		return 0.7
	}
	return 0.6
}

func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "‘’'\"“”()[],;:.")
	s = strings.TrimSpace(s)
	if strings.HasPrefix(strings.ToLower(s), "the ") {
		s = strings.TrimSpace(s[4:])
	}
	return strings.Join(strings.Fields(s), " ")
}

var councilWord = regexp.MustCompile(`(?i)\bcouncils?\b(\s+(?:for|of)\b)?`)

func (x *extractor) isCouncilName(name string) bool {
	for _, m := range councilWord.FindAllStringSubmatch(name, -1) {
		if m[1] == "" {
			return true // "X Council", "X Council- Y": a council, not a partner
		}
	}
	if _, ok := x.gaz.Lookup(name); ok {
		return true
	}
	return false
}

func (x *extractor) isPerson(s sentence, start int, toks []string) bool {
	before := strings.Fields(s.p.clean[max(0, start-30):start])
	if n := len(before); n > 0 {
		prev := strings.ToLower(strings.Trim(before[n-1], ".,"))
		if personTitles[prev] || personRoles[prev] {
			return true
		}
	}
	if personTitles[strings.ToLower(strings.Trim(toks[0], "."))] {
		return true
	}
	if len(toks) >= 2 && len(toks) <= 3 && firstNames[strings.ToLower(toks[0])] {
		for _, t := range toks {
			if orgHeads[strings.ToLower(t)] {
				return false
			}
		}
		return true
	}
	return false
}

func (x *extractor) isPlace(name string) bool {
	if _, ok := x.gaz.LookupShort(name); ok {
		return true
	}
	return false
}

func (x *extractor) addInitiative(s sentence, start, end int, name, rule string) {
	name = cleanName(name)
	if name == "" || len(name) > 90 || strings.EqualFold(name, x.cs.title) {
		return
	}
	x.inits = append(x.inits, &mention{name: name, ev: s.p.evidence(s.start, s.end, rule, confidenceOf(rule)), rule: rule, sent: s})
	x.decide(s.p.lineAt(start), "initiative: "+name, rule)
}
