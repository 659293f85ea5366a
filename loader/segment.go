package loader

import (
	"regexp"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph/gazetteer"
)

// caseStudy is one council's story within a document.
type caseStudy struct {
	council       *councilRef
	councilAlias  []string
	title         string
	summary       string
	activity      string
	beneficiaries string
	theme         string
	header        *paragraph // where the title is printed
	titleStart    int        // offset of the title in header.text
	titleEnd      int
	paras         []*paragraph
	firstLine     int
	lastLine      int
}

var (
	glanceLine  = regexp.MustCompile(`^\s*At a glance\s*$`)
	glanceField = regexp.MustCompile(`^\s*([A-Za-z]+):\s*(.*)$`)
	chapterLine = regexp.MustCompile(`^\s*Chapter\s+\d+\s*[:.–-]\s*(.+?)\s*$`)
	bylineLine  = regexp.MustCompile(`^\s*By\s+([^,]+),\s*(.+?)\s*$`)
	contentsRow = regexp.MustCompile(`^\s*(?:[-•]\s*)?\d{1,3}\s+\S`)
)

// segment finds the case studies of a document: CCIN-style studies that end
// with an "At a glance" box, "By <author>, <council>" perspectives, and
// headings that open with a council's name ("<Council> – <title>"). A
// document with none of these falls back to blocks of paragraphs around
// each council they name.
func segment(doc *document, paras []*paragraph, gaz *gazetteer.Gazetteer) ([]*caseStudy, string) {
	themes := themeAt(doc)
	paras = splitHeadings(dropLinkBlocks(paras), gaz)
	var studies []*caseStudy
	layout := ""
	if glance := glanceStudies(doc, paras, gaz, themes); len(glance) > 0 {
		studies = append(studies, glance...)
		layout = "at-a-glance"
	}
	if by := bylineStudies(doc, paras, gaz, themes, studies); len(by) > 0 {
		studies = append(studies, by...)
	}
	if len(studies) == 0 {
		if headed := headingStudies(paras, gaz, themes); len(headed) > 0 {
			studies = headed
			layout = "council-headings"
		}
	}
	if len(studies) == 0 {
		studies = singleStory(doc, paras, gaz, themes)
		layout = "single-story"
	}
	sortStudies(studies)
	return studies, layout
}

// sortStudies orders case studies by their first line, keeping the order of
// studies that start on the same line (a stable sort: a document with
// thousands of headings must not cost the square of them).
func sortStudies(s []*caseStudy) {
	slices.SortStableFunc(s, func(a, b *caseStudy) int { return a.firstLine - b.firstLine })
}

// themeAt returns, for each line, the chapter or section heading in force.
// Consecutive heading lines make one heading; front- and back-matter
// headings ("Case studies", "Conclusion") are not themes.
func themeAt(doc *document) []string {
	out := make([]string, len(doc.lines)+2)
	// the document's vocabulary, read only for a heading to unspace: most
	// documents have none, and reading every word costs a pass over the text
	var vocab map[string]bool
	unspaced := func(line string) string {
		if vocab == nil {
			vocab = vocabulary(doc)
		}
		return unspace(line, vocab)
	}
	cur := ""
	var run []string
	flush := func() {
		if len(run) == 0 {
			return
		}
		words := unspaced(strings.Join(run, " "))
		run = nil
		if !matterHeadings[strings.ToLower(words)] {
			cur = words
		}
	}
	for i, line := range doc.lines {
		switch m := chapterLine.FindStringSubmatch(line); {
		case m != nil && !contentsRow.MatchString(line):
			flush()
			cur = strings.TrimSpace(m[1])
		case isSpacedHeading(line) || (isCapsHeading(line) && len(strings.Fields(line)) <= 6):
			if matterHeadings[strings.ToLower(unspaced(line))] {
				flush()
				cur = ""
			} else {
				run = append(run, line)
			}
		default:
			flush()
		}
		out[i+1] = cur
	}
	return out
}

