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
		{ID: "org:age-uk", Kind: partnergraph.KindOrganisation, Name: "Age UK"},
		{ID: "org:age-uk-ltd", Kind: partnergraph.KindOrganisation, Name: "Age UK Ltd", Aliases: []string{"AUK"}},
		{ID: "org:phrase", Kind: partnergraph.KindOrganisation, Name: "Public Health"},
	} {
		g.AddNode(n)
	}
	for _, e := range []*partnergraph.Edge{
		{Kind: partnergraph.EdgeLeads, Source: "council:a", Target: "initiative:a:hub"},
		{Kind: partnergraph.EdgePartnerIn, Source: "org:age-uk-ltd", Target: "initiative:a:hub", Evidence: []partnergraph.Evidence{{DocumentID: "doc:x", Quote: "with Age UK Ltd"}}},
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
  - into: org:age-uk
    from: [org:age-uk-ltd]
rename:
  - id: org:age-uk
    name: Age UK (national charity)
sector:
  - id: org:age-uk
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
	age := g.Node("org:age-uk")
	if g.Node("org:age-uk-ltd") != nil || age == nil || age.Name != "Age UK (national charity)" || age.Sector != partnergraph.SectorVoluntary {
		t.Fatalf("after curation: %+v", age)
	}
	for _, alias := range []string{"Age UK", "Age UK Ltd", "AUK"} {
		if !contains(age.Aliases, alias) {
			t.Errorf("aliases %v lack %q", age.Aliases, alias)
		}
	}
	e := g.Edge(partnergraph.EdgeID(partnergraph.EdgePartnerIn, "org:age-uk", "initiative:a:hub"))
	if e == nil || len(e.Evidence) != 1 {
		t.Errorf("the merged node must take over the relationships with their evidence: %+v", e)
	}
	if g.Node("org:phrase") != nil || len(g.In("initiative:a:hub")) != 2 {
		t.Errorf("exclude must remove the node and its relationships")
	}
}

func TestCurationErrorsNameTheRule(t *testing.T) {
	tests := []struct{ yaml, says string }{
		{"merge:\n  - into: org:nope\n    from: [org:age-uk]\n", `merge[0].into: no node has id "org:nope"`},
		{"merge:\n  - into: org:age-uk\n    from: [council:a]\n", "merge[0].from[0]: council:a is a Council"},
		{"rename:\n  - id: org:age-uk\n", "rename[0].name: empty"},
		{"sector:\n  - id: org:age-uk\n    sector: charity\n", `sector[0]: "charity" is not a sector`},
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
