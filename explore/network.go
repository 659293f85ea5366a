package explore

import (
	"context"
	"fmt"
	"slices"
	"sort"

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
}

// Network bounds.
const (
	MaxNetworkLimit = 5000
	MaxNetworkDepth = 4
)

// Network returns the subgraph around center within depth hops (or the whole
// graph without center), only of the given kinds, at most limit nodes: the
// nearest first, then the highest PageRank.
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
	m, err := s.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	g := m.Graph
	keep := func(n *pg.Node) bool {
		if n == nil || n.Kind == pg.KindDocument && !slices.Contains(kinds, pg.KindDocument) {
			return false
		}
		if proj == CollaborationProjection && !n.Kind.IsActor() {
			return false
		}
		return len(kinds) == 0 || slices.Contains(kinds, n.Kind)
	}
	edges := projectEdges(m, proj, keep)
	adj := map[string][]string{}
	for _, e := range edges {
		adj[e.Source] = append(adj[e.Source], e.Target)
		adj[e.Target] = append(adj[e.Target], e.Source)
	}
	dist := map[string]int{}
	var order []string
	if center != "" {
		if !keep(g.Node(center)) {
			return nil, &InputError{fmt.Sprintf("center: %s is not of the kinds asked for", center)}
		}
		dist[center] = 0
		order = []string{center}
		for i := 0; i < len(order); i++ {
			v := order[i]
			if dist[v] == depth {
				continue
			}
			nbs := slices.Clone(adj[v])
			sort.Strings(nbs)
			for _, w := range nbs {
				if _, seen := dist[w]; !seen {
					dist[w] = dist[v] + 1
					order = append(order, w)
				}
			}
		}
	} else {
		for _, n := range g.Nodes() {
			if keep(n) {
				order = append(order, n.ID)
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if dist[a] != dist[b] {
			return dist[a] < dist[b]
		}
		if ra, rb := Rank(m.PageRank[a]), Rank(m.PageRank[b]); ra != rb {
			return ra > rb
		}
		// Initiatives have no PageRank: the most taken part in first.
		if m.Degree[a] != m.Degree[b] {
			return m.Degree[a] > m.Degree[b]
		}
		return a < b
	})
	net := &Network{}
	if len(order) > limit {
		order, net.Truncated = order[:limit], true
	}
	in := map[string]bool{}
	for _, id := range order {
		in[id] = true
	}
	degree := map[string]int{}
	for _, e := range edges {
		if in[e.Source] && in[e.Target] {
			net.Edges = append(net.Edges, e)
			degree[e.Source]++
			degree[e.Target]++
		}
	}
	for _, id := range order {
		net.Nodes = append(net.Nodes, NetworkNode{Node: g.Node(id), Degree: degree[id], PageRank: m.PageRank[id],
			Betweenness: m.Betweenness[id], Community: m.Community[id]})
	}
	return net, nil
}

// projectEdges returns a projection's edges between nodes that keep keeps.
// COLLABORATION edges are the partner relation itself (the one the
// partners field and the metrics read), one edge a pair.
func projectEdges(m *Metrics, proj Projection, keep func(*pg.Node) bool) []NetworkEdge {
	g := m.Graph
	var out []NetworkEdge
	if proj == Bipartite {
		for _, e := range g.Edges() {
			if keep(g.Node(e.Source)) && keep(g.Node(e.Target)) {
				w := 1.0
				if e.Amount != nil && *e.Amount > 0 {
					w = *e.Amount
				}
				out = append(out, NetworkEdge{ID: e.ID, Source: e.Source, Target: e.Target, Kind: string(e.Kind),
					Weight: w, EvidenceCount: len(e.Evidence)})
			}
		}
		return out
	}
	for a, ps := range m.partners {
		if !keep(g.Node(a)) {
			continue
		}
		for _, p := range ps {
			if b := p.Actor.ID; a < b && keep(g.Node(b)) {
				out = append(out, NetworkEdge{ID: "COLLABORATED:" + a + "--" + b, Source: a, Target: b,
					Kind: "COLLABORATED", Weight: sharedWeight(p), EvidenceCount: len(p.Evidence)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
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
	m, err := s.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	g := m.Graph
	dist := map[string]int{from: 0}
	pred := map[string][]*pg.Edge{}
	queue := []string{from}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if dist[v] >= maxLength {
			continue
		}
		if _, done := dist[to]; done && dist[v] >= dist[to] {
			break
		}
		for _, e := range append(g.Out(v), g.In(v)...) {
			w := e.Target
			if w == v {
				w = e.Source
			}
			if g.Node(w).Kind == pg.KindDocument {
				continue
			}
			if _, seen := dist[w]; !seen {
				dist[w] = dist[v] + 1
				queue = append(queue, w)
			}
			if dist[w] == dist[v]+1 {
				pred[w] = append(pred[w], e)
			}
		}
	}
	if _, ok := dist[to]; !ok || from == to {
		return [][]Hop{}, nil
	}
	var paths [][]Hop
	var walk func(v string, suffix []Hop)
	walk = func(v string, suffix []Hop) {
		if len(paths) >= MaxPaths {
			return
		}
		if v == from {
			paths = append(paths, slices.Clone(suffix))
			return
		}
		for _, e := range pred[v] {
			u := e.Source
			if u == v {
				u = e.Target
			}
			walk(u, append([]Hop{{From: g.Node(u), To: g.Node(v), Edge: e}}, suffix...))
		}
	}
	walk(to, nil)
	return paths, nil
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
	m, err := s.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	var councils []string
	for _, n := range m.Graph.Nodes() {
		if n.Kind == pg.KindCouncil {
			councils = append(councils, n.ID)
		}
	}
	partners, err := s.CachedPartners(ctx, councils)
	if err != nil {
		return nil, err
	}
	set := func(c string) map[string]*pg.Node {
		out := map[string]*pg.Node{}
		for _, p := range partners[c] {
			if p.Actor.Kind == pg.KindOrganisation {
				out[p.Actor.ID] = p.Actor
			}
		}
		return out
	}
	mine := set(id)
	var out []Similar
	for _, c := range councils {
		if c == id {
			continue
		}
		theirs := set(c)
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
		out = append(out, Similar{Council: m.Graph.Node(c), Jaccard: float64(len(shared)) / float64(union), Shared: shared})
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
	return out, nil
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
	m, err := s.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	kinds, edges, sectors, regions, nations, themes := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, n := range m.Graph.Nodes() {
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
	for _, e := range m.Graph.Edges() {
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
// for projection=collaboration.
func (m *Metrics) CollaborationEdges() []NetworkEdge {
	return projectEdges(m, CollaborationProjection, func(n *pg.Node) bool { return n != nil && n.Kind.IsActor() })
}
