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

// sectorPadded[i][j] is sectorWords[i].words[j] as classify looks for it,
// " w " and " ws ", spelt once rather than for every mention.
var sectorPadded = func() [][][2]string {
	out := make([][][2]string, len(sectorWords))
	for i, sw := range sectorWords {
		for _, w := range sw.words {
			out[i] = append(out[i], [2]string{" " + w + " ", " " + w + "s "})
		}
	}
	return out
}()

// classify assigns a sector from the words of the name and its aliases,
// and from the list a business was named in.
func classify(m *mention) partnergraph.Sector {
	name := " " + strings.ToLower(m.name) + " "
	for _, a := range m.aliases {
		name += strings.ToLower(a) + " "
	}
	for i, sw := range sectorWords {
		for _, w := range sectorPadded[i] {
			if strings.Contains(name, w[0]) || strings.Contains(name, w[1]) {
				return sw.sector
			}
		}
	}
	if m.business {
		return partnergraph.SectorBusiness
	}
	return partnergraph.SectorOther
}
