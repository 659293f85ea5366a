package explore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	pg "github.com/partnergraph/partnergraph"
)

// Projection chooses what a network's edges are.
type Projection string

const (
	// Bipartite: actors and initiatives, joined by LEADS, PARTNER_IN,
	// FUNDED and PART_OF.
	Bipartite Projection = "BIPARTITE"
	// CollaborationProjection: councils and organisations only, joined when they took part
	// in the same initiative; weight is how many they share.
	CollaborationProjection Projection = "COLLABORATION"
)

// NetworkNode is a node of a network with its measures.
type NetworkNode struct {
	Node        *pg.Node
	Degree      int
	PageRank    float64
	Betweenness float64
	Community   int
}

// NetworkEdge is an edge of a network.
type NetworkEdge struct {
	ID, Source, Target string
	Kind               string
	Weight             float64
	EvidenceCount      int
}

// Network is a drawable subgraph.
type Network struct {
	Nodes     []NetworkNode
	Edges     []NetworkEdge
	Truncated bool
	// MetricsReady is false while the graph's metrics are computed: nodes
	// then carry no PageRank, betweenness or community.
	MetricsReady bool
}

// Network bounds.
const (
	MaxNetworkLimit = 5000
	MaxNetworkDepth = 4
)

// Network returns the subgraph around center within depth hops (or the whole
// graph without center), only of the given kinds, at most limit nodes: the
// nearest first, then the highest PageRank. It never waits for the metrics:
// until they are computed, nodes are ordered by their number of
// relationships and MetricsReady is false.
//
// The walk stops at the first distance that fills limit, and only the
// neighbours of the nodes it reaches are read, so a small network around a
// node costs what it holds, not what the graph holds.
func (s *Service) Network(ctx context.Context, center string, depth int, kinds []pg.Kind, proj Projection, limit int) (*Network, error) {
	switch {
	case depth < 0 || depth > MaxNetworkDepth:
		return nil, &InputError{fmt.Sprintf("depth: %d is outside 0..%d", depth, MaxNetworkDepth)}
	case limit < 1 || limit > MaxNetworkLimit:
		return nil, &InputError{fmt.Sprintf("limit: %d is outside 1..%d", limit, MaxNetworkLimit)}
	case proj != Bipartite && proj != CollaborationProjection:
		return nil, &InputError{fmt.Sprintf("projection: %q is not BIPARTITE or COLLABORATION", proj)}
	}
	if center != "" {
		if _, err := s.Need(ctx, center); err != nil {
			return nil, err
		}
	}
	if m, err := s.boundedMetrics(ctx); err != nil || m != nil {
		if err != nil {
			return nil, err
		}
		return s.networkBounded(ctx, center, depth, kinds, proj, limit, m)
	}
	g, _, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	m, err := s.MetricsIfReady(ctx)
	if err != nil && !errors.Is(err, ErrMetricsNotReady) {
		return nil, err
	}
	keep := networkKeep(proj, kinds)
	ix := s.index(g)
	// neighbours lists the kept nodes next to v, by id.
	neighbours := func(vs []string) (map[string][]string, error) {
		out := make(map[string][]string, len(vs))
		if proj == Bipartite {
			for _, v := range vs {
				var nbs []string
				i := ix.of[v]
				for _, a := range ix.out[i] {
					if keep(ix.nodes[a.to]) {
						nbs = append(nbs, ix.ids[a.to])
					}
				}
				for _, a := range ix.in[i] {
					if keep(ix.nodes[a.to]) {
						nbs = append(nbs, ix.ids[a.to])
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
				if keep(g.Node(p.Actor.ID)) {
					nbs = append(nbs, p.Actor.ID)
				}
			}
			out[v] = uniq(nbs)
		}
		return out, nil
	}
	rank := networkRank(g, m)
	var order []string
	if center != "" {
		if !keep(g.Node(center)) {
			return nil, &InputError{fmt.Sprintf("center: %s is not of the kinds asked for", center)}
		}
		var err error
		if order, err = walkLevels(center, depth, limit, neighbours, rank); err != nil {
			return nil, err
		}
	} else {
		order = s.wholeOrder(g, m, proj, kinds, keep, rank)
	}
	net := &Network{MetricsReady: m != nil}
	if len(order) > limit {
		order, net.Truncated = order[:limit], true
	}
	// in[i]: node i (index order) is in the network; degree by index too.
	in := make([]bool, len(ix.ids))
	for _, id := range order {
		in[ix.of[id]] = true
	}
	degree := make([]int, len(ix.ids))
	if proj == Bipartite {
		for _, id := range order {
			i := ix.of[id]
			for _, a := range ix.out[i] {
				if in[a.to] {
					net.Edges = append(net.Edges, bipartiteEdge(a.e))
					degree[i]++
					degree[a.to]++
				}
			}
		}
	} else {
		ps, err := s.CachedPartners(ctx, order)
		if err != nil {
			return nil, err
		}
		for _, a := range order {
			for _, p := range ps[a] {
				if b := p.Actor.ID; a < b && in[ix.of[b]] {
					net.Edges = append(net.Edges, collaborationEdge(a, p))
					degree[ix.of[a]]++
					degree[ix.of[b]]++
				}
			}
		}
	}
	sort.Slice(net.Edges, func(i, j int) bool { return net.Edges[i].ID < net.Edges[j].ID })
	net.Nodes = make([]NetworkNode, 0, len(order))
	for _, id := range order {
		i := ix.of[id]
		nn := NetworkNode{Node: ix.nodes[i], Degree: degree[i], Community: NoCommunity}
		if m != nil {
			nn.PageRank, nn.Betweenness, nn.Community = m.PageRank[id], m.Betweenness[id], m.CommunityOf(id)
		}
		net.Nodes = append(net.Nodes, nn)
	}
	return net, nil
}

// networkKeep says which nodes a network of the given projection and
// kinds holds.
func networkKeep(proj Projection, kinds []pg.Kind) func(*pg.Node) bool {
	return func(n *pg.Node) bool {
		if n == nil || n.Kind == pg.KindDocument && !slices.Contains(kinds, pg.KindDocument) {
			return false
		}
		if proj == CollaborationProjection && !n.Kind.IsActor() {
			return false
		}
		return len(kinds) == 0 || slices.Contains(kinds, n.Kind)
	}
}

// networkRank orders a network's nodes at one distance: the highest
// PageRank first, then the most taken part in (initiatives have no
// PageRank), then by id; without metrics, by number of relationships.
func networkRank(g *pg.Graph, m *Metrics) func([]string) {
	return func(order []string) {
		sort.SliceStable(order, func(i, j int) bool {
			a, b := order[i], order[j]
			if m != nil {
				if ra, rb := Rank(m.PageRank[a]), Rank(m.PageRank[b]); ra != rb {
					return ra > rb
				}
				if m.Degree[a] != m.Degree[b] {
					return m.Degree[a] > m.Degree[b]
				}
			} else if da, db := g.Degree(a), g.Degree(b); da != db {
				return da > db
			}
			return a < b
		})
	}
}

// warmNetwork ranks the whole graph for the default network question
// (bipartite, every kind), with or without the metrics, so that the first
// whole-graph network after a load or after the metrics are ready does not
// pay for it.
func (s *Service) warmNetwork(g *pg.Graph, m *Metrics) {
	s.wholeOrder(g, m, Bipartite, nil, networkKeep(Bipartite, nil), networkRank(g, m))
}

// wholeOrder is every kept node of the graph, ranked; the ranking of a
// version's whole graph is kept, since it does not depend on the request.
func (s *Service) wholeOrder(g *pg.Graph, m *Metrics, proj Projection, kinds []pg.Kind, keep func(*pg.Node) bool, rank func([]string)) []string {
	ks := make([]string, len(kinds))
	for i, k := range kinds {
		ks[i] = string(k)
	}
	sort.Strings(ks)
	key := fmt.Sprintf("%p|%v|%s|%s", g, m != nil, proj, strings.Join(ks, ","))
	s.orders.mu.Lock()
	if o, ok := s.orders.m[key]; ok {
		s.orders.mu.Unlock()
		return o
	}
	s.orders.mu.Unlock()
	var order []string
	for _, n := range g.Nodes() {
		if keep(n) {
			order = append(order, n.ID)
		}
	}
	rank(order)
	s.orders.mu.Lock()
	defer s.orders.mu.Unlock()
	if s.orders.g != g || len(s.orders.m) > 64 {
		s.orders.g, s.orders.m = g, map[string][]string{}
	}
	s.orders.m[key] = order
	return order
}

// orderCache keeps whole-graph network orders of one snapshot.
type orderCache struct {
	mu sync.Mutex
	g  *pg.Graph
	m  map[string][]string
}

// Hop is one relationship along a path, in the direction it was walked.
type Hop struct {
	From, To *pg.Node
	Edge     *pg.Edge
}

// MaxPaths bounds how many equally short paths are returned.
const MaxPaths = 20

// Paths returns the shortest paths (at most MaxPaths) from one node to
// another over relationships walked either way, documents excluded, no
// longer than maxLength hops.
func (s *Service) Paths(ctx context.Context, from, to string, maxLength int) ([][]Hop, error) {
	if maxLength < 1 || maxLength > 10 {
		return nil, &InputError{fmt.Sprintf("maxLength: %d is outside 1..10", maxLength)}
	}
	if _, err := s.Need(ctx, from); err != nil {
		return nil, err
	}
	if _, err := s.Need(ctx, to); err != nil {
		return nil, err
	}
	if s.bounded() != nil {
		return s.pathsBounded(ctx, from, to, maxLength)
	}
	g, _, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	if from == to {
		return [][]Hop{}, nil
	}
	return twoSidedPaths(g, from, to, maxLength, nil)
}

// twoSidedPaths are the shortest paths from one node to another of at most
// maxLength hops in g. Breadth-first from both ends, a whole level at a
// time on the side whose frontier is smaller, until the two meet: the balls
// searched have half the radius of a one-sided search. load, when given,
// brings the relationships of a frontier into g before it is expanded (the
// bounded store reads them a level at a time).
func twoSidedPaths(g *pg.Graph, from, to string, maxLength int, load func(frontier []string) error) ([][]Hop, error) {
	fw := newSearchSide(from)
	bw := newSearchSide(to)
	var meet []string
	for fw.depth+bw.depth < maxLength && len(fw.frontier) > 0 && len(bw.frontier) > 0 {
		side, other := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			side, other = bw, fw
		}
		if load != nil {
			if err := load(side.frontier); err != nil {
				return nil, err
			}
		}
		side.expand(g)
		for _, v := range side.frontier {
			if _, ok := other.reached[v]; ok {
				meet = append(meet, v)
			}
		}
		if len(meet) > 0 {
			break
		}
	}
	if len(meet) == 0 {
		return [][]Hop{}, nil
	}
	sort.Strings(meet)
	// Every shortest path crosses the level just expanded at one meeting
	// node: the paths are the halves from each end joined there.
	var paths [][]Hop
	for _, m := range meet {
		if len(paths) >= MaxPaths {
			break
		}
		for _, head := range fw.walks(g, m, MaxPaths-len(paths)) {
			for _, tail := range bw.walks(g, m, MaxPaths-len(paths)) {
				if len(paths) >= MaxPaths {
					break
				}
				p := slices.Clone(head)
				// The backward half runs from m towards to: turn it round.
				for i := len(tail) - 1; i >= 0; i-- {
					h := tail[i]
					p = append(p, Hop{From: h.To, To: h.From, Edge: h.Edge})
				}
				paths = append(paths, p)
			}
		}
	}
	return paths, nil
}

// searchSide is one end of a two-sided breadth-first search.
type searchSide struct {
	reached  map[string]reach // the nodes reached from this end
	frontier []string
	depth    int
}

// reach is how a node was reached: one map for both, so that a node met
// for the first time costs one map assignment, not two.
type reach struct {
	dist int
	pred []*pg.Edge // edges from nodes one nearer this end
}

func newSearchSide(start string) *searchSide {
	return &searchSide{reached: map[string]reach{start: {}}, frontier: []string{start}}
}

// expand walks one level further, over relationships either way,
// documents excluded.
func (s *searchSide) expand(g *pg.Graph) {
	var next []string
	visit := func(v, w string, e *pg.Edge) {
		if n := g.Node(w); n == nil || n.Kind == pg.KindDocument {
			return
		}
		r, seen := s.reached[w]
		if !seen {
			r.dist = s.depth + 1
			next = append(next, w)
		}
		if r.dist == s.depth+1 {
			r.pred = append(r.pred, e)
			s.reached[w] = r
		}
	}
	for _, v := range s.frontier {
		for _, e := range g.Out(v) {
			visit(v, e.Target, e)
		}
		for _, e := range g.In(v) {
			visit(v, e.Source, e)
		}
	}
	s.frontier = next
	s.depth++
}

// walks returns up to limit shortest walks from this side's start to v,
// each as hops from the start.
func (s *searchSide) walks(g *pg.Graph, v string, limit int) [][]Hop {
	var out [][]Hop
	var walk func(v string, suffix []Hop)
	walk = func(v string, suffix []Hop) {
		if len(out) >= limit {
			return
		}
		if s.reached[v].dist == 0 {
			out = append(out, slices.Clone(suffix))
			return
		}
		for _, e := range s.reached[v].pred {
			u := e.Source
			if u == v {
				u = e.Target
			}
			walk(u, append([]Hop{{From: g.Node(u), To: g.Node(v), Edge: e}}, suffix...))
		}
	}
	walk(v, nil)
	return out
}

// Similar is a council like another, by the partners they share.
type Similar struct {
	Council *pg.Node
	// Jaccard is |shared partners| / |partners of either|.
	Jaccard float64
	Shared  []*pg.Node
}

// SimilarCouncils returns the top councils whose partner sets overlap the
// given council's most (Jaccard), best first.
func (s *Service) SimilarCouncils(ctx context.Context, id string, top int) ([]Similar, error) {
	if top < 1 || top > 100 {
		return nil, &InputError{fmt.Sprintf("top: %d is outside 1..100", top)}
	}
	if _, err := s.Need(ctx, id, pg.KindCouncil); err != nil {
		return nil, err
	}
	if s.bounded() != nil {
		return s.similarBounded(ctx, id, top)
	}
	g, _, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var councils []string
	for _, n := range g.Nodes() {
		if n.Kind == pg.KindCouncil {
			councils = append(councils, n.ID)
		}
	}
	partners, err := s.CachedPartners(ctx, councils)
	if err != nil {
		return nil, err
	}
	return rankSimilar(orgPartners(partners[id]), councils, partners, g.Node, id, top), nil
}

// orgPartners is the organisations among a council's partners, by id.
func orgPartners(ps []Partner) map[string]*pg.Node {
	out := map[string]*pg.Node{}
	for _, p := range ps {
		if p.Actor.Kind == pg.KindOrganisation {
			out[p.Actor.ID] = p.Actor
		}
	}
	return out
}

// rankSimilar ranks the councils (but skip) that share an organisation
// partner with mine by Jaccard, best first and then by id, the top ones;
// partners holds each council's partners and node gives its node. Both
// SimilarCouncils paths (whole snapshot, bounded reads) rank here.
func rankSimilar(mine map[string]*pg.Node, councils []string, partners map[string][]Partner, node func(string) *pg.Node, skip string, top int) []Similar {
	var out []Similar
	for _, c := range councils {
		if c == skip {
			continue
		}
		theirs := orgPartners(partners[c])
		var shared []*pg.Node
		for pid, p := range theirs {
			if mine[pid] != nil {
				shared = append(shared, p)
			}
		}
		if len(shared) == 0 {
			continue
		}
		sort.Slice(shared, func(i, j int) bool { return lessNode(shared[i], shared[j]) })
		union := len(mine) + len(theirs) - len(shared)
		out = append(out, Similar{Council: node(c), Jaccard: float64(len(shared)) / float64(union), Shared: shared})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Jaccard != out[j].Jaccard {
			return out[i].Jaccard > out[j].Jaccard
		}
		return out[i].Council.ID < out[j].Council.ID
	})
	if len(out) > top {
		out = out[:top]
	}
	return out
}

