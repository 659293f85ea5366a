package loader

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
	// Models classify mentions and funders; nil means the committed ones.
	Models *Models
}

// Load reads every .txt and .md report in dir and builds the partnership
// graph. A document that cannot be read is reported by name and skipped;
// the others still load. A missing, unreadable or empty folder, or one in
// which no document could be read, is an error.
func Load(ctx context.Context, dir string, opts Options) (*partnergraph.Graph, *Report, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	sources, bad, err := readDirContext(ctx, dir, opts.MaxFileSize)
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
	models := opts.Models
	if models == nil {
		models = DefaultModels()
	}
	gaz := gazetteer.Default()
	b := newBuilder(gaz, models, opts.Verbose)
	read := 0
	err := extractAll(ctx, sources, func(src Source) *extraction {
		return extractDocument(src, opts.MaxFileSize, gaz, models, opts.Verbose)
	}, func(x *extraction) {
		if x.err != nil {
			rep.Skipped = append(rep.Skipped, FileError{File: x.file, Err: x.err.Error()})
			return
		}
		read++
		rep.Documents = append(rep.Documents, b.document(x))
	})
	if err != nil {
		return nil, rep, err
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
	for _, n := range g.NodesUnsorted() {
		r.Nodes[string(n.Kind)]++
	}
	for _, e := range g.EdgesUnsorted() {
		r.Edges[string(e.Kind)]++
	}
}

// builder accumulates nodes and edges from every document, then resolves
// organisations across documents into one node per body.
type builder struct {
	gaz     *gazetteer.Gazetteer
	models  *Models
	verbose bool
	report  *DocumentReport // the document being read: what it adds is counted here
	g       *partnergraph.Graph
	orgs    map[string]*partnergraph.Node // resolution key -> node
	// scope is the council a generic organisation node belongs to (by id):
	// merges never join nodes of different scopes
	scope   map[string]string
	parents []partOf
	errs    []error
	// rules holds one copy of each evidence rule the graph stores (intern):
	// the models write a rule string per kept mention, about a third of a
	// built graph's objects, yet a load has only a few thousand distinct
	// rules, and every object of the graph is marked by each collection
	rules map[string]string
}

type partOf struct {
	child, parent string
	ev            partnergraph.Evidence
}

func newBuilder(gaz *gazetteer.Gazetteer, models *Models, verbose bool) *builder {
	return &builder{gaz: gaz, models: models, verbose: verbose, g: partnergraph.NewGraph(), orgs: map[string]*partnergraph.Node{},
		scope: map[string]string{}, rules: map[string]string{}}
}

// intern gives each piece of evidence's rule the builder's one copy of it
// (see builder.rules). The evidence is the caller's own, not yet stored.
func (b *builder) intern(ev []partnergraph.Evidence) {
	for i := range ev {
		r := ev[i].Rule
		if c, ok := b.rules[r]; ok {
			ev[i].Rule = c
		} else {
			b.rules[r] = r
		}
	}
}

var yearRe = regexp.MustCompile(`\b(20[0-4]\d)\b`)

// findYear is yearRe.FindString(s) without the regexp engine (the first 200
// lines of every document holding "20" are searched): the first
// "20[0-4]<digit>" with no ASCII word character (\w) on either side.
func findYear(s string) string {
	for i := 0; i+4 <= len(s); i++ {
		if s[i] == '2' && s[i+1] == '0' && '0' <= s[i+2] && s[i+2] <= '4' && isDigitByte(s[i+3]) &&
			(i == 0 || !isRegexpWord(s[i-1])) && (i+4 == len(s) || !isRegexpWord(s[i+4])) {
			return s[i : i+4]
		}
	}
	return ""
}

// isRegexpWord reports an ASCII word character, as \w matches.
func isRegexpWord(b byte) bool { return isWordByte(b) || b == '_' }

// extraction is what the extraction stages make of one document, before
// anything is added to the graph: documents are extracted in parallel and
// built into the graph one at a time, in order.
type extraction struct {
	file    string
	err     error // the document could not be read
	doc     *document
	title   string
	quote   string
	year    int
	pub     string
	layout  string
	studies []*caseStudy
	results []*studyResult
}

// extractDocument runs every stage up to relations on one source. It reads
// only shared, read-only state (gazetteer, models), so documents may be
// extracted at the same time.
func extractDocument(src Source, maxSize int64, gaz *gazetteer.Gazetteer, models *Models, verbose bool) *extraction {
	doc, err := validate(src, maxSize)
	if err != nil {
		return &extraction{file: src.Name, err: err}
	}
	x := &extraction{file: doc.file, doc: doc}
	x.title, x.quote, x.year, x.pub = documentMeta(doc)
	x.studies, x.layout = segment(doc, paragraphs(doc), gaz)
	dc := newDocContext(doc, gaz)
	dc.recycle = true // each study's chunks die in extractStudy
	if a, ok := slabPool.Get().(*slabArrays); ok {
		dc.featArrays, dc.entArrays = a.feats, a.ents
	}
	for _, cs := range x.studies {
		x.results = append(x.results, extractStudy(cs, dc, models, verbose))
	}
	// nothing extracted keeps a chunk's features: the next document's
	// studies may build theirs in the same arrays (a page of the corpus
	// is one study, so recycling within a document alone misses it)
	slabPool.Put(&slabArrays{dc.featArrays, dc.entArrays})
	return x
}

// slabArrays are the arrays a document's studies built their features in
// (docContext.recycle), for the next document extracted.
type slabArrays struct {
	feats [][]string
	ents  [][]*featEntry
}

var slabPool sync.Pool

// extractAll extracts the sources on every core and hands each extraction
// to build in the sources' order, so the graph is the same whatever the
// timing. At most a few documents wait extracted ahead of the builder.
func extractAll(ctx context.Context, sources []Source, extract func(Source) *extraction, build func(*extraction)) error {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(sources)))
	slots := make([]chan *extraction, len(sources))
	for i := range slots {
		slots[i] = make(chan *extraction, 1)
	}
	ahead := make(chan struct{}, 4*workers) // documents extracted but not yet built
	jobs := make(chan int)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(jobs)
		for i := range sources {
			select {
			case ahead <- struct{}{}:
			case <-done:
				return
			}
			select {
			case jobs <- i:
			case <-done:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range jobs {
				slots[i] <- extract(sources[i])
			}
		}()
	}
	for i := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		var x *extraction
		select {
		case x = <-slots[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		build(x)
		<-ahead
	}
	return nil
}

