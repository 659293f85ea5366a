package loader

import (
	"strings"
	"unicode"

	"github.com/partnergraph/partnergraph/gazetteer"
)

// Stage: layout, for documents that are not sectioned reports. A page about
// one council (or a few) is one case study, led by the council its title
// names or, failing that, the council it names most; text before the first
// council mention belongs to it. Site furniture is dropped first.

// furniturePhrases mark paragraphs that are a web page's furniture, not its story.
var furniturePhrases = []string{"hide ad", "related articles", "related stories", "related topics", "skip to content",
	"skip to main", "cookie", "accept all", "sign up to", "newsletter", "share this", "share on", "read more",
	"advertisement", "back to top", "follow us", "subscribe", "privacy policy", "all rights reserved",
	"image caption", "image credit", "photo credit", "picture credit", "(image:", "(photo:", "click here",
	"most read", "more stories", "view all", "select a month", "archived news", "you may also like",
	"comments", "log in", "sign in", "register", "print this page", "leave a comment", "tweet", "whatsapp"}

// captionEnds end image captions ("Coronavirus image", "Picture: Council").
var captionEnds = map[string]bool{"image": true, "photo": true, "picture": true, "photograph": true, "credit": true, "supplied": true}

// isFurniture reports a paragraph that is furniture: a short line holding a
// furniture phrase, a caption, or a line the page repeats.
func isFurniture(p *paragraph, repeated map[string]int) bool {
	t := strings.TrimSpace(p.text)
	if len(t) > 400 { // longer than any furniture line: only a repeat can be furniture
		return len(p.lines) == 1 && repeated[t] > 1
	}
	// lower-casing keeps the fields (spaces stay, nothing becomes one), so
	// they are counted on t, and only a short line is lower-cased
	words, _ := countFields(t, 13)
	if words == 0 {
		return true
	}
	// no letter beyond ASCII lower-cases to one of "source" (only "İ" and the
	// Kelvin sign lower-case to ASCII letters): its ASCII capitals alone
	if len(p.lines) == 1 && p.lines[0] <= 2 && len(t) >= len("source: ") && strings.ToLower(t[:len("source: ")]) == "source: " {
		return true
	}
	if words <= 12 {
		lower := strings.ToLower(t)
		_, last := countFields(lower, 13)
		for _, ph := range furniturePhrases {
			if strings.Contains(lower, ph) {
				return true
			}
		}
		if captionEnds[strings.Trim(last, ".:)")] && !strings.ContainsAny(t, ".!?") {
			return true
		}
	}
	return len(p.lines) == 1 && repeated[t] > 1
}

// blockHeadings open a web page's block of links to other stories; the
// headlines under them are about other stories, and one that opens with a
// council's name would otherwise read as a case study's heading.
var blockHeadings = map[string]bool{"related articles": true, "related stories": true, "related news": true,
	"related content": true, "related topics": true, "more stories": true, "more news": true, "most read": true,
	"most popular": true, "you may also like": true, "read next": true, "latest news": true, "top stories": true,
	"in other news": true}

// dropLinkBlocks removes every block of story links: its heading line and
// the short, unpunctuated one-line paragraphs that follow it, up to the
// first paragraph that reads as prose.
func dropLinkBlocks(paras []*paragraph) []*paragraph {
	var out []*paragraph
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		if len(p.lines) != 1 || !isBlockHeading(p.text) {
			out = append(out, p)
			continue
		}
		for i+1 < len(paras) && isLinkLine(paras[i+1]) {
			i++
		}
	}
	return out
}

// isBlockHeading reports a line that is one of blockHeadings. A line longer
// than four times the longest is not lower-cased to look it up: lower-casing
// shortens a letter's bytes by two thirds at most (the Kelvin sign).
func isBlockHeading(line string) bool {
	t := strings.Trim(strings.TrimSpace(line), ":#* ")
	return len(t) <= 4*maxBlockHeading && blockHeadings[strings.ToLower(t)]
}

// maxBlockHeading is the length of the longest of blockHeadings.
var maxBlockHeading = func() int {
	n := 0
	for h := range blockHeadings {
		n = max(n, len(h))
	}
	return n
}()

// isLinkLine reports a paragraph that reads as a headline, not prose: one
// short line with no sentence punctuation at its end.
func isLinkLine(p *paragraph) bool {
	t := strings.TrimSpace(p.text)
	return t != "" && len(p.lines) == 1 && len(strings.Fields(t)) <= 16 && !strings.ContainsAny(t[len(t)-1:], ".!?")
}

