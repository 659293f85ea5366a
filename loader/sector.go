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

// sectorByWord is, for each one-word entry w of sectorWords and its plural
// w+"s", the first list holding it; sectorPhrases are the entries of more
// than one word, padded as classify looks for them (" w " and " ws "), with
// their list. classify reads a name's words in the first and looks for the
// few phrases, instead of looking for every entry in the name.
var sectorByWord, sectorPhrases = func() (map[string]int, []sectorPhrase) {
	words := map[string]int{}
	var phrases []sectorPhrase
	for i, sw := range sectorWords {
		for _, w := range sw.words {
			if strings.Contains(w, " ") {
				phrases = append(phrases, sectorPhrase{i, " " + w + " ", " " + w + "s "})
				continue
			}
			for _, form := range []string{w, w + "s"} {
				if _, ok := words[form]; !ok {
					words[form] = i
				}
			}
		}
	}
	return words, phrases
}()

type sectorPhrase struct {
	list         int
	padded, plur string
}

// classify assigns a sector from the words of the name and its aliases,
// and from the list a business was named in: the first list of
// sectorWords holding a word of theirs, whole (" w " in the name, its
// words spaced), or with an "s".
func classify(m *mention) partnergraph.Sector {
	name := " " + strings.ToLower(m.name) + " "
	for _, a := range m.aliases {
		name += strings.ToLower(a) + " "
	}
	best := len(sectorWords)
	// " w " is in the name exactly when a piece of it between two spaces is w
	for rest := name; rest != ""; {
		w, after, _ := strings.Cut(rest, " ")
		if i, ok := sectorByWord[w]; ok && i < best {
			best = i
		}
		rest = after
	}
	for _, p := range sectorPhrases {
		if p.list < best && (strings.Contains(name, p.padded) || strings.Contains(name, p.plur)) {
			best = p.list
		}
	}
	if best < len(sectorWords) {
		return sectorWords[best].sector
	}
	if m.business {
		return partnergraph.SectorBusiness
	}
	return partnergraph.SectorOther
}