// matterHeadings are headings of a report's front and back matter.
var matterHeadings = map[string]bool{"case studies": true, "introduction": true, "conclusion": true, "contents": true,
	"foreword": true, "acknowledgements": true, "summary": true, "executive summary": true, "case study report": true}

// glanceStudies finds case studies that end with an "At a glance" box.
func glanceStudies(doc *document, paras []*paragraph, gaz *gazetteer.Gazetteer, themes []string) []*caseStudy {
	var out []*caseStudy
	prevEnd := 0 // last line of the previous study
	for i := 0; i < len(doc.lines); i++ {
		if !glanceLine.MatchString(doc.lines[i]) {
			continue
		}
		fields := map[string]string{}
		end := i + 1
		for j := i + 1; j < len(doc.lines) && j < i+16; j++ {
			line := doc.lines[j]
			if strings.TrimSpace(line) == "" {
				continue
			}
			m := glanceField.FindStringSubmatch(line)
			if m == nil || len(m[1]) > 14 {
				break
			}
			fields[strings.ToLower(m[1])] = strings.TrimSpace(m[2])
			end = j + 1
		}
		cs := &caseStudy{lastLine: end}
		start := prevEnd + 1
		for j := i - 1; j >= prevEnd; j-- {
			if strings.TrimSpace(doc.lines[j]) == "Context" {
				start = headerStart(doc, j, prevEnd)
				break
			}
		}
		cs.firstLine = start
		// The box is read for its fields only: its lines are not prose, and
		// its contact line names a person.
		for _, p := range paras {
			if p.firstLine() >= start && p.lastLine() <= i {
				cs.paras = append(cs.paras, p)
			}
		}
		// Header: council line, title, one-line summary before "Context".
		var header []*paragraph
		for _, p := range cs.paras {
			if strings.TrimSpace(p.text) == "Context" {
				break
			}
			header = append(header, p)
		}
		if len(header) >= 2 {
			cs.header = header[1]
			cs.title = strings.TrimSpace(header[1].text)
			cs.titleStart, cs.titleEnd = 0, len(header[1].text)
		}
		if len(header) >= 3 {
			cs.summary = strings.TrimSpace(header[2].text)
		}
		if cs.header == nil {
			// a box with little or no story before it: the study is headed by
			// its first paragraph, or by the box itself when there is none
			for _, p := range paras {
				if p.firstLine() >= start && p.firstLine() <= end && (len(cs.paras) == 0 || p == cs.paras[0]) {
					cs.header = p
					break
				}
			}
			if cs.header == nil {
				continue
			}
		}
		councilField := fields["council"]
		if councilField != "" {
			parts := strings.Split(strings.ReplaceAll(councilField, "\t", "  "), "  ")
			councilField = strings.TrimSpace(parts[0])
			for _, alt := range parts[1:] {
				if alt = strings.TrimSpace(alt); alt != "" {
					cs.councilAlias = append(cs.councilAlias, alt)
				}
			}
		}
		cs.council = resolveCouncil(councilField, gaz)
		if cs.council == nil && len(header) > 0 {
			cs.council = resolveCouncil(strings.TrimSpace(header[0].clean), gaz)
		}
		if cs.council == nil {
			continue
		}
		cs.activity = cleanField(fields["activity"])
		cs.beneficiaries = cleanField(fields["beneficiaries"])
		if cs.title == "" {
			cs.title = cs.activity
		}
		cs.theme = themes[start]
		out = append(out, cs)
		prevEnd = end
	}
	return out
}

func cleanField(s string) string {
	return strings.TrimSpace(strings.Join(strings.Fields(s), " "))
}

// headerStart walks back from the "Context" line over the three header
// paragraphs (council, title, summary).
func headerStart(doc *document, context, floor int) int {
	seen := 0
	j := context - 1
	start := context + 1
	for ; j >= floor && seen < 3; j-- {
		if strings.TrimSpace(doc.lines[j]) == "" {
			continue
		}
		for j-1 >= floor && strings.TrimSpace(doc.lines[j-1]) != "" {
			j--
		}
		start = j + 1
		seen++
	}
	return start
}

