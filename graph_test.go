package partnergraph

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func ev(doc string, line int, quote string) Evidence {
	return Evidence{DocumentID: doc, File: doc + ".txt", LineStart: line, LineEnd: line, Quote: quote}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Women’s Health in Northtown", "womens-health-in-northtown"},
		{"Reigate & Banstead Council", "reigate-and-banstead-council"},
		{"Barlow + Finch Limited", "barlow-finch-limited"},
		{"Crème Cuisine", "creme-cuisine"},
		{"  --Well-ability--  ", "well-ability"},
		{"#lovesouthtyneside", "lovesouthtyneside"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSortKey(t *testing.T) {
	if got := SortKey("The Brightwell Trust"); got != "brightwell trust" {
		t.Errorf("SortKey = %q", got)
	}
	if SortKey("Étoile") != SortKey("etoile") {
		t.Error("SortKey must fold accents and case")
	}
}

// FuzzSortKeyASCII holds SortKey's one-pass path for ASCII names to the
// key's definition (slugSortKey).
func FuzzSortKeyASCII(f *testing.F) {
	for _, s := range []string{"", "The Woodvale Trust", "the", "The-", "THE  the x", "A&B", " & Co.", "&",
		"O'Neill's  Fund", "--a--", "Acme UK (Northtown)", "1st & 2nd", "the'", "Thethe", "\x7f\x00 x\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := asciiSortKey(s)
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < utf8.RuneSelf
		}
		if ok != ascii {
			t.Fatalf("asciiSortKey(%q) ok = %v, want %v", s, ok, ascii)
		}
		if want := slugSortKey(s); ok && got != want {
			t.Fatalf("asciiSortKey(%q) = %q, want %q", s, got, want)
		}
		if want := slugSortKey(s); SortKey(s) != want {
			t.Fatalf("SortKey(%q) = %q, want %q", s, SortKey(s), want)
		}
	})
}

