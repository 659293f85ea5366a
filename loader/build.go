package loader

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gazetteer"
)

// Options tune a load.
type Options struct {
	// MaxFileSize is the largest document read, in bytes; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// CurationFile is a curation file to apply last; "" means <dir>/curation.yaml when it exists.
	CurationFile string
	// Verbose records which rule made each decision in the report.
	Verbose bool
}

// Load reads every .txt and .md report in dir and builds the partnership
// graph. A document that cannot be read is reported by name and skipped;
// the others still load. A missing, unreadable or empty folder, or one in
// which no document could be read, is an error.
func Load(ctx context.Context, dir string, opts Options) (*partnergraph.Graph, *Report, error) {
	sources, bad, err := readDir(dir)
	if err != nil {
		return nil, nil, err
	}
	g, rep, err := LoadDocuments(ctx, sources, opts)
	if rep != nil {
		rep.Skipped = append(bad, rep.Skipped...)
	}
	if err != nil {
		return nil, rep, fmt.Errorf("documents folder %s: %w", dir, err)
	}
	curation := opts.CurationFile
	if curation == "" {
		curation = defaultCurationPath(dir)
	}
	if curation != "" {
		applied, err := applyCurationFile(g, curation)
		if err != nil {
			return nil, rep, err
		}
		rep.Curation = applied
	}
	rep.count(g)
	return g, rep, nil
}

// LoadDocuments builds the graph from documents already in memory.
func LoadDocuments(ctx context.Context, sources []Source, opts Options) (*partnergraph.Graph, *Report, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	rep := &Report{}
	b := newBuilder(gazetteer.Default(), opts.Verbose)
	read := 0
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return nil, rep, err
		}
		doc, err := validate(src, opts.MaxFileSize)
		if err != nil {
			rep.Skipped = append(rep.Skipped, FileError{File: src.Name, Err: err.Error()})
			continue
		}
		read++
		rep.Documents = append(rep.Documents, b.document(doc))
	}
	if read == 0 {
		var why []string
		for _, f := range rep.Skipped {
			why = append(why, f.Error())
		}
		return nil, rep, fmt.Errorf("no document could be read: %s", strings.Join(why, "; "))
	}
	g, err := b.graph()
	if err != nil {
		return nil, rep, err
	}
	rep.count(g)
	return g, rep, nil
}

func (r *Report) count(g *partnergraph.Graph) {
	r.Nodes, r.Edges = map[string]int{}, map[string]int{}
	for _, n := range g.Nodes() {
		r.Nodes[string(n.Kind)]++
	}
	for _, e := range g.Edges() {
		r.Edges[string(e.Kind)]++
	}
}

// builder accumulates nodes and edges from every document, then resolves
// organisations across documents into one node per body.
type builder struct {
	gaz     *gazetteer.Gazetteer
	verbose bool
	g       *partnergraph.Graph
	orgs    map[string]*partnergraph.Node // resolution key -> node
	parents []partOf
	errs    []error
}

type partOf struct {
	child, parent string
	ev            partnergraph.Evidence
}

func newBuilder(gaz *gazetteer.Gazetteer, verbose bool) *builder {
	return &builder{gaz: gaz, verbose: verbose, g: partnergraph.NewGraph(), orgs: map[string]*partnergraph.Node{}}
}

var yearRe = regexp.MustCompile(`\b(20[0-4]\d)\b`)

func (b *builder) document(doc *document) DocumentReport {
	title, year := documentTitle(doc)
	b.addNode(&partnergraph.Node{ID: doc.id, Kind: partnergraph.KindDocument, Name: title, Title: title, Year: year,
		File: doc.file, SHA256: doc.sha, Evidence: []partnergraph.Evidence{{DocumentID: doc.id, File: doc.file,
			LineStart: 1, LineEnd: len(doc.lines), Quote: title, Rule: "document"}}})
	paras := paragraphs(doc)
	studies, layout := segment(doc, paras, b.gaz)
	dr := DocumentReport{File: doc.file, Layout: layout, Nodes: map[string]int{}, Edges: map[string]int{}}
	// What this document adds is counted against the ids present before it.
	before := map[string]bool{}
	for _, n := range b.g.Nodes() {
		before[n.ID] = true
	}
	for _, e := range b.g.Edges() {
		before[e.ID] = true
	}
	common := lowerCaseWords(doc)
	for _, cs := range studies {
		dr.CaseStudies = append(dr.CaseStudies, CaseStudyReport{Title: cs.title, Council: cs.council.name, LineStart: cs.firstLine, LineEnd: cs.lastLine})
		x := &extractor{gaz: b.gaz, cs: cs, verbose: b.verbose, common: common}
		x.run()
		b.caseStudy(doc, cs, x)
		dr.Unclassified = append(dr.Unclassified, x.unknown...)
		dr.Decisions = append(dr.Decisions, x.decisions...)
	}
	dr.Unclassified = uniqueStrings(dr.Unclassified)
	for _, n := range b.g.Nodes() {
		if !before[n.ID] {
			dr.Nodes[string(n.Kind)]++
		}
	}
	for _, e := range b.g.Edges() {
		if !before[e.ID] {
			dr.Edges[string(e.Kind)]++
		}
	}
	return dr
}