// Count is how many items share a key.
type Count struct {
	Key   string
	Count int
}

// Stats summarises the graph.
type Stats struct {
	Nodes, Edges, Sectors, Regions, Nations, Themes []Count
	// FundingTotal sums parsed amounts in GBP; Fundings counts FUNDED relationships.
	FundingTotal float64
	Fundings     int
}

// Stats counts nodes and relationships by kind and nodes by sector,
// region, nation and theme.
func (s *Service) Stats(ctx context.Context) (*Stats, error) {
	if cs, ok := s.Store.(pg.CountStore); ok {
		c, err := cs.Counts(ctx)
		if err != nil {
			return nil, err
		}
		st := &Stats{Nodes: counts(c.Nodes), Edges: counts(c.Edges), Sectors: counts(c.Sectors),
			Regions: counts(c.Regions), Nations: counts(c.Nations), Themes: counts(c.Themes), Fundings: len(c.Pounds)}
		for _, p := range c.Pounds {
			st.FundingTotal += p
		}
		return st, nil
	}
	g, _, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	kinds, edges, sectors, regions, nations, themes := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, n := range g.Nodes() {
		kinds[string(n.Kind)]++
		if n.Sector != "" {
			sectors[string(n.Sector)]++
		}
		if n.Region != "" {
			regions[n.Region]++
		}
		if n.Nation != "" {
			nations[n.Nation]++
		}
		if n.Theme != "" {
			themes[n.Theme]++
		}
	}
	st := &Stats{}
	for _, e := range g.Edges() {
		edges[string(e.Kind)]++
		if e.Kind == pg.EdgeFunded {
			st.Fundings++
			st.FundingTotal += Pounds(e)
		}
	}
	st.Nodes, st.Edges, st.Sectors = counts(kinds), counts(edges), counts(sectors)
	st.Regions, st.Nations, st.Themes = counts(regions), counts(nations), counts(themes)
	return st, nil
}

