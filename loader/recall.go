package loader

import (
	"iter"
	"strings"
)

// unkeptRuns yields the runs decoding kept nothing of, their index with
// them, leaving out the council's own units: the runs every promotion
// below reads.
func (st *studyText) unkeptRuns(decoded [][]scoredChunk) iter.Seq2[int, []scoredChunk] {
	return func(yield func(int, []scoredChunk) bool) {
		for k, alts := range st.runs {
			if len(decoded[k]) > 0 || st.councilUnits[k] {
				continue
			}
			if !yield(k, alts) {
				return
			}
		}
	}
}

// namesThing reports a chunk ending with a scheme's, initiative's or
// thing's head ("… Fund", "… Hub", "… Strategy"): a thing set up or
// published, which no promotion makes a body.
func namesThing(c chunk) bool {
	last := c.ps.toks[c.hi-1].lower
	return schemeHeads[last] || initiativeHeads[last] || headClass(last) == "thing"
}

// promoteAppositive keeps as an organisation a run that nothing was kept of
// when an apposition after it says what kind of body it is (", a local
// charity", ", one of our key partners", ", another community group"):
// English glosses a name it expects the reader not to know, which is when
// the name's own words tell the model least. A name that opens its sentence
// counts: the gloss, not the capital, is the evidence.
func (st *studyText) promoteAppositive(decoded [][]scoredChunk) {
	for k, alts := range st.unkeptRuns(decoded) {
		a := alts[0]
		if a.alt != altWhole || runEnd(alts) != a.hi || !appositiveKind(a.ps.toks, a.hi, a.ps.sentenceOf(a.lo)[1]) {
			continue
		}
		if !mayNameBody(a, true) || pluralHead(a.chunk) || notABody(a.chunk) {
			continue
		}
		if namesThing(a.chunk) {
			continue
		}
		a.class, a.described = 1, true
		decoded[k] = append(decoded[k], a)
	}
}

// appositiveKind reports ", a|an|another [up to three lower-case words]
// <kind>" or ", one of our|the|its|their [words] <kinds>" right at token
// hi, within the sentence ending at end.
func appositiveKind(toks []tok, hi, end int) bool {
	k := hi
	if k+2 >= end || toks[k].text != "," {
		return false
	}
	k++
	switch toks[k].lower {
	case "a", "an", "another":
		k++
	case "one":
		if k+2 >= end || toks[k+1].lower != "of" || !appositiveOwners[toks[k+2].lower] {
			return false
		}
		k += 3
	default:
		return false
	}
	for n := 0; k < end && n < 4; k, n = k+1, n+1 {
		t := &toks[k]
		if t.shape != shapeLower {
			return false
		}
		if appositiveKinds[t.lower] || describingNouns[t.lower] || describingPlurals[t.lower] {
			return true
		}
	}
	return false
}

// appositiveOwners follow "one of" in a gloss: "one of our partners".
var appositiveOwners = toSet(`our the its their your many`)

// appositiveKinds are lower-case kinds of body a gloss names besides
// describingNouns: "a local trust", "a grassroots network".
var appositiveKinds = toSet(`trust foundation society network association partnership alliance forum collective
cooperative co-operative consortium club union institute bank charitable`)

// promotePartnered keeps as an organisation a run that nothing was kept of
// when it is the partner of a verb of working together ("worked with Zorbo",
// "in partnership with Northtown Cares", "teamed up with Zorbo"): one works
// with a body or a person, and the person is left out by mayNameBody.
func (st *studyText) promotePartnered(decoded [][]scoredChunk) {
	for k, alts := range st.unkeptRuns(decoded) {
		toks := alts[0].ps.toks
		if !partneredWith(toks, alts[0].lo) || modifiesNoun(toks, runEnd(alts)) || pluralHead(alts[0].chunk) {
			continue
		}
		for _, a := range listItems(alts) {
			if !describedBody(a) || pluralHead(a.chunk) || strings.Contains(a.ps.toks[a.hi-1].lower, "-") {
				continue
			}
			a.class, a.described = 1, true
			decoded[k] = append(decoded[k], a)
		}
	}
}

