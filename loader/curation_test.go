package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

func curationFixture(t *testing.T) *partnergraph.Graph {
	t.Helper()
	g := partnergraph.NewGraph()
	for _, n := range []*partnergraph.Node{
		{ID: "council:a", Kind: partnergraph.KindCouncil, Name: "A Council"},
		{ID: "initiative:a:hub", Kind: partnergraph.KindInitiative, Name: "Hub"},
		{ID: "org:acme-care", Kind: partnergraph.KindOrganisation, Name: "Acme Care UK"},
		{ID: "org:acme-care-ltd", Kind: partnergraph.KindOrganisation, Name: "Acme Care UK Ltd", Aliases: []string{"ACUK"}},
		{ID: "org:phrase", Kind: partnergraph.KindOrganisation, Name: "Public Health"},
	} {
		g.AddNode(n)
	}
	for _, e := range []*partnergraph.Edge{
		{Kind: partnergraph.EdgeLeads, Source: "council:a", Target: "initiative:a:hub"},
		{Kind: partnergraph.EdgePartnerIn, Source: "org:acme-care-ltd", Target: "initiative:a:hub", Evidence: []partnergraph.Evidence{{DocumentID: "doc:x", Quote: "with Acme Care UK Ltd"}}},
		{Kind: partnergraph.EdgePartnerIn, Source: "org:phrase", Target: "initiative:a:hub"},
	} {
		if _, err := g.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func writeCuration(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "curation.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCurationApplies(t *testing.T) {
	g := curationFixture(t)
	applied, err := applyCurationFile(g, writeCuration(t, `
merge:
  - into: org:acme-care
    from: [org:acme-care-ltd]
rename:
  - id: org:acme-care
    name: Acme Care UK (national charity)
sector:
  - id: org:acme-care
    sector: voluntary
exclude:
  - org:phrase
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 4 {
		t.Errorf("applied = %v", applied)
	}
	age := g.Node("org:acme-care")
	if g.Node("org:acme-care-ltd") != nil || age == nil || age.Name != "Acme Care UK (national charity)" || age.Sector != partnergraph.SectorVoluntary {
		t.Fatalf("after curation: %+v", age)
	}
	for _, alias := range []string{"Acme Care UK", "Acme Care UK Ltd", "ACUK"} {
		if !contains(age.Aliases, alias) {
			t.Errorf("aliases %v lack %q", age.Aliases, alias)
		}
	}
	e := g.Edge(partnergraph.EdgeID(partnergraph.EdgePartnerIn, "org:acme-care", "initiative:a:hub"))
	if e == nil || len(e.Evidence) != 1 {
		t.Errorf("the merged node must take over the relationships with their evidence: %+v", e)
	}
	if g.Node("org:phrase") != nil || len(g.In("initiative:a:hub")) != 2 {
		t.Errorf("exclude must remove the node and its relationships")
	}
}

func TestCurationErrorsNameTheRule(t *testing.T) {
	tests := []struct{ yaml, says string }{
		{"merge:\n  - into: org:nope\n    from: [org:acme-care]\n", `merge[0].into: no node has id "org:nope"`},
		{"merge:\n  - into: org:acme-care\n    from: [council:a]\n", "merge[0].from[0]: council:a is a Council"},
		{"rename:\n  - id: org:acme-care\n", "rename[0].name: empty"},
		{"sector:\n  - id: org:acme-care\n    sector: charity\n", `sector[0]: "charity" is not a sector`},
		{"exclude: [org:zzz]\n", `exclude[0]: no node has id "org:zzz"`},
		{"merges: []\n", "unknown field"},
		{"merge: [\n", "curation.yaml"},
	}
	for _, tt := range tests {
		p := writeCuration(t, tt.yaml)
		_, err := applyCurationFile(curationFixture(t), p)
		if err == nil || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: error %v, want it to name the file and say %q", tt.yaml, err, tt.says)
		}
	}
}

func TestShippedCurationFileIsValidAndEmpty(t *testing.T) {
	g := curationFixture(t)
	applied, err := applyCurationFile(g, "../seeds/curation.yaml")
	if err != nil || len(applied) != 0 {
		t.Errorf("seeds/curation.yaml must parse and apply nothing: %v %v", applied, err)
	}
}