// countFields counts the fields strings.Fields would give of s, up to
// limit, and returns the last of them when there are fewer than limit,
// without making the slice of them.
func countFields(s string, limit int) (n int, last string) {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				n, last, start = n+1, s[start:i], -1
				if n == limit {
					return n, ""
				}
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		n, last = n+1, s[start:]
	}
	return n, last
}

// singleStory makes the whole document one case study.
func singleStory(doc *document, paras []*paragraph, gaz *gazetteer.Gazetteer, themes []string) []*caseStudy {
	repeated := map[string]int{}
	for _, p := range paras {
		repeated[strings.TrimSpace(p.text)]++
	}
	var body []*paragraph
	for _, p := range paras {
		if !isFurniture(p, repeated) {
			body = append(body, p)
		}
	}
	if len(body) == 0 {
		return nil
	}
	// the lead: a council in the title, else the one named most (first named wins ties)
	var lead *councilRef
	title := body[0]
	if ms := title.councilsIn(gaz); len(ms) > 0 {
		lead = ms[0].ref
	}
	if lead == nil {
		count := map[string]int{}
		var order []*councilRef
		for _, p := range body {
			for _, m := range p.councilsIn(gaz) {
				if count[m.ref.id()] == 0 {
					order = append(order, m.ref)
				}
				count[m.ref.id()]++
			}
		}
		for _, r := range order {
			if lead == nil || count[r.id()] > count[lead.id()] {
				lead = r
			}
		}
	}
	if lead == nil {
		lead = placeCouncil(body, gaz)
	}
	if lead == nil {
		return nil
	}
	cs := &caseStudy{council: lead, header: title, firstLine: title.firstLine(), lastLine: body[len(body)-1].lastLine(),
		theme: themes[title.firstLine()], paras: body}
	cs.title = cleanTitle(title.text)
	cs.titleStart, cs.titleEnd = 0, len(title.text)
	if len(cs.title) > 150 || len(sentences(title)) > 1 {
		first := sentences(title)[0]
		cs.title = cleanTitle(first.text())
		cs.titleStart, cs.titleEnd = first.start, first.end
		if len(cs.title) > 150 {
			cs.title = "Work of " + lead.name
		}
	}
	return []*caseStudy{cs}
}

// cleanTitle drops a date stamp and markup from a page title: heading
// marks, emphasis around it or inside it ("Food Banks **To Receive** £100K"),
// runs of spaces.
func cleanTitle(s string) string {
	s = strings.Join(strings.Fields(emphasisMarks.Replace(s)), " ")
	s = strings.TrimSpace(strings.Trim(s, "#* "))
	if strings.HasPrefix(s, "date") {
		if f := strings.Fields(s); len(f) > 2 && f[0] == "date" && len(f[1]) == 10 && f[1][4] == '-' {
			s = strings.Join(f[2:], " ")
		}
	}
	return strings.TrimSuffix(s, ".")
}

// emphasisMarks are Markdown's bold and italic markers of two characters;
// a single '*' or '_' may be a footnote mark or part of a name.
var emphasisMarks = strings.NewReplacer("**", "", "__", "")

// placeCouncil is the lead of a page that names its council only as "the
// council" or "the city council" (a council's own press release): the
// authority of the place the page names most. A page that never says
// "council" has none.
func placeCouncil(body []*paragraph, gaz *gazetteer.Gazetteer) *councilRef {
	count := map[*gazetteer.Authority]int{}
	var order []*gazetteer.Authority
	saysCouncil := false
	for _, p := range body {
		toks := tokenize(p.clean)
		for _, r := range findRuns(toks, 0, len(toks)) {
			for lo := r[0]; lo < r[1]; lo++ {
				for hi := min(r[1], lo+3); hi > lo; hi-- {
					a, ok := gaz.LookupShort(p.clean[toks[lo].start:toks[hi-1].end])
					if !ok {
						continue
					}
					if count[a] == 0 {
						order = append(order, a)
					}
					count[a]++
					lo = hi - 1
					break
				}
			}
		}
		for _, t := range toks {
			saysCouncil = saysCouncil || t.lower == "council"
		}
	}
	var best *gazetteer.Authority
	for _, a := range order {
		if best == nil || count[a] > count[best] {
			best = a
		}
	}
	if best == nil || !saysCouncil {
		return nil
	}
	return &councilRef{name: best.OfficialName, auth: best}
}