// partneredWith reports a verb of working together right before token lo:
// "worked with [the]", "in partnership with", "teamed up with".
func partneredWith(toks []tok, lo int) bool {
	k := lo - 1
	if k >= 0 && toks[k].lower == "the" {
		k--
	}
	if k < 1 || toks[k].lower != "with" {
		return false
	}
	w := toks[k-1].lower
	if partnerVerbs[w] {
		return true
	}
	if k >= 2 {
		pair := toks[k-2].lower + " " + w
		return pair == "in partnership" || pair == "in collaboration" || pair == "teamed up" || pair == "joined forces" || pair == "linked up"
	}
	return false
}

// partnerVerbs take the partner after "with".
var partnerVerbs = toSet(`worked working works partnered partnering partners collaborated collaborating collaborates`)

// modifiesNoun reports a lower-case kind of body right at token k, or
// after one more lower-case word, which the run before k then only
// modifies ("with the Labour-run council", "with Zorbo community groups").
func modifiesNoun(toks []tok, k int) bool {
	for j := k; j < len(toks) && j <= k+1; j++ {
		t := &toks[j]
		if t.shape != shapeLower {
			return false
		}
		if orgHeads[t.lower] || describingNouns[t.lower] || describingPlurals[t.lower] || kindPlurals[t.lower] ||
			t.lower == "council" || t.lower == "councils" {
			return true
		}
	}
	return false
}

// promoteDoers keeps as an organisation a run that nothing was kept of
// when it is the subject of a verb of doing the work ("Zorbo Events is
// supporting volunteer coordination", "Acme and Zorbo who have provided
// distribution points", "Zorbo also delivered meals"): in these reports
// only bodies and people do the work, and mayNameBody leaves the people out.
// A verb in the passive ("have been supported") has no doer before it.
func (st *studyText) promoteDoers(decoded [][]scoredChunk) {
	for k, alts := range st.unkeptRuns(decoded) {
		toks := alts[0].ps.toks
		if !doerVerbAfter(toks, runEnd(alts), alts[0].ps.sentenceOf(alts[0].lo)[1]) || pluralHead(alts[0].chunk) {
			continue
		}
		for _, a := range listItems(alts) {
			if !mayNameBody(a, true) || pluralHead(a.chunk) || a.probs[2] >= 0.5 || notABody(a.chunk) {
				continue
			}
			if hc := headClass(toks[a.hi-1].lower); namesThing(a.chunk) || hc != "" && hc != "org" ||
				a.hi-a.lo == 1 && pronounLike[toks[a.lo].lower] {
				continue
			}
			a.class, a.described = 1, true
			decoded[k] = append(decoded[k], a)
		}
	}
}

// doerVerbAfter reports, right at token k, an optional "who", then
// auxiliaries or "also", then a verb of doing the work.
func doerVerbAfter(toks []tok, k, end int) bool {
	if k < end && toks[k].lower == "who" {
		k++
	}
	for ; k < end; k++ {
		w := toks[k].lower
		switch {
		case doerVerbs[w]:
			return true
		case w == "been" || w == "being":
			return false // the passive: "have been supported"
		case !doerAuxiliaries[w]:
			return false
		}
	}
	return false
}

var (
	// doerVerbs are verbs of doing the work that only a body or a person does.
	doerVerbs = toSet(`supporting supported delivering delivered helping helped providing provided volunteered
distributing distributed donating donated`)
	// doerAuxiliaries may stand between a subject and its verb.
	doerAuxiliaries = toSet(`is are was were has have had also kindly generously`)
)

// promoteCouncilMates keeps as an organisation a run that nothing was kept
// of when it is joined to a council's name by list separators only ("set
// up by Northtown Council and Zorbo Cares", "between the District Council,
// Zorbo Cares and the Y"): the items of a list are of one kind, and a
// council's list mates are the bodies it worked with. Council names are
// masked from the runs, so completeLists, which counts kept runs, never
// sees these lists.
func (st *studyText) promoteCouncilMates(decoded [][]scoredChunk) {
	for k, alts := range st.unkeptRuns(decoded) {
		if pluralHead(alts[0].chunk) || !st.councilBeside(alts[0].ps, alts[0].lo, runEnd(alts)) {
			continue
		}
		for _, a := range listItems(alts) {
			if !describedBody(a) || pluralHead(a.chunk) || a.probs[2] >= 0.5 {
				continue
			}
			a.class, a.listed = 1, true
			decoded[k] = append(decoded[k], a)
		}
	}
}