func (b *builder) document(x *extraction) DocumentReport {
	doc := x.doc
	dr := DocumentReport{File: doc.file, Warnings: doc.warnings, Layout: x.layout, Nodes: map[string]int{}, Edges: map[string]int{}}
	// What this document adds is counted as it is added (addNode, addEdge).
	b.report = &dr
	b.addNode(&partnergraph.Node{ID: doc.id, Kind: partnergraph.KindDocument, Name: x.title, Title: x.title, Year: x.year, Publisher: x.pub,
		File: doc.file, SHA256: doc.sha, Evidence: []partnergraph.Evidence{{DocumentID: doc.id, File: doc.file,
			LineStart: 1, LineEnd: len(doc.lines), Quote: x.quote, Rule: "document"}}})
	for i, cs := range x.studies {
		res := x.results[i]
		dr.CaseStudies = append(dr.CaseStudies, CaseStudyReport{Title: cs.title, Council: cs.council.name, LineStart: cs.firstLine, LineEnd: cs.lastLine})
		b.caseStudy(cs, res)
		dr.Unclassified = append(dr.Unclassified, res.unknown...)
		dr.Decisions = append(dr.Decisions, res.decisions...)
	}
	dr.Unclassified = uniqueStrings(dr.Unclassified)
	b.report = nil
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

// headOf is s cut to at most n bytes, on a character boundary.
func headOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// joinFields is strings.Join(strings.Fields(s), " "), without the work
// when s is ASCII already spaced that way (most lines are).
func joinFields(s string) string {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return strings.Join(strings.Fields(s), " ")
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ' && s[i+1] == ' ':
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// fieldsHead is a start of joinFields(s) at least n bytes long, or all of
// it when it is shorter: the spaced words of a start of s long enough.
func fieldsHead(s string, n int) string {
	for m := 2 * n; ; m *= 2 {
		if m >= len(s) {
			return joinFields(s)
		}
		// a cut inside a word gives a start of that word: still a start of the whole
		if h := joinFields(headOf(s, m)); len(h) >= n {
			return h
		}
	}
}

// documentMeta reads what a document prints about itself: the title (its
// first paragraph, with the next when the first ends in a colon; a leading
// "Source: <address>" line is not the title), the year (from a "Published"
// or date line, a © line, else the first year near the top) and the
// publisher (the Source line's site, else a © line's holder).
func documentMeta(doc *document) (title, quote string, year int, publisher string) {
	var parts, raw []string
	titled := false // the title's paragraph has ended
	firstYear, datedYear := 0, 0
	for i, line := range doc.lines {
		// metadata sits in a line's first words: a 5 MB line is read for its start only
		line = headOf(line, 2000)
		trimmed := strings.Trim(line, "#* ")
		// the line's words, spaced once; most lines are read for their first
		// words only (lower), so the whole is built only where it is used
		t := func() string { return joinFields(trimmed) }
		head := fieldsHead(trimmed, 33)
		lower := strings.ToLower(headOf(head, 32))
		if i < 3 && strings.HasPrefix(lower, "source:") {
			if u, err := url.Parse(strings.TrimSpace(t()[len("source:"):])); err == nil && u.Host != "" {
				publisher = strings.TrimPrefix(u.Hostname(), "www.")
			}
			continue
		}
		if i < 200 && strings.Contains(line, "20") {
			if m := findYear(line); m != "" {
				y, _ := strconv.Atoi(m)
				if firstYear == 0 {
					firstYear = y
				}
				if datedYear == 0 && (strings.HasPrefix(lower, "published") || strings.HasPrefix(lower, "date") ||
					strings.HasPrefix(lower, "posted") || strings.HasPrefix(lower, "©") || strings.HasPrefix(lower, "copyright")) {
					datedYear = y
				}
			}
		}
		if i < 200 && publisher == "" && (strings.HasPrefix(head, "©") || strings.HasPrefix(lower, "copyright")) {
			holder := strings.TrimSpace(yearRe.ReplaceAllString(strings.TrimLeft(strings.TrimPrefix(t(), "©"), " "), ""))
			holder = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(holder, "Copyright"), "copyright"))
			publisher = strings.Trim(holder, " ©.,")
		}
		if head == "" { // no words
			if len(parts) > 0 && !strings.HasSuffix(parts[len(parts)-1], ":") {
				titled = true
				if datedYear != 0 || i > 200 {
					break
				}
			}
			continue
		}
		if !titled && len(parts) < 4 {
			parts = append(parts, t())
			raw = append(raw, strings.TrimSpace(line))
		}
	}
	title = strings.TrimSuffix(strings.Join(parts, " "), ":")
	if len(title) > 160 {
		cut := 160
		for cut > 0 && !utf8.RuneStart(title[cut]) {
			cut-- // never inside a character
		}
		title = title[:cut]
	}
	year = firstYear
	if datedYear != 0 {
		year = datedYear
	}
	quote = strings.Join(raw, " ") // the evidence is the document's own words, markup and all
	if len(quote) > maxQuote {
		cut := maxQuote
		for cut > 0 && !utf8.RuneStart(quote[cut]) {
			cut--
		}
		quote = quote[:cut]
	}
	return title, quote, year, publisher
}

