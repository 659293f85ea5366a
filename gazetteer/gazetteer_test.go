package gazetteer

import "testing"

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct{ name, code string }{
		{"Rotherham Metropolitan Borough Council", "ROT"},
		{"Rotherham Council", "ROT"},
		{"Hammersmith & Fulham Council", "HMF"},
		{"Hammersmith and Fulham Council", "HMF"},
		{"Southend-on-Sea Borough Council", "SOS"},
		{"Southend-on-Sea City Council", "SOS"}, // renamed, one authority
		{"City of Doncaster Council", "DNC"},
		{"Doncaster City Council", "DNC"},
		{"London Borough of Havering", "HAV"},
		{"Havering Borough Council", "HAV"},
		{"Hartlepool Borough Council", "HPL"},
		{"Basingstoke and Deane Borough Council", "BAN"},
		{"City of Edinburgh Council", "EDH"},
		{"Newport City Council", "NWP"},
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
	for _, bad := range []string{"Northtown Town Council", "Council", "Neighbourhood Help"} {
		if a, ok := g.Lookup(bad); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", bad, a.OfficialName)
		}
	}
}

func TestAuthorityFields(t *testing.T) {
	a, ok := Default().ByCode("ROT")
	if !ok || a.GSSCode != "E08000018" || a.Region != "Yorkshire and The Humber" || a.Nation != "England" || a.Lat == nil || a.TypeName != "Metropolitan district" {
		t.Errorf("ROT = %+v", a)
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
