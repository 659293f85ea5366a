package explore

import (
	"sort"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/textmatch"
)

// PlaceScore is the score of a council whose place name is the text
// searched for ("falkirk" finds Falkirk Council): above any prefix match
// (at most 0.9), so that the council comes before a castle or a health
// board named after its town, and below an exact match of a whole name (1).
const PlaceScore = 0.95

// Words that say what kind of council a name is rather than where it is.
var (
	councilSuffix = map[string]bool{"council": true, "city": true, "borough": true, "county": true, "district": true, "metropolitan": true}
	councilPrefix = map[string]bool{"london": true, "royal": true, "borough": true, "city": true, "county": true, "of": true, "the": true, "council": true}
)

// placeName is a council's name without the words that say what kind of
// council it is: "London Borough of Camden" -> "camden", "City of York
// Council" -> "york", "Falkirk Council" -> "falkirk".
func placeName(name string) string {
	t := textmatch.Tokens(name)
	for len(t) > 0 && councilSuffix[t[len(t)-1]] {
		t = t[:len(t)-1]
	}
	for len(t) > 0 && councilPrefix[t[0]] {
		t = t[1:]
	}
	return strings.Join(t, " ")
}

// isPlaceOf tells whether q (normalised) is the place name of the
// council's name or of one of its aliases.
func isPlaceOf(n *pg.Node, q string) bool {
	if placeName(n.Name) == q {
		return true
	}
	for _, a := range n.Aliases {
		if placeName(a) == q {
			return true
		}
	}
	return false
}

// rankPlaces lifts councils whose place name is the text to PlaceScore and
// sorts again, best first; ties keep the store's order (by name).
func rankPlaces(text string, hits []pg.SearchHit) []pg.SearchHit {
	q := textmatch.Normalize(text)
	if q == "" {
		return hits
	}
	lifted := false
	for i, h := range hits {
		if h.Node.Kind == pg.KindCouncil && h.Score < PlaceScore && isPlaceOf(h.Node, q) {
			hits[i].Score = PlaceScore
			lifted = true
		}
	}
	if lifted {
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	}
	return hits
}
