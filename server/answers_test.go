package server

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/textmatch"
)

// Answers clients can trust, checked over the seed reports against the
// graph itself (no names are written here).

func TestFundingTotalsAddUp(t *testing.T) {
	h := seeded(t)
	var sum float64
	var after any
	var flows struct {
		FundingFlows struct {
			ByCouncil struct {
				Edges    []struct{ Total float64 }
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
			ToNoCouncil, Total float64
		}
	}
	for {
		data, errs := post(t, h, `query($a: String) { fundingFlows { byCouncil(first: 100, after: $a) { edges { total } pageInfo { hasNextPage endCursor } } toNoCouncil total } }`, map[string]any{"a": after})
		if len(errs) != 0 || json.Unmarshal(data, &flows) != nil {
			t.Fatalf("%v %s", errs, data)
		}
		for _, e := range flows.FundingFlows.ByCouncil.Edges {
			sum += e.Total
		}
		if !flows.FundingFlows.ByCouncil.PageInfo.HasNextPage {
			break
		}
		after = flows.FundingFlows.ByCouncil.PageInfo.EndCursor
	}
	f := flows.FundingFlows
	if f.Total <= 0 || math.Abs(sum+f.ToNoCouncil-f.Total) > 1e-6*f.Total {
		t.Errorf("byCouncil %.2f + toNoCouncil %.2f = %.2f, total %.2f", sum, f.ToNoCouncil, sum+f.ToNoCouncil, f.Total)
	}
}

func TestFundedByCountsFundingOfTheInitiativesACouncilLeads(t *testing.T) {
	h := seeded(t)
	g, err := seedStore.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checked, self := 0, 0
	for _, c := range g.Nodes() {
		if c.Kind != pg.KindCouncil {
			continue
		}
		want := 0
		targets := map[string]bool{c.ID: true}
		for _, l := range g.Out(c.ID, pg.EdgeLeads) {
			targets[l.Target] = true
		}
		for id := range targets {
			for _, e := range g.In(id, pg.EdgeFunded) {
				if e.Source == c.ID && e.Target == c.ID {
					continue
				}
				want++
				if e.Source == c.ID {
					self++
				}
			}
		}
		if want == 0 {
			continue
		}
		checked++
		data, errs := post(t, h, `query($id: ID!) { council(id: $id) { fundedBy(first: 100) { totalCount } } }`, map[string]any{"id": c.ID})
		var resp struct {
			Council struct{ FundedBy struct{ TotalCount int } }
		}
		if len(errs) != 0 || json.Unmarshal(data, &resp) != nil {
			t.Fatalf("%v %s", errs, data)
		}
		if resp.Council.FundedBy.TotalCount != want {
			t.Errorf("%s: fundedBy has %d relationships, the graph %d", c.ID, resp.Council.FundedBy.TotalCount, want)
		}
	}
	if checked == 0 || self == 0 {
		t.Fatalf("checked %d councils, %d relationships from a council to its own initiative: the seeds no longer exercise this", checked, self)
	}
}

func TestNetworkIDsAreTheNetworks(t *testing.T) {
	h := seeded(t)
	council := busiestCouncil(t, h).ID
	data, errs := post(t, h, `query($c: ID!) { a: network(center: $c, depth: 1) { nodes { id nodeId } edges { id edgeId } }
		b: network(center: $c, depth: 2) { nodes { id nodeId } edges { id edgeId } } }`, map[string]any{"c": council})
	type net struct {
		Nodes []struct{ ID, NodeID string }
		Edges []struct{ ID, EdgeID string }
	}
	var resp struct{ A, B net }
	if len(errs) != 0 || json.Unmarshal(data, &resp) != nil {
		t.Fatalf("%v %s", errs, data)
	}
	g, _ := seedStore.Snapshot(context.Background())
	ids := map[string]string{}
	for which, n := range map[string]net{"a": resp.A, "b": resp.B} {
		if len(n.Nodes) == 0 || len(n.Edges) == 0 {
			t.Fatalf("network %s is empty", which)
		}
		for _, x := range n.Nodes {
			if g.Node(x.ID) != nil || g.Node(x.NodeID) == nil {
				t.Errorf("network %s: node id %q, nodeId %q: the id must not be a global id, nodeId must", which, x.ID, x.NodeID)
			}
			if prev, ok := ids[x.ID]; ok && prev != which {
				t.Errorf("node id %s is in two networks", x.ID)
			}
			ids[x.ID] = which
		}
		for _, e := range n.Edges {
			if e.ID == e.EdgeID || e.EdgeID == "" {
				t.Errorf("network %s: edge id %q, edgeId %q", which, e.ID, e.EdgeID)
			}
		}
	}
}

func TestUnknownIDNullsOnlyItsField(t *testing.T) {
	h := seeded(t)
	g, _ := seedStore.Snapshot(context.Background())
	var known string
	for _, n := range g.Nodes() {
		if n.Kind == pg.KindCouncil {
			known = n.ID
			break
		}
	}
	r := postJSON(t, h, query(`query($id: ID!) { a: council(id: $id) { id } b: council(id: "council:nope") { id } c: document(id: "doc:nope") { id } }`, map[string]any{"id": known}))
	var d struct {
		A *struct{ ID string }
		B *struct{ ID string }
		C *struct{ ID string }
	}
	if err := json.Unmarshal(r.data, &d); err != nil || d.A == nil || d.A.ID != known || d.B != nil || d.C != nil {
		t.Fatalf("data %s", r.data)
	}
	if len(r.errors) != 2 || firstCode(r) != CodeNotFound {
		t.Errorf("errors %s", r.body)
	}
}

func TestSearchRanksACouncilAbovePlacesNamedAfterItsTown(t *testing.T) {
	h := seeded(t)
	g, _ := seedStore.Snapshot(context.Background())
	tried := 0
	for _, c := range g.Nodes() {
		if c.Kind != pg.KindCouncil {
			continue
		}
		place := ""
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			if place = councilPlace(name); place != "" {
				break
			}
		}
		if place == "" {
			continue
		}
		tried++
		data, errs := post(t, h, `query($q: String!) { search(text: $q, first: 3) { edges { score node { __typename ... on Council { id } ... on Organisation { id } ... on Initiative { id } ... on Document { id } } } } }`, map[string]any{"q": place})
		var resp struct {
			Search struct {
				Edges []struct {
					Score float64
					Node  struct{ Typename, ID string } `json:"node"`
				}
			}
		}
		if len(errs) != 0 || json.Unmarshal(data, &resp) != nil {
			t.Fatalf("%v %s", errs, data)
		}
		if len(resp.Search.Edges) == 0 {
			t.Errorf("search %q finds nothing", place)
			continue
		}
		first := resp.Search.Edges[0]
		if !strings.HasPrefix(first.Node.ID, "council:") && first.Score < 1 {
			t.Errorf("search %q ranks %s (%.3f) first, above the council %s", place, first.Node.ID, first.Score, c.ID)
		}
	}
	if tried == 0 {
		t.Fatal("no council to search for")
	}
}

