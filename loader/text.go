package loader

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// paragraph is a run of non-blank lines, joined with single spaces so that
// sentences broken by PDF line wrapping read whole. text keeps the original
// characters (so quotes cut from it are the document's words); clean is the
// same length with markup blanked out, for matching.
type paragraph struct {
	text, clean string
	starts      []int // byte offset in text where each line begins
	lines       []int // 1-based document line number of each line
	doc         *document

	councils     []councilMention // councilsIn's answer, once asked
	councilsDone bool
}

// firstLine and lastLine are the document lines the paragraph spans.
func (p *paragraph) firstLine() int { return p.lines[0] }
func (p *paragraph) lastLine() int  { return p.lines[len(p.lines)-1] }

// lineAt maps a byte offset in text to its document line.
func (p *paragraph) lineAt(off int) int {
	i := 0
	for i+1 < len(p.starts) && p.starts[i+1] <= off {
		i++
	}
	return p.lines[i]
}

// evidence cuts the quote text[start:end) and the lines it spans.
func (p *paragraph) evidence(start, end int, rule string, confidence float64) partnergraph.Evidence {
	start, end = clampQuote(p.text, start, end)
	return partnergraph.Evidence{
		DocumentID: p.doc.id, File: p.doc.file,
		LineStart: p.lineAt(start), LineEnd: p.lineAt(max(start, end-1)),
		Quote: strings.TrimSpace(p.text[start:end]), Rule: rule, Confidence: confidence,
	}
}

// maxQuote keeps quotes readable; longer sentences are cut at word
// boundaries around the middle of the span.
const maxQuote = 300

func clampQuote(text string, start, end int) (int, int) {
	if end-start <= maxQuote {
		return start, end
	}
	mid := (start + end) / 2
	s, e := mid-maxQuote/2, mid+maxQuote/2
	for s > start && text[s-1] != ' ' {
		s--
	}
	for e < end && text[e] != ' ' {
		e++
	}
	for s < e && !utf8.RuneStart(text[s]) {
		s++
	}
	return s, e
}

// paragraphs splits a document into paragraphs. A paragraph that stops
// mid-sentence before a blank line and resumes in lower case (a PDF page or
// column break) is joined to the next.
func paragraphs(doc *document) []*paragraph {
	var out []*paragraph
	var cur *paragraph
	// buf is the text of cur, or, while cur is nil, of the last paragraph
	// of out, which the next line may still continue: a paragraph's text is
	// built once, not copied again for every line it gains
	var buf []byte
	for i, line := range doc.lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		if cur == nil {
			if n := len(out); n > 0 && continuesText(buf, trimmed) {
				cur = out[n-1]
				out = out[:n-1]
			} else {
				if n > 0 {
					out[n-1].text = string(buf)
				}
				cur = &paragraph{doc: doc}
				buf = buf[:0]
			}
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		cur.starts = append(cur.starts, len(buf))
		cur.lines = append(cur.lines, i+1)
		buf = append(buf, trimmed...)
	}
	if cur != nil {
		out = append(out, cur)
	}
	if n := len(out); n > 0 {
		out[n-1].text = string(buf)
	}
	for _, p := range out {
		p.clean = blankMarkup(p.text)
	}
	return out
}

// continuesText reports whether next carries on the sentence that the
// paragraph text prev left unfinished.
func continuesText(prev []byte, next string) bool {
	if len(prev) == 0 || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRune(prev)
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first) && (unicode.IsLetter(last) || last == ',' || last == '-')
}

// blankMarkup replaces emphasis markers and simple HTML tags with spaces of
// the same byte length, so offsets in the clean text are offsets in the original.
func blankMarkup(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '*', '\t', '_':
			if b[i] != '_' || (i > 0 && b[i-1] == ' ') || (i+1 < len(b) && b[i+1] == ' ') {
				b[i] = ' '
			}
		case '[':
			// a Markdown link or image, [text](url) or ![alt](url): the text
			// stays, the brackets and the address are blanked
			// (the text after '[' is scanned next, as any text)
			if bracket, paren := markdownLink(b, i); paren > 0 {
				b[i] = ' '
				if i > 0 && b[i-1] == '!' {
					b[i-1] = ' '
				}
				for x := bracket; x <= paren; x++ {
					b[x] = ' '
				}
			}
		case '<':
			j := i + 1
			if j < len(b) && b[j] == '/' {
				j++
			}
			k := j
			for k < len(b) && k-j <= 6 && (b[k] >= 'a' && b[k] <= 'z' || b[k] >= 'A' && b[k] <= 'Z') {
				k++
			}
			if k < len(b) && b[k] == '>' && k > j {
				for x := i; x <= k; x++ {
					b[x] = ' '
				}
				i = k
			}
		}
	}
	return string(b)
}

