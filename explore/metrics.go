package explore

import (
	"context"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	pg "github.com/partnergraph/partnergraph"
)

// Metrics are whole-graph measures, computed over the collaboration
// projection: councils and organisations, joined when they are partners
// (took part in the same initiative or its parts, or one funded the other),
// weighted by the initiatives they share. The partner table they come from
// is kept, since partners are the API's most asked question.
//
// Initiatives are not in the projection: their Degree is how many actors
// take part in them, their Community the one most of those actors are in,
// and they have no PageRank or betweenness.
type Metrics struct {
	Version     string
	Graph       *pg.Graph
	Degree      map[string]int
	PageRank    map[string]float64
	Betweenness map[string]float64
	// Community numbers communities 0.. by size; -1 is none (a document,
	// an initiative nobody took part in).
	Community map[string]int
	partners  map[string][]Partner
}

// NoCommunity is the community of nodes outside the projection with no actor to take one from.
const NoCommunity = -1

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
	var actors []string
	for _, n := range g.Nodes() {
		if n.Kind.IsActor() {
			actors = append(actors, n.ID)
		}
	}
	partners, err := s.PartnersOf(ctx, actors)
	if err != nil {
		return nil, err
	}
	s.cache.m = computeMetrics(v, g, partners)
	return s.cache.m, nil
}

// CachedPartners answers PartnersOf from the partner table of the store's
// current version, built once per load.
func (s *Service) CachedPartners(ctx context.Context, ids []string) (map[string][]Partner, error) {
	m, err := s.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Partner, len(ids))
	for _, id := range ids {
		if p, ok := m.partners[id]; ok {
			out[id] = p
		}
	}
	return out, nil
}

// sharedWeight is how strongly two partners are tied: the initiatives they
// share, or 1 for a direct funding alone.
func sharedWeight(p Partner) float64 { return float64(max(1, len(p.Initiatives))) }

func computeMetrics(version string, g *pg.Graph, partners map[string][]Partner) *Metrics {
	m := &Metrics{Version: version, Graph: g, Degree: map[string]int{}, Community: map[string]int{}, partners: partners}
	var actors []string
	adj := map[string]map[string]float64{}
	for _, n := range g.Nodes() {
		if n.Kind.IsActor() {
			actors = append(actors, n.ID)
			adj[n.ID] = map[string]float64{}
		}
	}
	// The partner relation is symmetric; both directions are set in case a
	// store answers one side only.
	for a, ps := range partners {
		for _, p := range ps {
			if _, ok := adj[p.Actor.ID]; ok && a != p.Actor.ID && adj[a] != nil {
				w := sharedWeight(p)
				adj[a][p.Actor.ID], adj[p.Actor.ID][a] = w, w
			}
		}
	}
	for _, id := range actors {
		m.Degree[id] = len(adj[id])
	}
	m.PageRank = pageRank(actors, adj)
	m.Betweenness = betweenness(actors, adj)
	for id, c := range communities(actors, adj) {
		m.Community[id] = c
	}
	for _, n := range g.Nodes() {
		switch n.Kind {
		case pg.KindInitiative:
			m.Degree[n.ID] = ActorCount(g, n.ID)
			m.Community[n.ID] = majorityCommunity(g, n.ID, m.Community)
		case pg.KindDocument:
			m.Community[n.ID] = NoCommunity
		}
	}
	return m
}

// majorityCommunity is the community most of an initiative's actors are
// in, the lower number on a tie.
func majorityCommunity(g *pg.Graph, id string, community map[string]int) int {
	votes := map[int]int{}
	for _, e := range g.In(id, participation...) {
		if n := g.Node(e.Source); n != nil && n.Kind.IsActor() {
			votes[community[e.Source]]++
		}
	}
	best, most := NoCommunity, 0
	for c, v := range votes {
		if v > most || v == most && c < best {
			best, most = c, v
		}
	}
	return best
}

// The measures below come from gonum's graph packages, over the
// undirected graph that computeMetrics builds: ids are mapped to gonum's
// int64 node ids in sorted order, so results do not depend on map order.

