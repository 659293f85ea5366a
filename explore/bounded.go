package explore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	pg "github.com/partnergraph/partnergraph"
)

// Questions over a pg.BoundedStore (Neo4j) are answered here from bounded
// reads: the relationships of the nodes a question reaches (Store.Edges,
// Store.Nodes), the FUNDED relationships and the initiative counts
// (pg.BoundedStore), and the stored analytics (pg.MeasureStore); never
// from a whole-graph Snapshot. Each gives the answer the snapshot path
// gives: it runs the same steps over a local graph that holds every
// relationship of each node it expands, so Out, In and Node of those are
// what the whole graph's would be (both keep relationships sorted by id).

// bounded returns the store as a pg.BoundedStore, or nil.
func (s *Service) bounded() pg.BoundedStore {
	b, _ := s.Store.(pg.BoundedStore)
	return b
}

// boundedCache keeps, for one version, what bounded questions read of the
// whole store: the FUNDED relationships, the initiative counts and the
// whole-graph network orders.
type boundedCache struct {
	mu       sync.Mutex
	version  string
	funded   []*pg.Edge
	counts   map[string]int
	orders   map[string][]string
	haveFund bool
	fundingG *pg.Graph
	cat      *catalogue
	given    map[string]float64 // FUNDED amounts by funder and by recipient
	received map[string]float64
	funders  []*pg.Node
}

// catalogue is a pg.Catalogue's nodes, all and by kind, in list order.
type catalogue struct {
	all    []*pg.Node
	byKind map[pg.Kind][]*pg.Node
}

// forVersion returns the cache emptied when v is not its version (a
// cacheKey); the caller holds mu.
func (c *boundedCache) forVersion(v string) *boundedCache {
	if c.version != v {
		c.version, c.funded, c.counts, c.orders, c.haveFund, c.fundingG = v, nil, nil, nil, false, nil
		c.cat, c.given, c.received, c.funders = nil, nil, nil, nil
	}
	return c
}

// local is the part of the store's graph a question has read.
type local struct {
	s        *Service
	b        pg.BoundedStore
	g        *pg.Graph
	expanded map[string]bool
}

func (s *Service) newLocal() *local {
	return &local{s: s, b: s.bounded(), g: pg.NewGraph(), expanded: map[string]bool{}}
}

