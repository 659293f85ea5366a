package loader

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/partnergraph/partnergraph"
)

// normName is the comparison form of a name, the same as the answer keys'
// scorer uses: case, apostrophes, dashes, "&", a leading "the", a trailing
// corporate suffix and punctuation do not make a different name.
func normName(s string) string {
	if !partnergraph.IsASCII(s) {
		s = norm.NFKC.String(s)
	}
	// read rune by rune from the string, written to a buffer on the stack:
	// one allocation, the name's, for every candidate the loader compares
	var arr [128]byte
	b := arr[:0]
	space := true // at the start, and after a written space
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r := unicode.ToLower(c)
		switch {
		case r == '\u2019' || r == '\u2018' || r == '\'':
			// "'s" at a word's end is dropped; other apostrophes separate
			// (a byte of 0x80 or more starts a rune that is no word rune)
			if i < len(s) && (s[i] == 's' || s[i] == 'S') && (i+1 == len(s) || !isWordRune(rune(s[i+1]))) {
				i++
				continue
			}
		case r == '&':
			if !space {
				b = append(b, ' ')
			}
			b = append(b, "and "...)
			space = true
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b = append(b, byte(r))
			space = false
			continue
		}
		if !space {
			b = append(b, ' ')
			space = true
		}
	}
	out := strings.TrimSpace(string(b))
	out = strings.TrimPrefix(out, "the ")
	for _, suf := range []string{" ltd", " limited", " plc", " cic"} {
		out = strings.TrimSuffix(out, suf)
	}
	return out
}

// isWordRune is a letter, digit or underscore, as a regular expression's \b sees it.
func isWordRune(r rune) bool {
	return r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
}

var (
	moneyRe   = regexp.MustCompile(`(?i)(?:up to\s+)?£\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|bn|million|billion)?\b`)
	emailRe   = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	ukPhoneRe = regexp.MustCompile(`(?:^|[^\d.,])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b`) // not inside a number ("0.00922…")
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

// avoidContacts narrows a quote text[start:end) that holds an e-mail
// address or phone number to the stretch between them that holds the name
// at [nameStart, nameEnd): quotes stay verbatim, and the people those
// details reach stay out of the graph.
func avoidContacts(text string, start, end, nameStart, nameEnd int) (int, int) {
	if !mayHoldContact(text[start:end]) {
		return start, end // no room for a phone number or an address
	}
	from := start
	for _, re := range []*regexp.Regexp{emailRe, ukPhoneRe} {
		for _, m := range re.FindAllStringIndex(text[from:end], -1) {
			a, b := from+m[0], from+m[1]
			switch {
			case b <= nameStart:
				start = max(start, b)
			case a >= nameEnd:
				end = min(end, a)
			}
		}
	}
	for start < end && (text[start] == ' ' || text[start] == '.' || text[start] == ',') {
		start++
	}
	return start, end
}

// mayHoldContact reports a quote with an "@" or ten digits: room for an
// e-mail address or a phone number. Every mention's quote is read, most
// with neither.
func mayHoldContact(q string) bool {
	if strings.IndexByte(q, '@') >= 0 {
		return true
	}
	digits := 0
	for i := 0; i < len(q); i++ {
		if isDigitByte(q[i]) {
			if digits++; digits >= 10 {
				return true
			}
		}
	}
	return false
}

// bracketedAcronym reports an acronym in brackets, "(ACR)", starting at
// token k: how a text defines a short form for the words before it.
func bracketedAcronym(toks []tok, k int) bool {
	return k+2 < len(toks) && toks[k].text == "(" && toks[k+1].shape == shapeUpper && toks[k+2].text == ")"
}

// acronymsOf reads "Full Name (ACR)" definitions from a passage's tokens:
// the capitalised words before the brackets whose initials spell ACR.
func acronymsOf(ps *passage, into map[string]string) {
	toks := ps.toks
	for k := 1; k+2 < len(toks); k++ {
		if !bracketedAcronym(toks, k) {
			continue
		}
		acr := toks[k+1].text
		letters := []rune(acr)
		// walk back over capitalised words and connectors
		lo := k
		for lo > 0 && k-lo < len(letters)+4 && (toks[lo-1].isCapWord() || nameConnectors[toks[lo-1].lower]) {
			lo--
		}
		for start := lo; start < k; start++ {
			if !toks[start].isCapWord() {
				continue
			}
			if spellsTokens(toks[start:k], letters) {
				into[acr] = ps.p.clean[toks[start].start:toks[k-1].end]
				break
			}
		}
	}
}

// termAcronymsOf adds to terms the acronyms a passage defines for words in
// lower case ("highly isolated residents (HIR)", "personal protective
// equipment (PPE)"): a term's short form, which names no body however it is
// written later. It returns terms, made when the first is found.
func termAcronymsOf(ps *passage, terms map[string]bool) map[string]bool {
	toks := ps.toks
	for k := 1; k+2 < len(toks); k++ {
		if !bracketedAcronym(toks, k) {
			continue
		}
		letters := []rune(toks[k+1].text)
		end := k
		if toks[end-1].shape == shapePunct && strings.ContainsAny(toks[end-1].text, "'’\"”") {
			end-- // the phrase in quotes
		}
		lo := end - len(letters)
		if lo < 0 {
			continue
		}
		term := true
		for j := lo; j < end; j++ {
			if toks[j].shape != shapeLower || []rune(strings.ToUpper(toks[j].text))[0] != letters[j-lo] {
				term = false
				break
			}
		}
		if term {
			if terms == nil {
				terms = map[string]bool{}
			}
			terms[toks[k+1].text] = true
		}
	}
	return terms
}

// spellsTokens reports whether the initials of the capitalised words spell
// letters; connectors may give a letter or not.
func spellsTokens(ts []tok, letters []rune) bool {
	if len(ts) == 0 {
		return len(letters) == 0
	}
	t := ts[0]
	if nameConnectors[t.lower] {
		if spellsTokens(ts[1:], letters) {
			return true
		}
	} else if !t.isCapWord() {
		return false
	}
	if len(letters) == 0 {
		return false
	}
	// an acronym inside a name gives all its letters ("NK Council" is NKC)
	if t.shape == shapeUpper && len(t.text) <= len(letters) && string(letters[:len(t.text)]) == t.text &&
		spellsTokens(ts[1:], letters[len(t.text):]) {
		return true
	}
	first := []rune(strings.ToUpper(t.text))[0]
	return first == letters[0] && spellsTokens(ts[1:], letters[1:])
}

// spellsName reports whether an acronym is the initials of a name
// ("NHSN" of "NHS Northtown", "NCC" of "Northtown County Council").
func spellsName(acr, name string) bool {
	toks := tokenize(name)
	return len(toks) > 1 && spellsTokens(toks, []rune(acr))
}
