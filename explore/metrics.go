package explore

import (
	"context"
	"sort"
	"sync"

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

// pageRank runs the power iteration with damping 0.85; dangling nodes
// spread their rank evenly so that ranks sum to 1.
func pageRank(ids []string, adj map[string][]string) map[string]float64 {
	n := float64(len(ids))
	pr := make(map[string]float64, len(ids))
	if n == 0 {
		return pr
	}
	for _, id := range ids {
		pr[id] = 1 / n
	}
	const d = 0.85
	for range 100 {
		next := make(map[string]float64, len(ids))
		dangling := 0.0
		for _, id := range ids {
			if len(adj[id]) == 0 {
				dangling += pr[id]
				continue
			}
			share := pr[id] / float64(len(adj[id]))
			for _, t := range adj[id] {
				next[t] += share
			}
		}
		delta := 0.0
		for _, id := range ids {
			v := (1-d)/n + d*(next[id]+dangling/n)
			delta += abs(v - pr[id])
			next[id] = v
		}
		pr = next
		if delta < 1e-10 {
			break
		}
	}
	return pr
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// betweenness is Brandes' algorithm for unweighted undirected graphs,
// normalised to 0..1.
func betweenness(ids []string, adj map[string][]string) map[string]float64 {
	cb := make(map[string]float64, len(ids))
	for _, s := range ids {
		var stack []string
		pred := map[string][]string{}
		sigma := map[string]float64{s: 1}
		dist := map[string]int{s: 0}
		queue := []string{s}
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			stack = append(stack, v)
			for _, w := range adj[v] {
				if _, seen := dist[w]; !seen {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
					pred[w] = append(pred[w], v)
				}
			}
		}
		delta := map[string]float64{}
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, v := range pred[w] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				cb[w] += delta[w]
			}
		}
	}
	n := float64(len(ids))
	if n > 2 {
		// Each pair was counted from both ends.
		norm := (n - 1) * (n - 2)
		for id := range cb {
			cb[id] /= norm
		}
	}
	return cb
}

// communities labels nodes by deterministic label propagation: each node
// takes the most common label among its neighbours (ties to the smallest),
// in id order, until nothing changes. Labels are then renumbered 0.. by size.
func communities(ids []string, adj map[string][]string) map[string]int {
	label := make(map[string]string, len(ids))
	for _, id := range ids {
		label[id] = id
	}
	for range 50 {
		changed := false
		for _, id := range ids {
			if len(adj[id]) == 0 {
				continue
			}
			count := map[string]int{label[id]: 0}
			for _, nb := range adj[id] {
				count[label[nb]]++
			}
			best := label[id]
			for l, c := range count {
				if c > count[best] || (c == count[best] && l < best) {
					best = l
				}
			}
			if best != label[id] {
				label[id], changed = best, true
			}
		}
		if !changed {
			break
		}
	}
	size := map[string]int{}
	for _, l := range label {
		size[l]++
	}
	labels := make([]string, 0, len(size))
	for l := range size {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool {
		if size[labels[i]] != size[labels[j]] {
			return size[labels[i]] > size[labels[j]]
		}
		return labels[i] < labels[j]
	})
	num := map[string]int{}
	for i, l := range labels {
		num[l] = i
	}
	out := make(map[string]int, len(ids))
	for id, l := range label {
		out[id] = num[l]
	}
	return out
}