func TestKindOfID(t *testing.T) {
	tests := map[string]Kind{"council:hpl": KindCouncil, "org:northtown-trust": KindOrganisation,
		"initiative:a:b": KindInitiative, "doc:x": KindDocument, "nope": ""}
	for id, want := range tests {
		if got := KindOfID(id); got != want {
			t.Errorf("KindOfID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestAddNodeMerges(t *testing.T) {
	g := NewGraph()
	if _, err := g.AddNode(&Node{ID: "org:a", Kind: KindOrganisation, Name: "Acme Care UK", Evidence: []Evidence{ev("d", 5, "Acme Care UK")}}); err != nil {
		t.Fatal(err)
	}
	n, err := g.AddNode(&Node{ID: "org:a", Kind: KindOrganisation, Name: "Acme Care UK Ltd", Aliases: []string{"acme care uk", "ACUK"},
		Sector: SectorVoluntary, Evidence: []Evidence{ev("d", 2, "Acme Care UK Ltd"), ev("d", 5, "Acme Care UK")}})
	if err != nil {
		t.Fatal(err)
	}
	if n.Name != "Acme Care UK" {
		t.Errorf("first name must win, got %q", n.Name)
	}
	if want := []string{"ACUK", "Acme Care UK Ltd"}; !slices.Equal(n.Aliases, want) {
		t.Errorf("aliases = %v, want %v", n.Aliases, want)
	}
	if n.Sector != SectorVoluntary {
		t.Errorf("empty sector must be filled, got %q", n.Sector)
	}
	if len(n.Evidence) != 2 || n.Evidence[0].LineStart != 2 {
		t.Errorf("evidence must be unioned and sorted, got %+v", n.Evidence)
	}
	if _, err := g.AddNode(&Node{ID: "org:a", Kind: KindCouncil, Name: "x"}); err == nil {
		t.Error("a kind conflict must be an error")
	}
	if _, err := g.AddNode(&Node{Kind: KindCouncil, Name: "no id"}); err == nil {
		t.Error("a node without id must be an error")
	}
}

func fixture(t *testing.T) *Graph {
	t.Helper()
	g := NewGraph()
	for _, n := range []*Node{
		{ID: "council:a", Kind: KindCouncil, Name: "A Council"},
		{ID: "org:b", Kind: KindOrganisation, Name: "B Trust", Sector: SectorVoluntary},
		{ID: "initiative:a:hub", Kind: KindInitiative, Name: "Hub"},
	} {
		if _, err := g.AddNode(n); err != nil {
			t.Fatal(err)
		}
	}
	amount := 250000.0
	for _, e := range []*Edge{
		{Kind: EdgeLeads, Source: "council:a", Target: "initiative:a:hub", Evidence: []Evidence{ev("d", 1, "A Council set up the Hub")}},
		{Kind: EdgePartnerIn, Source: "org:b", Target: "initiative:a:hub", Evidence: []Evidence{ev("d", 3, "with B Trust")}},
		{Kind: EdgeFunded, Source: "org:b", Target: "initiative:a:hub", AmountText: "£250,000", Amount: &amount, Currency: "GBP",
			Evidence: []Evidence{ev("d", 4, "B Trust gave £250,000")}},
	} {
		if _, err := g.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func TestAddEdge(t *testing.T) {
	g := fixture(t)
	e, err := g.AddEdge(&Edge{Kind: EdgePartnerIn, Source: "org:b", Target: "initiative:a:hub", Evidence: []Evidence{ev("d", 9, "again")}})
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "PARTNER_IN:org:b->initiative:a:hub" || len(e.Evidence) != 2 {
		t.Errorf("a repeated edge must merge evidence into one edge, got %s with %d quotes", e.ID, len(e.Evidence))
	}
	if g.EdgeCount() != 3 {
		t.Errorf("EdgeCount = %d, want 3", g.EdgeCount())
	}
	bad := []*Edge{
		{Kind: "KNOWS", Source: "org:b", Target: "council:a"},
		{Kind: EdgeLeads, Source: "org:zzz", Target: "initiative:a:hub"},
		{Kind: EdgeLeads, Source: "council:a", Target: "initiative:zzz"},
		{Kind: EdgeLeads, Source: "council:a", Target: "council:a"},
		{ID: "wrong", Kind: EdgeLeads, Source: "council:a", Target: "initiative:a:hub"},
	}
	for _, e := range bad {
		if _, err := g.AddEdge(e); err == nil {
			t.Errorf("AddEdge(%+v) must fail", e)
		}
	}
	if got := g.In("initiative:a:hub", EdgeFunded); len(got) != 1 || got[0].Source != "org:b" {
		t.Errorf("In(FUNDED) = %+v", got)
	}
	if got := g.Out("org:b"); len(got) != 2 {
		t.Errorf("Out = %d edges, want 2", len(got))
	}
}

func TestRemoveNodeRemovesItsEdges(t *testing.T) {
	g := fixture(t)
	g.RemoveNode("org:b")
	if g.Node("org:b") != nil || g.EdgeCount() != 1 || len(g.In("initiative:a:hub")) != 1 {
		t.Errorf("after removal: %d edges, in=%v", g.EdgeCount(), g.In("initiative:a:hub"))
	}
}

func TestJSONRoundTripAndFingerprint(t *testing.T) {
	g := fixture(t)
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"kind":"Council"`, `"kind":"FUNDED"`, `"amountText":"£250,000"`, `"source":"org:b"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
	var back Graph
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Fingerprint() != g.Fingerprint() {
		t.Error("a graph read back from its JSON must have the same fingerprint")
	}
	if g.Clone().Fingerprint() != g.Fingerprint() {
		t.Error("a clone must have the same fingerprint")
	}
	changed := g.Clone()
	changed.Node("org:b").Sector = SectorBusiness
	if changed.Fingerprint() == g.Fingerprint() {
		t.Error("a changed graph must have another fingerprint")
	}
	if g.Node("org:b").Sector != SectorVoluntary {
		t.Error("changing a clone must not change the original")
	}
	for _, bad := range []string{`{"nodes":[{"id":"x","kind":"Planet","name":"x"}]}`, `{"nodes":[],"edges":[{"kind":"LEADS","source":"a","target":"b"}]}`, `{"nodes":[null]}`} {
		var g Graph
		if err := json.Unmarshal([]byte(bad), &g); err == nil {
			t.Errorf("Unmarshal(%s) must fail", bad)
		}
	}
}

// TestFingerprintIsTheHashOfTheJSON: Fingerprint streams the interchange
// JSON into the hash a node at a time; it must hash exactly the bytes
// MarshalJSON writes (fingerprints are stored on Neo4j's meta node, so they
// must not change with how they are computed), empty graph included.
func TestFingerprintIsTheHashOfTheJSON(t *testing.T) {
	withText := fixture(t)
	withText.Node("org:b").Name = `Acme <"Quoted"> & Sons`
	for name, g := range map[string]*Graph{"empty": NewGraph(), "fixture": fixture(t), "escapes": withText} {
		b, err := g.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if want := hex.EncodeToString(sum[:]); g.Fingerprint() != want {
			t.Errorf("%s: Fingerprint = %s, the hash of MarshalJSON is %s", name, g.Fingerprint(), want)
		}
	}
}

// A list longer than jsonPart is marshalled in parts on every core: the
// bytes must be those of one json.Marshal (and of an indenting encoder)
// whatever the part size and however many parts run at once.
func TestWriteJSONInPartsIsTheJSON(t *testing.T) {
	defer func(p, procs int) { jsonPart = p; runtime.GOMAXPROCS(procs) }(jsonPart, runtime.GOMAXPROCS(0))
	big := NewGraph()
	if _, err := big.AddNode(&Node{ID: "initiative:hub", Kind: KindInitiative, Name: "Hub"}); err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		id := fmt.Sprintf("org:o%03d", i)
		if _, err := big.AddNode(&Node{ID: id, Kind: KindOrganisation, Name: fmt.Sprintf(`Body <%d> & "Sons"`, i), Evidence: []Evidence{ev("doc:a", i+1, "quoted")}}); err != nil {
			t.Fatal(err)
		}
		{
			if _, err := big.AddEdge(&Edge{Source: id, Target: "initiative:hub", Kind: EdgePartnerIn, Evidence: []Evidence{ev("doc:a", i+1, "with")}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	graphs := map[string]*Graph{"empty": NewGraph(), "fixture": fixture(t), "big": big}
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		for _, part := range []int{1, 2, 7, 2048} {
			jsonPart = part
			for name, g := range graphs {
				compact, err := json.Marshal(g)
				if err != nil {
					t.Fatal(err)
				}
				var indented bytes.Buffer
				enc := json.NewEncoder(&indented)
				enc.SetIndent("", "  ")
				if err := enc.Encode(g); err != nil {
					t.Fatal(err)
				}
				for _, want := range []struct {
					indented bool
					bytes    []byte
				}{{false, compact}, {true, indented.Bytes()}} {
					var got bytes.Buffer
					if err := g.WriteJSON(&got, want.indented); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got.Bytes(), want.bytes) {
						t.Errorf("%s, %d cores, parts of %d, indented %v: WriteJSON differs from encoding/json's (%d against %d bytes)",
							name, procs, part, want.indented, got.Len(), len(want.bytes))
					}
				}
				if sum := sha256.Sum256(compact); g.Fingerprint() != hex.EncodeToString(sum[:]) {
					t.Errorf("%s, %d cores, parts of %d: the fingerprint is not the hash of the JSON", name, procs, part)
				}
			}
		}
	}
	// a value JSON cannot hold, in a late part, is an error however it is cut
	nan := math.NaN()
	bad := big.Clone()
	if _, _, err := bad.PutEdge(&Edge{Source: "org:o299", Target: "initiative:hub", Kind: EdgeFunded, Amount: &nan, Evidence: []Evidence{ev("doc:a", 1, "gave")}}); err != nil {
		t.Fatal(err)
	}
	runtime.GOMAXPROCS(2)
	for _, part := range []int{1, 7, 2048} {
		jsonPart = part
		if err := bad.WriteJSON(&bytes.Buffer{}, false); err == nil {
			t.Errorf("parts of %d: a NaN amount was written without an error", part)
		}
	}
}

// BenchmarkAddNodeMerges merges one new quote at a time into a node already
// holding N, as a council named in thousands of documents is: the cost of
// a merge must not grow with N (run with -bench AddNodeMerges; compare the
// ns/op of the sizes).
func BenchmarkAddNodeMerges(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			g := NewGraph()
			for i := range n {
				if _, err := g.AddNode(&Node{ID: "council:x", Kind: KindCouncil, Name: "X Council",
					Evidence: []Evidence{ev(fmt.Sprintf("doc:%08d", i), 1, "X Council")}}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := g.AddNode(&Node{ID: "council:x", Kind: KindCouncil, Name: "X Council",
					Evidence: []Evidence{ev(fmt.Sprintf("doc:%08d", n+i), 1, "X Council")}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMergedEvidenceStaysSortedAndApart: merging in any order keeps a
// node's and a relationship's evidence sorted without repeats (the higher
// confidence kept), and the graph's lists share no array with the nodes
// and relationships it was given or with a clone.
func TestMergedEvidenceStaysSortedAndApart(t *testing.T) {
	g := NewGraph()
	given := []Evidence{ev("doc:b", 3, "q"), ev("doc:a", 1, "q")}
	n, _ := g.AddNode(&Node{ID: "org:a", Kind: KindOrganisation, Name: "A", Evidence: given})
	for _, d := range []string{"doc:c", "doc:a", "doc:0", "doc:b", "doc:bb"} {
		e := ev(d, 3, "q")
		e.Confidence = 0.5
		g.AddNode(&Node{ID: "org:a", Kind: KindOrganisation, Name: "A", Evidence: []Evidence{e}})
	}
	var docs []string
	for _, e := range n.Evidence {
		docs = append(docs, e.DocumentID)
	}
	if want := []string{"doc:0", "doc:a", "doc:a", "doc:b", "doc:bb", "doc:c"}; !slices.Equal(docs, want) {
		t.Fatalf("evidence documents %v, want %v", docs, want)
	}
	if n.Evidence[3].Confidence != 0.5 {
		t.Errorf("a repeat must keep the higher confidence: %+v", n.Evidence[3])
	}
	if given[0].DocumentID != "doc:b" || given[1].DocumentID != "doc:a" {
		t.Errorf("the caller's evidence was rewritten: %+v", given)
	}
	c := g.Clone()
	g.AddNode(&Node{ID: "org:a", Kind: KindOrganisation, Name: "A", Evidence: []Evidence{ev("doc:00", 1, "q")}})
	if got := len(c.Node("org:a").Evidence); got != 6 {
		t.Errorf("a merge into the graph changed its clone: %d quotes", got)
	}
	g.AddNode(&Node{ID: "org:b", Kind: KindOrganisation, Name: "B"})
	g.AddEdge(&Edge{Kind: EdgePartnerIn, Source: "org:a", Target: "org:b", Evidence: []Evidence{ev("doc:z", 1, "q")}})
	g.AddEdge(&Edge{Kind: EdgePartnerIn, Source: "org:a", Target: "org:b", Evidence: []Evidence{ev("doc:y", 1, "q"), ev("doc:z", 1, "q")}})
	if evs := g.Edge(EdgeID(EdgePartnerIn, "org:a", "org:b")).Evidence; len(evs) != 2 || evs[0].DocumentID != "doc:y" {
		t.Errorf("edge evidence %+v", evs)
	}
}

// TestOutAndInSortedWhateverTheOrderAdded: relationships added in any order
// are read sorted by id, also by readers at the same time (go test -race),
// and a relationship added after a read is read in its place.
func TestOutAndInSortedWhateverTheOrderAdded(t *testing.T) {
	g := NewGraph()
	for _, id := range []string{"org:hub", "org:x", "org:a", "org:m", "org:c", "org:z"} {
		if _, err := g.AddNode(&Node{ID: id, Kind: KindOrganisation, Name: id}); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(es []*Edge) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	for _, other := range []string{"org:x", "org:a", "org:m", "org:c"} {
		for _, e := range []*Edge{{Kind: EdgePartnerIn, Source: "org:hub", Target: other}, {Kind: EdgePartnerIn, Source: other, Target: "org:hub"}} {
			if _, err := g.AddEdge(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	done := make(chan [2][]string)
	for range 4 {
		go func() { done <- [2][]string{ids(g.Out("org:hub")), ids(g.In("org:hub"))} }()
	}
	for range 4 {
		got := <-done
		for _, l := range got {
			if !slices.IsSorted(l) || len(l) != 4 {
				t.Errorf("read %q, want 4 ids sorted", l)
			}
		}
	}
	if _, err := g.AddEdge(&Edge{Kind: EdgeFunded, Source: "org:hub", Target: "org:z"}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.AddEdge(&Edge{Kind: EdgeFunded, Source: "org:hub", Target: "org:a"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"FUNDED:org:hub->org:a", "FUNDED:org:hub->org:z", "PARTNER_IN:org:hub->org:a", "PARTNER_IN:org:hub->org:c",
		"PARTNER_IN:org:hub->org:m", "PARTNER_IN:org:hub->org:x"}
	if got := ids(g.Out("org:hub")); !slices.Equal(got, want) {
		t.Errorf("Out = %q, want %q", got, want)
	}
	if got := ids(g.Out("org:hub", EdgeFunded)); !slices.Equal(got, want[:2]) {
		t.Errorf("Out(FUNDED) = %q, want %q", got, want[:2])
	}
}

// TestNormaliseAliasesWithoutAMap: the few-aliases path keeps what the
// map's would (the first of case-insensitive repeats, no blanks, not the
// name, sorted), at every length on either side of smallAliases.
func TestNormaliseAliasesWithoutAMap(t *testing.T) {
	pool := []string{"Acme", " acme ", "ACME", "", "  ", "Acme Trust", "acme trust", "Zed", "Ünïon", "ünïon", "B", "b ", "Acme Ltd",
		"Kiln", "\u212Ailn", "İzmir", "i̇zmir"}
	for n := 0; n <= 2*smallAliases+2; n++ {
		for shift := range pool {
			aliases := make([]string, n)
			for i := range aliases {
				aliases[i] = pool[(i*7+shift)%len(pool)]
			}
			for _, name := range []string{"Acme Ltd", "", " zed", "\u212AENT"} {
				got, want := normaliseAliases(name, slices.Clone(aliases)), aliasesByMap(name, aliases)
				if !slices.Equal(got, want) || got == nil {
					t.Errorf("normaliseAliases(%q, %q) = %q, want %q", name, aliases, got, want)
				}
			}
		}
	}
}

// TestASCIISlugIsSlugRunes: the ASCII path of Slug writes what the general
// one writes, for every ASCII byte alone and in random names.
func TestASCIISlugIsSlugRunes(t *testing.T) {
	var names []string
	for c := range 128 {
		names = append(names, string(rune(c)), "A"+string(rune(c))+"b", string(rune(c))+"&"+string(rune(c)))
	}
	r := uint64(1)
	for range 5000 {
		var b []byte
		for range int(r>>60) + 1 {
			r = r*6364136223846793005 + 1442695040888963407
			b = append(b, " -&'Az09.,()x&-"[r>>33%15], byte(r>>40)&0x7f)
		}
		names = append(names, string(b))
	}
	names = append(names, strings.Repeat("Northtown Community & Voluntary Services ", 4))
	for _, s := range names {
		if got, want := asciiSlug(s), slugRunes(s); got != want {
			t.Errorf("asciiSlug(%q) = %q, slugRunes gives %q", s, got, want)
		}
	}
}

// TestSlabbedNodesAndEdgesStayApart: nodes, relationships, their evidence
// and ids are stored side by side in shared arrays (graphSlabs); more of
// them than one array holds, merged into afterwards, must each keep only
// their own evidence, and ids, ends and out lists must read as given.
func TestSlabbedNodesAndEdgesStayApart(t *testing.T) {
	g := NewGraph()
	const n = 3*slabLen + 7
	for i := range n {
		id := fmt.Sprintf("org:%05d", i)
		if _, added, err := g.PutNode(&Node{ID: id, Kind: KindOrganisation, Name: id, Evidence: []Evidence{ev("doc:"+id, 1, "q")}}); err != nil || !added {
			t.Fatalf("PutNode %s: added %v, %v", id, added, err)
		}
		if i > 0 {
			prev := fmt.Sprintf("org:%05d", i-1)
			if _, added, err := g.PutEdge(&Edge{Kind: EdgePartnerIn, Source: prev, Target: id, Evidence: []Evidence{ev("doc:e"+id, 1, "q")}}); err != nil || !added {
				t.Fatalf("PutEdge %s: added %v, %v", id, added, err)
			}
		}
	}
	// merges that grow every node's and every other edge's evidence
	for i := range n {
		id := fmt.Sprintf("org:%05d", i)
		if _, added, _ := g.PutNode(&Node{ID: id, Kind: KindOrganisation, Name: id, Evidence: []Evidence{ev("doc:z"+id, 1, "q")}}); added {
			t.Fatalf("PutNode %s again: added", id)
		}
		if i > 0 && i%2 == 0 {
			prev := fmt.Sprintf("org:%05d", i-1)
			if _, added, _ := g.PutEdge(&Edge{Kind: EdgePartnerIn, Source: prev, Target: id, Evidence: []Evidence{ev("doc:f"+id, 1, "q")}}); added {
				t.Fatalf("PutEdge %s again: added", id)
			}
		}
	}
	for i := range n {
		id := fmt.Sprintf("org:%05d", i)
		node := g.Node(id)
		if node == nil || node.ID != id || len(node.Evidence) != 2 || node.Evidence[0].DocumentID != "doc:"+id || node.Evidence[1].DocumentID != "doc:z"+id {
			t.Fatalf("node %s: %+v", id, node)
		}
		if i == 0 {
			continue
		}
		prev := fmt.Sprintf("org:%05d", i-1)
		eid := EdgeID(EdgePartnerIn, prev, id)
		e := g.Edge(eid)
		want := []string{"doc:e" + id}
		if i%2 == 0 {
			want = append(want, "doc:f"+id)
		}
		var got []string
		if e != nil {
			for _, x := range e.Evidence {
				got = append(got, x.DocumentID)
			}
		}
		if e == nil || e.ID != eid || e.Source != prev || e.Target != id || !slices.Equal(got, want) {
			t.Fatalf("edge %s: %+v, evidence %v want %v", eid, e, got, want)
		}
		if out := g.Out(prev); len(out) != 1 || out[0] != e {
			t.Fatalf("out of %s: %v", prev, out)
		}
	}
	if _, _, err := g.PutEdge(&Edge{ID: "wrong", Kind: EdgePartnerIn, Source: "org:00000", Target: "org:00001"}); err == nil {
		t.Error("an edge whose id does not match its kind and ends was accepted")
	}
}