func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// CollaborationEdges are the collaboration projection's edges over the
// whole graph, one a pair of actors, sorted by id: what the exports write
// for projection=collaboration. They list every pair of every initiative's
// partners, so they are computed on first use, from the partner relation
// (the partners field's), for exports only; the API never builds them.
// Metrics from ComputeMetrics, which have no store, have none.
func (m *Metrics) CollaborationEdges() []NetworkEdge {
	m.collabOnce.Do(func() {
		ctx := context.Background()
		store := m.store
		if store == nil {
			return // measured by ComputeMetrics alone: no store to read partners from
		}
		var actors []string
		for _, n := range m.nodes() {
			if n.Kind.IsActor() {
				actors = append(actors, n.ID)
			}
		}
		partners, err := (&Service{Store: store}).PartnersOf(ctx, actors)
		if err != nil {
			return
		}
		for _, a := range actors {
			for _, p := range partners[a] {
				if a < p.Actor.ID {
					m.collab = append(m.collab, collaborationEdge(a, p))
				}
			}
		}
		sort.Slice(m.collab, func(i, j int) bool { return m.collab[i].ID < m.collab[j].ID })
	})
	return m.collab
}

// walkLevels lists the nodes a network around center holds: the center,
// then each level of neighbours not seen before, ranked, until depth levels
// or limit nodes. Both the in-memory and the bounded network walk with it.
func walkLevels(center string, depth, limit int, neighbours func([]string) (map[string][]string, error), rank func([]string)) ([]string, error) {
	seen := map[string]bool{center: true}
	order := []string{center}
	level := []string{center}
	for d := 0; d < depth && len(order) < limit && len(level) > 0; d++ {
		nbs, err := neighbours(level)
		if err != nil {
			return nil, err
		}
		var next []string
		for _, v := range level {
			for _, w := range nbs[v] {
				if !seen[w] {
					seen[w] = true
					next = append(next, w)
				}
			}
		}
		rank(next)
		order = append(order, next...)
		level = next
	}
	return order, nil
}

// bipartiteEdge is a relationship as a network edge, weighed by its amount
// when it has one.
func bipartiteEdge(e *pg.Edge) NetworkEdge {
	w := 1.0
	if e.Amount != nil && *e.Amount > 0 {
		w = *e.Amount
	}
	return NetworkEdge{ID: e.ID, Source: e.Source, Target: e.Target, Kind: string(e.Kind), Weight: w, EvidenceCount: len(e.Evidence)}
}

// collaborationEdge is the tie between actor a and its partner p (a < p's id).
func collaborationEdge(a string, p Partner) NetworkEdge {
	b := p.Actor.ID
	return NetworkEdge{ID: "COLLABORATED:" + a + "--" + b, Source: a, Target: b, Kind: "COLLABORATED",
		Weight: sharedWeight(p), EvidenceCount: len(p.Evidence.List())}
}
