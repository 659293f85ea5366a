package loader

import (
	"slices"
	"strings"
)

// Stage: relations. Funding frames — the closed set of English
// constructions for giving money or goods — are read from the tokens of the
// sentence around an organisation mention and scored by the funder model;
// every kept organisation takes part in the case study's initiative (or the
// named scheme its sentence is about).

// givingWords are the verbs and nouns of the funding frames.
var givingWords = map[string]bool{"donated": true, "donate": true, "donates": true, "donating": true, "donation": true,
	"donations": true, "gave": true, "give": true, "gives": true, "given": true, "giving": true, "granted": true,
	"grant": true, "grants": true, "allocated": true, "allocate": true, "awarded": true, "award": true, "awards": true,
	"contributed": true, "contribute": true, "contribution": true, "contributions": true, "provided": true,
	"secured": true, "received": true, "raised": true, "funded": true, "fund": true, "funds": true, "funding": true,
	"funder": true, "funders": true, "sponsored": true, "sponsor": true, "sponsorship": true, "match": true,
	"matched": true, "invested": true, "investment": true, "pledged": true, "backed": true, "gift": true,
	"gifted": true, "bequest": true, "available": true, "£": true}

// inKindWords name goods and services given instead of money.
var inKindWords = map[string]bool{"food": true, "devices": true, "laptops": true, "tablets": true, "phones": true,
	"equipment": true, "goods": true, "stock": true, "ppe": true, "meals": true, "vehicles": true, "vans": true,
	"hampers": true, "parcels": true, "toys": true, "gifts": true, "produce": true, "space": true, "premises": true,
	"boxes": true, "stocks": true, "supplies": true, "pizzas": true, "clothing": true, "books": true, "sim": true, "masks": true, "bread": true}

// frameFeatures describe the funding frame around a mention in its sentence.
func frameFeatures(c chunk) []string {
	var fb featBuilder
	frameFeaturesTo(c, &fb)
	return fb.feats
}

// featBuilder spells features into a buffer it keeps: a feature the models'
// index has takes the index's copy of its name, and its entry is listed;
// any other is allocated. One serves a document's mentions in turn (reset
// between them).
type featBuilder struct {
	index *featIndex // nil: spell every feature
	buf   []byte
	feats []string
	ents  []*featEntry // feats' entries, nil where the models lack one
}

func (fb *featBuilder) reset() { fb.feats, fb.ents = fb.feats[:0], fb.ents[:0] }