// expand reads every relationship of the ids not expanded yet, and the
// nodes at both ends, in one batch (pg.BoundedStore.Around).
func (l *local) expand(ctx context.Context, ids []string) error {
	var todo []string
	for _, id := range ids {
		if !l.expanded[id] {
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	todo = uniq(todo)
	edges, ends, err := l.b.Around(ctx, todo)
	if err != nil {
		return err
	}
	for _, n := range ends {
		if l.g.Node(n.ID) == nil {
			if _, err := l.g.AddNode(n); err != nil {
				return err
			}
		}
	}
	need := slices.Clone(todo)
	for _, e := range edges {
		need = append(need, e.Source, e.Target)
	}
	if err := l.nodes(ctx, need); err != nil {
		return err
	}
	if err := l.add(edges); err != nil {
		return err
	}
	for _, id := range todo {
		l.expanded[id] = true
	}
	return nil
}

// nodes reads the nodes with the given ids that the local graph lacks.
func (l *local) nodes(ctx context.Context, ids []string) error {
	var missing []string
	for _, id := range ids {
		if l.g.Node(id) == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	missing = uniq(missing)
	ns, err := l.s.Store.Nodes(ctx, missing)
	if err != nil {
		return err
	}
	for i, n := range ns {
		if n == nil {
			return fmt.Errorf("the graph changed during the request: node %s is gone; ask again", missing[i])
		}
		if _, err := l.g.AddNode(n); err != nil {
			return err
		}
	}
	return nil
}

// add puts relationships whose ends are held into the local graph, each once.
func (l *local) add(edges []*pg.Edge) error {
	for _, e := range edges {
		if l.g.Edge(e.ID) != nil {
			continue
		}
		if _, err := l.g.AddEdge(e); err != nil {
			return fmt.Errorf("the graph changed during the request (%v); ask again", err)
		}
	}
	return nil
}

// pathsBounded is Paths over the relationships of the nodes the two-sided
// search expands, read a level at a time.
func (s *Service) pathsBounded(ctx context.Context, from, to string, maxLength int) ([][]Hop, error) {
	if from == to {
		return [][]Hop{}, nil
	}
	l := s.newLocal()
	if err := l.nodes(ctx, []string{from, to}); err != nil {
		return nil, err
	}
	return twoSidedPaths(l.g, from, to, maxLength, func(frontier []string) error { return l.expand(ctx, frontier) })
}

// similarBounded is SimilarCouncils over the councils that share an
// organisation partner with id (the partner relation is symmetric: a
// council shares one with id exactly when it is a partner of one of id's
// organisation partners), not over every council.
func (s *Service) similarBounded(ctx context.Context, id string, top int) ([]Similar, error) {
	ps, err := s.CachedPartners(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	mine := orgPartners(ps[id])
	var orgs []string
	for _, p := range ps[id] {
		if p.Actor.Kind == pg.KindOrganisation {
			orgs = append(orgs, p.Actor.ID)
		}
	}
	ops, err := s.CachedPartners(ctx, orgs)
	if err != nil {
		return nil, err
	}
	council := map[string]*pg.Node{}
	var councils []string
	for _, o := range orgs {
		for _, p := range ops[o] {
			if c := p.Actor; c.Kind == pg.KindCouncil && c.ID != id && council[c.ID] == nil {
				council[c.ID] = c
				councils = append(councils, c.ID)
			}
		}
	}
	sort.Strings(councils)
	partners, err := s.CachedPartners(ctx, councils)
	if err != nil {
		return nil, err
	}
	return rankSimilar(mine, councils, partners, func(c string) *pg.Node { return council[c] }, id, top), nil
}

// funded returns the store's FUNDED relationships, read once per version.
func (s *Service) funded(ctx context.Context, b pg.BoundedStore) ([]*pg.Edge, error) {
	return keptPerKey(ctx, s,
		func(c *boundedCache) ([]*pg.Edge, bool) { return c.funded, c.haveFund },
		func(c *boundedCache, edges []*pg.Edge) { c.funded, c.haveFund = edges, true },
		func() ([]*pg.Edge, error) { return b.EdgesOfKind(ctx, pg.EdgeFunded) })
}

// keptPerKey returns what get finds in the cache for the question's key
// (cacheKey), or reads it (outside the lock), keeps it with put and
// returns it: the one way what the service reads over a pg.BoundedStore is
// kept per version.
func keptPerKey[T any](ctx context.Context, s *Service, get func(*boundedCache) (T, bool), put func(*boundedCache, T), read func() (T, error)) (T, error) {
	key, err := s.cacheKey(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	s.boundedC.mu.Lock()
	v, ok := get(s.boundedC.forVersion(key))
	s.boundedC.mu.Unlock()
	if ok {
		return v, nil
	}
	if v, err = read(); err != nil {
		return v, err
	}
	s.boundedC.mu.Lock()
	defer s.boundedC.mu.Unlock()
	put(s.boundedC.forVersion(key), v)
	return v, nil
}

// fundingGraph is what FundingFlows reads: the snapshot, or over a
// pg.BoundedStore the part of the graph it walks — every FUNDED
// relationship and its ends, the initiatives each recipient is PART_OF
// (transitively) and the councils that LEAD any of them; read once per
// version (it is the size of the answer).
func (s *Service) fundingGraph(ctx context.Context) (*pg.Graph, error) {
	b := s.bounded()
	if b == nil {
		g, _, err := s.Snapshot(ctx)
		return g, err
	}
	return keptPerKey(ctx, s,
		func(c *boundedCache) (*pg.Graph, bool) { return c.fundingG, c.fundingG != nil },
		func(c *boundedCache, g *pg.Graph) { c.fundingG = g },
		func() (*pg.Graph, error) { return s.readFundingGraph(ctx, b) })
}

// readFundingGraph reads fundingGraph's part of the graph.
func (s *Service) readFundingGraph(ctx context.Context, b pg.BoundedStore) (*pg.Graph, error) {
	funded, err := s.funded(ctx, b)
	if err != nil {
		return nil, err
	}
	l := s.newLocal()
	var ends, recipients []string
	for _, e := range funded {
		ends = append(ends, e.Source, e.Target)
		recipients = append(recipients, e.Target)
	}
	if err := l.nodes(ctx, ends); err != nil {
		return nil, err
	}
	if err := l.add(funded); err != nil {
		return nil, err
	}
	// withAncestors walks PART_OF to initiatives only, from every recipient.
	chain := uniq(recipients)
	seen := map[string]bool{}
	for _, id := range chain {
		seen[id] = true
	}
	for frontier := chain; len(frontier) > 0; {
		up, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: frontier, Direction: pg.Outgoing, Kinds: []pg.EdgeKind{pg.EdgePartOf}})
		if err != nil {
			return nil, err
		}
		frontier = nil
		var keep []*pg.Edge
		for _, e := range up {
			if pg.KindOfID(e.Target) != pg.KindInitiative {
				continue
			}
			keep = append(keep, e)
			if !seen[e.Target] {
				seen[e.Target] = true
				frontier = append(frontier, e.Target)
				chain = append(chain, e.Target)
			}
		}
		if err := l.nodes(ctx, frontier); err != nil {
			return nil, err
		}
		if err := l.add(keep); err != nil {
			return nil, err
		}
	}
	leads, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: chain, Direction: pg.Incoming, Kinds: []pg.EdgeKind{pg.EdgeLeads}})
	if err != nil {
		return nil, err
	}
	var councils []string
	var byCouncil []*pg.Edge
	for _, e := range leads {
		if pg.KindOfID(e.Source) == pg.KindCouncil {
			councils = append(councils, e.Source)
			byCouncil = append(byCouncil, e)
		}
	}
	if err := l.nodes(ctx, councils); err != nil {
		return nil, err
	}
	if err := l.add(byCouncil); err != nil {
		return nil, err
	}
	return l.g, nil
}

// measureBounded is Measure of INITIATIVE_COUNT and FUNDING_TOTAL over a
// pg.BoundedStore: the initiative counts in one aggregate read, and the
// totals from the FUNDED relationships summed in id order (as Out and In
// list them), each read once per version.
func (s *Service) measureBounded(ctx context.Context, b pg.BoundedStore, field string) (func(*pg.Node) float64, error) {
	if field == OrderInitiativeCount {
		counts, err := keptPerKey(ctx, s,
			func(c *boundedCache) (map[string]int, bool) { return c.counts, c.counts != nil },
			func(c *boundedCache, counts map[string]int) { c.counts = counts },
			func() (map[string]int, error) { return b.InitiativeCounts(ctx) })
		if err != nil {
			return nil, err
		}
		return func(n *pg.Node) float64 { return float64(counts[n.ID]) }, nil
	}
	type totals struct{ given, received map[string]float64 }
	t, err := keptPerKey(ctx, s,
		func(c *boundedCache) (totals, bool) { return totals{c.given, c.received}, c.given != nil },
		func(c *boundedCache, t totals) { c.given, c.received = t.given, t.received },
		func() (totals, error) {
			funded, err := s.funded(ctx, b)
			if err != nil {
				return totals{}, err
			}
			t := totals{map[string]float64{}, map[string]float64{}}
			for _, e := range funded {
				t.given[e.Source] += Pounds(e)
				t.received[e.Target] += Pounds(e)
			}
			return t, nil
		})
	if err != nil {
		return nil, err
	}
	given, received := t.given, t.received
	return func(n *pg.Node) float64 {
		if n.Kind == pg.KindInitiative {
			return received[n.ID]
		}
		return given[n.ID]
	}, nil
}

// networkBounded is Network over a pg.BoundedStore holding the analytics
// of its graph (m): the walk from a center expands only the levels it
// reaches; the whole-graph order ranks the measured nodes (and the
// documents, when asked for) without reading their relationships; and
// only the relationships of the nodes kept are read.
func (s *Service) networkBounded(ctx context.Context, center string, depth int, kinds []pg.Kind, proj Projection, limit int, m *Metrics) (*Network, error) {
	l := s.newLocal()
	keep := func(n *pg.Node) bool {
		if n == nil || n.Kind == pg.KindDocument && !slices.Contains(kinds, pg.KindDocument) {
			return false
		}
		if proj == CollaborationProjection && !n.Kind.IsActor() {
			return false
		}
		return len(kinds) == 0 || slices.Contains(kinds, n.Kind)
	}
	neighbours := func(vs []string) (map[string][]string, error) {
		out := make(map[string][]string, len(vs))
		if proj == Bipartite {
			if err := l.expand(ctx, vs); err != nil {
				return nil, err
			}
			for _, v := range vs {
				var nbs []string
				for _, e := range l.g.Out(v) {
					if keep(l.g.Node(e.Target)) {
						nbs = append(nbs, e.Target)
					}
				}
				for _, e := range l.g.In(v) {
					if keep(l.g.Node(e.Source)) {
						nbs = append(nbs, e.Source)
					}
				}
				out[v] = uniq(nbs)
			}
			return out, nil
		}
		ps, err := s.CachedPartners(ctx, vs)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			var nbs []string
			for _, p := range ps[v] {
				if keep(p.Actor) {
					nbs = append(nbs, p.Actor.ID)
				}
			}
			out[v] = uniq(nbs)
		}
		return out, nil
	}
	rank := func(order []string) {
		sort.SliceStable(order, func(i, j int) bool {
			a, b := order[i], order[j]
			if ra, rb := Rank(m.PageRank[a]), Rank(m.PageRank[b]); ra != rb {
				return ra > rb
			}
			if m.Degree[a] != m.Degree[b] {
				return m.Degree[a] > m.Degree[b]
			}
			return a < b
		})
	}
	var order []string
	if center != "" {
		if err := l.nodes(ctx, []string{center}); err != nil {
			return nil, err
		}
		if !keep(l.g.Node(center)) {
			return nil, &InputError{fmt.Sprintf("center: %s is not of the kinds asked for", center)}
		}
		var err error
		if order, err = walkLevels(center, depth, limit, neighbours, rank); err != nil {
			return nil, err
		}
	} else {
		var err error
		if order, err = s.wholeOrderBounded(ctx, m, proj, kinds, keep, rank); err != nil {
			return nil, err
		}
	}
	net := &Network{MetricsReady: true}
	if len(order) > limit {
		order, net.Truncated = order[:limit], true
	}
	if err := l.nodes(ctx, order); err != nil {
		return nil, err
	}
	in := make(map[string]bool, len(order))
	for _, id := range order {
		in[id] = true
	}
	degree := map[string]int{}
	if proj == Bipartite {
		out, err := l.b.Between(ctx, order)
		if err != nil {
			return nil, err
		}
		for _, e := range out {
			if in[e.Source] && in[e.Target] {
				net.Edges = append(net.Edges, bipartiteEdge(e))
				degree[e.Source]++
				degree[e.Target]++
			}
		}
	} else {
		ps, err := s.CachedPartners(ctx, order)
		if err != nil {
			return nil, err
		}
		for _, a := range order {
			for _, p := range ps[a] {
				if b := p.Actor.ID; a < b && in[b] {
					net.Edges = append(net.Edges, collaborationEdge(a, p))
					degree[a]++
					degree[b]++
				}
			}
		}
	}
	sort.Slice(net.Edges, func(i, j int) bool { return net.Edges[i].ID < net.Edges[j].ID })
	net.Nodes = make([]NetworkNode, 0, len(order)) // an empty network is [], as over the whole graph
	for _, id := range order {
		net.Nodes = append(net.Nodes, NetworkNode{Node: l.g.Node(id), Degree: degree[id],
			PageRank: m.PageRank[id], Betweenness: m.Betweenness[id], Community: m.CommunityOf(id)})
	}
	return net, nil
}

