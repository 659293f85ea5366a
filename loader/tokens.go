package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// Stage: tokens. Each paragraph is tokenised once; every later stage reads
// these tokens (offsets, shape, lower-cased form, closed-class id) and never
// scans the paragraph's text again with patterns of its own.

// shape is a token's orthographic class.
type shape uint8

const (
	shapeLower shape = iota // "with"
	shapeCap                // "Trust"
	shapeUpper              // "NHS" (two or more capitals, no lower-case)
	shapeMixed              // "NorthShire", "iPad", "AcmeTrust"
	shapeDigit              // "2020", "1,000"
	shapeAlnum              // "1Call", "BS13", "Covid-19"
	shapePunct              // "," "(" "&"
	shapeMoney              // "£250,000"
)

var shapeNames = [...]string{"x", "Xx", "XX", "xX", "d", "dX", "p", "£"}

func (s shape) String() string { return shapeNames[s] }

// tok is one token of a paragraph's clean text.
type tok struct {
	start, end int    // byte offsets in paragraph.clean (and paragraph.text)
	text       string // as written
	lower      string
	closed     uint16 // index+1 in closedClass, 0 for an open-class word
	shape      shape
	spaceAfter bool // white space follows (a name does not run over "Hub," into the next item)
}

// isCapWord reports a token that can stand in a name: capitalised, all
// capitals, mixed case, or letters with digits.
func (t *tok) isCapWord() bool {
	switch t.shape {
	case shapeCap, shapeUpper, shapeMixed, shapeAlnum:
		return true
	}
	return false
}

func (t *tok) isPunct(chars string) bool {
	return t.shape == shapePunct && strings.Contains(chars, t.text)
}

// closedClass lists function words, cue words and frequent verbs of the
// genre. Their identity is a feature; open-class words are seen only by shape.
var closedClass = splitWords(`a an the this that these those its their our his her your my we they it he she
and or but nor so yet as of for in on at to by with from via into onto over under about after before during
within across through between among against towards alongside including such also both either each every all
some many other another more most new local national
is are was were be been being has have had do does did will would can could may might shall should must
said says say added explained commented thanked thanks thank
provide provided provides providing give gave given gives giving donate donated donates donating donation
donations grant grants granted award awarded awards fund funded funds funding funder funders contribute
contributed contribution contributions allocate allocated raise raised secure secured receive received
sponsor sponsored sponsorship support supported supports supporting backed make made available match matched
set up launch launched establish established create created creating develop developed form formed found
founded run runs ran led lead leads leading deliver delivered delivering work worked working works partner
partnered partnering partnership partnerships collaboration collaborate collaborated join joined team teamed
help helped helping organise organised coordinate coordinated administer administered manage managed host
hosted offer offered offering distribute distributed
charity charities organisation organisations group groups business businesses partners volunteers residents
council councils school schools church company firm supermarket store shop club union party network
which who whose where when while if because since until than then there here
mr mrs ms dr cllr councillor lord lady sir dame rev professor mayor chair chairman chief executive director
manager officer head leader minister founder ceo coordinator spokesperson secretary trustee member
website team department service services board programme scheme project fund hub appeal campaign
£ – - — , ; : . ( ) ' " & +`)

// closedTable lists the closed-class ids (index+1 in closedClass, the
// first of a repeated word) by word length and first byte (closedKey): a
// token's id is found among the few words that share both, without hashing
// the token as a map would, for every token of every paragraph.
var closedTable = func() [][]uint16 {
	t := make([][]uint16, (maxClosedLen+1)*256)
	seen := map[string]bool{}
	for i, w := range closedClass {
		if !seen[w] {
			seen[w] = true
			t[closedKey(w)] = append(t[closedKey(w)], uint16(i+1))
		}
	}
	return t
}()

// closedKey is where word w's bucket is in closedTable (w not empty, no
// longer than maxClosedLen).
func closedKey(w string) int { return len(w)*256 + int(w[0]) }

// closedID is the closed-class id of a lower-cased word, 0 for an
// open-class word.
func closedID(w string) uint16 {
	if w == "" || len(w) > maxClosedLen {
		return 0
	}
	for _, id := range closedTable[closedKey(w)] {
		if closedClass[id-1] == w {
			return id
		}
	}
	return 0
}

