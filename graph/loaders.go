package graph

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
)

// Batching. gqlgen resolves the elements of a list and the resolver fields
// of an object in goroutines it has just started, so the keys of one batch
// come from goroutines that are already runnable when the first key
// arrives. A batch therefore yields the processor instead of sleeping on a
// timer (whose latency every relationship field used to pay, even for one
// key): while scheduling rounds bring new keys, siblings are still
// arriving; once batchQuietRounds rounds bring none, the batch is sent.
// Keys inside a list also wait until none has arrived for batchListIdle,
// because siblings queued on another processor do not run in our rounds;
// that wait is spent yielding too, so a busy server runs other requests
// meanwhile. batchMaxWait bounds a batch whose keys keep trickling in.
const (
	batchQuietRounds = 2
	batchListIdle    = 50 * time.Microsecond
	batchMaxWait     = 5 * time.Millisecond
)

// Loader batches and caches the loads of one operation. A direct loader
// (over a pg.LocalStore) fetches each new id at once, on the caller's
// goroutine, and only caches. The zero Loader is set up by init.
type Loader[V any] struct {
	s       *explore.Service
	fetch   fetchFunc[V]
	direct  bool
	mu      sync.Mutex
	cache   map[string]*load[V] // made by the first load
	pending []string
	listed  bool      // a pending key was asked for inside a list
	last    time.Time // when the latest pending key arrived
	running bool
}

// fetchFunc reads the values of ids through the service. The loaders'
// are plain functions, so that a request's loaders cost no closures.
type fetchFunc[V any] func(s *explore.Service, ctx context.Context, ids []string) (map[string]V, error)

type load[V any] struct {
	done chan struct{}
	v    V
	err  error
}

func (l *Loader[V]) init(s *explore.Service, direct bool, f fetchFunc[V]) {
	l.s, l.direct, l.fetch = s, direct, f
}

// newLoad returns a new pending load of id; the caller holds l.mu.
func (l *Loader[V]) newLoad(id string) *load[V] {
	if l.cache == nil {
		l.cache = map[string]*load[V]{}
	}
	c := &load[V]{done: make(chan struct{})}
	l.cache[id] = c
	return c
}

// Load returns the value for id, fetched together with the other ids
// asked for at about the same time.
func (l *Loader[V]) Load(ctx context.Context, id string) (V, error) {
	if l.direct {
		return l.loadNow(ctx, id)
	}
	listed := inList(ctx)
	l.mu.Lock()
	c := l.enqueue(ctx, id, listed)
	l.mu.Unlock()
	return wait(ctx, c)
}

// loadNow is Load of a direct loader: a cached answer, or one fetch of id.
// A caller asking for an id another goroutine is fetching waits for it.
func (l *Loader[V]) loadNow(ctx context.Context, id string) (V, error) {
	l.mu.Lock()
	c, ok := l.cache[id]
	if !ok {
		c = l.newLoad(id)
	}
	l.mu.Unlock()
	if !ok {
		l.fill(ctx, []string{id}, []*load[V]{c})
	}
	return wait(ctx, c)
}

// fill fetches ids and completes their loads.
func (l *Loader[V]) fill(ctx context.Context, ids []string, calls []*load[V]) {
	m, err := l.fetch(l.s, ctx, ids)
	for i, id := range ids {
		calls[i].v, calls[i].err = m[id], err
		close(calls[i].done)
	}
}

// LoadMany loads several ids in one batch.
func (l *Loader[V]) LoadMany(ctx context.Context, ids []string) ([]V, error) {
	listed := inList(ctx)
	calls := make([]*load[V], len(ids))
	var fresh []string
	var freshCalls []*load[V]
	l.mu.Lock()
	for i, id := range ids {
		if !l.direct {
			calls[i] = l.enqueue(ctx, id, listed)
			continue
		}
		c, ok := l.cache[id]
		if !ok {
			c = l.newLoad(id)
			fresh, freshCalls = append(fresh, id), append(freshCalls, c)
		}
		calls[i] = c
	}
	l.mu.Unlock()
	if len(fresh) > 0 {
		l.fill(ctx, fresh, freshCalls)
	}
	out := make([]V, len(ids))
	errs := make([]error, len(ids))
	for i, c := range calls {
		out[i], errs[i] = wait(ctx, c)
	}
	return out, errors.Join(errs...)
}

// enqueue returns the load of id, adding it to the open batch if it is
// new. The caller holds l.mu.
func (l *Loader[V]) enqueue(ctx context.Context, id string, listed bool) *load[V] {
	if c, ok := l.cache[id]; ok {
		return c
	}
	c := l.newLoad(id)
	l.pending = append(l.pending, id)
	l.listed = l.listed || listed
	if l.listed {
		l.last = time.Now()
	}
	if !l.running {
		l.running = true
		go l.dispatch(ctx)
	}
	return c
}

