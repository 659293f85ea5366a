package graph

import (
	"context"
	"errors"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph/model"
)

// Resolver is the root resolver: it holds the store and the question
// service; resolvers stay thin and delegate to them.
type Resolver struct {
	Store   partnergraph.Store
	Explore *explore.Service
	// OnInternalError, when set, is told of an error WithLoaders answers as
	// INTERNAL (a failed read of the store's token), for the log.
	OnInternalError func(error)
}

// NewResolver returns the root resolver over a store.
func NewResolver(store partnergraph.Store) *Resolver {
	return &Resolver{Store: store, Explore: &explore.Service{Store: store}}
}

// What council and organisation resolvers share: both are actors.

func (r *Resolver) actorInitiatives(ctx context.Context, id string, w explore.Window) (*model.ParticipationConnection, error) {
	v, err := r.loaders(ctx).Participations.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return participationConnection(v, w)
}

func (r *Resolver) actorPartners(ctx context.Context, id string, w explore.Window, where *model.ActorFilter) (*model.PartnerConnection, error) {
	ps, err := r.loaders(ctx).Partners.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	if ps, err = r.Explore.FilterPartners(ctx, ps, actorFilter(where)); err != nil {
		return nil, err
	}
	return partnerConnection(ps, w)
}

func (r *Resolver) fundingsOf(ctx context.Context, l *Loader[[]explore.Funding], id string, w explore.Window) (*model.FundingConnection, error) {
	v, err := l.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return fundingConnection(v, w)
}

// neighbourNodes returns the nodes of one kind a loader finds next to id.
func (r *Resolver) neighbourNodes(ctx context.Context, l *Loader[[]explore.Neighbour], id string, kind partnergraph.Kind) ([]*partnergraph.Node, error) {
	v, err := l.Load(ctx, id)
	out := []*partnergraph.Node{}
	for _, n := range v {
		if n.Node.Kind == kind {
			out = append(out, n.Node)
		}
	}
	return out, err
}

// actorsIn pages the actors a loader finds next to an initiative.
func (r *Resolver) actorsIn(ctx context.Context, l *Loader[[]explore.Neighbour], id string, w explore.Window, where *model.ActorFilter) (*model.ActorConnection, error) {
	v, err := l.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	actors := []*partnergraph.Node{}
	for _, n := range v {
		if n.Node.Kind.IsActor() {
			actors = append(actors, n.Node)
		}
	}
	if actors, err = r.Explore.Filter(ctx, actors, actorFilter(where)); err != nil {
		return nil, err
	}
	s, t, err := pageByName(actors, w)
	if err != nil {
		return nil, err
	}
	return actorConnection(s, t), nil
}

// metric reads one value out of the metrics of the store's current
// version: nil while they are computed in the background (the field is
// null and Query.metricsReady false), never a wait.
func metric[T any](ctx context.Context, r *Resolver, get func(*explore.Metrics) T) (*T, error) {
	m, err := r.Explore.MetricsIfReady(ctx)
	if errors.Is(err, explore.ErrMetricsNotReady) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v := get(m)
	return &v, nil
}

// measure is one node's value of an order field.
func (r *Resolver) measure(ctx context.Context, field string, n *partnergraph.Node) (float64, error) {
	f, err := r.Explore.Measure(ctx, field)
	if err != nil {
		return 0, err
	}
	return f(n), nil
}