// resolveCouncil reads a council name such as "Northtown Town Council,
// Derbyshire": the council, and for a town council the county it is in.
func resolveCouncil(s string, gaz *gazetteer.Gazetteer) *councilRef {
	s = strings.TrimSpace(strings.Trim(s, "*"))
	if s == "" {
		return nil
	}
	name, where, _ := strings.Cut(s, ",")
	ms := findCouncils(name, gaz)
	if len(ms) == 0 {
		return nil
	}
	ref := ms[0].ref
	if ref.local != "" && ref.parent == nil && where != "" {
		where = strings.TrimSpace(where)
		if a, ok := gaz.Lookup(where + " County Council"); ok {
			ref.parent = &councilRef{name: a.OfficialName, auth: a}
		} else if a, ok := gaz.Lookup(where + " Council"); ok {
			ref.parent = &councilRef{name: a.OfficialName, auth: a}
		}
	}
	return ref
}

// bylineStudies finds sections introduced by a title line and "By <author>,
// <council>"; each runs until the next chapter or case study.
func bylineStudies(doc *document, paras []*paragraph, gaz *gazetteer.Gazetteer, themes []string, taken []*caseStudy) []*caseStudy {
	var out []*caseStudy
	for pi, p := range paras {
		m := bylineLine.FindStringSubmatch(p.clean)
		if m == nil || pi == 0 || len(p.lines) > 1 {
			continue
		}
		council := resolveCouncil(m[2], gaz)
		if council == nil {
			continue
		}
		title := paras[pi-1]
		cs := &caseStudy{council: council, header: title, title: strings.TrimSpace(title.text), titleEnd: len(title.text),
			firstLine: title.firstLine(), theme: themes[title.firstLine()]}
		cs.paras = append(cs.paras, title, p)
		last := p.lastLine()
		for _, q := range paras[pi+1:] {
			if chapterLine.MatchString(q.text) || startsStudy(q, taken) || (bylineLine.MatchString(q.clean) && len(q.lines) == 1) {
				break
			}
			cs.paras = append(cs.paras, q)
			last = q.lastLine()
		}
		// The next section's title line belongs to it, not to this one.
		if n := len(cs.paras); n > 2 {
			if next := indexOf(paras, cs.paras[n-1]) + 1; next < len(paras) && bylineLine.MatchString(paras[next].clean) {
				cs.paras = cs.paras[:n-1]
				last = cs.paras[n-2].lastLine()
			}
		}
		cs.lastLine = last
		out = append(out, cs)
	}
	return out
}

func indexOf(ps []*paragraph, p *paragraph) int {
	for i, q := range ps {
		if q == p {
			return i
		}
	}
	return -1
}

func startsStudy(p *paragraph, studies []*caseStudy) bool {
	for _, s := range studies {
		if p.firstLine() == s.firstLine {
			return true
		}
	}
	return false
}

// sentenceVerbs open a sentence about a council rather than a heading
// naming it: "Basildon Borough Council has been proactive ...".
var sentenceVerbs = map[string]bool{"has": true, "have": true, "had": true, "is": true, "are": true, "was": true,
	"were": true, "will": true, "would": true, "can": true, "could": true, "also": true, "did": true, "does": true,
	"realised": true, "found": true, "agreed": true, "designed": true, "provided": true, "believes": true,
	"operates": true, "took": true, "worked": true, "said": true, "(": true}

