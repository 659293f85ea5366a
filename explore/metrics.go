package explore

import (
	"context"
	"math/rand/v2"
	"sort"
	"sync"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	pg "github.com/partnergraph/partnergraph"
)

// Metrics are whole-graph measures of every node, computed over the
// undirected graph of participation and PART_OF relationships (documents
// excluded, since every node cites one and they would dominate centrality).
type Metrics struct {
	Version     string
	Graph       *pg.Graph
	Degree      map[string]int
	PageRank    map[string]float64
	Betweenness map[string]float64
	Community   map[string]int
	adj         map[string][]string

	partnersMu sync.Mutex
	partners   map[string][]Partner
}

// metricsCache holds the metrics of the store's current version: they cost
// a pass over the whole graph, so they are computed once per load, not per
// request.
type metricsCache struct {
	mu sync.Mutex
	m  *Metrics
}

// Metrics returns the metrics of the store's current content.
func (s *Service) Metrics(ctx context.Context) (*Metrics, error) {
	v, err := s.Store.Version(ctx)
	if err != nil {
		return nil, err
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if s.cache.m != nil && s.cache.m.Version == v {
		return s.cache.m, nil
	}
	g, err := s.Store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	s.cache.m = computeMetrics(v, g)
	return s.cache.m, nil
}

// CachedPartners answers PartnersOf from a table of every actor's partners
// built once per store version: the partners field is the API's most asked
// question, and building it costs a pass over each actor's initiatives.
func (s *Service) CachedPartners(ctx context.Context, ids []string) (map[string][]Partner, error) {
	m, err := s.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	m.partnersMu.Lock()
	defer m.partnersMu.Unlock()
	if m.partners == nil {
		var actors []string
		for _, n := range m.Graph.Nodes() {
			if n.Kind.IsActor() {
				actors = append(actors, n.ID)
			}
		}
		all, err := s.PartnersOf(ctx, actors)
		if err != nil {
			return nil, err
		}
		m.partners = all
	}
	out := make(map[string][]Partner, len(ids))
	for _, id := range ids {
		if p, ok := m.partners[id]; ok {
			out[id] = p
		}
	}
	return out, nil
}

func computeMetrics(version string, g *pg.Graph) *Metrics {
	m := &Metrics{Version: version, Graph: g, Degree: map[string]int{}, adj: map[string][]string{}}
	var ids []string
	for _, n := range g.Nodes() {
		if n.Kind != pg.KindDocument {
			ids = append(ids, n.ID)
			m.adj[n.ID] = nil
		}
	}
	for _, e := range g.Edges() {
		if _, ok := m.adj[e.Source]; !ok {
			continue
		}
		if _, ok := m.adj[e.Target]; !ok {
			continue
		}
		m.adj[e.Source] = append(m.adj[e.Source], e.Target)
		m.adj[e.Target] = append(m.adj[e.Target], e.Source)
	}
	for _, id := range ids {
		sort.Strings(m.adj[id])
		m.Degree[id] = len(m.adj[id])
	}
	m.PageRank = pageRank(ids, m.adj)
	m.Betweenness = betweenness(ids, m.adj)
	m.Community = communities(ids, m.adj)
	return m
}

// The measures below come from gonum's graph packages, over the
// undirected graph that computeMetrics builds: ids are mapped to gonum's
// int64 node ids in sorted order, so results do not depend on map order.

// gonumGraph builds the undirected graph, and the id of each gonum node.
func gonumGraph(ids []string, adj map[string][]string) (*simple.UndirectedGraph, map[string]int64, []string) {
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	num := make(map[string]int64, len(sorted))
	g := simple.NewUndirectedGraph()
	for i, id := range sorted {
		num[id] = int64(i)
		g.AddNode(simple.Node(i))
	}
	for _, id := range sorted {
		for _, nb := range adj[id] {
			j, ok := num[nb]
			if !ok || j == num[id] || g.HasEdgeBetween(num[id], j) {
				continue
			}
			g.SetEdge(simple.Edge{F: simple.Node(num[id]), T: simple.Node(j)})
		}
	}
	return g, num, sorted
}

// pageRank is gonum's PageRank (damping 0.85) over the undirected graph
// seen as a directed one with an arc each way.
func pageRank(ids []string, adj map[string][]string) map[string]float64 {
	ug, num, sorted := gonumGraph(ids, adj)
	dg := simple.NewDirectedGraph()
	for _, id := range sorted {
		dg.AddNode(simple.Node(num[id]))
	}
	edges := ug.Edges()
	for edges.Next() {
		e := edges.Edge()
		dg.SetEdge(simple.Edge{F: e.From(), T: e.To()})
		dg.SetEdge(simple.Edge{F: e.To(), T: e.From()})
	}
	out := make(map[string]float64, len(sorted))
	if len(sorted) == 0 {
		return out
	}
	pr := network.PageRank(dg, 0.85, 1e-10)
	for _, id := range sorted {
		out[id] = pr[num[id]]
	}
	return out
}

// betweenness is gonum's Brandes betweenness, normalised by (n-1)(n-2) so
// that graphs of different sizes compare.
func betweenness(ids []string, adj map[string][]string) map[string]float64 {
	g, num, sorted := gonumGraph(ids, adj)
	raw := network.Betweenness(g)
	out := make(map[string]float64, len(sorted))
	n := float64(len(sorted))
	for _, id := range sorted {
		v := raw[num[id]]
		if n > 2 {
			v /= (n - 1) * (n - 2)
		}
		out[id] = v
	}
	return out
}

// communities is gonum's Louvain modularity optimisation with a fixed
// random source, so that the same graph always gets the same partition;
// communities are numbered 0.. by size, then by their smallest id.
func communities(ids []string, adj map[string][]string) map[string]int {
	g, num, sorted := gonumGraph(ids, adj)
	out := make(map[string]int, len(sorted))
	if len(sorted) == 0 {
		return out
	}
	reduced := community.Modularize(g, 1, rand.NewPCG(1, 2))
	byNum := make(map[int64]string, len(sorted))
	for _, id := range sorted {
		byNum[num[id]] = id
	}
	type group struct {
		members []string
	}
	var groups []group
	for _, c := range reduced.Communities() {
		var members []string
		for _, n := range c {
			members = append(members, byNum[n.ID()])
		}
		sort.Strings(members)
		groups = append(groups, group{members})
	}
	sort.Slice(groups, func(i, j int) bool {
		if len(groups[i].members) != len(groups[j].members) {
			return len(groups[i].members) > len(groups[j].members)
		}
		return groups[i].members[0] < groups[j].members[0]
	})
	for i, gr := range groups {
		for _, id := range gr.members {
			out[id] = i
		}
	}
	return out
}