// gonumGraph builds the weighted undirected graph, and the id of each gonum node.
func gonumGraph(ids []string, adj map[string]map[string]float64) (*simple.WeightedUndirectedGraph, map[string]int64, []string) {
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	num := make(map[string]int64, len(sorted))
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i, id := range sorted {
		num[id] = int64(i)
		g.AddNode(simple.Node(i))
	}
	// Edges go in in sorted order, so that gonum sees the same graph built
	// the same way on every run.
	for _, id := range sorted {
		for _, nb := range slices.Sorted(maps.Keys(adj[id])) {
			j, ok := num[nb]
			if !ok || j == num[id] || g.HasEdgeBetween(num[id], j) {
				continue
			}
			g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(num[id]), T: simple.Node(j), W: adj[id][nb]})
		}
	}
	return g, num, sorted
}

// pageRank is gonum's PageRank (damping 0.85) over the undirected graph
// seen as a directed one with an arc each way; it counts ties, not weights.
func pageRank(ids []string, adj map[string]map[string]float64) map[string]float64 {
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
	// The sparse form: the dense one holds an n×n matrix (800 MB at 10 000 actors).
	pr := network.PageRankSparse(orderedDirected{dg}, 0.85, 1e-10)
	for _, id := range sorted {
		out[id] = pr[num[id]]
	}
	return out
}

// betweenness is gonum's Brandes betweenness over hops, normalised by
// (n-1)(n-2) so that graphs of different sizes compare.
func betweenness(ids []string, adj map[string]map[string]float64) map[string]float64 {
	g, num, sorted := gonumGraph(ids, adj)
	raw := network.Betweenness(orderedUndirected{g})
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

// communities is gonum's Louvain modularity optimisation over the weighted
// graph, with a fixed random source so that the same graph always gets the
// same partition; communities are numbered 0.. by size, then by their
// smallest id.
func communities(ids []string, adj map[string]map[string]float64) map[string]int {
	g, num, sorted := gonumGraph(ids, adj)
	out := make(map[string]int, len(sorted))
	if len(sorted) == 0 {
		return out
	}
	reduced := community.Modularize(orderedUndirected{g}, 1, rand.NewPCG(1, 2))
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

// gonum's simple graphs iterate maps, and summing in another order on each
// run changes the last digits of PageRank and betweenness. These views
// list nodes and neighbours by id, so the same graph gives the same numbers.

func sortedNodes(it graph.Nodes) graph.Nodes {
	ns := graph.NodesOf(it)
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID() < ns[j].ID() })
	return iterator.NewOrderedNodes(ns)
}

type orderedDirected struct{ *simple.DirectedGraph }

func (g orderedDirected) Nodes() graph.Nodes        { return sortedNodes(g.DirectedGraph.Nodes()) }
func (g orderedDirected) From(id int64) graph.Nodes { return sortedNodes(g.DirectedGraph.From(id)) }
func (g orderedDirected) To(id int64) graph.Nodes   { return sortedNodes(g.DirectedGraph.To(id)) }

type orderedUndirected struct {
	*simple.WeightedUndirectedGraph
}

func (g orderedUndirected) Nodes() graph.Nodes { return sortedNodes(g.WeightedUndirectedGraph.Nodes()) }
func (g orderedUndirected) From(id int64) graph.Nodes {
	return sortedNodes(g.WeightedUndirectedGraph.From(id))
}

// Measures are every node's metrics as export attributes: degree,
// community, and for councils and organisations PageRank and betweenness
// to 1e-9, the digits that hold from run to run.
func (m *Metrics) Measures() map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, n := range m.Graph.Nodes() {
		switch {
		case n.Kind.IsActor():
			out[n.ID] = map[string]any{"degree": m.Degree[n.ID], "community": m.Community[n.ID],
				"pagerank": Rank(m.PageRank[n.ID]), "betweenness": Rank(m.Betweenness[n.ID])}
		case n.Kind == pg.KindInitiative:
			out[n.ID] = map[string]any{"degree": m.Degree[n.ID], "community": m.Community[n.ID]}
		}
	}
	return out
}