func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// documentTitle is the first paragraph (with the next when the first ends
// in a colon), and the first year printed near the top.
func documentTitle(doc *document) (string, int) {
	var parts []string
	year := 0
	for i, line := range doc.lines {
		t := strings.Join(strings.Fields(strings.Trim(line, "#* ")), " ")
		if i < 200 && year == 0 {
			if m := yearRe.FindString(line); m != "" {
				year, _ = strconv.Atoi(m)
			}
		}
		if t == "" {
			if len(parts) > 0 && !strings.HasSuffix(parts[len(parts)-1], ":") {
				break
			}
			continue
		}
		if len(parts) < 4 {
			parts = append(parts, t)
		}
	}
	title := strings.TrimSuffix(strings.Join(parts, " "), ":")
	if len(title) > 160 {
		title = title[:160]
	}
	return title, year
}

func (b *builder) addNode(n *partnergraph.Node) *partnergraph.Node {
	out, err := b.g.AddNode(n)
	if err != nil {
		b.errs = append(b.errs, err)
	}
	return out
}

func (b *builder) addEdge(e *partnergraph.Edge) {
	if _, err := b.g.AddEdge(e); err != nil {
		b.errs = append(b.errs, err)
	}
}

func (b *builder) councilNode(ref *councilRef, ev partnergraph.Evidence) string {
	n := &partnergraph.Node{ID: ref.id(), Kind: partnergraph.KindCouncil, Name: ref.name, Evidence: []partnergraph.Evidence{ev}}
	if a := ref.auth; a != nil {
		n.Name = a.OfficialName
		n.Aliases = []string{ref.name}
		n.OfficialName, n.GSSCode, n.LACode = a.OfficialName, a.GSSCode, a.Code
		n.CouncilType, n.Region, n.Nation, n.Lat, n.Lon = a.TypeName, a.Region, a.Nation, a.Lat, a.Lon
	} else {
		n.CouncilType = ref.local
	}
	b.addNode(n)
	if ref.parent != nil {
		b.parents = append(b.parents, partOf{child: n.ID, parent: ref.parent.id(), ev: ev})
	}
	return n.ID
}

func (b *builder) caseStudy(doc *document, cs *caseStudy, x *extractor) {
	headerEv := cs.header.evidence(cs.titleStart, cs.titleEnd, "case-study-title", 1)
	if cs.titleEnd <= cs.titleStart {
		headerEv = cs.header.evidence(0, len(cs.header.text), "case-study-title", 1)
	}
	leadEv := cs.header.evidence(0, len(cs.header.text), "case-study-heading", 1)
	councilID := b.councilNode(cs.council, leadEv)
	if len(cs.councilAlias) > 0 {
		b.addNode(&partnergraph.Node{ID: councilID, Kind: partnergraph.KindCouncil, Name: cs.council.name, Aliases: cs.councilAlias})
	}
	for acr, full := range x.acronyms {
		if ms := findCouncils(full, b.gaz); len(ms) > 0 && ms[0].ref.id() == councilID {
			b.addNode(&partnergraph.Node{ID: councilID, Kind: partnergraph.KindCouncil, Name: cs.council.name, Aliases: []string{acr}})
		}
	}
	prefix := partnergraph.InitiativeIDPrefix + partnergraph.Slug(cs.council.shortName()) + ":"
	mainID := prefix + partnergraph.Slug(cs.title)
	b.addNode(&partnergraph.Node{ID: mainID, Kind: partnergraph.KindInitiative, Name: cs.title, Summary: cs.summary,
		Theme: cs.theme, Beneficiaries: cs.beneficiaries, Evidence: []partnergraph.Evidence{headerEv}})
	b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgeLeads, Source: councilID, Target: mainID, Confidence: 1,
		Evidence: []partnergraph.Evidence{leadEv}})

	// Named schemes, funds and hubs set up within the study.
	subs := map[string]string{} // lower-case name -> id
	for _, m := range x.inits {
		id := prefix + partnergraph.Slug(m.name)
		if id == mainID || partnergraph.Slug(m.name) == "" {
			continue
		}
		subs[strings.ToLower(m.name)] = id
		b.addNode(&partnergraph.Node{ID: id, Kind: partnergraph.KindInitiative, Name: m.name, Theme: cs.theme, Evidence: []partnergraph.Evidence{m.ev}})
		b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgePartOf, Source: id, Target: mainID, Confidence: m.ev.Confidence, Evidence: []partnergraph.Evidence{m.ev}})
	}
	target := func(s sentence) string {
		lower := strings.ToLower(s.text())
		found := ""
		for name, id := range subs {
			if strings.Contains(lower, name) {
				if found != "" {
					return mainID
				}
				found = id
			}
		}
		if found != "" {
			return found
		}
		return mainID
	}

	for _, m := range x.orgs {
		id := b.orgNode(m)
		if id == "" {
			continue
		}
		t := target(m.sent)
		if m.funder {
			e := &partnergraph.Edge{Kind: partnergraph.EdgeFunded, Source: id, Target: t, Confidence: m.ev.Confidence,
				InKind: m.inKind, Evidence: []partnergraph.Evidence{m.ev}}
			setAmount(e, m.amount, m.value)
			b.addEdge(e)
		}
		if m.partner || !m.funder {
			b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgePartnerIn, Source: id, Target: t, Confidence: m.ev.Confidence, Evidence: []partnergraph.Evidence{m.ev}})
		}
	}
	b.councilFunding(cs, councilID, mainID, target, x)
}