// councilPlace is the town a council is named after, when its name is
// "<town> Council" or "City of <town> Council".
func councilPlace(name string) string {
	t := textmatch.Tokens(name)
	if len(t) < 2 || t[len(t)-1] != "council" {
		return ""
	}
	t = t[:len(t)-1]
	if len(t) > 2 && t[0] == "city" && t[1] == "of" {
		t = t[2:]
	}
	for _, w := range t {
		switch w {
		case "city", "borough", "county", "district", "metropolitan", "london", "royal", "of":
			return ""
		}
	}
	return strings.Join(t, " ")
}

// The partner, participation, shared-partner and collaboration lists come
// from the service already in the order their pages are cut in (the API pages them
// in place, explore.PageInOrder): checked for every actor of the seed graph.
func TestListsComeInTheirPageOrder(t *testing.T) {
	seeded(t)
	ctx := context.Background()
	s := &explore.Service{Store: seedStore}
	var actors, councils []string
	for _, k := range []pg.Kind{pg.KindCouncil, pg.KindOrganisation} {
		nodes, _, err := seedStore.List(ctx, pg.ListQuery{Kinds: []pg.Kind{k}})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range nodes {
			actors = append(actors, n.ID)
			if k == pg.KindCouncil {
				councils = append(councils, n.ID)
			}
		}
	}
	inOrder := func(what string, keys []explore.Key, o explore.Ordering) {
		t.Helper()
		for i := 1; i < len(keys); i++ {
			a, b := keys[i-1], keys[i]
			less := a.Str < b.Str || (a.Str == b.Str && a.ID < b.ID)
			if a.Num != b.Num {
				less = (a.Num < b.Num) != o.Desc
			}
			if !less {
				t.Fatalf("%s: %v comes before %v", what, a, b)
			}
		}
	}
	partners, err := s.CachedPartners(ctx, actors)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := s.Participations(ctx, actors)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, id := range actors {
		var pk, ik []explore.Key
		for _, p := range partners[id] {
			pk = append(pk, explore.PartnerKey(p))
		}
		for _, p := range parts[id] {
			ik = append(ik, explore.ParticipationKey(p))
		}
		inOrder(id+" partners", pk, explore.ByName)
		inOrder(id+" initiatives", ik, explore.ByName)
		checked += len(pk) + len(ik)
	}
	for i := 0; i+1 < len(councils); i++ {
		shared, err := s.SharedPartners(ctx, councils[i:min(i+3, len(councils))], explore.SharedAny, 1)
		if err != nil {
			t.Fatal(err)
		}
		var keys []explore.Key
		for _, sp := range shared {
			keys = append(keys, explore.SharedKey(sp))
		}
		inOrder(councils[i]+" shared partners", keys, explore.ByShared)
		checked += len(keys)
	}
	for _, id := range actors {
		cs, err := s.Collaborators(ctx, id, 1)
		if err != nil {
			t.Fatal(err)
		}
		var keys []explore.Key
		for _, c := range cs {
			keys = append(keys, explore.CollaborationKey(c))
		}
		inOrder(id+" collaborations", keys, explore.ByDistance)
		checked += len(keys)
	}
	if checked < 100 {
		t.Fatalf("only %d list items checked", checked)
	}
}
