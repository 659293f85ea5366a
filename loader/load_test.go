package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func loadSeeds(t *testing.T) (*partnergraph.Graph, *Report) {
	t.Helper()
	g, rep, err := Load(context.Background(), "../seeds", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g, rep
}

func findEdge(g *partnergraph.Graph, kind partnergraph.EdgeKind, source, target string) *partnergraph.Edge {
	return g.Edge(partnergraph.EdgeID(kind, source, target))
}

func TestSeedsSouthTynesideHub(t *testing.T) {
	g, _ := loadSeeds(t)
	council := g.Node("council:sty")
	if council == nil || council.Name != "South Tyneside Council" || council.GSSCode == "" || council.Region != "North East" {
		t.Fatalf("South Tyneside Council node = %+v", council)
	}
	var hub *partnergraph.Node
	for _, e := range g.Out("council:sty", partnergraph.EdgeLeads) {
		if n := g.Node(e.Target); strings.Contains(n.Name, "Support Hub") {
			hub = n
		}
	}
	if hub == nil {
		t.Fatal("South Tyneside Council leads no support hub initiative")
	}
	if hub.Theme != "Response" || hub.Beneficiaries != "Vulnerable groups in South Tyneside" {
		t.Errorf("hub theme/beneficiaries = %q / %q", hub.Theme, hub.Beneficiaries)
	}
	age := g.Node("org:age-concern-south-tyneside")
	if age == nil || age.Sector != partnergraph.SectorVoluntary {
		t.Fatalf("Age Concern South Tyneside = %+v", age)
	}
	e := findEdge(g, partnergraph.EdgePartnerIn, age.ID, hub.ID)
	if e == nil {
		t.Fatalf("no PARTNER_IN from %s to %s; out edges: %v", age.ID, hub.ID, g.Out(age.ID))
	}
	if len(e.Evidence) == 0 || !strings.Contains(e.Evidence[0].Quote, "Age Concern South Tyneside") {
		t.Errorf("evidence = %+v", e.Evidence)
	}
	whist := g.Node("org:womens-health-in-south-tyneside")
	if whist == nil || !contains(whist.Aliases, "WHIST") {
		t.Errorf("the acronym WHIST must be an alias: %+v", whist)
	}
}

func TestSeedsFundingAndGroups(t *testing.T) {
	g, _ := loadSeeds(t)
	var wf *partnergraph.Edge
	for _, e := range g.Out("org:westminster-foundation", partnergraph.EdgeFunded) {
		wf = e
	}
	if wf == nil || wf.AmountText != "£250,000" || wf.Amount == nil || *wf.Amount != 250000 || wf.Currency != "GBP" {
		t.Errorf("Westminster Foundation funding = %+v", wf)
	}
	group := g.Node("council:north-warwickshire-borough-council-labour-and-co-operative-group")
	if group == nil || group.CouncilType != "Political group" {
		t.Errorf("political group = %+v", group)
	}
	if g.Node("council:col") == nil {
		t.Error("Colchester (Borough and City Council) must be one council node")
	}
}

// Every quote must be the document's own words on the lines it cites
// (line breaks read as spaces).
func TestEveryQuoteOccursInItsLines(t *testing.T) {
	g, _ := loadSeeds(t)
	docs := map[string][]string{}
	for _, f := range []string{"000_f4759afe0b904a7c.txt", "004_0c21b22ad762fdcb.txt"} {
		b, err := os.ReadFile(filepath.Join("../seeds", f))
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = strings.Split(string(b), "\n")
	}
	check := func(owner string, evs []partnergraph.Evidence) {
		if len(evs) == 0 {
			t.Errorf("%s has no evidence", owner)
		}
		for _, ev := range evs {
			lines := docs[ev.File]
			if ev.LineStart < 1 || ev.LineEnd > len(lines) || ev.LineStart > ev.LineEnd {
				t.Errorf("%s: bad line span %d-%d", owner, ev.LineStart, ev.LineEnd)
				continue
			}
			span := strings.Join(strings.Fields(strings.Join(lines[ev.LineStart-1:ev.LineEnd], " ")), " ")
			quote := strings.Join(strings.Fields(ev.Quote), " ")
			if ev.Rule != "document" && (quote == "" || !strings.Contains(span, quote)) {
				t.Errorf("%s: quote %q not on lines %d-%d of %s", owner, ev.Quote, ev.LineStart, ev.LineEnd, ev.File)
			}
		}
	}
	for _, n := range g.Nodes() {
		check(n.ID, n.Evidence)
	}
	for _, e := range g.Edges() {
		check(e.ID, e.Evidence)
	}
}

func TestLoadIsDeterministic(t *testing.T) {
	a, _ := loadSeeds(t)
	b, _ := loadSeeds(t)
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("two loads of the same documents differ")
	}
}

func TestBadDocumentsAreReportedAndOthersLoad(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../seeds/004_0c21b22ad762fdcb.txt")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"good.txt":   good,
		"empty.txt":  []byte("  \n"),
		"binary.txt": {'a', 0, 'b'},
		"latin1.md":  []byte("caf\xe9 Council\n"),
		"big.txt":    []byte(strings.Repeat("x", len(good)+1000)),
		"notes.pdf":  []byte("ignored"),
		"README.md":  []byte("# about this folder"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, rep, err := Load(context.Background(), dir, Options{MaxFileSize: 500 + int64(len(good))})
	if err != nil {
		t.Fatal(err)
	}
	// latin1.md is not UTF-8: it is read as Windows-1252, with a warning.
	if g.NodeCount() == 0 || len(rep.Documents) != 2 {
		t.Errorf("the good document must load: %d nodes, %d documents", g.NodeCount(), len(rep.Documents))
	}
	want := map[string]string{"empty.txt": "empty", "binary.txt": "binary", "big.txt": "over the"}
	got := map[string]string{}
	for _, s := range rep.Skipped {
		got[s.File] = s.Err
	}
	for f, msg := range want {
		if !strings.Contains(got[f], msg) {
			t.Errorf("%s: error %q, want it to say %q", f, got[f], msg)
		}
	}
	if len(got) != 3 {
		t.Errorf("skipped = %v", rep.Skipped)
	}
	_, rep, err = Load(context.Background(), dir, Options{MaxFileSize: 10})
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("a folder with no readable document must be an error naming it, got %v", err)
	}
	var sb strings.Builder
	rep.Write(&sb, false)
	if !strings.Contains(sb.String(), "good.txt") || !strings.Contains(sb.String(), "over the 10-byte limit") {
		t.Errorf("report must name skipped files and why:\n%s", sb.String())
	}
}

func TestEmptyOrMissingFolderIsAnError(t *testing.T) {
	for _, dir := range []string{t.TempDir(), filepath.Join(t.TempDir(), "missing")} {
		if _, _, err := Load(context.Background(), dir, Options{}); err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("Load(%s) error = %v, want one naming the folder", dir, err)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