// markdownLink finds the Markdown link starting at b[open] == '[': the
// positions of its closing ']' and of the ')' ending its address, or 0, 0.
// The text may not hold brackets or a line end, the address no space or
// line end; both are bounded so that a stray bracket costs little.
func markdownLink(b []byte, open int) (bracket, paren int) {
	const maxText, maxURL = 300, 2048
	i := open + 1
	for i < len(b) && i-open <= maxText && b[i] != ']' {
		if b[i] == '[' || b[i] == '\n' {
			return 0, 0
		}
		i++
	}
	if i >= len(b) || b[i] != ']' || i == open+1 || i+1 >= len(b) || b[i+1] != '(' {
		return 0, 0
	}
	for j := i + 2; j < len(b) && j-i <= maxURL; j++ {
		switch b[j] {
		case ')':
			if j == i+2 {
				return 0, 0
			}
			return i, j
		case ' ', '\n', '\t', '(':
			return 0, 0
		}
	}
	return 0, 0
}

// sentence is a span of a paragraph.
type sentence struct {
	p          *paragraph
	start, end int
}

func (s sentence) text() string  { return s.p.clean[s.start:s.end] }
func (s sentence) quote() string { return s.p.text[s.start:s.end] }

var abbreviations = map[string]bool{"e.g": true, "i.e": true, "etc": true, "cllr": true, "st": true, "dr": true,
	"mr": true, "mrs": true, "ms": true, "no": true, "vs": true, "approx": true, "inc": true, "ltd": true, "co": true}

// sentences splits a paragraph at full stops, question and exclamation
// marks followed by a space and a capital, digit or quote.
func sentences(p *paragraph) []sentence {
	var out []sentence
	t := p.clean
	start := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(t) && (t[j] == '"' || t[j] == ')' || t[j] == '\'') {
			j++
		}
		if j >= len(t) {
			continue
		}
		if t[j] != ' ' {
			if c == '.' && j == i+1 && gluedSentenceEnd(t, start, i) {
				out = append(out, sentence{p: p, start: start, end: j})
				start = j
				i = j - 1
			}
			continue
		}
		k := j
		for k < len(t) && t[k] == ' ' {
			k++
		}
		if k >= len(t) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(t[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '“' || next == '"' || next == '‘' || next == '•' || next == '-') {
			continue
		}
		if c == '.' {
			w := i
			for w > start && t[w-1] != ' ' {
				w--
			}
			word := strings.ToLower(strings.Trim(t[w:i], "(“\"'"))
			if abbreviations[word] || (len(word) == 1 && unicode.IsUpper(rune(t[w]))) {
				continue
			}
		}
		out = append(out, sentence{p: p, start: start, end: j})
		start = k
		i = k - 1
	}
	if start < len(t) && strings.TrimSpace(t[start:]) != "" {
		out = append(out, sentence{p: p, start: start, end: len(strings.TrimRight(t, " "))})
	}
	return out
}

// gluedSentenceEnd reports whether the full stop at t[dot] ends a sentence
// although no space follows it: pages put together from several blocks of
// a web page lose the space between two sentences ("…for families.Volunteers
// then…"), which would join a body at the start of the second sentence to
// the first. Only a whole lower-case word of three letters or more before
// the stop and a capitalised word after it, itself not followed by a dot,
// slash or at sign, count: "www.site.Com", "node.JS", "St.Helens",
// "e.g.This" and "U.K." are left alone.
func gluedSentenceEnd(t string, start, dot int) bool {
	w := dot
	for w > start && t[w-1] >= 'a' && t[w-1] <= 'z' {
		w--
	}
	if dot-w < 3 || (w > start && t[w-1] != ' ' && t[w-1] != '(' && t[w-1] != '"') {
		return false
	}
	if abbreviations[t[w:dot]] {
		return false
	}
	n := dot + 1
	if n+1 >= len(t) || t[n] < 'A' || t[n] > 'Z' || t[n+1] < 'a' || t[n+1] > 'z' {
		return false
	}
	e := n + 1
	for e < len(t) && t[e] >= 'a' && t[e] <= 'z' {
		e++
	}
	return e == len(t) || (t[e] != '.' && t[e] != '/' && t[e] != '@')
}

