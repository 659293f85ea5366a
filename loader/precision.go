package loader

import "strings"

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
// a scheme noun, and the words they abbreviate (looked up in acronyms, which
// acronymsOf filled): "Full Words (ACR) scheme" names a scheme however the
// text writes it later, so neither form is an organisation's name. It
// returns terms, made when the first is found.
func schemeAcronymsOf(ps *passage, acronyms map[string]string, terms map[string]bool) map[string]bool {
	toks := ps.toks
	for k := 1; k+3 < len(toks); k++ {
		if !bracketedAcronym(toks, k) || !schemeAfterAcronym[toks[k+3].lower] {
			continue
		}
		acr := toks[k+1].text
		full, ok := acronyms[acr]
		if !ok {
			continue // the initials spell no words before it
		}
		if terms == nil {
			terms = map[string]bool{}
		}
		terms[acr], terms[full] = true, true
		if rest, ok := strings.CutPrefix(full, "The "); ok {
			terms[rest] = true // a sentence's first word: the mention starts after it
		}
	}
	return terms
}

// setUpThing reports the last word of a name kept as an organisation that
// makes it an initiative instead: a scheme's head ("Hub", "Scheme",
// "Appeal") or a document's, website's or plan's (thingHeads: "Recovery
// Strategy", "Response Plan", "Volunteer Portal"), which never ends a body's
// name.
func setUpThing(last string) bool { return schemeHeads[last] || thingHeads[last] }
