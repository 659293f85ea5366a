package loader

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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

// TestSeedsAgainstTheKey takes its facts from the answer key beside the
// repository rather than from names written here: the lead council of every
// keyed case study is a node that leads an initiative, most of the key's
// organisations are found, and each one found takes part in (or funds) an
// initiative of its council, with a quote that names it.
func TestSeedsAgainstTheKey(t *testing.T) {
	raw, err := os.ReadFile("../../shared/eval/gold/ccin-part1.json")
	if err != nil {
		t.Skipf("SKIPPED: no answer key beside the repository (%v)", err)
	}
	var key goldFile
	if err := json.Unmarshal(raw, &key); err != nil {
		t.Fatal(err)
	}
	g, _ := loadSeeds(t)
	byName := map[string]*partnergraph.Node{}
	for _, n := range g.Nodes() {
		for _, f := range append([]string{n.Name}, n.Aliases...) {
			byName[string(n.Kind)+":"+normName(f)] = n
		}
	}
	found, total := 0, 0
	for _, cs := range key.CaseStudies {
		if len(cs.Councils) == 0 {
			continue
		}
		lead := byName["Council:"+normName(cs.Councils[0].Name)]
		if lead == nil {
			for _, a := range cs.Councils[0].Aliases {
				if lead == nil {
					lead = byName["Council:"+normName(a)]
				}
			}
		}
		if lead == nil {
			t.Errorf("the key's council %q is not a node", cs.Councils[0].Name)
			continue
		}
		if len(g.Out(lead.ID, partnergraph.EdgeLeads)) == 0 && len(g.Out(lead.ID, partnergraph.EdgePartnerIn)) == 0 {
			t.Errorf("%s takes part in no initiative", lead.ID)
		}
		for _, o := range cs.Organisations {
			if o.Uncertain {
				continue
			}
			total++
			n := byName["Organisation:"+normName(o.Name)]
			if n == nil {
				continue
			}
			found++
			edges := append(g.Out(n.ID, partnergraph.EdgePartnerIn), g.Out(n.ID, partnergraph.EdgeFunded)...)
			if len(edges) == 0 {
				t.Errorf("%s was found but takes part in nothing", n.ID)
				continue
			}
			named := false
			for _, e := range edges {
				for _, ev := range e.Evidence {
					for _, f := range append([]string{n.Name}, n.Aliases...) {
						named = named || strings.Contains(normName(ev.Quote), normName(f))
					}
				}
			}
			if !named {
				t.Errorf("no quote of %s's relationships names it: %+v", n.ID, edges[0].Evidence)
			}
		}
	}
	if total == 0 || found*10 < total*7 {
		t.Errorf("found %d of the key's %d organisations; want at least 70%%", found, total)
	}
}

