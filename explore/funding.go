package explore

import (
	"context"
	"sort"

	pg "github.com/partnergraph/partnergraph"
)

// Funding is one FUNDED relationship with both ends.
type Funding struct {
	Funder    *pg.Node
	Recipient *pg.Node
	Edge      *pg.Edge
}

// Funded returns, for each actor id, what it funded.
func (s *Service) Funded(ctx context.Context, actorIDs []string) (map[string][]Funding, error) {
	edges, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: actorIDs, Direction: pg.Outgoing, Kinds: []pg.EdgeKind{pg.EdgeFunded}})
	if err != nil {
		return nil, err
	}
	return s.fundings(ctx, edges, func(e *pg.Edge) string { return e.Source })
}

// FundedBy returns, for each actor or initiative id, who funded it; for a
// council or organisation that includes funding of the initiatives it leads,
// its own funding of them too (as FundingFlows counts it received).
func (s *Service) FundedBy(ctx context.Context, ids []string) (map[string][]Funding, error) {
	leads, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: ids, Direction: pg.Outgoing, Kinds: []pg.EdgeKind{pg.EdgeLeads}})
	if err != nil {
		return nil, err
	}
	owner := map[string][]string{} // recipient id -> ids asked about
	targets := append([]string(nil), ids...)
	for _, id := range ids {
		owner[id] = append(owner[id], id)
	}
	for _, e := range leads {
		owner[e.Target] = append(owner[e.Target], e.Source)
		targets = append(targets, e.Target)
	}
	edges, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: uniq(targets), Direction: pg.Incoming, Kinds: []pg.EdgeKind{pg.EdgeFunded}})
	if err != nil {
		return nil, err
	}
	var expanded []*pg.Edge
	var keys []string
	for _, e := range edges {
		for _, o := range uniq(owner[e.Target]) {
			if o == e.Source && e.Target == o {
				continue // a relationship from a node to itself funds nothing
			}
			expanded = append(expanded, e)
			keys = append(keys, o)
		}
	}
	i := -1
	return s.fundings(ctx, expanded, func(*pg.Edge) string { i++; return keys[i] })
}

func (s *Service) fundings(ctx context.Context, edges []*pg.Edge, key func(*pg.Edge) string) (map[string][]Funding, error) {
	var ids []string
	for _, e := range edges {
		ids = append(ids, e.Source, e.Target)
	}
	ids = uniq(ids)
	nodes, err := s.Store.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]*pg.Node{}
	for i, n := range nodes {
		byID[ids[i]] = n
	}
	out := map[string][]Funding{}
	for _, e := range edges {
		f, r := byID[e.Source], byID[e.Target]
		if f == nil || r == nil {
			continue
		}
		k := key(e)
		out[k] = append(out[k], Funding{Funder: f, Recipient: r, Edge: e})
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool { return list[i].Edge.ID < list[j].Edge.ID })
	}
	return out, nil
}

// Funders returns every actor that funded something, in list order: the
// actors, then their FUNDED relationships, never the whole graph.
func (s *Service) Funders(ctx context.Context) ([]*pg.Node, error) {
	if b := s.bounded(); b != nil {
		return s.fundersBounded(ctx, b)
	}
	actors, _, err := s.Store.List(ctx, pg.ListQuery{Kinds: []pg.Kind{pg.KindCouncil, pg.KindOrganisation}})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(actors))
	for i, n := range actors {
		ids[i] = n.ID
	}
	edges, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: ids, Direction: pg.Outgoing, Kinds: []pg.EdgeKind{pg.EdgeFunded}})
	if err != nil {
		return nil, err
	}
	funded := map[string]bool{}
	for _, e := range edges {
		funded[e.Source] = true
	}
	var out []*pg.Node
	for _, n := range actors {
		if funded[n.ID] {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessNode(out[i], out[j]) })
	return out, nil
}

// MaxSearchHits bounds how many hits a search ranks and pages through: a
// name search past its first hundred hits has stopped finding the name.
const MaxSearchHits = 100

// Search finds nodes by name or alias.
func (s *Service) Search(ctx context.Context, text string, kinds []pg.Kind, limit int) ([]pg.SearchHit, error) {
	if len(text) > 200 {
		return nil, &InputError{"text: at most 200 characters"}
	}
	hits, err := s.Store.Search(ctx, text, kinds, limit)
	if err != nil {
		return nil, err
	}
	return rankPlaces(text, hits), nil
}
