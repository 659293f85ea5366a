package loader

import (
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph/gazetteer"
)

// TestSegment runs the segmenter over small documents in each layout it
// knows: the "At a glance" box, council headings (with a heading wrapped
// over two lines and a paragraph of the neighbouring column), and the
// fallback that groups paragraphs around the councils they name.
func TestSegment(t *testing.T) {
	type study struct {
		council, title      string
		firstLine, lastLine int
	}
	tests := []struct {
		name   string
		lines  []string
		layout string
		want   []study
	}{
		{"at a glance", []string{
			"Chapter 1: Response", // 1
			"",
			"Basildon Borough Council", // 3
			"",
			"Food for All",
			"",
			"A food network kept residents fed.",
			"",
			"Context",
			"",
			"The council worked with the Basildon Food Trust to deliver parcels.",
			"",
			"At a glance", // 13
			"Council:\tBasildon Borough Council",
			"Activity:\tFood distribution network",
			"",
			"Rotherham Council", // 17
			"",
			"Digital Doorstep",
			"",
			"Devices for residents who were shielding.",
			"",
			"Context",
			"",
			"Rotherham Council lent tablets to older residents with Acme Care Rotherham.",
			"",
			"At a glance", // 27
			"Council:\tRotherham Council",
			"Activity:\tDevice lending",
		}, "at-a-glance", []study{
			{"council:bai", "Food for All", 3, 15},
			{"council:rot", "Digital Doorstep", 17, 29},
		}},
		{"council headings", []string{
			"Basildon Borough Council – Community Food",
			"Hub",
			"The council opened a food hub with local churches in the first week of lockdown.",
			"",
			"Rotherham Council: Shielding Support",
			"",
			"Rotherham Council phoned every shielding resident.",
			"",
			"Basildon volunteers delivered from the hub every day.",
		}, "council-headings", []study{
			{"council:bai", "Community Food Hub", 1, 9},
			{"council:rot", "Shielding Support", 5, 7},
		}},
		{"single story", []string{
			"Councils across the country acted quickly.",
			"",
			"In Basildon Borough Council's area, volunteers delivered food parcels to families.",
			"",
			"Rotherham Council set up a helpline that answered calls from residents.",
		}, "single-story", []study{
			// one page, one story: led by the council named first when the title names none
			{"council:bai", "Councils across the country acted quickly", 1, 5},
		}},
		{"a block of story links is no set of council headings", []string{
			"Grant for Northtown Pantry",
			"",
			"Related articles",
			"",
			"Rotherham Council Opens New Library",
			"",
			"Basildon Borough Council Wins Award",
			"",
			"Basildon Borough Council gave Northtown Pantry £6,000 for its food parcels.",
		}, "single-story", []study{
			// without the block dropped, the two headlines would open two case studies
			{"council:bai", "Grant for Northtown Pantry", 1, 9},
		}},
	}
	gaz := gazetteer.Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := validate(Source{Name: "t.txt", Data: []byte(strings.Join(tt.lines, "\n") + "\n")}, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			studies, layout := segment(doc, paragraphs(doc), gaz)
			var got []study
			for _, cs := range studies {
				got = append(got, study{cs.council.id(), cs.title, cs.firstLine, cs.lastLine})
			}
			if layout != tt.layout || len(got) != len(tt.want) {
				t.Fatalf("layout %q, studies %+v; want %q, %+v", layout, got, tt.layout, tt.want)
			}
			for i := range got {
				w := tt.want[i]
				if got[i] != w && (w.title != "" || got[i].council != w.council) {
					t.Errorf("study %d = %+v, want %+v", i, got[i], w)
				}
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"## Food Banks **To Receive** £100K Funding", "Food Banks To Receive £100K Funding"},
		{"**Acme Trust**’s community response.", "Acme Trust’s community response"},
		{"date 2020-05-01 Council opens hub", "Council opens hub"},
		{"Plain  title   with spaces", "Plain title with spaces"},
		{"Fund*", "Fund"},
	}
	for _, tc := range tests {
		if got := cleanTitle(tc.in); got != tc.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEndsOpen(t *testing.T) {
	for line, want := range map[string]bool{
		"Food Hub":                                      false,
		"Help for the Hub Volunteers":                   false,
		", alongside the Acme Trust and the":            true,
		"Leader Councillor Jo Bloggs praised those who": true,
		"shaping the local food response":               false,
		"worked with the Acme Trust,":                   true,
		"and":                                           false, // one word: not a line of a sentence
	} {
		if got := endsOpen(line); got != want {
			t.Errorf("endsOpen(%q) = %v, want %v", line, got, want)
		}
	}
}