func (b *builder) addNode(n *partnergraph.Node) *partnergraph.Node {
	b.intern(n.Evidence)
	out, added, err := b.g.PutNode(n)
	if err != nil {
		b.errs = append(b.errs, err)
	}
	if added && b.report != nil {
		b.report.Nodes[string(n.Kind)]++
	}
	return out
}

func (b *builder) addEdge(e *partnergraph.Edge) {
	b.intern(e.Evidence)
	_, added, err := b.g.PutEdge(e)
	if err != nil {
		b.errs = append(b.errs, err)
		return
	}
	if added && b.report != nil {
		b.report.Edges[string(e.Kind)]++
	}
}

func (b *builder) councilNode(ref *councilRef, ev partnergraph.Evidence) string {
	n := &partnergraph.Node{ID: ref.id(), Kind: partnergraph.KindCouncil, Name: ref.name, Evidence: []partnergraph.Evidence{ev}}
	if a := ref.auth; a != nil {
		n.Name = a.OfficialName
		// the name as printed, and the short form pages use ("Northtown Council")
		n.Aliases = []string{ref.name, a.NiceName + " Council"}
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

func (b *builder) caseStudy(cs *caseStudy, res *studyResult) {
	headerEv := cs.header.evidence(cs.titleStart, cs.titleEnd, "case-study-title", 1)
	if cs.titleEnd <= cs.titleStart {
		headerEv = cs.header.evidence(0, len(cs.header.text), "case-study-title", 1)
	}
	leadEv := cs.header.evidence(0, len(cs.header.text), "case-study-heading", 1)
	councilID := b.councilNode(cs.council, leadEv)
	if len(cs.councilAlias) > 0 {
		b.addNode(&partnergraph.Node{ID: councilID, Kind: partnergraph.KindCouncil, Name: cs.council.name, Aliases: cs.councilAlias})
	}
	for acr, full := range res.acronyms {
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
	subs := map[string]string{} // normalised name -> id
	for _, m := range res.inits {
		id := prefix + partnergraph.Slug(m.name)
		if id == mainID || partnergraph.Slug(m.name) == "" {
			continue
		}
		subs[normName(m.name)] = id
		b.addNode(&partnergraph.Node{ID: id, Kind: partnergraph.KindInitiative, Name: m.name, Theme: cs.theme, Evidence: []partnergraph.Evidence{m.ev}})
		b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgePartOf, Source: id, Target: mainID, Confidence: m.ev.Confidence, Evidence: []partnergraph.Evidence{m.ev}})
	}
	target := func(name string) string {
		if id, ok := subs[normName(name)]; ok && name != "" {
			return id
		}
		return mainID
	}
	for _, p := range res.councils {
		id := b.councilNode(p.ref, p.ev)
		if id != councilID {
			b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgePartnerIn, Source: id, Target: mainID, Confidence: p.ev.Confidence, Evidence: []partnergraph.Evidence{p.ev}})
		}
	}
	for _, m := range res.orgs {
		id := b.orgNode(m, cs.council)
		if id == "" {
			continue
		}
		t := target(m.target)
		if m.funder {
			e := &partnergraph.Edge{Kind: partnergraph.EdgeFunded, Source: id, Target: t, Confidence: m.fundEv.Confidence,
				InKind: m.inKind, Evidence: []partnergraph.Evidence{m.fundEv}}
			setAmount(e, m.amount, m.value)
			b.addEdge(e)
			continue
		}
		b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgePartnerIn, Source: id, Target: t, Confidence: m.ev.Confidence, Evidence: []partnergraph.Evidence{m.ev}})
	}
	for _, g := range res.gifts {
		e := &partnergraph.Edge{Kind: partnergraph.EdgeFunded, Source: councilID, Target: target(g.target), Confidence: g.ev.Confidence,
			Evidence: []partnergraph.Evidence{g.ev}}
		setAmount(e, g.amount, g.value)
		if e.Target != councilID {
			b.addEdge(e)
		}
		if g.runBy != nil && e.Target != mainID {
			if id := b.councilNode(g.runBy, g.ev); id != councilID {
				b.addEdge(&partnergraph.Edge{Kind: partnergraph.EdgeLeads, Source: id, Target: e.Target, Confidence: g.ev.Confidence,
					Evidence: []partnergraph.Evidence{g.ev}})
			}
		}
	}
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

