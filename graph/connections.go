package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph/model"
)

// Building Relay connections from the explore package's pages. Every list
// of nodes or relationships in the API is one of these; what a relationship
// carries (roles, quotes, shared initiatives) sits on its edge.

// window is a connection field's page request; its cursors are written
// only when the field's selection shows one.
func window(ctx context.Context, first *int, after *string, last *int, before *string) explore.Window {
	return explore.Window{First: first, After: after, Last: last, Before: before, NoCursors: !CursorsSelected(ctx)}
}

// CursorsSelected says whether the selection of the field being resolved
// asks, anywhere below it, for a cursor (an edge's cursor, a page's start
// or end cursor): when it does not, a connection need not write any.
// Without a field context it says yes.
func CursorsSelected(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return true
	}
	var frags ast.FragmentDefinitionList
	if doc := graphql.GetOperationContext(ctx).Doc; doc != nil {
		frags = doc.Fragments
	}
	return selectsCursor(fc.Field.Selections, frags, 0)
}

func selectsCursor(set ast.SelectionSet, frags ast.FragmentDefinitionList, nest int) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			switch s.Name {
			case "cursor", "startCursor", "endCursor":
				return true
			}
			if selectsCursor(s.SelectionSet, frags, nest) {
				return true
			}
		case *ast.InlineFragment:
			if selectsCursor(s.SelectionSet, frags, nest) {
				return true
			}
		case *ast.FragmentSpread:
			f := frags.ForName(s.Name)
			if f == nil || nest >= 32 || selectsCursor(f.SelectionSet, frags, nest+1) {
				return true
			}
		}
	}
	return false
}

func slicePageInfo[T any](s *explore.Slice[T]) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: s.HasNext, HasPreviousPage: s.HasPrevious}
	if n := len(s.Cursors); n > 0 {
		info.StartCursor, info.EndCursor = &s.Cursors[0], &s.Cursors[n-1]
	}
	return info
}

// edgesOf makes one connection edge per item of a page (with no cursor
// when the page has none).
func edgesOf[T, E any](s *explore.Slice[T], edge func(item T, cursor string) E) []E {
	out := make([]E, 0, len(s.Items))
	for i, x := range s.Items {
		c := ""
		if i < len(s.Cursors) {
			c = s.Cursors[i]
		}
		out = append(out, edge(x, c))
	}
	return out
}

// pageSlice views a page of nodes as a slice.
func pageSlice(p *explore.Page) *explore.Slice[*pg.Node] {
	return &explore.Slice[*pg.Node]{Items: p.Nodes, Cursors: p.Cursors, Total: p.Total, HasNext: p.HasNext, HasPrevious: p.HasPrevious}
}

func councilConnection(s *explore.Slice[*pg.Node], t model.Tally) *model.CouncilConnection {
	return &model.CouncilConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, Tally: t,
		Edges: edgesOf(s, func(n *pg.Node, c string) model.CouncilEdge {
			return model.CouncilEdge{Cursor: c, Node: &model.Council{Node: n}}
		})}
}

func organisationConnection(s *explore.Slice[*pg.Node], t model.Tally) *model.OrganisationConnection {
	return &model.OrganisationConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, Tally: t,
		Edges: edgesOf(s, func(n *pg.Node, c string) model.OrganisationEdge {
			return model.OrganisationEdge{Cursor: c, Node: &model.Organisation{Node: n}}
		})}
}

func initiativeConnection(s *explore.Slice[*pg.Node], t model.Tally) *model.InitiativeConnection {
	return &model.InitiativeConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, Tally: t,
		Edges: edgesOf(s, func(n *pg.Node, c string) model.InitiativeEdge {
			return model.InitiativeEdge{Cursor: c, Node: &model.Initiative{Node: n}}
		})}
}

func documentConnection(s *explore.Slice[*pg.Node]) *model.DocumentConnection {
	return &model.DocumentConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total,
		Edges: edgesOf(s, func(n *pg.Node, c string) model.DocumentEdge {
			return model.DocumentEdge{Cursor: c, Node: &model.Document{Node: n}}
		})}
}

func actorConnection(s *explore.Slice[*pg.Node], t model.Tally) *model.ActorConnection {
	return &model.ActorConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, Tally: t,
		Edges: edgesOf(s, func(n *pg.Node, c string) model.ActorEdge {
			return model.ActorEdge{Cursor: c, Node: model.WrapActor(n)}
		})}
}

// pageByName pages nodes in name order and tallies the whole list.
func pageByName(nodes []*pg.Node, w explore.Window) (*explore.Slice[*pg.Node], model.Tally, error) {
	s, err := explore.PageKeyed(nodes, explore.NameKey, explore.ByName, w)
	return s, model.TallyOf(nodes), err
}

func fundingConnection(fs []explore.Funding, w explore.Window) (*model.FundingConnection, error) {
	s, err := explore.PageKeyed(fs, explore.FundingKey, explore.ByAmount, w)
	if err != nil {
		return nil, err
	}
	total := 0.0
	for _, f := range fs {
		total += explore.Pounds(f.Edge)
	}
	return &model.FundingConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, AmountTotal: total,
		Edges: edgesOf(s, func(f explore.Funding, c string) model.FundingEdge {
			return model.FundingEdge{Cursor: c, Node: funding(f)}
		})}, nil
}

func fundingTotalConnection(ts []explore.FundingTotal, w explore.Window) (*model.FundingTotalConnection, error) {
	s, err := explore.PageKeyed(ts, explore.FundingTotalKey, explore.ByAmount, w)
	if err != nil {
		return nil, err
	}
	return &model.FundingTotalConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total,
		Edges: edgesOf(s, func(t explore.FundingTotal, c string) model.FundingTotalEdge {
			return model.FundingTotalEdge{Cursor: c, Node: model.WrapActor(t.Actor), Total: t.Total, Count: t.Count}
		})}, nil
}

