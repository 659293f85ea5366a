package loader

import (
	"testing"

	"github.com/partnergraph/partnergraph/gazetteer"
)

func TestFindCouncils(t *testing.T) {
	gaz := gazetteer.Default()
	tests := []struct {
		text string
		want []string // ids
	}{
		{"Leader of Basildon Borough Council and Chair", []string{"council:bai"}},
		{"the London Borough of Havering set up", []string{"council:hav"}},
		{"Rotherham Council issued an appeal", []string{"council:rot"}},
		{"Hammersmith & Fulham Council and Hammersmith and Fulham Council", []string{"council:hmf", "council:hmf"}},
		{"Northtown Town Council acted", []string{"council:northtown-town-council"}},
		{"North Kesteven District Council Labour and Co-operative Group", []string{"council:north-kesteven-district-council-labour-and-co-operative-group"}},
		{"Derbyshire Dales District Councils – Support", []string{"council:deb"}},
		{"Erewash Borough council leading", []string{"council:ere"}},
		{"the Council said and the County Council's fund", nil},
		{"Hartlepool Borough Council’s hub", []string{"council:hpl"}},
	}
	for _, tt := range tests {
		got := findCouncils(tt.text, gaz)
		var ids []string
		for _, m := range got {
			ids = append(ids, m.ref.id())
		}
		if len(ids) != len(tt.want) {
			t.Errorf("findCouncils(%q) = %v, want %v", tt.text, ids, tt.want)
			continue
		}
		for i := range ids {
			if ids[i] != tt.want[i] {
				t.Errorf("findCouncils(%q) = %v, want %v", tt.text, ids, tt.want)
			}
		}
	}
}

func TestClippedFrom(t *testing.T) {
	tests := []struct {
		abbr, name string
		want       bool
	}{
		{"norbea", "Northtown Business Enterprise Agency", true},
		{"nbea", "Northtown Business Enterprise Agency", true},
		{"cvs", "Council for Voluntary Service", true},
		{"norbe", "Northtown Business Enterprise Agency", false}, // a word left out
		{"norbeax", "Northtown Business Enterprise Agency", false},
		{"bea", "Northtown Business Enterprise Agency", false}, // must start at the first word
		{"hope", "Homelessness Options Partnership Enterprise", true},
	}
	for _, tt := range tests {
		if got := clippedFrom(tt.abbr, significantWords(tt.name)); got != tt.want {
			t.Errorf("clippedFrom(%q, %q) = %v, want %v", tt.abbr, tt.name, got, tt.want)
		}
	}
}

func TestTownCouncilAfterARole(t *testing.T) {
	ms := findCouncils("the Chair of Northtown Town Council said", gazetteer.Default())
	if len(ms) != 1 || ms[0].ref.name != "Northtown Town Council" {
		var got []string
		for _, m := range ms {
			got = append(got, m.ref.name)
		}
		t.Errorf("councils = %q, want the town council without the role", got)
	}
}