// TestGroupsAndMergedCouncils: a council political group is a council node
// PART_OF its council; two spellings of one authority are one node.
func TestGroupsAndMergedCouncils(t *testing.T) {
	text := "Basildon Borough Council – Community Food Hub\n\n" +
		"Basildon Borough Council Labour Group asked residents to volunteer, and Basildon Council thanked the Northtown Trust for its help.\n"
	g := loadText(t, text)
	var group *partnergraph.Node
	councils := 0
	for _, n := range g.Nodes() {
		if n.Kind == partnergraph.KindCouncil {
			councils++
			if n.CouncilType == "Political group" {
				group = n
			}
		}
	}
	if group == nil {
		t.Fatalf("no political group node in %v", g.Nodes())
	}
	if councils != 2 {
		t.Errorf("%d council nodes, want the council and its group", councils)
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

// TestGenericUnitIsNotASharedPartner: a unit named in words the page also
// writes in lower case ("public health") is one node per council, so two
// councils never appear to share it.
func TestGenericUnitIsNotASharedPartner(t *testing.T) {
	page := func(council string) string {
		return council + " – Food Hub\n\n" + council + " worked with Public Health, the Northtown Trust and Acme Stores on the hub. " +
			"Advice on public health shaped the hub.\n"
	}
	srcs := []Source{{Name: "a.txt", Data: []byte(page("Basildon Borough Council"))}, {Name: "b.txt", Data: []byte(page("Rotherham Council"))}}
	g, _, err := LoadDocuments(context.Background(), srcs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range g.Nodes() {
		if n.Kind == partnergraph.KindOrganisation && normName(n.Name) == "public health" {
			ids = append(ids, n.ID)
		}
	}
	if len(ids) == 1 {
		t.Errorf("one node %v for both councils' public health", ids)
	}
}

// loadText extracts the graph of one document, t.txt, holding text.
// organisationNames lists the names of g's organisations, sorted.
func organisationNames(g *partnergraph.Graph) []string {
	var orgs []string
	for _, n := range g.Nodes() {
		if n.Kind == partnergraph.KindOrganisation {
			orgs = append(orgs, n.Name)
		}
	}
	slices.Sort(orgs)
	return orgs
}

func loadText(t *testing.T, text string) *partnergraph.Graph {
	t.Helper()
	g, _, err := LoadDocuments(context.Background(), []Source{{Name: "t.txt", Data: []byte(text)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// fundedEdges are g's FUNDED relationships.
func fundedEdges(g *partnergraph.Graph) []*partnergraph.Edge {
	var out []*partnergraph.Edge
	for _, e := range g.Edges() {
		if e.Kind == partnergraph.EdgeFunded {
			out = append(out, e)
		}
	}
	return out
}

// TestShareListGifts: the items of a list after "from" or "by" share the
// funder model's call on one of them; a body named elsewhere in the
// sentence does not.
func TestShareListGifts(t *testing.T) {
	sentence := "With support from Acme Stores, the Zorbo Community foundation and the Northtown Trust, volunteers worked with Easton Hall."
	var orgs []*mention
	for _, name := range []string{"Acme Stores", "Zorbo Community foundation", "Northtown Trust", "Easton Hall"} {
		orgs = append(orgs, &mention{name: name, c: chunkOf(t, sentence, name)})
	}
	// one passage for all: chunkOf tokenises the sentence anew each time
	for _, m := range orgs[1:] {
		m.c.ps = orgs[0].c.ps
	}
	orgs[1].funder, orgs[1].fundEv = true, partnergraph.Evidence{Rule: "model:funder p=0.72", Confidence: 0.72}
	shareListGifts(orgs)
	for i, want := range []bool{true, true, true, false} {
		if orgs[i].funder != want {
			t.Errorf("%s: funder = %v, want %v", orgs[i].name, orgs[i].funder, want)
		}
	}
	if !strings.Contains(orgs[2].fundEv.Rule, "list-mate") {
		t.Errorf("the mate's rule = %q", orgs[2].fundEv.Rule)
	}
}

func TestBodyTarget(t *testing.T) {
	dc := bareDocContext()
	tests := []struct{ init, body, want string }{
		{"Food Parcel Scheme", "Northtown Trust", "Food Parcel Scheme"},
		{"The Northtown Community Fund", "Northtown Community Fund", ""},
		{"Northtown Community Fund", "Northtown Community Fund", ""},
	}
	for _, tt := range tests {
		if got := bodyTarget(tt.init, tt.body, dc); got != tt.want {
			t.Errorf("bodyTarget(%q, %q) = %q, want %q", tt.init, tt.body, got, tt.want)
		}
	}
}

// TestAnaphoricGiver: "They donated" gives the money of the body named just before.
func TestAnaphoricGiver(t *testing.T) {
	text := "Basildon Borough Council – Food Hub\n\nThe council worked with the Northtown Community Trust on the Food Hub. " +
		"The Trust donated £2,500 to the hub in May.\n"
	g := loadText(t, text)
	funded := fundedEdges(g)
	if len(funded) != 1 || funded[0].Source != "org:northtown-community-trust" || funded[0].AmountText != "£2,500" ||
		!strings.Contains(funded[0].Evidence[0].Rule, "via") {
		for _, e := range funded {
			t.Logf("%s %s %+v", e.ID, e.AmountText, e.Evidence)
		}
		t.Fatalf("want one FUNDED from the trust for £2,500 by anaphora, got %d", len(funded))
	}
}

// TestAnaphoricGiverIsTheCouncil: "It" goes back to the council, not to
// the body, when the council is named after the body (the nearer giver) or
// is the subject of the sentence that names the body: the body gets no
// FUNDED.
func TestAnaphoricGiverIsTheCouncil(t *testing.T) {
	for _, body := range []string{
		// the council named after the body
		"The Northtown Community Trust gets £6,000 from a grant the council announced. " +
			"It also agreed to fund the summer deliveries.",
		// the council the subject, the body named later in its sentence
		"The council is working with the Northtown Community Trust and volunteers. " +
			"It gave the village pantry £750 for heating.",
	} {
		text := "Basildon Borough Council – Food Hub\n\n" + body + "\n"
		for _, e := range fundedEdges(loadText(t, text)) {
			if e.Source == "org:northtown-community-trust" {
				t.Errorf("%q: the trust is a funder: %s %+v", body, e.ID, e.Evidence)
			}
		}
	}
}

// TestAppealRaisedAndShared: money an appeal raised and shared with
// charities makes the appeal a giver, an organisation instead of an
// initiative, with the amount raised.
func TestAppealRaisedAndShared(t *testing.T) {
	text := "Basildon Borough Council backing the Northtown Helps charities appeal\n\n" +
		"Raffles, quizzes and donations raised over £56,000, which has been shared with local charities such as the Northtown Community Trust.\n"
	g := loadText(t, text)
	funded := fundedEdges(g)
	if len(funded) != 1 || funded[0].Source != "org:northtown-helps" || funded[0].AmountText != "£56,000" {
		for _, e := range g.Edges() {
			t.Logf("%s %s %+v", e.ID, e.AmountText, e.Evidence)
		}
		t.Fatalf("want one FUNDED from the appeal for £56,000, got %d", len(funded))
	}
	if n := g.Node("initiative:basildon:northtown-helps"); n != nil {
		t.Errorf("the appeal is also an initiative: %+v", n)
	}
}

// TestGlanceBoxWithNoStory: a box with nothing before it is a study headed
// by the box, not a crash.
func TestGlanceBoxWithNoStory(t *testing.T) {
	for _, text := range []string{
		"At a glance\nCouncil: Basildon Borough Council\nActivity: Food deliveries\n",
		"Basildon Borough Council\n\nAt a glance\nCouncil: Basildon Borough Council\n",
	} {
		if _, _, err := LoadDocuments(context.Background(), []Source{{Name: "g.txt", Data: []byte(text)}}, Options{}); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}

// TestTypeOfBodyIsNotASharedPartner: "the Community Volunteer Service
// (CVS)" in one council's study and "the CVS" in another's are two bodies,
// however the alias is spelt.
func TestTypeOfBodyIsNotASharedPartner(t *testing.T) {
	srcs := []Source{
		{Name: "a.txt", Data: []byte("Basildon Borough Council – Food Hub\n\nBasildon Borough Council worked with the Community Volunteer Service (CVS) and the Northtown Trust on the hub. The CVS funded staff.\n")},
		{Name: "b.txt", Data: []byte("Rotherham Council – Care Hub\n\nRotherham Council worked with the CVS and the Westshire Trust on the hub.\n")},
	}
	g, _, err := LoadDocuments(context.Background(), srcs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	partnersOf := map[string]map[string]bool{} // organisation -> councils whose initiatives it is in
	leads := map[string]string{}
	for _, e := range g.Edges() {
		if e.Kind == partnergraph.EdgeLeads {
			leads[e.Target] = e.Source
		}
	}
	for _, e := range g.Edges() {
		if e.Kind == partnergraph.EdgePartnerIn && strings.HasPrefix(e.Source, "org:") {
			if partnersOf[e.Source] == nil {
				partnersOf[e.Source] = map[string]bool{}
			}
			partnersOf[e.Source][leads[e.Target]] = true
		}
	}
	cvs := 0
	for id, councils := range partnersOf {
		if strings.Contains(id, "cvs") || strings.Contains(id, "community-volunteer-service") {
			cvs++
			if len(councils) > 1 {
				t.Errorf("%s is a partner of %d councils", id, len(councils))
			}
		}
	}
	if cvs != 2 {
		t.Errorf("want one CVS node per council, got %d in %v", cvs, partnersOf)
	}
}

// TestCouncilUnitIsNoOrganisation: the words right after a council's name
// ("X Borough Council Children and Families Service") name its own unit,
// which neither the model nor list completion makes an organisation.
func TestCouncilUnitIsNoOrganisation(t *testing.T) {
	g := loadText(t, "Tamworth Borough Council – Food Hub\n\n"+
		"Tamworth Borough Council Children and Families Service worked with the Northtown Community Trust, Zorbo Foods and Acme Stores on the Food Hub.\n")
	if orgs, want := organisationNames(g), []string{"Acme Stores", "Northtown Community Trust", "Zorbo Foods"}; !slices.Equal(orgs, want) {
		t.Errorf("organisations %q, want %q", orgs, want)
	}
}

// TestDescribedNameIsAnOrganisation: a name the sentence introduces by its
// kind in lower case ("housing provider X", "advice agency X") is a body,
// though its own words say nothing of one.
func TestDescribedNameIsAnOrganisation(t *testing.T) {
	g := loadText(t, "Tamworth Borough Council – Food Hub\n\n"+
		"Tamworth Borough Council delivered parcels with housing provider Zorbonia, and advice agency QUELLenergy already helps householders.\n")
	if orgs, want := organisationNames(g), []string{"QUELLenergy", "Zorbonia"}; !slices.Equal(orgs, want) {
		t.Errorf("organisations %q, want %q", orgs, want)
	}
}

// TestGiftToAFundAnotherCouncilRuns: the lead council's money to a fund
// "set up by" another council makes that council the fund's lead, so the
// gift is from one council to the other.
func TestGiftToAFundAnotherCouncilRuns(t *testing.T) {
	text := "Basildon Borough Council – Harbour Help\n\nBasildon Borough Council are giving £7,000 to a special Harbour Action Fund set up by Essex County Council.\n"
	g := loadText(t, text)
	var funded, leads bool
	for _, e := range g.Edges() {
		if !strings.HasSuffix(e.Target, "harbour-action-fund") {
			continue
		}
		switch {
		case e.Kind == partnergraph.EdgeFunded && strings.Contains(e.Source, "council:"):
			funded = true
		case e.Kind == partnergraph.EdgeLeads:
			leads = true
		}
	}
	if !funded || !leads {
		for _, e := range g.Edges() {
			t.Logf("%s %s -> %s", e.Kind, e.Source, e.Target)
		}
		t.Errorf("funded=%v leads=%v; want both", funded, leads)
	}
}

// TestShortGiverNamedByTheTitle: a giver written short beside a short
// case-study title that names it in full is named by the title.
func TestShortGiverNamedByTheTitle(t *testing.T) {
	text := "Basildon Borough Council – Harbour Community Lottery\n\nFunds were matched from other sources (Harbour Lottery, Acme Stores, the Zorbo Trust) so the money went further.\n"
	var names []string
	for _, e := range fundedEdges(loadText(t, text)) {
		names = append(names, e.Source)
	}
	if !slices.Contains(names, "org:harbour-community-lottery") {
		t.Errorf("givers %q: want the lottery by its full name", names)
	}
}
