// Package inmem is the embedded default store: the whole graph held in
// memory behind a read-write lock, with the indexes the API's reads need.
package inmem

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/textmatch"
)

// Store implements partnergraph.Store in memory.
type Store struct {
	mu  sync.RWMutex
	cur *state
}

// state is one immutable generation of the store; Replace builds a new one
// and swaps the pointer, so readers holding the old one are never disturbed.
type state struct {
	graph   *partnergraph.Graph
	version string
	byKind  map[partnergraph.Kind][]*partnergraph.Node // sorted by (SortKey, ID)
	keys    map[string]string                          // node id -> SortKey(name)
	index   *textmatch.Index
}

var (
	_ partnergraph.Store      = (*Store)(nil)
	_ partnergraph.LocalStore = (*Store)(nil)
)

// New returns an empty store.
func New() *Store {
	return &Store{cur: newState(partnergraph.NewGraph())}
}

func newState(g *partnergraph.Graph) *state {
	s := &state{
		graph:  g,
		byKind: map[partnergraph.Kind][]*partnergraph.Node{},
		keys:   map[string]string{},
		index:  textmatch.NewIndex(),
	}
	// The fingerprint (the graph's JSON hashed, seconds at 1000x) while
	// the indexes are built: both only read the graph.
	version := make(chan string, 1)
	go func() { version <- g.Fingerprint() }()
	for _, n := range g.Nodes() {
		s.keys[n.ID] = partnergraph.SortKey(n.Name)
		s.byKind[n.Kind] = append(s.byKind[n.Kind], n)
		s.index.Add(n.ID, n.Name, n.Aliases)
	}
	for _, nodes := range s.byKind {
		s.sortNodes(nodes)
	}
	s.version = <-version
	return s
}

// sortNodes sorts nodes in the store's order: by sort key, then by id.
// Each node's key is read once, not twice a comparison (a map lookup each).
func (s *state) sortNodes(nodes []*partnergraph.Node) {
	type keyed struct {
		key string
		n   *partnergraph.Node
	}
	ks := make([]keyed, len(nodes))
	for i, n := range nodes {
		ks[i] = keyed{s.keys[n.ID], n}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.n.ID, b.n.ID)
	})
	for i := range ks {
		nodes[i] = ks[i].n
	}
}

func (s *Store) state() *state {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cur
}

// Replace swaps in a private copy of g.
func (s *Store) Replace(ctx context.Context, g *partnergraph.Graph) (partnergraph.ReplaceStats, error) {
	if err := ctx.Err(); err != nil {
		return partnergraph.ReplaceStats{}, err
	}
	return s.Adopt(ctx, g.Clone())
}

// Adopt swaps in g itself, without the copy Replace makes: for a caller that
// built g only to hand it over (serve, export), which has no use for a second
// graph. The caller must not change g afterwards.
func (s *Store) Adopt(ctx context.Context, g *partnergraph.Graph) (partnergraph.ReplaceStats, error) {
	if err := ctx.Err(); err != nil {
		return partnergraph.ReplaceStats{}, err
	}
	next := newState(g)
	if err := ctx.Err(); err != nil {
		return partnergraph.ReplaceStats{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	stats := partnergraph.Diff(s.cur.graph, next.graph)
	s.cur = next
	return stats, nil
}

// Nodes returns the store's own nodes, not copies: it is on the path of
// most requests, and callers only read what they get (see Store.Nodes).
// The graph they belong to is the store's private copy and is never
// changed once swapped in, so they stay valid after a later Replace.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*partnergraph.Node, error) {
	st := s.state()
	out := make([]*partnergraph.Node, len(ids))
	for i, id := range ids {
		out[i] = st.graph.Node(id)
	}
	return out, ctx.Err()
}

// Edges returns the relationships touching the given nodes: the store's
// own, not copies, as Nodes does (callers only read them; see Store.Edges).
// A council's partners read every relationship of its initiatives, and a
// copy of each with its quotes cost more than the question's answer.
func (s *Store) Edges(ctx context.Context, q partnergraph.EdgeQuery) ([]*partnergraph.Edge, error) {
	st := s.state()
	seen := map[string]bool{}
	var out []*partnergraph.Edge
	add := func(es []*partnergraph.Edge) {
		for _, e := range es {
			if !seen[e.ID] {
				seen[e.ID] = true
				out = append(out, e)
			}
		}
	}
	for _, id := range q.NodeIDs {
		if q.Direction == partnergraph.Outgoing || q.Direction == partnergraph.Both {
			add(st.graph.Out(id, q.Kinds...))
		}
		if q.Direction == partnergraph.Incoming || q.Direction == partnergraph.Both {
			add(st.graph.In(id, q.Kinds...))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, ctx.Err()
}

// List pages through nodes of the given kinds in (SortKey, ID) order.
func (s *Store) List(ctx context.Context, q partnergraph.ListQuery) ([]*partnergraph.Node, int, error) {
	st := s.state()
	kinds := q.Kinds
	if len(kinds) == 0 {
		kinds = partnergraph.Kinds
	}
	var all []*partnergraph.Node
	for _, k := range kinds {
		all = append(all, st.byKind[k]...)
	}
	if len(kinds) > 1 {
		st.sortNodes(all)
	}
	start := 0
	if q.AfterKey != "" || q.AfterID != "" {
		start = sort.Search(len(all), func(i int) bool {
			k := st.keys[all[i].ID]
			return k > q.AfterKey || (k == q.AfterKey && all[i].ID > q.AfterID)
		})
	}
	end := len(all)
	if q.Limit > 0 && start+q.Limit < end {
		end = start + q.Limit
	}
	out := make([]*partnergraph.Node, 0, end-start)
	for _, n := range all[start:end] {
		out = append(out, partnergraph.CloneNode(n))
	}
	return out, len(all), ctx.Err()
}

// Search matches names and aliases through the shared text matcher.
func (s *Store) Search(ctx context.Context, text string, kinds []partnergraph.Kind, limit int) ([]partnergraph.SearchHit, error) {
	st := s.state()
	var hits []partnergraph.SearchHit
	for _, m := range st.index.Search(text) {
		n := st.graph.Node(m.ID)
		if len(kinds) > 0 && !slices.Contains(kinds, n.Kind) {
			continue
		}
		hits = append(hits, partnergraph.SearchHit{Node: partnergraph.CloneNode(n), Field: m.Field, Matched: m.Matched, Score: m.Score})
		if limit > 0 && len(hits) == limit {
			break
		}
	}
	return hits, ctx.Err()
}

// Snapshot returns the current graph; callers must not modify it.
func (s *Store) Snapshot(ctx context.Context) (*partnergraph.Graph, error) {
	return s.state().graph, ctx.Err()
}

// Version is the fingerprint of the current graph.
func (s *Store) Version(ctx context.Context) (string, error) {
	return s.state().version, ctx.Err()
}

// Close does nothing: there is nothing to release.
func (s *Store) Close(context.Context) error { return nil }

// LocalReads marks the store as a partnergraph.LocalStore: its reads are
// memory lookups.
func (*Store) LocalReads() {}