func setAmount(e *partnergraph.Edge, text string, value float64) {
	if text == "" {
		return
	}
	e.AmountText = text
	v := value
	e.Amount = &v
	e.Currency = "GBP"
}

var councilGives = regexp.MustCompile(`(?i)\b(?:the\s+)?council\b[^.;]{0,60}?\b(?:provided|made|allocated|granted|awarded|released|gave|invested|committed|put in|contributed|funded)\b[^.;]{0,80}£`)
var grantedTo = regexp.MustCompile(`\b(?:was|were|has been|have been)\s+(?:granted|awarded|given)\s+(?:up to\s+)?£`)

// councilFunding finds money the lead council gave: to its own initiative
// ("the Council provided an emergency grant of £1,000") or to an
// organisation ("X was granted £9,450").
func (b *builder) councilFunding(cs *caseStudy, councilID, mainID string, target func(sentence) string, x *extractor) {
	for _, p := range cs.paras {
		for _, s := range sentences(p) {
			text := s.text()
			if !strings.Contains(text, "£") {
				continue
			}
			if loc := grantedTo.FindStringIndex(text); loc != nil {
				for _, m := range x.orgs {
					if m.sent == s && strings.Contains(text, m.name) && strings.Index(text, m.name) < loc[0] {
						id := b.orgKeyID(m.name)
						amountText, value, _ := parseMoney(text[loc[0]:])
						e := &partnergraph.Edge{Kind: partnergraph.EdgeFunded, Source: councilID, Target: id, Confidence: 0.7,
							Evidence: []partnergraph.Evidence{s.p.evidence(s.start, s.end, "council-granted", 0.7)}}
						setAmount(e, amountText, value)
						if id != "" {
							b.addEdge(e)
						}
					}
				}
				continue
			}
			if loc := councilGives.FindStringIndex(text); loc != nil || (strings.Contains(strings.ToLower(text), "grants of") && strings.Contains(strings.ToLower(text), "available")) {
				amountText, value, _ := parseMoney(text)
				e := &partnergraph.Edge{Kind: partnergraph.EdgeFunded, Source: councilID, Target: target(s), Confidence: 0.7,
					Evidence: []partnergraph.Evidence{s.p.evidence(s.start, s.end, "council-funds", 0.7)}}
				setAmount(e, amountText, value)
				b.addEdge(e)
			}
		}
	}
}

