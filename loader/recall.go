package loader

// promoteAppositive keeps as an organisation a run that nothing was kept of
// when an apposition after it says what kind of body it is (", a local
// charity", ", one of our key partners", ", another community group"):
// English glosses a name it expects the reader not to know, which is when
// the name's own words tell the model least. A name that opens its sentence
// counts: the gloss, not the capital, is the evidence.
func (st *studyText) promoteAppositive(decoded [][]scoredChunk) {
	for k, alts := range st.runs {
		if len(decoded[k]) > 0 || st.councilUnits[k] {
			continue
		}
		a := alts[0]
		if a.alt != altWhole || runEnd(alts) != a.hi || !appositiveKind(a.ps.toks, a.hi, a.ps.sentenceOf(a.lo)[1]) {
			continue
		}
		if !mayNameBody(a, true) || pluralHead(a.chunk) || notABody(a.chunk) {
			continue
		}
		if last := a.ps.toks[a.hi-1].lower; schemeHeads[last] || initiativeHeads[last] || headClass(last) == "thing" {
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