// add adds the feature spelt by the parts, joined.
func (fb *featBuilder) add(parts ...string) {
	b := fb.buf[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	fb.buf = b
	if fb.index != nil {
		if e := fb.index.byName[string(b)]; e != nil {
			fb.feats, fb.ents = append(fb.feats, e.name), append(fb.ents, e)
			return
		}
	}
	fb.feats, fb.ents = append(fb.feats, string(b)), append(fb.ents, nil)
}

// sentenceWords is what a sentence holds of the funding frames' words.
type sentenceWords struct {
	read   bool
	money  bool // an amount
	give   bool // a giving word (givingWords)
	kind   bool // goods given (inKindWords)
	gift   bool // a gift or a giving verb as fundingFrame reads them
	gifted bool // a noun of a gift or of goods
}

// sentenceFrame is what the sentence holding token i (sentenceOf) holds of
// the funding frames' words: read once per sentence, as every mention in
// it asks.
func (ps *passage) sentenceFrame(i int) sentenceWords {
	k := ps.sentenceIndex(i)
	if k < 0 {
		return readSentenceWords(ps.toks[i : i+1])
	}
	if ps.frames == nil {
		ps.frames = make([]sentenceWords, len(ps.sents))
	}
	if !ps.frames[k].read {
		ps.frames[k] = readSentenceWords(ps.toks[ps.sents[k][0]:ps.sents[k][1]])
	}
	return ps.frames[k]
}

func readSentenceWords(toks []tok) sentenceWords {
	w := sentenceWords{read: true}
	for k := range toks {
		l := toks[k].lower
		w.money = w.money || toks[k].shape == shapeMoney
		w.give = w.give || givingWords[l]
		w.kind = w.kind || inKindWords[l]
		// only "<goods> from X" in fundingFrame reads a gift of goods alone
		w.gift = w.gift || giftNouns[l] || giveVerbs[l] && l != "made" && l != "agreed" || inKindWords[l]
		w.gifted = w.gifted || giftNouns[l] || inKindWords[l]
	}
	return w
}

// frameFeaturesTo adds frameFeatures(c) to fb.
func frameFeaturesTo(c chunk, fb *featBuilder) {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	fb.addFixed(fBias)
	sw := c.ps.sentenceFrame(c.lo)
	money, give, kind := -1, sw.give, sw.kind
	for k := s[0]; sw.money && k < s[1]; k++ {
		if toks[k].shape == shapeMoney {
			if money < 0 || abs(k-c.lo) < abs(money-c.lo) {
				money = k
			}
		}
	}
	if money >= 0 {
		side := fMoneyAfter
		d := money - c.hi
		if money < c.lo {
			side, d = fMoneyBefore, c.lo-money
		}
		fb.addFixed(side.of(d))
		// the words between the mention and the amount
		a, b := c.hi, money
		if money < c.lo {
			a, b = money+1, c.lo
		}
		for k := a; k < b && k-a < 8; k++ {
			if toks[k].shape == shapeLower || toks[k].closed != 0 {
				fb.addWord(frameMid, &toks[k], toks[k].lower)
			}
		}
	} else {
		fb.addFixed(fNoMoney)
	}
	if give {
		fb.addFixed(fGiving)
	}
	if kind {
		fb.addFixed(fInKind)
	}
	for k := c.lo - 1; k >= s[0] && k >= c.lo-6; k-- {
		if toks[k].shape == shapeLower || toks[k].closed != 0 {
			fb.addWord(frameLeft, &toks[k], toks[k].lower)
			if givingWords[toks[k].lower] {
				fb.addFixed(fGiveBefore[min(c.lo-k, 4)-1])
			}
		}
	}
	for k := c.hi; k < s[1] && k < c.hi+6; k++ {
		if toks[k].shape == shapeLower || toks[k].closed != 0 {
			fb.addWord(frameRight, &toks[k], toks[k].lower)
			if givingWords[toks[k].lower] {
				fb.addFixed(fGiveAfter[min(k-c.hi+1, 4)-1])
			}
		}
	}
	if c.lo > s[0] {
		fb.addWord(framePrev, &toks[c.lo-1], contextWord(&toks[c.lo-1]))
	}
	if c.lo > s[0]+1 {
		fb.add("prev2=", contextWord(&toks[c.lo-2]), "_", contextWord(&toks[c.lo-1]))
	}
	if c.hi < s[1] {
		fb.addWord(frameNext, &toks[c.hi], contextWord(&toks[c.hi]))
	}
	if c.hi+1 < s[1] {
		fb.add("next2=", contextWord(&toks[c.hi]), "_", contextWord(&toks[c.hi+1]))
	}
	last := strings.TrimSuffix(toks[c.hi-1].lower, ".")
	fb.addFixed(fHead[headClassOf(last)])
	if i := slices.Index(fundHeadwords[:], last); i >= 0 {
		fb.addFixed(fHeadword[i])
	}
}

// fundHeadwords are the head nouns the funder model reads by name.
var fundHeadwords = [...]string{"foundation", "trust", "lottery", "fund"}

// The funding frame's fixed features (fixedFeat).
var (
	fMoneyAfter  = bucketed("money=after", 2, 5, 10)
	fMoneyBefore = bucketed("money=before", 2, 5, 10)
	fNoMoney     = fixed("noMoney")
	fGiving      = fixed("giving")
	fInKind      = fixed("inKind")
	fGiveBefore  = tableFeat("giveBefore", []string{"1", "2", "3", "4"})
	fGiveAfter   = tableFeat("giveAfter", []string{"1", "2", "3", "4"})
	fHead        = tableFeat("head=", headClassNames[:])
	fHeadword    = tableFeat("headword=", fundHeadwords[:])
)

// Templates of the funding frame's features that are a prefix and a word
// of one token; the models' index holds each for every closed-class word
// and every shape.
const (
	frameMid = iota
	frameLeft
	frameRight
	framePrev
	frameNext
	numFrameTemplates
)

var frameTemplates = [numFrameTemplates]string{"mid=", "L=", "R=", "prev=", "next="}

// addFixed adds a fixed feature, from the index's table by number.
func (fb *featBuilder) addFixed(id fixedFeat) {
	if fb.index != nil {
		r := &fb.index.fixed[id]
		fb.feats, fb.ents = append(fb.feats, r.name), append(fb.ents, r.e)
		return
	}
	fb.feats, fb.ents = append(fb.feats, fixedNames[id]), append(fb.ents, nil)
}

// addWord adds frame template tpl's feature for token t, whose value is v:
// from the index's tables when v is t's closed-class word or its shape.
func (fb *featBuilder) addWord(tpl int, t *tok, v string) {
	if fb.index != nil {
		if r := tokenRef(fb.index.frameClosed[tpl], &fb.index.frameShapes[tpl], t, v); r != nil {
			fb.feats, fb.ents = append(fb.feats, r.name), append(fb.ents, r.e)
			return
		}
	}
	fb.add(frameTemplates[tpl], v)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// amountNear is the amount printed nearest to the mention in its sentence.
func amountNear(c chunk) (text string, value float64, ok bool) {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	best := -1
	for k := s[0]; k < s[1]; k++ {
		if toks[k].shape == shapeMoney && (best < 0 || abs(k-c.lo) < abs(best-c.lo)) {
			best = k
		}
	}
	if best < 0 {
		return "", 0, false
	}
	text = toks[best].text
	if best >= 2 && toks[best-2].lower == "up" && toks[best-1].lower == "to" {
		text = "up to " + text
	}
	return parseMoney(text)
}

// inKindSentence reports a gift of goods: a sentence with goods and no amount.
func inKindSentence(c chunk) bool {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	goods := false
	for k := s[0]; k < s[1]; k++ {
		if toks[k].shape == shapeMoney {
			return false
		}
		goods = goods || inKindWords[toks[k].lower]
	}
	return goods
}

// councilFrame finds the lead council giving money in a sentence: "the
// Council" (or the council's own name) before a giving verb and an amount.
// It returns the token of the amount.
func councilFrame(ps *passage, s [2]int, councilTokens map[int]bool) (amount int, ok bool) {
	toks := ps.toks
	subject := -1
	for k := s[0]; k < s[1]; k++ {
		if toks[k].lower == "council" || councilTokens[k] {
			subject = k
			continue
		}
		if subject >= 0 && k-subject <= 8 {
			switch toks[k].lower {
			case "provided", "made", "allocated", "granted", "awarded", "gave", "invested", "committed",
				"contributed", "funded", "donated", "pledged",
				// the present and progressive tenses of the same gifts: news
				// pages report money as it is handed over ("the District
				// Council are giving £5,000 to ...", "the Council gives £2 a head")
				"giving", "gives", "providing", "provides", "contributing", "contributes",
				"donating", "donates", "investing", "invests", "allocating", "allocates":
				for m := k + 1; m < s[1] && m <= k+12; m++ {
					if toks[m].shape == shapeMoney {
						return m, true
					}
				}
			}
		}
	}
	// "funded by the city council", "a Borough Council grant of £2,500"
	for k := s[0] + 1; k < s[1]; k++ {
		if (toks[k].lower == "council" || councilTokens[k]) && k+1 < s[1] {
			if toks[k-1].lower == "by" || (k >= 2 && toks[k-2].lower == "by") || toks[k+1].lower == "grant" || toks[k+1].lower == "funding" {
				for m := s[0]; m < s[1]; m++ {
					if toks[m].shape == shapeMoney {
						return m, true
					}
				}
			}
		}
	}
	// "groups have benefited from extra grants (totalling £6.8 million)":
	// money no one is named as giving, in the council's own case study, is
	// the council's
	for k := s[0]; k+2 < s[1]; k++ {
		if (toks[k].lower != "benefited" && toks[k].lower != "benefitted") || toks[k+1].lower != "from" {
			continue
		}
		for m := k + 2; m < s[1] && m <= k+5; m++ {
			if sumModifiers[toks[m].lower] {
				continue // "extra", "over", "more than": the gift follows
			}
			// "benefited from the Northtown Trust's grants" names a giver,
			// "from local knowledge" no gift
			if !giftNouns[toks[m].lower] && toks[m].shape != shapeMoney {
				break
			}
			for a := s[0]; a < s[1]; a++ {
				if toks[a].shape == shapeMoney {
					return a, true
				}
			}
			break
		}
	}
	return -1, false
}

// sumModifiers stand between "benefited from" and the gift or sum.
var sumModifiers = toSet(`extra additional further new more than over almost nearly some a an`)

// hasFrame reports frame features that show money or giving in the sentence.
func hasFrame(feats []string) bool {
	for _, f := range feats {
		if f == "giving" || f == "inKind" || strings.HasPrefix(f, "money=") {
			return true
		}
	}
	return false
}

// The funding frames, read from tokens. Each returns the frame's name.
var (
	// active giving verbs: "X donated", "X has given", "X kindly provided"
	giveVerbs = toSet(`donated donate donates donating gave give gives given giving granted grant grants allocated allocate awarded
award awards contributed contribute contributes pledged pledge invested funded funds fund sponsored sponsors
sponsor matched match provided provide provides offered raised gifted made agreed`)
	// nouns of money given: "a grant from X", "X's donation"
	giftNouns = toSet(`grant grants donation donations funding fund funds contribution contributions gift gifts money
cash sponsorship award awards bequest pot match investment`)
	// words that may stand between a giver and its verb
	auxWords = toSet(`has have had also kindly generously recently already very and is are was were will would 've
been jointly together both all each has`)
	// passive or source cues right before a name: "funded by X", "from X"
	sourceCues = toSet(`from by via`)
	// receiving: the name after these is a recipient, not a funder
	recipientCues = toSet(`to for towards receive received receiving recipients recipient benefit benefited benefiting shared distributed
awarded granted allocated given among amongst`)
	// receiving verbs after a name: "X has received £500", "X and Y benefited from grants"
	receiveVerbs = toSet(`received receives receive receiving benefited benefitted benefit benefits got gets won secured
applied bid successful`)
)

// listStart walks left from token lo over the items of a list ("X, Y and
// Z") and returns the first token before the list.
func listStart(toks []tok, lo, floor int) int {
	k := lo - 1
	for k >= floor {
		t := &toks[k]
		switch {
		case t.isCapWord(), t.isPunct(",;"), t.lower == "and", t.text == "&", t.lower == "the",
			nameConnectors[t.lower] && k > floor && (toks[k-1].isCapWord() || toks[k-1].lower == "'s"),
			t.lower == "'s" && k > floor && toks[k-1].isCapWord(),
			// a giver's channel: "given by A, B through the C Foundation"
			t.lower == "through" && k > floor && toks[k-1].isCapWord(),
			// a lower-case word ending an item: "Acme education, Zorbo",
			// "the Acme Community foundation and the Zorbo Trust"
			t.shape == shapeLower && !phraseBreaks[t.lower] && k > floor && toks[k-1].isCapWord() && k+1 < len(toks) && (toks[k+1].isPunct(",;") || toks[k+1].lower == "and"),
			// an item's describer: "the Acme Hospice, youth charity Zorbo, …"
			listDescriber(toks, k, floor):
			k--
			continue
		}
		break
	}
	return k
}

// listDescriber reports a lower-case word of the one or two that describe a
// list item after a comma: "…, youth charity Zorbo, …".
func listDescriber(toks []tok, k, floor int) bool {
	if toks[k].shape != shapeLower || phraseBreaks[toks[k].lower] {
		return false
	}
	// the words up to the comma, and the name after them
	a := k
	if a > floor && toks[a-1].shape == shapeLower && !phraseBreaks[toks[a-1].lower] {
		a--
	}
	b := k
	if b+1 < len(toks) && toks[b+1].shape == shapeLower && !phraseBreaks[toks[b+1].lower] {
		b++
	}
	return a > floor && toks[a-1].isPunct(",") && b+1 < len(toks) && toks[b+1].isCapWord() && b-a < 2
}

// fundingFrame reports the frame that makes the body named at chunk c a
// giver of money or goods in its sentence, if any.
func fundingFrame(c chunk) (string, bool) {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	sw := c.ps.sentenceFrame(c.lo)
	money, gift, gifted := sw.money, sw.gift, sw.gifted
	if !money && !gift {
		return "", false
	}
	// source: "a grant from X", "£500 from X, Y and Z", "funded by X", "donated by X",
	// "donations from X and businesses including Y, Z"
	before := governorStart(toks, listStart(toks, c.lo, s[0]), s[0])
	if recipientGoverned(toks, before, s[0]) {
		return "", false // "awarded to X", "organisations to receive funding are X, Y"
	}
	if k := before; k >= s[0] && toks[k].lower == "by" {
		// "funded by X", "was donated by X", "has been sponsored by X": the giving
		// word right before "by" (a fund "administered by X" is not given by X)
		j := k - 1
		if j >= s[0] && (giveVerbs[toks[j].lower] || toks[j].lower == "matched") {
			if peopleGiven(toks, j, s[0]) {
				return "", false // "volunteers were matched by X", "staff provided by X": people, not a gift
			}
			switch toks[j].lower {
			case "provided", "offered", "made", "agreed", "raised":
				// "£500 was provided by X", "grants provided by X": the gift
				// stands just before the verb, not anywhere in the sentence
				near := false
				for i := j - 1; i >= s[0] && i >= j-5; i-- {
					near = near || toks[i].shape == shapeMoney || giftNouns[toks[i].lower] && !gerundObject(toks, i, s[0])
				}
				if !near {
					return "", false
				}
			}
			return "frame:" + toks[j].lower + "-by", true
		}
		// "a fresh allocation of grants by X", "a donation by X": the gift's noun
		// right before "by"
		if j >= s[0] && giftNouns[toks[j].lower] {
			return "frame:" + toks[j].lower + "-by", true
		}
		// "thanked by nearby cafés – including X and Y – with boxes of hot
		// meals", "helped by X with donations of food": what X came with is a gift
		if giftAfterList(toks, c.hi, s[1]) {
			return "frame:with-gift-by", true
		}
		return "", false
	}
	// "funded through X", "grants through X": the gift right before "through"
	// (help "through X" names a channel, read by doerBy)
	if k := before; k > s[0] && toks[k].lower == "through" && (passiveGiven[toks[k-1].lower] || giftNouns[toks[k-1].lower]) {
		return "frame:" + toks[k-1].lower + "-through", true
	}
	if k := before; k >= s[0] && sourceCues[toks[k].lower] {
		if toks[k].lower == "from" && k > s[0] && peopleNouns[toks[k-1].lower] {
			// "volunteers from X worked ... to provide food": the name's own
			// governor is its people, whatever gift is read further back
			return "", false
		}
		for j := k - 1; j >= s[0] && j >= k-6; j-- {
			w := toks[j].lower
			// "received £500 from X", not "received representations from X"
			received := (w == "secured" || w == "received") && (money || gifted)
			if toks[j].shape == shapeMoney || giftNouns[w] || giveVerbs[w] || w == "thanks" || received ||
				inKindWords[w] && toks[k].lower == "from" && j == k-1 && !(j > s[0] && accessVerbs[toks[j-1].lower]) {
				if toks[k].lower == "by" && (w == "awarded" || w == "granted" || w == "given" || w == "allocated") && j == k-1 {
					return "frame:awarded-by", true // "was awarded by X": X gave it
				}
				if toks[j].shape == shapeMoney {
					w = "amount"
				}
				return "frame:" + w + "-" + toks[k].lower, true
			}
		}
	}
	// possessive or nominal: "X's donation", "a X grant of £3,000"
	if c.hi+1 < s[1] && toks[c.hi].lower == "'s" && giftNouns[toks[c.hi+1].lower] {
		return "frame:possessive-" + toks[c.hi+1].lower, true
	}
	// "X's Food Fund", "X's Emergency Assistance Grant": a body's own fund
	// pays out of X's money
	if c.hi+1 < s[1] && toks[c.hi].lower == "'s" {
		for k := c.hi + 1; k < s[1] && k < c.hi+10 && (toks[k].isCapWord() || toks[k].shape == shapeMoney || nameConnectors[toks[k].lower]); k++ {
			if w := toks[k].lower; (w == "fund" || w == "grant" || w == "grants") && toks[k].isCapWord() {
				return "frame:possessive-fund", true
			}
		}
	}
	if c.hi < s[1] && (toks[c.hi].lower == "grant" || toks[c.hi].lower == "grants" || toks[c.hi].lower == "funding" || toks[c.hi].lower == "donation") && money {
		return "frame:nominal-" + toks[c.hi].lower, true
	}
	// agent: "X donated", "X and Y have given", "X made £N available", "X agreed to fund"
	// lastComma and joined: the last comma walked over, and whether an "and"
	// or "&" follows it ("X, Y and Z donated" is a list; "set up X, Y
	// provided" joins two clauses, and only Y provided)
	k, nouns, lastComma, joined := c.hi, 0, -1, false
	for k < s[1] && k < c.hi+12 {
		t := &toks[k]
		if t.isCapWord() || t.isPunct(",") || auxWords[t.lower] || t.lower == "the" || t.text == "&" ||
			nameConnectors[t.lower] && k+1 < s[1] && toks[k+1].isCapWord() {
			switch {
			case t.isPunct(","):
				lastComma, joined = k, false
			case t.lower == "and" || t.text == "&":
				joined = true
			}
			k++
			continue
		}
		// one noun after the names: "X and Y branches have donated"
		if nouns == 0 && t.shape == shapeLower && !phraseBreaks[t.lower] && !giveVerbs[t.lower] && strings.HasSuffix(t.lower, "s") {
			k, nouns = k+1, 1
			continue
		}
		// or a compound one: "X and Y food banks donated"
		if nouns == 0 && t.shape == shapeLower && !phraseBreaks[t.lower] && !giveVerbs[t.lower] && k+1 < s[1] &&
			kindPlurals[toks[k+1].lower] {
			k, nouns = k+2, 1
			continue
		}
		break
	}
	if lastComma >= 0 && !joined && lastComma < k-1 {
		return "", false // "X, Y provided": Y is the subject; "X, a Y, donated" ends in a comma
	}
	if k < s[1] && giveVerbs[toks[k].lower] && !(k > 0 && (toks[k-1].lower == "be" || toks[k-1].lower == "been" || toks[k-1].lower == "was" || toks[k-1].lower == "were")) &&
		!(k+1 < s[1] && toks[k+1].lower == "by") && // "X sponsored by Y": a passive, Y gave
		// "Concerts, sponsored swims": the next list item, not a verb
		!(toks[k-1].isPunct(",") && k+1 < s[1] && toks[k+1].shape == shapeLower && toks[k+1].closed == 0 && strings.HasSuffix(toks[k+1].lower, "s")) {
		switch toks[k].lower {
		case "made":
			for j := k + 1; j < s[1] && j < k+8; j++ {
				if toks[j].lower == "available" || toks[j].lower == "donation" || toks[j].lower == "donations" || toks[j].lower == "contribution" {
					return "frame:made-available", true
				}
			}
			return "", false
		case "agreed":
			if k+2 < s[1] && toks[k+1].lower == "to" && giveVerbs[toks[k+2].lower] {
				return "frame:agreed-to-" + toks[k+2].lower, true
			}
			return "", false
		case "provided", "provide", "provides", "offered", "raised", "funds", "fund", "match", "grant", "grants", "award", "awards":
			if !money {
				return "", false // "X provided support": no gift named
			}
		}
		return "frame:" + toks[k].lower, true
	}
	return "", false
}

// accessVerbs get goods from a body that hands them out: families who "get
// food from X" or "collect parcels from X" use X's service; no gift to the
// case study's work.
var accessVerbs = toSet(`access accessing accessed collect collecting collected get getting buy buying bought order ordering
ordered request requesting`)

// peopleNouns name people a body lends: "staff from X", "volunteers from X".
var peopleNouns = toSet(`staff volunteers officers colleagues representatives members workers employees people teams team
students`)

// peopleLent reports a name (or an item of a list) after "from" that
// follows a noun of people, or after "by" that follows people given
// ("staff from us and X answered the calls", "volunteers were matched by
// X"). Such a body lent or placed people; the funder model is not to read
// it as a giver for a gift named elsewhere in the sentence.
func peopleLent(c chunk) bool {
	toks := c.ps.toks
	floor := c.ps.sentenceOf(c.lo)[0]
	k := listStart(toks, c.lo, floor)
	// "from us and X": a pronoun item before the name
	for k > floor && (toks[k].lower == "us" || toks[k].lower == "them") {
		k = listStart(toks, k, floor)
	}
	return k > floor && (toks[k].lower == "from" && peopleNouns[toks[k-1].lower] || toks[k].lower == "by" && peopleGiven(toks, k-1, floor))
}

// peopleGiven reports a participle at j whose subject, a word or two
// before it, is a noun of people: "volunteers were matched", "staff were
// provided".
func peopleGiven(toks []tok, j, floor int) bool {
	for i := j - 1; i >= floor && i >= j-3; i-- {
		if peopleNouns[toks[i].lower] {
			return true
		}
		if !auxWords[toks[i].lower] && toks[i].lower != "being" {
			return false
		}
	}
	return false
}

// gerundObject reports a gift noun at i that is the object of a gerund
// ("allocating the grants", "managing these funds"): in "choices about
// allocating the grants are made by X" what X makes is the choices.
func gerundObject(toks []tok, i, floor int) bool {
	j := i - 1
	if j >= floor && (toks[j].lower == "the" || toks[j].lower == "this" || toks[j].lower == "these" || toks[j].lower == "its") {
		j--
	}
	return j >= floor && toks[j].shape == shapeLower && len(toks[j].lower) > 5 && strings.HasSuffix(toks[j].lower, "ing") &&
		!ingAdjectives[toks[j].lower]
}

// ingAdjectives end in "-ing" but describe a gift rather than act on it:
// "existing funding", "matching grants".
var ingAdjectives = toSet(`existing ongoing outstanding remaining following matching continuing funding amazing`)

// phraseBreaks end the noun phrase governorStart walks over.
var phraseBreaks = toSet(`and or but the a an to from by with alongside of for in at on via including like as such is are was were
has have had be been who which that`)

// governorStart walks left from before — the token before a list — over
// the noun phrase that introduces the list ("businesses including", "local
// firms such as", "partners like") and any list before that phrase ("X and
// local businesses including"), returning the token before them all. With
// no such phrase it returns before.
func governorStart(toks []tok, before, floor int) int {
	k := before
	switch {
	case k >= floor && (toks[k].lower == "including" || toks[k].lower == "like" || toks[k].isPunct("–-:(")):
		k--
	case k > floor && toks[k].lower == "as" && toks[k-1].lower == "such":
		k -= 2
	default:
		return before
	}
	if k >= floor && (toks[k].isPunct("–-,") && toks[k+1].lower == "including") {
		k-- // "companies – including"
	}
	nouns := 0
	for k >= floor && nouns < 4 && toks[k].shape == shapeLower && !phraseBreaks[toks[k].lower] {
		k--
		nouns++
	}
	if nouns == 0 {
		return before
	}
	if k >= floor && (toks[k].lower == "and" || toks[k].isPunct(",")) {
		k = listStart(toks, k, floor)
	}
	return k
}

// receiverAfter reports a name (or a list of names) followed by a verb of
// receiving: "X and Y have also benefited from extra grants", "X was
// awarded £500". Such a body got the money.
func receiverAfter(c chunk) bool {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	passive := false
	for k := c.hi; k < s[1] && k < c.hi+12; k++ {
		t := &toks[k]
		switch {
		case receiveVerbs[t.lower]:
			return true
		case passiveGiven[t.lower] && k+1 < s[1] && toks[k+1].lower == "by":
			return true // "X, funded by the council": the giver follows "by"
		case passive && (t.lower == "awarded" || t.lower == "granted" || t.lower == "given" || t.lower == "allocated" || t.lower == "offered"):
			return true // "X was awarded"
		case t.lower == "was" || t.lower == "were" || t.lower == "been" || t.lower == "be":
			passive = true
		case t.isCapWord() || t.isPunct(",") || auxWords[t.lower] || t.lower == "the" || t.text == "&" || nameConnectors[t.lower]:
		default:
			return false
		}
	}
	return false
}

// passiveGiven are the participles of giving that, followed by "by", make
// the name before them the one given to.
var passiveGiven = toSet(`funded sponsored backed supported donated given provided granted awarded financed`)

// weakGiveVerbs give only with a gift named: "made up of", "provided support".
var weakGiveVerbs = toSet(`made agreed provided provide provides offered raised`)

// giftInSentence reports a sentence that names a gift: an amount, a noun of
// money or goods given, or a giving verb other than one of receiving or one
// that gives only with a gift named ("The council received representations
// from X", "a team made up of staff from X" name none).
func giftInSentence(c chunk) bool {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	for k := s[0]; k < s[1]; k++ {
		w := toks[k].lower
		if toks[k].shape == shapeMoney || giftNouns[w] || inKindWords[w] || giveVerbs[w] && !receiveVerbs[w] && !weakGiveVerbs[w] {
			return true
		}
	}
	return false
}

// recipientGoverned reports a list (or a name) whose governing words — the
// few before it — make its items recipients: "awarded to", "will go to",
// "organisations to receive funding are". "Thanks to X" names a giver.
func recipientGoverned(toks []tok, before, floor int) bool {
	for j := before; j >= floor && j > before-4; j-- {
		w := toks[j].lower
		if sourceCues[w] {
			return false
		}
		if recipientCues[w] {
			if w == "to" && j > floor && (toks[j-1].lower == "thanks" || toks[j-1].lower == "due" || toks[j-1].lower == "according") {
				return false
			}
			return true
		}
	}
	return false
}

// partnerWords before "with" make the list after it the council's or a
// body's partners: "in collaboration with", "working with", "in
// partnership with".
var partnerWords = toSet(`collaboration collaborating collaborated partnership partnered partnering working worked works
conjunction alongside`)

// partnerGoverned reports a name (or an item of a list) governed by words
// of working together: "collaboration with local businesses X, Y and Z, as
// well as W", "alongside X and Y". Such a body is named as a partner; a
// gift elsewhere in its sentence ("…, while Acme gave £500") is not
// its own unless a funding frame says so.
func partnerGoverned(c chunk) bool {
	toks := c.ps.toks
	floor := c.ps.sentenceOf(c.lo)[0]
	k := listStart(toks, c.lo, floor)
	// "X, as well as Y": Y shares X's governor
	for k >= floor+2 && toks[k].lower == "as" && toks[k-1].lower == "well" && toks[k-2].lower == "as" {
		k = listStart(toks, k-2, floor)
	}
	// the list's describer: "local businesses X, Y"
	for n := 0; n < 3 && k >= floor && toks[k].shape == shapeLower && !phraseBreaks[toks[k].lower] && !partnerWords[toks[k].lower]; n++ {
		k--
	}
	if k < floor {
		return false
	}
	if toks[k].lower == "alongside" {
		// "funding alongside X": X gives as well
		return k == floor || !givingWords[toks[k-1].lower] && !giftNouns[toks[k-1].lower]
	}
	return toks[k].lower == "with" && k > floor && partnerWords[toks[k-1].lower]
}

// giftAfterList reports a list (or a name) ending at hi that is followed by
// "with" and a gift within three words: "X, Y and Z – with boxes of hot
// meals", "X with donations of food".
func giftAfterList(toks []tok, hi, end int) bool {
	k := hi
	for k < end {
		t := &toks[k]
		if t.isCapWord() || t.isPunct(",") || t.lower == "and" || t.text == "&" || t.lower == "the" || t.lower == "'s" ||
			nameConnectors[t.lower] && k+1 < end && toks[k+1].isCapWord() {
			k++
			continue
		}
		break
	}
	for k < end && toks[k].isPunct("–-)") {
		k++
	}
	if k >= end || toks[k].lower != "with" {
		return false
	}
	for j := k + 1; j < end && j <= k+3; j++ {
		if w := toks[j].lower; giftNouns[w] || inKindWords[w] {
			return true
		}
	}
	return false
}
