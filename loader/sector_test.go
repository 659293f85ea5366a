package loader

import (
	"testing"

	"github.com/partnergraph/partnergraph"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name     string
		aliases  []string
		business bool
		want     partnergraph.Sector
	}{
		{"Northtown Clinical Commissioning Group", nil, false, partnergraph.SectorHealth},
		{"Department for Work and Pensions", nil, false, partnergraph.SectorGovernment},
		{"Northtown College", nil, false, partnergraph.SectorEducation},
		{"St Mary's Church", nil, false, partnergraph.SectorFaith},
		{"Northtown Homes", nil, false, partnergraph.SectorHousing},
		{"Northshire Fire and Rescue Service", nil, false, partnergraph.SectorPublic},
		{"Acme Widgets Ltd", nil, false, partnergraph.SectorBusiness},
		{"Northtown Foodbank", nil, false, partnergraph.SectorVoluntary},
		{"Women's Health in Northtown", []string{"WHIN"}, false, partnergraph.SectorHealth},
		{"Acme", nil, true, partnergraph.SectorBusiness}, // named in a list of businesses
		{"Acme", nil, false, partnergraph.SectorOther},
		{"Northtown Trusts", nil, false, partnergraph.SectorVoluntary}, // plural head
	}
	for _, tt := range tests {
		m := &mention{name: tt.name, aliases: tt.aliases, business: tt.business}
		if got := classify(m); got != tt.want {
			t.Errorf("classify(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