// orgKey is the resolution key of an organisation name: one key, one node.
// Corporate suffixes and letter case do not make a different body.
func orgKey(name string) string {
	s := partnergraph.Slug(name)
	for _, suf := range []string{"-ltd", "-limited", "-plc", "-cic", "-llp", "-inc"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

func (b *builder) orgKeyID(name string) string {
	if n, ok := b.orgs[orgKey(name)]; ok {
		return n.ID
	}
	return ""
}

// orgNode adds (or merges into) the node for an organisation mention.
func (b *builder) orgNode(m *mention) string {
	key := orgKey(m.name)
	if key == "" {
		return ""
	}
	for _, a := range m.aliases {
		if n, ok := b.orgs[orgKey(a)]; ok {
			key = orgKey(n.Name)
		}
	}
	if n, ok := b.orgs[key]; ok {
		b.addNode(&partnergraph.Node{ID: n.ID, Kind: partnergraph.KindOrganisation, Name: n.Name,
			Aliases: append(m.aliases, m.name), Evidence: []partnergraph.Evidence{m.ev}})
		return n.ID
	}
	n := b.addNode(&partnergraph.Node{ID: partnergraph.OrganisationIDPrefix + key, Kind: partnergraph.KindOrganisation,
		Name: m.name, Aliases: m.aliases, Sector: classify(m), Evidence: []partnergraph.Evidence{m.ev}})
	if n == nil {
		return ""
	}
	b.orgs[key] = n
	for _, a := range m.aliases {
		if k := orgKey(a); k != "" {
			if _, taken := b.orgs[k]; !taken {
				b.orgs[k] = n
			}
		}
	}
	return n.ID
}

// graph finishes the build: PART_OF links from town councils and groups to
// parents that the documents show acting, then checks.
func (b *builder) graph() (*partnergraph.Graph, error) {
	b.mergeShortForms()
	for _, p := range b.parents {
		if b.g.Node(p.parent) != nil {
			b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgePartOf, Source: p.child, Target: p.parent, Confidence: 0.9, Evidence: []partnergraph.Evidence{p.ev}})
		}
	}
	if len(b.errs) > 0 {
		return nil, fmt.Errorf("building the graph: %w", b.errs[0])
	}
	return b.g, nil
}

// shortFormHeads are the words a body's short name drops: "Barclays" for
// "Barclays Bank".
var shortFormHeads = []string{"bank", "group", "plc", "ltd", "limited", "uk", "trust", "foundation", "society"}

// mergeShortForms merges an organisation named "X" into one named
// "X Bank" (or Group, plc, Ltd, UK ...) when both were found: one body.
func (b *builder) mergeShortForms() {
	byName := map[string]*partnergraph.Node{}
	for _, n := range b.g.Nodes() {
		if n.Kind == partnergraph.KindOrganisation {
			byName[strings.ToLower(n.Name)] = n
		}
	}
	for _, n := range b.g.Nodes() {
		if n.Kind != partnergraph.KindOrganisation {
			continue
		}
		for _, head := range shortFormHeads {
			long, ok := byName[strings.ToLower(n.Name)+" "+head]
			if ok && long.ID != n.ID && b.g.Node(long.ID) != nil {
				if err := mergeInto(b.g, long.ID, n); err != nil {
					b.errs = append(b.errs, err)
				}
				break
			}
		}
	}
	b.mergeClippedForms()
}

// mergeClippedForms merges a one-word organisation name built from the
// starts of a longer name's words ("Norbea" for "Northtown Business
// Enterprise Agency", "NBEA" likewise) into that longer name, when exactly
// one organisation found in the documents fits: a short form of one body.
func (b *builder) mergeClippedForms() {
	var orgs []*partnergraph.Node
	for _, n := range b.g.Nodes() {
		if n.Kind == partnergraph.KindOrganisation {
			orgs = append(orgs, n)
		}
	}
	for _, short := range orgs {
		abbr := strings.ToLower(short.Name)
		if len(abbr) < 3 || strings.ContainsAny(abbr, " -'") {
			continue
		}
		var match *partnergraph.Node
		count := 0
		for _, long := range orgs {
			words := significantWords(long.Name)
			if long.ID == short.ID || len(words) < 3 || !clippedFrom(abbr, words) {
				continue
			}
			match = long
			count++
		}
		if count != 1 || b.g.Node(match.ID) == nil || b.g.Node(short.ID) == nil {
			continue
		}
		if err := mergeInto(b.g, match.ID, short); err != nil {
			b.errs = append(b.errs, err)
		}
	}
}

// significantWords lower-cases name and drops the joining words an
// abbreviation skips.
func significantWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		switch w {
		case "of", "and", "&", "the", "for", "in":
			continue
		}
		out = append(out, w)
	}
	return out
}

// clippedFrom reports whether abbr is the concatenation of a non-empty
// prefix of every word, in order, the first prefix being the longest
// allowed so "col"+"b"+"e"+"a" fits but letters cannot come from nowhere.
func clippedFrom(abbr string, words []string) bool {
	if len(words) == 0 {
		return abbr == ""
	}
	w := words[0]
	for n := min(len(w), len(abbr)); n >= 1; n-- {
		if abbr[:n] == w[:n] && clippedFrom(abbr[n:], words[1:]) {
			return true
		}
	}
	return false
}
