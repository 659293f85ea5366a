package graph

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
)

// Batching windows. gqlgen resolves the elements of a list in concurrent
// goroutines, so sibling keys arrive close together but not at once, and
// how close depends on load. A fixed window either adds latency to every
// single-key request or splits batches under load; instead a batch is
// sent once no key has arrived for batchIdle, or after batchMaxWait.
const (
	batchIdle    = 250 * time.Microsecond
	batchMaxWait = 5 * time.Millisecond
)

// Loader batches and caches the loads of one operation.
type Loader[V any] struct {
	fetch   func(ctx context.Context, ids []string) (map[string]V, error)
	mu      sync.Mutex
	cache   map[string]*load[V]
	pending []string
	last    time.Time
	running bool
}

type load[V any] struct {
	done chan struct{}
	v    V
	err  error
}

func batchMap[V any](f func(ctx context.Context, ids []string) (map[string]V, error)) *Loader[V] {
	return &Loader[V]{fetch: f, cache: map[string]*load[V]{}}
}

// Load returns the value for id, fetched together with the other ids
// asked for at about the same time.
func (l *Loader[V]) Load(ctx context.Context, id string) (V, error) {
	l.mu.Lock()
	c, ok := l.cache[id]
	if !ok {
		c = &load[V]{done: make(chan struct{})}
		l.cache[id] = c
		l.pending = append(l.pending, id)
		l.last = time.Now()
		if !l.running {
			l.running = true
			go l.dispatch(ctx)
		}
	}
	l.mu.Unlock()
	select {
	case <-c.done:
		return c.v, c.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

// LoadMany loads several ids in one batch.
func (l *Loader[V]) LoadMany(ctx context.Context, ids []string) ([]V, error) {
	out := make([]V, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = l.Load(ctx, id)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

func (l *Loader[V]) dispatch(ctx context.Context) {
	start := time.Now()
	for {
		time.Sleep(batchIdle)
		l.mu.Lock()
		if time.Since(l.last) >= batchIdle || time.Since(start) >= batchMaxWait {
			ids := l.pending
			calls := make([]*load[V], len(ids))
			for i, id := range ids {
				calls[i] = l.cache[id]
			}
			l.pending, l.running = nil, false
			l.mu.Unlock()
			m, err := l.fetch(ctx, ids)
			for i, id := range ids {
				calls[i].v, calls[i].err = m[id], err
				close(calls[i].done)
			}
			return
		}
		l.mu.Unlock()
	}
}

// Loaders batch the relationship fields of one request: every council's
// partners in a page are read with one explore call, not one per council.
// They live for one operation only, so their caches never serve stale data.
type Loaders struct {
	Nodes          *Loader[*pg.Node]
	Participations *Loader[[]explore.Participation]
	Partners       *Loader[[]explore.Partner]
	Funded         *Loader[[]explore.Funding]
	FundedBy       *Loader[[]explore.Funding]
	Parents        *Loader[[]explore.Neighbour] // outgoing PART_OF
	Children       *Loader[[]explore.Neighbour] // incoming PART_OF
	Leads          *Loader[[]explore.Neighbour] // incoming LEADS
	PartnersIn     *Loader[[]explore.Neighbour] // incoming PARTNER_IN
}

func neighbours(s *explore.Service, dir pg.Direction, kind pg.EdgeKind) *Loader[[]explore.Neighbour] {
	return batchMap(func(ctx context.Context, ids []string) (map[string][]explore.Neighbour, error) {
		return s.Neighbours(ctx, ids, dir, kind)
	})
}

// NewLoaders returns a fresh set of loaders over the service.
func NewLoaders(s *explore.Service) *Loaders {
	return &Loaders{
		Nodes: batchMap(func(ctx context.Context, ids []string) (map[string]*pg.Node, error) {
			ns, err := s.Store.Nodes(ctx, ids)
			m := make(map[string]*pg.Node, len(ns))
			for _, n := range ns {
				if n != nil {
					m[n.ID] = n
				}
			}
			return m, err
		}),
		Participations: batchMap(s.Participations),
		Partners:       batchMap(s.CachedPartners),
		Funded:         batchMap(s.Funded),
		FundedBy:       batchMap(s.FundedBy),
		Parents:        neighbours(s, pg.Outgoing, pg.EdgePartOf),
		Children:       neighbours(s, pg.Incoming, pg.EdgePartOf),
		Leads:          neighbours(s, pg.Incoming, pg.EdgeLeads),
		PartnersIn:     neighbours(s, pg.Incoming, pg.EdgePartnerIn),
	}
}

type loadersKey struct{}

// WithLoaders is a gqlgen operation middleware giving each operation its
// own loaders: srv.AroundOperations(graph.WithLoaders(resolver)).
func WithLoaders(r *Resolver) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(context.WithValue(ctx, loadersKey{}, NewLoaders(r.Explore)))
	}
}

// loaders returns the operation's loaders; without the middleware (a bare
// executable schema) each field gets its own, which is correct but unbatched.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.Explore)
}
