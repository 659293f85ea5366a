package explore

import (
	"context"
	"sort"

	pg "github.com/partnergraph/partnergraph"
)

// Neighbour is a node at the other end of a relationship.
type Neighbour struct {
	Node *pg.Node
	Edge *pg.Edge
}

// Neighbours returns, for each id, the nodes at the other end of its
// relationships in the given direction and kinds, with two store calls in
// all whatever the number of ids.
func (s *Service) Neighbours(ctx context.Context, ids []string, dir pg.Direction, kinds ...pg.EdgeKind) (map[string][]Neighbour, error) {
	edges, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: ids, Direction: dir, Kinds: kinds})
	if err != nil {
		return nil, err
	}
	asked := map[string]bool{}
	for _, id := range ids {
		asked[id] = true
	}
	var others []string
	for _, e := range edges {
		others = append(others, e.Source, e.Target)
	}
	others = uniq(others)
	nodes, err := s.Store.Nodes(ctx, others)
	if err != nil {
		return nil, err
	}
	byID := map[string]*pg.Node{}
	for i, n := range nodes {
		byID[others[i]] = n
	}
	out := map[string][]Neighbour{}
	for _, e := range edges {
		if asked[e.Source] && dir != pg.Incoming && byID[e.Target] != nil {
			out[e.Source] = append(out[e.Source], Neighbour{Node: byID[e.Target], Edge: e})
		}
		if asked[e.Target] && dir != pg.Outgoing && byID[e.Source] != nil {
			out[e.Target] = append(out[e.Target], Neighbour{Node: byID[e.Source], Edge: e})
		}
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool {
			if list[i].Node.ID != list[j].Node.ID {
				return lessNode(list[i].Node, list[j].Node)
			}
			return list[i].Edge.ID < list[j].Edge.ID
		})
	}
	return out, nil
}

// Participation is an actor's part in one initiative.
type Participation struct {
	Initiative *pg.Node
	Roles      []pg.EdgeKind
	Evidence   []pg.Evidence
}

// Participations returns, for each actor id, the initiatives it leads,
// partners in or funds, with its roles in each.
func (s *Service) Participations(ctx context.Context, actorIDs []string) (map[string][]Participation, error) {
	nb, err := s.Neighbours(ctx, actorIDs, pg.Outgoing, participation...)
	if err != nil {
		return nil, err
	}
	out := map[string][]Participation{}
	for actor, list := range nb {
		var cur *Participation
		for _, n := range list {
			if n.Node.Kind != pg.KindInitiative {
				continue
			}
			if cur == nil || cur.Initiative.ID != n.Node.ID {
				out[actor] = append(out[actor], Participation{Initiative: n.Node})
				cur = &out[actor][len(out[actor])-1]
			}
			cur.Roles = append(cur.Roles, n.Edge.Kind)
			cur.Evidence = append(cur.Evidence, n.Edge.Evidence...)
		}
	}
	return out, nil
}