// headingStudies finds case studies whose heading opens a paragraph with a
// council's name, and gives each following paragraph to the study whose
// council it names (two-column layouts interleave neighbouring studies).
func headingStudies(paras []*paragraph, gaz *gazetteer.Gazetteer, themes []string) []*caseStudy {
	var out []*caseStudy
	var heads []int
	for pi, p := range paras {
		ms := p.councilsIn(gaz)
		if len(ms) == 0 || ms[0].start != 0 {
			continue
		}
		rest := strings.TrimSpace(p.clean[ms[0].end:])
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "’s"), "'s")
		first := strings.Fields(rest + " x")[0]
		if sentenceVerbs[strings.ToLower(first)] || strings.HasPrefix(rest, "(") {
			continue
		}
		title, titleEnd := headingTitle(p, ms[0].end)
		// A title has no full stop: "Rotherham Council phoned every
		// resident." is the story, not its heading. Nor does it open with a
		// comma or end on a word that needs another after it: a wrapped
		// line "Northtown council, alongside the Acme Trust and the" is a
		// sentence's first line.
		if title == "" || strings.HasSuffix(title, ".") || strings.HasPrefix(rest, ",") || endsOpen(title) {
			continue
		}
		// The story that runs on in the heading's paragraph is its own paragraph,
		// so that no sentence or name spans the heading and the text.
		var body *paragraph
		for k := 1; k < len(p.starts); k++ {
			if p.starts[k] > titleEnd {
				p, body = p.splitAt(k)
				break
			}
		}
		cs := &caseStudy{council: ms[0].ref, header: p, title: title, titleStart: ms[0].end, titleEnd: titleEnd,
			firstLine: p.firstLine(), lastLine: p.lastLine(), theme: themes[p.firstLine()]}
		cs.paras = append(cs.paras, p)
		if body != nil {
			cs.paras = append(cs.paras, body)
			cs.lastLine = body.lastLine()
		}
		out = append(out, cs)
		heads = append(heads, pi)
	}
	if len(out) == 0 {
		return nil
	}
	byCouncil := map[string][]*caseStudy{}
	byPlace := map[string][]*caseStudy{}
	for _, cs := range out {
		byCouncil[cs.council.id()] = append(byCouncil[cs.council.id()], cs)
		if cs.council.auth != nil {
			byPlace[strings.ToLower(cs.council.auth.NiceName)] = append(byPlace[strings.ToLower(cs.council.auth.NiceName)], cs)
		}
	}
	cur := -1
	for pi, p := range paras {
		if len(heads) > cur+1 && heads[cur+1] == pi {
			cur++
			continue
		}
		if cur < 0 {
			continue
		}
		owner := out[cur]
		// A paragraph naming another study's council belongs to that study;
		// of several studies of one council, the nearest one before it.
		if named := ownerByMention(p, gaz, byCouncil, byPlace); named != nil && named != owner {
			owner = named
		}
		owner.paras = append(owner.paras, p)
		owner.lastLine = max(owner.lastLine, p.lastLine())
	}
	return out
}