// isSpacedHeading recognises headings set in spaced capitals by PDF
// extraction ("F O O D F O R O LD ER").
func isSpacedHeading(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) < 4 {
		return false
	}
	// One pass, no allocation: most lines are prose and stop at their
	// first lower-case letter.
	letters, short, tokens, tokenStart := 0, 0, 0, -1
	for i, r := range line {
		if unicode.IsSpace(r) {
			if tokenStart >= 0 {
				if i-tokenStart <= 2 {
					short++
				}
				tokenStart = -1
			}
			continue
		}
		if tokenStart < 0 {
			tokenStart = i
			tokens++
		}
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	if tokenStart >= 0 && len(line)-tokenStart <= 2 {
		short++
	}
	return letters >= 4 && (tokens == 1 || short*3 >= tokens)
}

// isCapsHeading recognises an all-capitals heading line ("CONCLUSION").
func isCapsHeading(line string) bool {
	line = strings.TrimSpace(line)
	letters := 0
	for _, r := range line {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4 && len(line) < 80
}

// unspace rebuilds the words of a spaced heading using the document's own
// vocabulary: "VOL U N T E E R D E L I V E R I E S" -> "Volunteer Deliveries".
// Letters no known word covers cost more than known words, so the fewest,
// best-known words win.
func unspace(line string, vocab map[string]bool) string {
	letters := strings.ToLower(strings.Join(strings.Fields(line), ""))
	n := len(letters)
	const inf = 1 << 30
	cost := make([]int, n+1)
	prev := make([]int, n+1)
	// known is a word of the vocabulary no longer than the longest the
	// search tries: a merged run of letters can be as long as the line, and
	// hashing it at every step would make a long spaced line quadratic.
	const longest = 24
	known := func(w string) bool { return len(w) <= longest && vocab[w] }
	for i := 1; i <= n; i++ {
		cost[i] = inf
		for j := max(0, i-longest); j < i; j++ {
			w := letters[j:i]
			c := 1
			if !known(w) {
				c = 4 * len(w)
			}
			if cost[j]+c < cost[i] {
				cost[i], prev[i] = cost[j]+c, j
			}
		}
	}
	// The path is read back to front; prepending would make a long spaced
	// line quadratic, so the words are appended and then reversed.
	var ends []int
	for i := n; i > 0; i = prev[i] {
		ends = append(ends, i)
	}
	slices.Reverse(ends)
	// Unknown letters, and one- or two-letter words touching them, are
	// pieces of one word the document never uses in running text. Words are
	// consecutive slices of letters, so a merge only moves the last word's
	// end (concatenating strings would again be quadratic).
	var merged []string
	mergedStart := 0
	unknown := func(w string) bool { return !known(w) || len(w) <= 2 }
	start := 0
	for _, end := range ends {
		w := letters[start:end]
		if k := len(merged); k > 0 && unknown(w) && unknown(merged[k-1]) && (!known(w) || !known(merged[k-1])) {
			merged[k-1] = letters[mergedStart:end]
		} else {
			merged = append(merged, w)
			mergedStart = start
		}
		start = end
	}
	return titleCase(strings.Join(merged, " "))
}

var smallWords = map[string]bool{"and": true, "of": true, "for": true, "the": true, "to": true, "in": true, "on": true, "a": true}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && smallWords[w] {
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " ")
}