func wait[V any](ctx context.Context, c *load[V]) (V, error) {
	select {
	case <-c.done:
		return c.v, c.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

// inList reports whether the field being resolved is inside a list, where
// its siblings may still be on their way.
func inList(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
}

func (l *Loader[V]) dispatch(ctx context.Context) {
	start := time.Now()
	seen, quiet := 0, 0
	for {
		runtime.Gosched()
		l.mu.Lock()
		if n := len(l.pending); n != seen {
			seen, quiet = n, 0
		} else {
			quiet++
		}
		now := time.Now()
		settled := quiet >= batchQuietRounds && (!l.listed || now.Sub(l.last) >= batchListIdle)
		if settled || now.Sub(start) >= batchMaxWait {
			ids := l.pending
			calls := make([]*load[V], len(ids))
			for i, id := range ids {
				calls[i] = l.cache[id]
			}
			l.pending, l.running, l.listed = nil, false, false
			l.mu.Unlock()
			l.fill(ctx, ids, calls)
			return
		}
		l.mu.Unlock()
	}
}

// Loaders batch the relationship fields of one request: every council's
// partners in a page are read with one explore call, not one per council.
// They live for one operation only, so their caches never serve stale data.
type Loaders struct {
	Nodes          Loader[*pg.Node]
	Participations Loader[[]explore.Participation]
	Partners       Loader[[]explore.Partner]
	Funded         Loader[[]explore.Funding]
	FundedBy       Loader[[]explore.Funding]
	Parents        Loader[[]explore.Neighbour] // outgoing PART_OF
	Children       Loader[[]explore.Neighbour] // incoming PART_OF
	Leads          Loader[[]explore.Neighbour] // incoming LEADS
	PartnersIn     Loader[[]explore.Neighbour] // incoming PARTNER_IN

	// version is the operation's memo of the store's version (see
	// WithLoaders), held here to be allocated with the loaders.
	version explore.RequestVersion
}

// localReads says whether the store's reads are memory lookups (see
// pg.LocalStore): then loaders fetch at once and lists are marshalled on
// the request's goroutine.
func localReads(s pg.Store) bool {
	_, ok := s.(pg.LocalStore)
	return ok
}

// NewLoaders returns a fresh set of loaders over the service: direct ones
// over a pg.LocalStore, batching ones otherwise.
func NewLoaders(s *explore.Service) *Loaders {
	d := localReads(s.Store)
	l := &Loaders{}
	l.Nodes.init(s, d, fetchNodes)
	l.Participations.init(s, d, (*explore.Service).Participations)
	l.Partners.init(s, d, (*explore.Service).CachedPartners)
	l.Funded.init(s, d, (*explore.Service).Funded)
	l.FundedBy.init(s, d, (*explore.Service).FundedBy)
	l.Parents.init(s, d, fetchParents)
	l.Children.init(s, d, fetchChildren)
	l.Leads.init(s, d, fetchLeads)
	l.PartnersIn.init(s, d, fetchPartnersIn)
	return l
}

func fetchNodes(s *explore.Service, ctx context.Context, ids []string) (map[string]*pg.Node, error) {
	ns, err := s.Store.Nodes(ctx, ids)
	m := make(map[string]*pg.Node, len(ns))
	for _, n := range ns {
		if n != nil {
			m[n.ID] = n
		}
	}
	return m, err
}

func fetchParents(s *explore.Service, ctx context.Context, ids []string) (map[string][]explore.Neighbour, error) {
	return s.Neighbours(ctx, ids, pg.Outgoing, pg.EdgePartOf)
}

func fetchChildren(s *explore.Service, ctx context.Context, ids []string) (map[string][]explore.Neighbour, error) {
	return s.Neighbours(ctx, ids, pg.Incoming, pg.EdgePartOf)
}

func fetchLeads(s *explore.Service, ctx context.Context, ids []string) (map[string][]explore.Neighbour, error) {
	return s.Neighbours(ctx, ids, pg.Incoming, pg.EdgeLeads)
}

func fetchPartnersIn(s *explore.Service, ctx context.Context, ids []string) (map[string][]explore.Neighbour, error) {
	return s.Neighbours(ctx, ids, pg.Incoming, pg.EdgePartnerIn)
}

type loadersKey struct{}

// CodeGraphChanging is the extensions.code of an operation that a load
// overlapped at each attempt (explore.ErrGraphChanging): ask again.
const CodeGraphChanging = "GRAPH_CHANGING"

// WithLoaders is a gqlgen operation middleware giving each operation its
// own loaders: srv.AroundOperations(graph.WithLoaders(resolver)). Over a
// store whose reads can mix two loads (Neo4j) it also answers each
// operation from one loaded graph (explore.ReadOneGraph): the operation is
// executed between two reads of the store's token, and executed again,
// with new loaders, when a load overlapped it; if every attempt was
// overlapped the answer is one error with code CodeGraphChanging, never a
// mix of two graphs.
func WithLoaders(r *Resolver) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if !r.Explore.ReadsMix() {
			l := NewLoaders(r.Explore)
			ctx = explore.WithRequestVersionIn(ctx, &l.version) // the store's version read once per operation
			return next(context.WithValue(ctx, loadersKey{}, l))
		}
		resp, err := explore.ReadOneGraph(ctx, r.Explore, func(ctx context.Context) *graphql.Response {
			// The whole answer, read now (ReadOneGraph reads the token
			// again once every read of it is made); its fields are
			// resolved under the context given to the response handler,
			// which carries the loaders too.
			ctx = context.WithValue(ctx, loadersKey{}, NewLoaders(r.Explore))
			return next(ctx)(ctx)
		})
		if err != nil {
			code, msg := CodeGraphChanging, err.Error()
			switch {
			case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
				code, msg = "TIMEOUT", "the request took longer than the server allows"
			case !errors.Is(err, explore.ErrGraphChanging):
				code, msg = "INTERNAL", "internal error"
				if r.OnInternalError != nil {
					r.OnInternalError(err)
				}
			}
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": code}}}})
		}
		if resp == nil {
			return func(context.Context) *graphql.Response { return nil }
		}
		return graphql.OneShot(resp)
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