// wholeOrderBounded is every kept node ranked, from the stored analytics
// (which measure every actor and initiative) and, when documents are
// asked for, the list of documents; kept per version.
func (s *Service) wholeOrderBounded(ctx context.Context, m *Metrics, proj Projection, kinds []pg.Kind, keep func(*pg.Node) bool, rank func([]string)) ([]string, error) {
	ks := make([]string, len(kinds))
	for i, k := range kinds {
		ks[i] = string(k)
	}
	sort.Strings(ks)
	key := fmt.Sprintf("%s|%s", proj, strings.Join(ks, ","))
	// By the request's key, not m.Version: the documents are listed too.
	v, err := s.cacheKey(ctx)
	if err != nil {
		return nil, err
	}
	s.boundedC.mu.Lock()
	if o, ok := s.boundedC.forVersion(v).orders[key]; ok {
		s.boundedC.mu.Unlock()
		return o, nil
	}
	s.boundedC.mu.Unlock()
	var order []string
	for _, n := range m.nodes() {
		if n.Kind != pg.KindDocument && keep(n) {
			order = append(order, n.ID)
		}
	}
	if keep(&pg.Node{Kind: pg.KindDocument}) {
		docs, _, err := s.listAll(ctx, []pg.Kind{pg.KindDocument}, nil)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			order = append(order, d.ID)
		}
	}
	rank(order)
	s.boundedC.mu.Lock()
	defer s.boundedC.mu.Unlock()
	c := s.boundedC.forVersion(v)
	if c.orders == nil || len(c.orders) > 64 {
		c.orders = map[string][]string{}
	}
	c.orders[key] = order
	return order, nil
}