// orgKey is the resolution key of an organisation name: one key, one node.
// Corporate suffixes and letter case do not make a different body.
func orgKey(name string) string {
	s := partnergraph.Slug(name)
	for _, suf := range []string{"-ltd", "-limited", "-plc", "-cic", "-llp", "-inc"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// orgNode adds (or merges into) the node for an organisation mention.
//
// A generic unit name ("Public Health", "Social Care": words the document
// also writes in lower case) is one node per council, scoped by the
// council's slug, so that it never becomes a partner two councils share.
func (b *builder) orgNode(m *mention, council *councilRef) string {
	key := orgKey(m.name)
	if key == "" {
		return ""
	}
	scoped := func(k string) string { return k }
	if m.generic {
		// the council's own: its aliases ("CVS") are looked up and filed
		// under the council too, or one council's node would gather all
		prefix := partnergraph.Slug(council.shortName()) + "-"
		scoped = func(k string) string { return prefix + k }
		key = scoped(key)
	}
	for _, a := range m.aliases {
		if n, ok := b.orgs[scoped(orgKey(a))]; ok {
			key = strings.TrimPrefix(n.ID, partnergraph.OrganisationIDPrefix)
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
	if m.generic {
		b.scope[n.ID] = council.id()
	}
	for _, a := range m.aliases {
		if k := orgKey(a); k != "" {
			if _, taken := b.orgs[scoped(k)]; !taken {
				b.orgs[scoped(k)] = n
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

// shortFormHeads are the words a body's short name drops: "Acme" for
// "Acme Bank".
var shortFormHeads = []string{"bank", "group", "plc", "ltd", "limited", "uk", "trust", "foundation", "society"}

// mergeShortForms merges an organisation named "X" into one named
// "X Bank" (or Group, plc, Ltd, UK ...) when both were found: one body.
func (b *builder) mergeShortForms() {
	byName := map[string]*partnergraph.Node{} // scope + name
	var orgs []*partnergraph.Node
	var keys []string // orgs' keys in byName, built once: each is tried with every head
	for _, n := range b.g.Nodes() {
		if n.Kind == partnergraph.KindOrganisation {
			key := b.scope[n.ID] + "\x00" + strings.ToLower(n.Name)
			byName[key] = n
			orgs, keys = append(orgs, n), append(keys, key)
		}
	}
	var buf []byte
	for i, n := range orgs {
		for _, head := range shortFormHeads {
			buf = append(append(append(buf[:0], keys[i]...), ' '), head...)
			long, ok := byName[string(buf)]
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
	// long names by the first two bytes a short form of them can start with:
	// the first word's first two, or its first and the second word's first
	// (a short form takes a non-empty prefix of every word, clippedFrom), so
	// a short form is tried against the few names it may come from, not
	// against every name with its first letter (quadratic in a large corpus)
	type longName struct {
		n     *partnergraph.Node
		words []string
		scope string
	}
	byStart := map[[2]byte][]longName{}
	for _, long := range orgs {
		if w := significantWords(long.Name); len(w) >= 3 {
			ln := longName{long, w, b.scope[long.ID]}
			k := [2]byte{w[0][0], w[1][0]}
			byStart[k] = append(byStart[k], ln)
			if len(w[0]) >= 2 && w[0][1] != w[1][0] {
				k[1] = w[0][1]
				byStart[k] = append(byStart[k], ln)
			}
		}
	}
	for _, short := range orgs {
		abbr := strings.ToLower(short.Name)
		if len(abbr) < 3 || strings.ContainsAny(abbr, " -'") {
			continue
		}
		var match *partnergraph.Node
		count := 0
		scope := b.scope[short.ID]
		for _, long := range byStart[[2]byte{abbr[0], abbr[1]}] {
			if long.n.ID == short.ID || long.scope != scope || !clippedFrom(abbr, long.words) {
				continue
			}
			match = long.n
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