// ownerByMention returns the study whose council the paragraph names first,
// by full name or, failing that, by place name; nil when none or ambiguous.
func ownerByMention(p *paragraph, gaz *gazetteer.Gazetteer, byCouncil, byPlace map[string][]*caseStudy) *caseStudy {
	pick := func(cands []*caseStudy) *caseStudy {
		var best *caseStudy
		for _, cs := range cands {
			if cs.firstLine <= p.firstLine() && (best == nil || cs.firstLine > best.firstLine) {
				best = cs
			}
		}
		if best == nil && len(cands) > 0 {
			best = cands[0]
		}
		return best
	}
	for _, m := range p.councilsIn(gaz) {
		if cands := byCouncil[m.ref.id()]; len(cands) > 0 {
			return pick(cands)
		}
	}
	lower := strings.ToLower(p.clean)
	var found []*caseStudy
	for place, cands := range byPlace {
		if i := indexWord(lower, place); i >= 0 {
			found = append(found, pick(cands))
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return nil
}

// endsOpen reports whether a line ends on a word that cannot end a heading:
// a comma, an article, a conjunction, a preposition, a relative pronoun or
// an auxiliary wanting what follows.
func endsOpen(line string) bool {
	line = strings.TrimSpace(line)
	if strings.HasSuffix(line, ",") {
		return true
	}
	f := strings.Fields(line)
	return len(f) > 1 && openEnders[strings.ToLower(f[len(f)-1])]
}

var openEnders = map[string]bool{"the": true, "a": true, "an": true, "and": true, "or": true, "of": true,
	"with": true, "to": true, "by": true, "from": true, "in": true, "on": true, "at": true, "as": true, "for": true,
	"into": true, "about": true, "their": true, "its": true, "our": true, "this": true, "these": true,
	"who": true, "which": true, "that": true, "whose": true,
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "will": true, "would": true}

// headingTitle reads the title after the council's name in a heading
// paragraph: the rest of the first line, plus a short second line that
// carries on the heading rather than starting the story.
func headingTitle(p *paragraph, from int) (string, int) {
	end := len(p.text)
	if len(p.starts) > 1 {
		end = p.starts[1] - 1
		if len(p.starts) > 2 {
			second := p.text[p.starts[1] : p.starts[2]-1]
			if len(second) < 52 && !strings.HasSuffix(strings.TrimSpace(second), ".") {
				end = p.starts[2] - 1
				if len(p.starts) > 3 {
					if third := p.text[p.starts[2] : p.starts[3]-1]; len(third) < 20 && !strings.HasSuffix(third, ".") {
						end = p.starts[3] - 1
					}
				}
			}
		} else {
			second := p.text[p.starts[1]:]
			if len(second) < 52 {
				end = len(p.text)
			}
		}
	}
	if from > end {
		// the council's name ran over a line break ("Northtown\nBorough
		// Council …"): the title is the rest of the line the name ends on
		end = len(p.text)
		for _, s := range p.starts {
			if s > from {
				end = s - 1
				break
			}
		}
	}
	if from > end {
		return "", 0
	}
	title := strings.TrimSpace(p.clean[from:end])
	title = strings.TrimLeft(title, "–-:— ")
	title = strings.TrimPrefix(strings.TrimPrefix(title, "’s "), "'s ")
	title = strings.TrimSpace(title)
	if len(title) > 120 {
		return "", 0
	}
	return title, end
}

// splitHeadings gives headings that PDF extraction ran into a neighbouring
// paragraph their own paragraph: capitals headings, and lines that open with
// a council's name and a dash or colon after a finished sentence.
func splitHeadings(paras []*paragraph, gaz *gazetteer.Gazetteer) []*paragraph {
	var out []*paragraph
	for _, p := range paras {
		// Whether a line starts a new paragraph depends only on it and the
		// line before, so every cut is found in one pass and the paragraph
		// is cut once at all of them (cutting one piece at a time copied
		// the rest each time: quadratic in a run of heading lines).
		var cuts []int
		for k := 1; k < len(p.lines); k++ {
			if headingBreak(p, k, gaz) {
				cuts = append(cuts, k)
			}
		}
		out = append(out, p.splitAtAll(cuts)...)
	}
	return out
}

// headingBreak reports whether the paragraph's k-th line (k > 0) starts a
// new paragraph: a heading line, the line after one, or a council's name
// followed by a dash or colon after a finished sentence.
func headingBreak(p *paragraph, k int, gaz *gazetteer.Gazetteer) bool {
	line, prev := p.lineText(k), strings.TrimSpace(p.lineText(k-1))
	if isCapsHeading(line) || isSpacedHeading(line) || isCapsHeading(prev) || isSpacedHeading(prev) {
		return true
	}
	if !strings.HasSuffix(prev, ".") && !strings.HasSuffix(prev, ":") {
		return false
	}
	ms := findCouncils(line, gaz)
	if len(ms) > 0 && ms[0].start == 0 {
		rest := strings.TrimSpace(line[ms[0].end:])
		if strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "—") {
			return true
		}
	}
	return false
}
