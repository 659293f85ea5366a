package explore

import (
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

func TestPlaceName(t *testing.T) {
	for name, want := range map[string]string{
		"Falkirk Council":                       "falkirk",
		"London Borough of Camden":              "camden",
		"City of York Council":                  "york",
		"Royal Borough of Kingston upon Thames": "kingston upon thames",
		"Council of the Isles of Scilly":        "isles of scilly",
		"Bridgend County Borough Council":       "bridgend",
		"Council":                               "",
	} {
		if got := placeName(name); got != want {
			t.Errorf("placeName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCouncilRanksAbovePlacesNamedAfterItsTown(t *testing.T) {
	// As a store ranks them: prefix matches, the shorter name first.
	hits := []pg.SearchHit{
		{Node: &pg.Node{ID: "org:x-castle", Kind: pg.KindOrganisation, Name: "Exton Castle"}, Score: 0.85},
		{Node: &pg.Node{ID: "council:x", Kind: pg.KindCouncil, Name: "Exton Council"}, Score: 0.846},
		{Node: &pg.Node{ID: "org:x-board", Kind: pg.KindOrganisation, Name: "Exton Health Board"}, Score: 0.82},
		{Node: &pg.Node{ID: "council:y", Kind: pg.KindCouncil, Name: "Exton and Wyeside Council"}, Score: 0.6},
	}
	got := rankPlaces("exton", hits)
	if got[0].Node.ID != "council:x" || got[0].Score != PlaceScore || got[1].Node.ID != "org:x-castle" || got[3].Node.ID != "council:y" {
		t.Errorf("ranked %v", ids(got))
	}
	// An exact match of a whole name still comes first.
	hits = []pg.SearchHit{
		{Node: &pg.Node{ID: "org:x", Kind: pg.KindOrganisation, Name: "Exton"}, Score: 1},
		{Node: &pg.Node{ID: "council:x", Kind: pg.KindCouncil, Name: "Exton Council"}, Score: 0.846},
	}
	if got := rankPlaces("exton", hits); got[0].Node.ID != "org:x" {
		t.Errorf("ranked %v", ids(got))
	}
}

func ids(hits []pg.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Node.ID)
	}
	return out
}