// boundedMetrics returns the store as a pg.BoundedStore with the stored
// analytics of its current version, or nil when it is not one or holds
// none (then the snapshot path computes them).
func (s *Service) boundedMetrics(ctx context.Context) (*Metrics, error) {
	if s.bounded() == nil {
		return nil, nil
	}
	return s.stored(ctx)
}

// catalogue returns the store's pg.Catalogue of the request's version, read
// once per version, or nil when the store keeps none (then lists read
// every node of their kinds).
func (s *Service) catalogue(ctx context.Context) (*catalogue, error) {
	cs, ok := s.Store.(pg.CatalogueStore)
	if !ok {
		return nil, nil
	}
	v, err := s.version(ctx)
	if err != nil {
		return nil, err
	}
	key, err := s.cacheKey(ctx)
	if err != nil {
		return nil, err
	}
	s.boundedC.mu.Lock()
	c := s.boundedC.forVersion(key).cat
	s.boundedC.mu.Unlock()
	if c != nil {
		return c, nil
	}
	read, err := cs.Catalogue(ctx)
	if err != nil || read == nil {
		return nil, err
	}
	c = &catalogue{all: read.Nodes, byKind: map[pg.Kind][]*pg.Node{}}
	for _, n := range read.Nodes {
		c.byKind[n.Kind] = append(c.byKind[n.Kind], n)
	}
	if read.Version == v {
		// Kept only for the version it was read from (a load may have
		// committed since the request read its version).
		s.boundedC.mu.Lock()
		s.boundedC.forVersion(key).cat = c
		s.boundedC.mu.Unlock()
	}
	return c, nil
}