// councilBeside reports a council's name in passage ps that ends before
// token lo, or starts at or after token hi, with only list separators
// between (",", ";", "and", "&", "the"), at least one of them a comma or a
// conjunction.
func (st *studyText) councilBeside(ps *passage, lo, hi int) bool {
	sep := func(from, to int) bool {
		joined := false
		for k := from; k < to; k++ {
			t := &ps.toks[k]
			switch {
			case t.isPunct(",;") || t.lower == "and" || t.text == "&":
				joined = true
			case t.lower != "the":
				return false
			}
		}
		return joined
	}
	for _, c := range st.councils {
		if c.ps != ps {
			continue
		}
		if c.hi <= lo && lo-c.hi <= 3 && sep(c.hi, lo) || c.lo >= hi && c.lo-hi <= 3 && sep(hi, c.lo) {
			return true
		}
	}
	return false
}

// glossSeparated reports runs i < j of one sentence that list separators
// and a parenthesis join: a gloss after an item ("Zorbo Cares (which
// represents carers); Brightmoor Larder"), or an item's acronym in
// brackets ("Northtown Women's Aid (NWA); Zorbo"), which the run inside
// the brackets makes two steps. Only list completion reads it: the list
// model's features keep separated's plainer lists.
func (st *studyText) glossSeparated(i, j int) bool {
	a, b := st.runs[i][0], st.runs[j][0]
	if a.ps != b.ps || a.ps.sentenceOf(a.lo)[0] != b.ps.sentenceOf(b.lo)[0] {
		return false
	}
	toks := a.ps.toks
	end, start := runEnd(st.runs[i]), b.lo
	if start <= end || start-end > 20 {
		return false
	}
	paren := false
	for k := end; k < start; k++ {
		t := &toks[k]
		switch {
		case t.text == "(":
			close := k + 1
			for close < start && toks[close].text != ")" && toks[close].text != "(" {
				close++
			}
			if close == start {
				if k != start-1 {
					return false
				}
			} else if toks[close].text == "(" {
				return false
			} else {
				k = close
			}
			paren = true
		case t.text == ")":
			if k != end {
				return false
			}
			paren = true
		case !(t.isPunct(",;") || t.lower == "and" || t.text == "&" || t.lower == "the"):
			return false
		}
	}
	return paren
}

// bracketed reports a run that brackets enclose on their own ("(ZA)"): a
// short name or a gloss of the item before it.
func bracketed(alts []scoredChunk) bool {
	a := alts[0]
	end := runEnd(alts)
	return a.lo > 0 && end < len(a.ps.toks) && a.ps.toks[a.lo-1].text == "(" && a.ps.toks[end].text == ")"
}

// promoteMembersOf keeps as an organisation a run that nothing was kept of
// when it names whose people did something: "Zorbo Family volunteers
// helped", "volunteers from Helping Hands Zorbo":
// volunteers, staff and members belong to a body (a place's people are
// left out by mayNameBody, a council's by the council mask).
func (st *studyText) promoteMembersOf(decoded [][]scoredChunk) {
	for k, alts := range st.unkeptRuns(decoded) {
		a := alts[0]
		toks := a.ps.toks
		end := runEnd(alts)
		if a.alt != altWhole || end != a.hi {
			continue
		}
		// a name with a head noun is left to the model, which reads it well
		// ("the Family Centre staff" is a kind of place's staff); "staff at"
		// names a workplace, not whose staff they are
		after := end < len(toks) && toks[end].shape == shapeLower && memberNouns[toks[end].lower] && headClass(toks[a.hi-1].lower) == ""
		before := a.lo >= 2 && toks[a.lo-1].lower == "from" && memberNouns[toks[a.lo-2].lower]
		if !after && !before || !mayNameBody(a, after) || pluralHead(a.chunk) || a.probs[2] >= 0.5 {
			continue
		}
		if namesThing(a.chunk) || notABody(a.chunk) {
			continue
		}
		a.class, a.described = 1, true
		decoded[k] = append(decoded[k], a)
	}
}

// memberNouns are a body's people.
var memberNouns = toSet(`volunteers staff members employees workers colleagues`)