// tallyOf is the tally of a list's nodes, gathered when counts are asked
// for rather than on every request.
func tallyOf[T any](items []T, node func(T) *pg.Node) model.Tally {
	return model.Tally{All: func(context.Context) ([]*pg.Node, error) {
		out := make([]*pg.Node, 0, len(items))
		for _, x := range items {
			out = append(out, node(x))
		}
		return out, nil
	}}
}

func partnerActor(p explore.Partner) *pg.Node                  { return p.Actor }
func participationInitiative(p explore.Participation) *pg.Node { return p.Initiative }
func sharedPartnerNode(sp explore.SharedPartner) *pg.Node      { return sp.Partner }

// The partner, participation, shared-partner and collaboration lists come
// sorted from the service (by name; shared partners by how many councils
// share them, then name; collaborations by distance, then the pair's ids),
// so they are paged in place.

func partnerConnection(ps []explore.Partner, w explore.Window) (*model.PartnerConnection, error) {
	s, err := explore.PageInOrder(ps, explore.PartnerKey, explore.ByName, w)
	if err != nil {
		return nil, err
	}
	return &model.PartnerConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, Tally: tallyOf(ps, partnerActor),
		Edges: edgesOf(s, func(p explore.Partner, c string) model.PartnerEdge {
			return model.PartnerEdge{Cursor: c, Node: model.WrapActor(p.Actor), Initiatives: initiatives(p.Initiatives),
				Evidence: nonNil(p.Evidence.List()), Direct: p.Direct}
		})}, nil
}

func participationConnection(ps []explore.Participation, w explore.Window) (*model.ParticipationConnection, error) {
	s, err := explore.PageInOrder(ps, explore.ParticipationKey, explore.ByName, w)
	if err != nil {
		return nil, err
	}
	return &model.ParticipationConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, Tally: tallyOf(ps, participationInitiative),
		Edges: edgesOf(s, func(p explore.Participation, c string) model.ParticipationEdge {
			roles := make([]model.Role, 0, len(p.Roles))
			for _, r := range p.Roles {
				roles = append(roles, model.Role(r))
			}
			return model.ParticipationEdge{Cursor: c, Node: &model.Initiative{Node: p.Initiative}, Roles: roles, Evidence: nonNil(p.Evidence)}
		})}, nil
}

func searchConnection(hits []pg.SearchHit, w explore.Window) (*model.SearchConnection, error) {
	hits = slices.DeleteFunc(slices.Clone(hits), func(h pg.SearchHit) bool { return h.Node == nil })
	s, err := explore.PageKeyed(hits, explore.SearchKey, explore.ByScore, w)
	if err != nil {
		return nil, err
	}
	return &model.SearchConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total,
		Edges: edgesOf(s, func(h pg.SearchHit, c string) model.SearchEdge {
			return model.SearchEdge{Cursor: c, Node: model.Wrap(h.Node).(model.SearchResult), MatchedField: h.Field, Matched: h.Matched, Score: h.Score}
		})}, nil
}

func sharedPartnerConnection(shared []explore.SharedPartner, w explore.Window) (*model.SharedPartnerConnection, error) {
	s, err := explore.PageInOrder(shared, explore.SharedKey, explore.ByShared, w)
	if err != nil {
		return nil, err
	}
	return &model.SharedPartnerConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total, Tally: tallyOf(shared, sharedPartnerNode),
		Edges: edgesOf(s, func(sp explore.SharedPartner, c string) model.SharedPartnerEdge {
			links := make([]model.SharedPartnerLink, 0, len(sp.Links))
			for _, l := range sp.Links {
				links = append(links, model.SharedPartnerLink{Council: &model.Council{Node: l.Council}, Initiatives: initiatives(l.Initiatives), Evidence: nonNil(l.Evidence.List())})
			}
			return model.SharedPartnerEdge{Cursor: c, Node: model.WrapActor(sp.Partner), SharedCount: len(sp.Links), Councils: links}
		})}, nil
}

func collaborationConnection(cs []explore.Collaboration, w explore.Window) (*model.CollaborationConnection, error) {
	s, err := explore.PageInOrder(cs, explore.CollaborationKey, explore.ByDistance, w)
	if err != nil {
		return nil, err
	}
	return &model.CollaborationConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total,
		Edges: edgesOf(s, func(c explore.Collaboration, cur string) model.CollaborationEdge {
			return model.CollaborationEdge{Cursor: cur, Node: &model.Collaboration{A: model.WrapActor(c.A), B: model.WrapActor(c.B),
				Initiatives: initiatives(c.Initiatives), Evidence: nonNil(c.Evidence.List()), Distance: c.Distance}}
		})}, nil
}

func similarCouncilConnection(sim []explore.Similar, w explore.Window) (*model.SimilarCouncilConnection, error) {
	s, err := explore.PageKeyed(sim, explore.SimilarKey, explore.ByJaccard, w)
	if err != nil {
		return nil, err
	}
	return &model.SimilarCouncilConnection{PageInfo: slicePageInfo(s), TotalCount: s.Total,
		Edges: edgesOf(s, func(x explore.Similar, c string) model.SimilarCouncilEdge {
			shared := make([]model.Organisation, 0, len(x.Shared))
			for _, o := range x.Shared {
				shared = append(shared, model.Organisation{Node: o})
			}
			return model.SimilarCouncilEdge{Cursor: c, Node: &model.Council{Node: x.Council}, Jaccard: x.Jaccard, SharedPartners: shared}
		})}, nil
}
