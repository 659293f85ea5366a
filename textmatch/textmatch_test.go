package textmatch

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"St Mary’s & Co.", "saint marys and co"},
		{"Telford & Wrekin", "telford and wrekin"},
		{"  Crème  UK ", "creme uk"},
		{"Barlow + Finch", "barlow and finch"},
		{"Aldwinkle's Society", "aldwinkles society"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	ix := NewIndex()
	ix.Add("council:tfw", "Telford & Wrekin Council", []string{"Telford and Wrekin"})
	ix.Add("org:alz", "Aldwinkle’s Society", nil)
	ix.Add("org:stm", "Saint Mungo's", []string{"St Mungos"})
	ix.Add("org:age", "Age Forum South Tyneside", nil)
	ix.Add("council:sty", "South Tyneside Council", nil)

	tests := []struct {
		query     string
		wantFirst string
		wantField string
		wantAll   []string
	}{
		{"telford and wrekin council", "council:tfw", "name", nil},
		{"Telford and Wrekin", "council:tfw", "alias", nil},
		{"aldwinkles", "org:alz", "name", nil},
		{"Aldwinles Socety", "org:alz", "name", nil}, // two typos
		{"St Mungo's", "org:stm", "name", nil},
		{"south tyneside", "council:sty", "name", []string{"council:sty", "org:age"}},
		{"tyneside", "", "", []string{"council:sty", "org:age"}}, // the tighter match first
		{"zzzz", "", "", []string{}},
		{"   ", "", "", []string{}},
	}
	for _, tt := range tests {
		got := ix.Search(tt.query)
		if tt.wantFirst != "" {
			if len(got) == 0 || got[0].ID != tt.wantFirst || got[0].Field != tt.wantField {
				t.Errorf("Search(%q) = %+v, want first %s via %s", tt.query, got, tt.wantFirst, tt.wantField)
			}
		}
		if tt.wantAll != nil {
			ids := []string{}
			for _, m := range got {
				ids = append(ids, m.ID)
			}
			if !slices.Equal(ids, tt.wantAll) {
				t.Errorf("Search(%q) ids = %v, want %v", tt.query, ids, tt.wantAll)
			}
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score > got[i-1].Score {
				t.Errorf("Search(%q) not sorted by score: %+v", tt.query, got)
			}
		}
	}
}