// vocabulary is the set of lower-case words of three or more letters a
// document uses in running text.
func vocabulary(doc *document) map[string]bool {
	v := make(map[string]bool, wordsHint(doc))
	for _, w := range []string{"and", "for", "of", "to", "in", "on", "the", "a"} {
		v[w] = true
	}
	for _, line := range doc.lines {
		if isSpacedHeading(line) {
			continue
		}
		var buf [64]byte
		eachField(line, false, func(f string) {
			if len(f) < 4 {
				return
			}
			if len(f) <= len(buf) && partnergraph.IsASCII(f) {
				// lower-cased in place: a word met before costs no allocation
				b := buf[:len(f)]
				for i := range len(f) {
					c := f[i]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					b[i] = c
				}
				if v[string(b)] {
					return
				}
			}
			v[strings.ToLower(f)] = true
		})
	}
	return v
}

// wordsHint is about how many distinct words a document holds (one in 32
// bytes of the seeds), to size a map of them once instead of regrowing it.
func wordsHint(doc *document) int { return docBytes(doc) / 32 }

// docBytes is the length of a document's text.
func docBytes(doc *document) int {
	n := 0
	for _, line := range doc.lines {
		n += len(line)
	}
	return n
}

// mapHint sizes a map of a document's words or names, one in per bytes of
// its text and at most most: a map made that size is seldom regrown (a
// short web page of 2 KB holds about 140 lower-case words, 60 spans looked
// up in the gazetteer and 30 names; a report of 150 KB, 2,800, 1,900 and
// 950).
func mapHint(doc *document, per, most int) int {
	return min(docBytes(doc)/per+8, most)
}

// eachField calls fn with each field of s — a run of letters, and of
// hyphens too when hyphen is set — that strings.FieldsFunc would return, in
// order, without making the slice of them.
func eachField(s string, hyphen bool, fn func(string)) {
	start := -1
	for i, r := range s {
		var sep bool
		if r < utf8.RuneSelf {
			sep = !isLetterByte(byte(r)) && !(hyphen && r == '-')
		} else {
			sep = !unicode.IsLetter(r)
		}
		if sep {
			if start >= 0 {
				fn(s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		fn(s[start:])
	}
}

// splitAt cuts a paragraph before its k-th line (k > 0).
func (p *paragraph) splitAt(k int) (*paragraph, *paragraph) {
	cut := p.starts[k]
	a := &paragraph{doc: p.doc, text: p.text[:cut-1], clean: p.clean[:cut-1], starts: p.starts[:k], lines: p.lines[:k]}
	b := &paragraph{doc: p.doc, text: p.text[cut:], clean: p.clean[cut:], lines: p.lines[k:]}
	for _, s := range p.starts[k:] {
		b.starts = append(b.starts, s-cut)
	}
	return a, b
}

// splitAtAll cuts a paragraph before each of its lines in cuts (ascending,
// each > 0), in one pass.
func (p *paragraph) splitAtAll(cuts []int) []*paragraph {
	if len(cuts) == 0 {
		return []*paragraph{p}
	}
	out := make([]*paragraph, 0, len(cuts)+1)
	from := 0
	for i := 0; i <= len(cuts); i++ {
		to := len(p.lines)
		if i < len(cuts) {
			to = cuts[i]
		}
		start, end := p.starts[from], len(p.text)
		if to < len(p.lines) {
			end = p.starts[to] - 1
		}
		piece := &paragraph{doc: p.doc, text: p.text[start:end], clean: p.clean[start:end], lines: p.lines[from:to:to]}
		piece.starts = make([]int, 0, to-from)
		for _, s := range p.starts[from:to] {
			piece.starts = append(piece.starts, s-start)
		}
		out = append(out, piece)
		from = to
	}
	return out
}

// lineText is the k-th line of the paragraph (clean text).
func (p *paragraph) lineText(k int) string {
	end := len(p.clean)
	if k+1 < len(p.starts) {
		end = p.starts[k+1] - 1
	}
	return p.clean[p.starts[k]:end]
}

// lowerCaseWords is the set of open-class words a document writes in lower
// case somewhere in running text. Closed-class words (about half of running
// text) are left out: features ask only about open-class ones.
func lowerCaseWords(doc *document) map[string]bool {
	v := make(map[string]bool, mapHint(doc, 20, 4096)) // about one open-class lower-case word in 23 bytes
	for _, line := range doc.lines {
		eachField(line, true, func(f string) {
			if r, _ := utf8.DecodeRuneInString(f); unicode.IsLower(r) && closedID(f) == 0 {
				v[f] = true
			}
		})
	}
	return v
}
