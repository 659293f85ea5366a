package loader

import (
	"strings"

	"github.com/partnergraph/partnergraph"
)

// sectorWords classify an organisation by the words of its name, checked in
// order: the first list with a matching word wins.
var sectorWords = []struct {
	sector partnergraph.Sector
	words  []string
}{
	{partnergraph.SectorHealth, []string{"nhs", "ccg", "clinical", "health board", "hospital", "gp", "surgery", "medical", "pharmacy", "ambulance", "public health", "health", "who", "world health"}},
	{partnergraph.SectorGovernment, []string{"government", "department", "ministry", "executive", "parliament", "senedd", "cabinet office", "home office", "treasury", "defra", "dwp", "mhclg"}},
	{partnergraph.SectorEducation, []string{"university", "college", "school", "academy", "nursery", "education"}},
	{partnergraph.SectorFaith, []string{"church", "mosque", "temple", "synagogue", "gurdwara", "diocese", "faith", "interfaith", "christian", "muslim", "methodist", "baptist", "catholic", "parish church"}},
	{partnergraph.SectorHousing, []string{"housing", "homes", "housing association"}},
	{partnergraph.SectorPublic, []string{"police", "constabulary", "fire", "rescue", "agency", "authority", "forum", "commission", "jobcentre", "job centre", "post office", "growth hub", "gateway", "enterprise partnership"}},
	{partnergraph.SectorBusiness, []string{"ltd", "limited", "plc", "llp", "bank", "bakery", "supermarket", "company", "industries", "enterprises", "group plc", "retail", "stores"}},
	{partnergraph.SectorVoluntary, []string{"trust", "foundation", "society", "charity", "voluntary", "community", "foodbank", "food bank", "hospice", "network", "association", "action", "advice", "citizens", "concern", "aid", "collective", "centre", "volunteer", "alliance", "partnership", "forum", "club", "cooperative", "co-operative", "cvs"}},
}

// classify assigns a sector from the words of the name and its aliases,
// and from the list a business was named in.
func classify(m *mention) partnergraph.Sector {
	name := " " + strings.ToLower(m.name) + " "
	for _, a := range m.aliases {
		name += strings.ToLower(a) + " "
	}
	for _, sw := range sectorWords {
		for _, w := range sw.words {
			if strings.Contains(name, " "+w+" ") || strings.Contains(name, " "+w+"s ") {
				return sw.sector
			}
		}
	}
	if m.business {
		return partnergraph.SectorBusiness
	}
	return partnergraph.SectorOther
}
