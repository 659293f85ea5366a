package graph

import (
	"context"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph/model"
)

// Conversions from the explore package's answers to GraphQL models.

func initiatives(ns []*partnergraph.Node) []model.Initiative {
	out := make([]model.Initiative, 0, len(ns))
	for _, n := range ns {
		out = append(out, model.Initiative{Node: n})
	}
	return out
}

func partners(ps []explore.Partner) []model.Partner {
	out := make([]model.Partner, 0, len(ps))
	for _, p := range ps {
		out = append(out, model.Partner{Actor: model.WrapActor(p.Actor), Initiatives: initiatives(p.Initiatives),
			Evidence: nonNil(p.Evidence), Direct: p.Direct})
	}
	return out
}

func fundings(fs []explore.Funding) []model.Funding {
	out := make([]model.Funding, 0, len(fs))
	for _, f := range fs {
		e := f.Edge
		m := model.Funding{Funder: model.WrapActor(f.Funder), Recipient: model.Wrap(f.Recipient), Amount: e.Amount,
			InKind: e.InKind, Evidence: nonNil(e.Evidence)}
		if e.AmountText != "" {
			m.AmountText = &e.AmountText
		}
		if e.Currency != "" {
			m.Currency = &e.Currency
		}
		out = append(out, m)
	}
	return out
}

func participations(ps []explore.Participation) []model.Participation {
	out := make([]model.Participation, 0, len(ps))
	for _, p := range ps {
		roles := make([]model.Role, 0, len(p.Roles))
		for _, r := range p.Roles {
			roles = append(roles, model.Role(r))
		}
		out = append(out, model.Participation{Initiative: &model.Initiative{Node: p.Initiative}, Roles: roles, Evidence: nonNil(p.Evidence)})
	}
	return out
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func pageInfo(p *explore.Page) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrevious}
	if n := len(p.Cursors); n > 0 {
		info.StartCursor, info.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	return info
}

var kindOf = map[model.NodeKind]partnergraph.Kind{
	model.NodeKindCouncil:      partnergraph.KindCouncil,
	model.NodeKindOrganisation: partnergraph.KindOrganisation,
	model.NodeKindInitiative:   partnergraph.KindInitiative,
	model.NodeKindDocument:     partnergraph.KindDocument,
}

func domainKinds(ks []model.NodeKind) []partnergraph.Kind {
	out := make([]partnergraph.Kind, 0, len(ks))
	for _, k := range ks {
		out = append(out, kindOf[k])
	}
	return out
}

// actorsIn returns the actors with relationships of kind into an initiative.
func (r *initiativeResolver) actorsIn(ctx context.Context, id string, kind partnergraph.EdgeKind) ([]model.Actor, error) {
	m, err := r.Explore.Neighbours(ctx, []string{id}, partnergraph.Incoming, kind)
	out := []model.Actor{}
	for _, n := range m[id] {
		if n.Node.Kind.IsActor() {
			out = append(out, model.WrapActor(n.Node))
		}
	}
	return out, err
}
