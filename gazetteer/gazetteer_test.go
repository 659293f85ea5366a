package gazetteer

import "testing"

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct{ name, code string }{
		{"Knowsley Metropolitan Borough Council", "KWL"},
		{"Knowsley Council", "KWL"},
		{"Telford & Wrekin Council", "TFW"},
		{"Telford and Wrekin Council", "TFW"},
		{"Colchester Borough Council", "COL"},
		{"Colchester City Council", "COL"}, // renamed, one authority
		{"City of Lincoln Council", "LIC"},
		{"Lincoln City Council", "LIC"},
		{"London Borough of Hillingdon", "HIL"},
		{"Hillingdon Borough Council", "HIL"},
		{"South Tyneside Council", "STY"},
		{"Cheshire West and Chester Council", "CHW"},
		{"Glasgow City Council", "GLG"},
		{"Cardiff Council", "CRF"},
	}
	for _, tt := range tests {
		a, ok := g.Lookup(tt.name)
		if !ok || a.Code != tt.code {
			got := "nothing"
			if ok {
				got = a.Code + " " + a.OfficialName
			}
			t.Errorf("Lookup(%q) = %s, want %s", tt.name, got, tt.code)
		}
	}
	for _, bad := range []string{"Northtown Town Council", "Council", "Mutual Aid"} {
		if a, ok := g.Lookup(bad); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", bad, a.OfficialName)
		}
	}
}

func TestAuthorityFields(t *testing.T) {
	a, ok := Default().ByCode("KWL")
	if !ok || a.GSSCode != "E08000011" || a.Region != "North West" || a.Nation != "England" || a.Lat == nil || a.TypeName != "Metropolitan district" {
		t.Errorf("KWL = %+v", a)
	}
	if Default().Len() < 400 {
		t.Errorf("only %d authorities", Default().Len())
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse("a,b\n1,2\n"); err == nil {
		t.Error("missing columns must be an error")
	}
	if _, err := Parse(""); err == nil {
		t.Error("an empty file must be an error")
	}
}