// nodes are the catalogue's nodes of the given kinds (every kind when
// none), in list order: (SortKey(name), id), the order they were read in.
func (c *catalogue) nodes(kinds []pg.Kind) []*pg.Node {
	switch len(kinds) {
	case 0:
		return c.all
	case 1:
		return c.byKind[kinds[0]]
	}
	var out []*pg.Node
	for _, n := range c.all {
		if slices.Contains(kinds, n.Kind) {
			out = append(out, n)
		}
	}
	return out
}

// listAll is every node of the kinds a list with filter f holds, in list
// order: from the catalogue (returned too) when the store keeps one and f
// needs nothing but its fields, else every node read whole.
func (s *Service) listAll(ctx context.Context, kinds []pg.Kind, f *Filter) ([]*pg.Node, *catalogue, error) {
	if !f.usesDocument() {
		c, err := s.catalogue(ctx)
		if err != nil {
			return nil, nil, err
		}
		if c != nil {
			return c.nodes(kinds), c, nil
		}
	}
	all, _, err := s.Store.List(ctx, pg.ListQuery{Kinds: kinds})
	return all, nil, err
}

// whole replaces the nodes of a page cut from the catalogue (its list
// fields only) by the nodes read whole, in one read of their ids; the
// page's All still gives the catalogue's.
func (s *Service) whole(ctx context.Context, p *Page) error {
	if len(p.Nodes) == 0 {
		return nil
	}
	ids := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		ids[i] = n.ID
	}
	ns, err := s.Store.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	for i, n := range ns {
		if n == nil {
			return fmt.Errorf("the graph changed during the request: node %s is gone; ask again", ids[i])
		}
	}
	p.Nodes = ns
	return nil
}

// fundersBounded is Funders over a pg.BoundedStore: the actors at the
// start of the FUNDED relationships, read by id; kept per version.
func (s *Service) fundersBounded(ctx context.Context, b pg.BoundedStore) ([]*pg.Node, error) {
	return keptPerKey(ctx, s,
		func(c *boundedCache) ([]*pg.Node, bool) { return c.funders, c.funders != nil },
		func(c *boundedCache, out []*pg.Node) { c.funders = out },
		func() ([]*pg.Node, error) { return s.readFunders(ctx, b) })
}

// readFunders reads fundersBounded's actors.
func (s *Service) readFunders(ctx context.Context, b pg.BoundedStore) ([]*pg.Node, error) {
	funded, err := s.funded(ctx, b)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range funded {
		if k := pg.KindOfID(e.Source); k == pg.KindCouncil || k == pg.KindOrganisation {
			ids = append(ids, e.Source)
		}
	}
	l := s.newLocal()
	if err := l.nodes(ctx, ids); err != nil {
		return nil, err
	}
	out := make([]*pg.Node, 0, len(ids))
	for _, id := range uniq(ids) {
		out = append(out, l.g.Node(id))
	}
	sort.Slice(out, func(i, j int) bool { return lessNode(out[i], out[j]) })
	return out, nil
}