// maxClosedLen is the length of the longest closed-class word: a longer
// token is open-class without a look in closedTable.
var maxClosedLen = func() int {
	n := 0
	for _, w := range closedClass {
		n = max(n, len(w))
	}
	return n
}()

// tokenize splits clean text into tokens. Words keep inner hyphens,
// apostrophes, dots between capitals and digits ("St.", "1,000"); "'s" and
// "’s" are tokens of their own so a possessive never ends a name.
func tokenize(clean string) []tok {
	toks, _ := tokenizeLowered(clean)
	return toks
}

// tokenizeLowered is tokenize, also returning asciiLower(clean), of which
// every ASCII token's lower-cased form is a slice.
func tokenizeLowered(clean string) ([]tok, string) {
	// about one token in six bytes of English (5.9 in the seeds): room for
	// one in five, so that a paragraph's tokens seldom outgrow their array
	// (a doubling and a copy)
	out := make([]tok, 0, len(clean)/5+2)
	lowered := asciiLower(clean)
	mkTok := func(clean string, start, end int) tok { return mkTokLower(clean, lowered, start, end) }
	i := 0
	for i < len(clean) {
		r, size := utf8.DecodeRuneInString(clean[i:])
		if unicode.IsSpace(r) || r == utf8.RuneError {
			if len(out) > 0 {
				out[len(out)-1].spaceAfter = true
			}
			i += size
			continue
		}
		start := i
		switch {
		case r == '£':
			j := i + size
			for j < len(clean) && (isDigitByte(clean[j]) || ((clean[j] == ',' || clean[j] == '.') && j+1 < len(clean) && isDigitByte(clean[j+1]))) {
				j++
			}
			// "£10k", "£2m", "£1.5million"
			k := j
			for k < len(clean) && isLetterByte(clean[k]) {
				k++
			}
			if amountScales[strings.ToLower(clean[j:k])] {
				j = k
			}
			out = append(out, mkTok(clean, start, j))
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(clean) {
				if c := clean[j]; isLetterByte(c) || isDigitByte(c) {
					j++ // ASCII letters and digits, without decoding
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(clean[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += s2
					continue
				}
				// inner joiners: hyphen, apostrophe (not a possessive 's), dot or comma between digits
				if (r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' || r2 == ',') && j+s2 < len(clean) {
					r3, _ := utf8.DecodeRuneInString(clean[j+s2:])
					if r2 == '\'' || r2 == '’' {
						rest := clean[j+s2:]
						if (strings.HasPrefix(rest, "s") || strings.HasPrefix(rest, "S")) && (len(rest) == 1 || !isLetterByte(rest[1])) {
							break // possessive
						}
					}
					if (r2 == '.' || r2 == ',') && !(unicode.IsDigit(r3) && unicode.IsDigit(prevRune(clean, j))) {
						break
					}
					if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
						j += s2
						continue
					}
				}
				break
			}
			// "St. Anselm", "Dr. Patel": the abbreviation's dot stays in the word
			if j+2 < len(clean) && clean[j] == '.' && clean[j+1] == ' ' && j-start <= maxAbbreviationLen && nameAbbreviations[strings.ToLower(clean[start:j])] {
				if r3, _ := utf8.DecodeRuneInString(clean[j+2:]); unicode.IsUpper(r3) {
					j++
				}
			}
			// words run together by the page ("itemsAcme"): split where a
			// lower-case word of three letters or more meets a capital
			if split := runTogether(clean[start:j]); split > 0 {
				j = start + split
			}
			out = append(out, mkTok(clean, start, j))
			i = j
		case (r == '\'' || r == '’') && i+size < len(clean) && (clean[i+size] == 's' || clean[i+size] == 'S') &&
			(i+size+1 == len(clean) || !isLetterByte(clean[i+size+1])) && len(out) > 0 && out[len(out)-1].end == i:
			out = append(out, mkTok(clean, start, i+size+1))
			i += size + 1
		default:
			out = append(out, mkTok(clean, start, i+size))
			i += size
		}
	}
	return out, lowered
}

func prevRune(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func isDigitByte(b byte) bool  { return b >= '0' && b <= '9' }
func isLetterByte(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

// asciiLower is s with its ASCII capitals lower-cased (other bytes kept):
// the lower-cased form of every ASCII token of s is a slice of it, so a
// paragraph is lower-cased once rather than once per token.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	if partnergraph.IsASCII(s[i:]) {
		return strings.ToLower(s) // the same bytes, in one allocation
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// mkTokLower makes the token of clean[start:end], given clean's ASCII
// lower-casing (asciiLower).
func mkTokLower(clean, lowered string, start, end int) tok {
	t := tok{start: start, end: end, text: clean[start:end]}
	ascii := partnergraph.IsASCII(t.text)
	if ascii {
		t.lower = lowered[start:end] // strings.ToLower of ASCII text
	} else {
		t.lower = strings.ToLower(t.text)
	}
	t.shape = shapeOfText(t.text, ascii)
	if t.lower == "’s" {
		t.lower = "'s"
	}
	t.closed = closedID(t.lower)
	return t
}

func shapeOf(w string) shape { return shapeOfText(w, partnergraph.IsASCII(w)) }

// shapeOfText is shapeOf(w), told whether w is ASCII (the tokenizer knows).
func shapeOfText(w string, ascii bool) shape {
	if strings.HasPrefix(w, "£") {
		return shapeMoney
	}
	var upper, lower, digit, letter int
	first := rune(0)
	if ascii {
		// the same counts as the loop below, by byte
		for i := 0; i < len(w); i++ {
			switch c := w[i]; {
			case 'A' <= c && c <= 'Z':
				upper++
				letter++
			case 'a' <= c && c <= 'z':
				lower++
				letter++
			case '0' <= c && c <= '9':
				digit++
			}
		}
		if len(w) > 0 {
			first = rune(w[0])
		}
		return shapeOfCounts(w, first, upper, lower, digit, letter)
	}
	for i, r := range w {
		if i == 0 {
			first = r
		}
		switch {
		case unicode.IsUpper(r):
			upper++
			letter++
		case unicode.IsLower(r):
			lower++
			letter++
		case unicode.IsDigit(r):
			digit++
		}
	}
	return shapeOfCounts(w, first, upper, lower, digit, letter)
}

// shapeOfCounts is the shape of word w from its first rune and the counts
// of its capitals, lower-case letters, digits and letters.
func shapeOfCounts(w string, first rune, upper, lower, digit, letter int) shape {
	switch {
	case letter == 0 && digit > 0:
		return shapeDigit
	case letter == 0:
		return shapePunct
	case digit > 0:
		if upper > 0 {
			return shapeAlnum
		}
		return shapeAlnum
	case upper == 0:
		return shapeLower
	case lower == 0 && upper >= 2:
		return shapeUpper
	case unicode.IsUpper(first) && upper == 1:
		return shapeCap
	case unicode.IsUpper(first) && isHyphenCap(w):
		return shapeCap
	default:
		return shapeMixed
	}
}

// isHyphenCap: "Covid-Safe", "Southend-on-Sea" are capitalised words, not mixed case.
func isHyphenCap(w string) bool {
	for _, part := range strings.Split(w, "-") {
		rs := []rune(part)
		for i, r := range rs {
			if i > 0 && unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// runTogether returns where a lower-case word runs into a capitalised one
// ("itemsAcme" -> 5), or 0.
func runTogether(w string) int {
	n := 0
	for i, r := range w {
		switch {
		case unicode.IsLower(r):
			n++
		case unicode.IsUpper(r) && n >= 3 && n == i:
			return i
		default:
			return 0
		}
	}
	return 0
}

// nameAbbreviations are written with a dot inside names.
var nameAbbreviations = map[string]bool{"st": true, "dr": true, "mr": true, "mrs": true, "ms": true, "rev": true, "prof": true}

// maxAbbreviationLen is the longest of nameAbbreviations: a longer word
// (every word that ends a sentence) is not lower-cased to look it up. Of
// the letters beyond ASCII only "İ" and the Kelvin sign lower-case to ASCII
// ones ("i", "k"), which none holds, so a longer word cannot lower-case to
// one of them (TestAbbreviationsLowerFromASCIIOnly).
var maxAbbreviationLen = func() int {
	n := 0
	for w := range nameAbbreviations {
		n = max(n, len(w))
	}
	return n
}()
