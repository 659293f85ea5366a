package explore

import (
	"context"
	"errors"
	"math"
	"runtime"
	"sort"
	"sync"
	"time"

	pg "github.com/partnergraph/partnergraph"
)

// Metrics are whole-graph measures over the collaboration network:
// councils and organisations are partners when they took part in the same
// initiative (or its parts: an initiative and everything PART_OF it count as
// one), or one funded the other.
//
// They are computed over the bipartite graph of actors and these initiative
// families (a direct funding tie is a family of two), never over the
// pairwise projection, which for an initiative of k partners has k(k-1)/2
// ties: PageRank is the random walk that steps from an actor to another
// member of one of its families (so ties weigh by the families shared);
// betweenness is Brandes over that graph's shortest paths between actors,
// from every actor up to ExactBetweennessLimit of them and from a fixed,
// evenly spread sample of BetweennessPivots beyond; communities are
// Louvain's (louvain.go, fixed seed) over actors tied by the families they
// share, a family of more than CliqueLimit actors tied through a hub.
//
// Initiatives have Degree (how many actors take part) and Community (the
// one most of those actors are in), no PageRank or betweenness.
type Metrics struct {
	Version     string
	Graph       *pg.Graph
	Degree      map[string]int
	PageRank    map[string]float64
	Betweenness map[string]float64
	// Community numbers communities 0.. by size; -1 is none (a document,
	// an initiative nobody took part in).
	Community map[string]int
	// Sampled says betweenness was estimated from BetweennessPivots sources.
	Sampled bool
	Took    time.Duration

	store      pg.Store // the metrics' source, when they came from one
	collabOnce sync.Once
	collab     []NetworkEdge
}

// NoCommunity is the community of nodes outside the projection with no actor to take one from.
const NoCommunity = -1

// Bounds of the metric computation.
const (
	ExactBetweennessLimit = 3000
	BetweennessPivots     = 256
	// SyncMetricsLimit: graphs with at most this many actors have their
	// metrics computed on the first request that asks (a few milliseconds);
	// larger ones only in the background.
	SyncMetricsLimit = 1500
	// MetricsTimeout bounds one background computation.
	MetricsTimeout = 10 * time.Minute
)

// computeMetrics is ComputeMetrics; tests hold it back to see that
// questions do not wait for it.
var computeMetrics = ComputeMetrics

// ErrMetricsNotReady is returned by MetricsIfReady while the metrics of
// the current version are still being computed.
var ErrMetricsNotReady = errors.New("the graph's metrics are still being computed")

// metricsCache holds the metrics of the store's current version, computed
// once per version in the background.
type metricsCache struct {
	mu      sync.Mutex
	m       *Metrics
	running string        // version being computed
	done    chan struct{} // closed when running finishes
	err     error         // of the last computation of running
	snap    *snapshot
	// noneStored is the version a MeasureStore holds no measures for.
	noneStored string
}

type snapshot struct {
	version string
	g       *pg.Graph
	actors  int
	ixOnce  sync.Once
	ix      *graphIndex // see Service.index
}

// Snapshot returns the store's current graph and its version, read once
// per version. Over a pg.ConsistentStore, outside a question (exports, the
// metrics computed in the background) it reads under a token of its own,
// so that the store refuses a graph of another version than the one it is
// kept under (a load committing between the version's read and the
// graph's).
func (s *Service) Snapshot(ctx context.Context) (*pg.Graph, string, error) {
	if cs, ok := s.Store.(pg.ConsistentStore); ok {
		if _, in := pg.ReadTokenOf(ctx); !in {
			tok, err := cs.ReadToken(ctx)
			if err != nil {
				return nil, "", err
			}
			ctx = pg.WithReadToken(ctx, tok)
		}
	}
	v, err := s.version(ctx)
	if err != nil {
		return nil, "", err
	}
	s.cache.mu.Lock()
	if sn := s.cache.snap; sn != nil && sn.version == v {
		s.cache.mu.Unlock()
		return sn.g, v, nil
	}
	s.cache.mu.Unlock()
	g, err := s.Store.Snapshot(ctx)
	if err != nil {
		return nil, "", err
	}
	s.cache.mu.Lock()
	s.cache.snap = &snapshot{version: v, g: g, actors: actorCount(g)}
	s.cache.mu.Unlock()
	return g, v, nil
}

// StartMetrics begins computing the metrics of the store's current version
// in the background, if they are not computed or being computed already.
// Servers call it after a load.
func (s *Service) StartMetrics(ctx context.Context) error {
	_, _, err := s.start(ctx)
	return err
}

// start returns the ready metrics of the current version, or the channel
// that closes when the running computation ends.
func (s *Service) start(ctx context.Context) (*Metrics, chan struct{}, error) {
	if m, err := s.stored(ctx); err != nil || m != nil {
		return m, nil, err
	}
	g, v, err := s.Snapshot(ctx)
	if err != nil {
		return nil, nil, err
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if s.cache.m != nil && s.cache.m.Version == v {
		return s.cache.m, nil, nil
	}
	if s.cache.running == v {
		return nil, s.cache.done, nil
	}
	done := make(chan struct{})
	s.cache.running, s.cache.done, s.cache.err = v, done, nil
	go func() {
		defer close(done)
		bg, cancel := context.WithTimeout(context.Background(), MetricsTimeout)
		defer cancel()
		// Built here, not by the first question that walks the graph.
		s.index(g)
		s.warmNetwork(g, nil)
		m, err := computeMetrics(bg, v, g)
		if err == nil {
			s.warmNetwork(g, m)
		}
		s.cache.mu.Lock()
		defer s.cache.mu.Unlock()
		if s.cache.running != v {
			return
		}
		if err != nil {
			// Not kept: the next request starts again.
			s.cache.running, s.cache.err = "", err
			return
		}
		m.store = s.Store
		s.cache.m = m
	}()
	return nil, done, nil
}

// stored returns the metrics a pg.MeasureStore keeps with its current
// graph (computed once per load), without reading the graph; nil when the
// store keeps none, or none for this version, and the service computes them.
func (s *Service) stored(ctx context.Context) (*Metrics, error) {
	ms, ok := s.Store.(pg.MeasureStore)
	if !ok {
		return nil, nil
	}
	v, err := s.version(ctx)
	if err != nil {
		return nil, err
	}
	s.cache.mu.Lock()
	if s.cache.m != nil && s.cache.m.Version == v {
		m := s.cache.m
		s.cache.mu.Unlock()
		return m, nil
	}
	none := s.cache.noneStored == v
	s.cache.mu.Unlock()
	if none {
		return nil, nil
	}
	sm, err := ms.StoredMeasures(ctx)
	if err != nil {
		return nil, err
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if sm == nil || sm.Version != v {
		if sm == nil {
			s.cache.noneStored = v
		}
		return nil, nil
	}
	m := &Metrics{Version: sm.Version, Degree: sm.Degree, PageRank: sm.PageRank,
		Betweenness: sm.Betweenness, Community: sm.Community, store: s.Store}
	s.cache.m = m
	return m, nil
}

// Metrics returns the metrics of the store's current content, waiting for
// them (or for ctx) if they are being computed. Exports use it; the API
// uses MetricsIfReady.
func (s *Service) Metrics(ctx context.Context) (*Metrics, error) {
	for {
		m, done, err := s.start(ctx)
		if err != nil || m != nil {
			return m, err
		}
		select {
		case <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		s.cache.mu.Lock()
		err = s.cache.err
		s.cache.mu.Unlock()
		if err != nil {
			return nil, err
		}
	}
}

// MetricsIfReady returns the metrics of the current version without
// waiting: ErrMetricsNotReady while they are computed in the background.
// Small graphs (SyncMetricsLimit) are measured on the spot instead.
func (s *Service) MetricsIfReady(ctx context.Context) (*Metrics, error) {
	m, done, err := s.start(ctx)
	if err != nil || m != nil {
		return m, err
	}
	if _, _, err := s.Snapshot(ctx); err != nil {
		return nil, err
	}
	s.cache.mu.Lock()
	small := s.cache.snap != nil && s.cache.snap.actors <= SyncMetricsLimit
	s.cache.mu.Unlock()
	if small {
		return s.Metrics(ctx)
	}
	select {
	case <-done:
		return s.Metrics(ctx)
	default:
		return nil, ErrMetricsNotReady
	}
}

func actorCount(g *pg.Graph) int {
	n := 0
	for _, x := range g.NodesUnsorted() {
		if x.Kind.IsActor() {
			n++
		}
	}
	return n
}

// MetricsReady says whether the metrics of the current version are
// computed.
func (s *Service) MetricsReady(ctx context.Context) (bool, error) {
	_, err := s.MetricsIfReady(ctx)
	if errors.Is(err, ErrMetricsNotReady) {
		return false, nil
	}
	return err == nil, err
}

// families is the bipartite structure the metrics run over: actors (in id
// order) and families of initiatives, each with its members.
type families struct {
	actors   []string
	members  [][]int32 // family -> actor indexes, ascending
	ofActor  [][]int32 // actor -> family indexes, ascending
	actorIdx map[string]int32
}

func buildFamilies(g *pg.Graph) *families {
	f := &families{actorIdx: map[string]int32{}}
	var inits []string
	for _, n := range g.Nodes() {
		switch {
		case n.Kind.IsActor():
			f.actors = append(f.actors, n.ID)
		case n.Kind == pg.KindInitiative:
			inits = append(inits, n.ID)
		}
	}
	sort.Strings(f.actors)
	sort.Strings(inits)
	for i, id := range f.actors {
		f.actorIdx[id] = int32(i)
	}
	initIdx := make(map[string]int, len(inits))
	for i, id := range inits {
		initIdx[id] = i
	}
	parent := make([]int, len(inits))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	edges := g.Edges()
	for _, e := range edges {
		if e.Kind != pg.EdgePartOf {
			continue
		}
		a, okA := initIdx[e.Source]
		b, okB := initIdx[e.Target]
		if okA && okB {
			ra, rb := find(a), find(b)
			if ra != rb {
				if rb < ra {
					ra, rb = rb, ra
				}
				parent[rb] = ra
			}
		}
	}
	famOf := make([]int32, len(inits))
	for i := range famOf {
		famOf[i] = -1
	}
	nf := int32(0)
	for i := range inits {
		r := find(i)
		if famOf[r] < 0 {
			famOf[r] = nf
			nf++
		}
		famOf[i] = famOf[r]
	}
	f.members = make([][]int32, nf)
	type pair struct{ a, b int32 }
	direct := map[pair]bool{}
	for _, e := range edges {
		switch e.Kind {
		case pg.EdgeLeads, pg.EdgePartnerIn, pg.EdgeFunded:
		default:
			continue
		}
		a, ok := f.actorIdx[e.Source]
		if !ok {
			continue
		}
		if i, ok := initIdx[e.Target]; ok {
			fam := famOf[i]
			f.members[fam] = append(f.members[fam], a)
			continue
		}
		if e.Kind == pg.EdgeFunded {
			if b, ok := f.actorIdx[e.Target]; ok && b != a {
				if b < a {
					a, b = b, a
				}
				direct[pair{a, b}] = true
			}
		}
	}
	for i, ms := range f.members {
		sort.Slice(ms, func(x, y int) bool { return ms[x] < ms[y] })
		f.members[i] = compact32(ms)
	}
	pairs := make([]pair, 0, len(direct))
	for p := range direct {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].a != pairs[j].a {
			return pairs[i].a < pairs[j].a
		}
		return pairs[i].b < pairs[j].b
	})
	for _, p := range pairs {
		f.members = append(f.members, []int32{p.a, p.b})
	}
	f.ofActor = make([][]int32, len(f.actors))
	for fam, ms := range f.members {
		if len(ms) < 2 {
			continue // nobody to partner with
		}
		for _, a := range ms {
			f.ofActor[a] = append(f.ofActor[a], int32(fam))
		}
	}
	return f
}

func compact32(xs []int32) []int32 {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// ComputeMetrics measures a whole graph once: the API computes it in the
// background after a load, exports and the Neo4j loader call it directly.
// Its cost is linear in the bipartite graph for PageRank and Louvain's
// passes, Σ|family|² for the degrees, and pivots × graph for betweenness.
func ComputeMetrics(ctx context.Context, version string, g *pg.Graph) (*Metrics, error) {
	start := time.Now()
	f := buildFamilies(g)
	m := &Metrics{Version: version, Graph: g, Degree: map[string]int{}, Community: map[string]int{},
		PageRank: map[string]float64{}, Betweenness: map[string]float64{}}
	for a, d := range f.degrees() {
		m.Degree[f.actors[a]] = d
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for a, v := range f.pageRank(0.85, 1e-10, 1000) {
		m.PageRank[f.actors[a]] = v
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	bc, sampled, err := f.betweenness(ctx)
	if err != nil {
		return nil, err
	}
	m.Sampled = sampled
	for a, v := range bc {
		m.Betweenness[f.actors[a]] = v
	}
	for a, c := range f.communities() {
		m.Community[f.actors[a]] = c
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
	m.Took = time.Since(start)
	return m, ctx.Err()
}

// degrees counts each actor's distinct partners.
func (f *families) degrees() []int {
	out := make([]int, len(f.actors))
	stamp := make([]int32, len(f.actors))
	for i := range stamp {
		stamp[i] = -1
	}
	for a := range f.actors {
		n := 0
		for _, fam := range f.ofActor[a] {
			for _, b := range f.members[fam] {
				if int(b) != a && stamp[b] != int32(a) {
					stamp[b] = int32(a)
					n++
				}
			}
		}
		out[a] = n
	}
	return out
}

// pageRank iterates the walk from the uniform vector, in index order, so
// the same graph gives the same numbers bit for bit; an actor with no
// partner hands its rank to everyone.
func (f *families) pageRank(damping, tol float64, maxIter int) []float64 {
	n := len(f.actors)
	if n == 0 {
		return nil
	}
	out := make([]float64, n)
	w := make([]float64, n) // total tie weight of each actor
	for a := range f.actors {
		for _, fam := range f.ofActor[a] {
			w[a] += float64(len(f.members[fam]) - 1)
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	y := make([]float64, len(f.members))
	for range maxIter {
		dangling := 0.0
		for a := range x {
			if w[a] == 0 {
				dangling += x[a]
			}
		}
		for fam, ms := range f.members {
			s := 0.0
			if len(ms) >= 2 {
				for _, a := range ms {
					s += x[a] / w[a]
				}
			}
			y[fam] = s
		}
		base := (1-damping)/float64(n) + damping*dangling/float64(n)
		diff := 0.0
		for b := range out {
			s := 0.0
			if w[b] > 0 {
				self := x[b] / w[b]
				for _, fam := range f.ofActor[b] {
					s += y[fam] - self
				}
			}
			out[b] = base + damping*s
			diff += math.Abs(out[b] - x[b])
		}
		x, out = out, x
		if diff < tol {
			break
		}
	}
	return x
}

// betweenness is Brandes' algorithm over the bipartite graph, counting
// shortest paths between actors (families are waypoints), normalised by
// (n-1)(n-2). Beyond ExactBetweennessLimit actors it runs from
// BetweennessPivots sources spread evenly over the id order and scales up.
func (f *families) betweenness(ctx context.Context) ([]float64, bool, error) {
	na, nf := len(f.actors), len(f.members)
	bc := make([]float64, na)
	if na < 3 {
		return bc, false, nil
	}
	sources := make([]int, 0, na)
	sampled := na > ExactBetweennessLimit
	if sampled {
		for i := range BetweennessPivots {
			sources = append(sources, i*na/BetweennessPivots)
		}
	} else {
		for i := range na {
			sources = append(sources, i)
		}
	}
	// Each core runs Brandes' single-source pass from its own source of a
	// window of sources; the dependencies are then added in source order,
	// so each actor's sum takes its terms in the order one core would give
	// them: the same bits on any number of cores.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(sources)))
	passes := make([]*brandesPass, workers)
	for k := range passes {
		passes[k] = newBrandesPass(na + nf)
	}
	for first := 0; first < len(sources); first += workers {
		if err := ctx.Err(); err != nil {
			return nil, sampled, err
		}
		n := min(workers, len(sources)-first)
		if n == 1 {
			f.brandesFrom(passes[0], sources[first])
		} else {
			var wg sync.WaitGroup
			for k := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					f.brandesFrom(passes[k], sources[first+k])
				}()
			}
			wg.Wait()
		}
		for k := range n {
			p := passes[k]
			for _, w := range p.order[1:] { // order[0] is the source
				if int(w) < na {
					bc[w] += p.delta[w]
				}
			}
		}
	}
	scale := 1.0
	if sampled {
		scale = float64(na) / float64(len(sources))
	}
	norm := float64(na-1) * float64(na-2)
	for i := range bc {
		bc[i] = bc[i] * scale / norm
	}
	return bc, sampled, nil
}

// brandesPass holds one single-source pass of Brandes' algorithm over
// the bipartite graph (vertices 0..na-1 actors, na.. families); its arrays
// serve pass after pass.
type brandesPass struct {
	dist         []int32
	sigma, delta []float64
	order        []int32 // the vertices reached, in the order reached
}

func newBrandesPass(nv int) *brandesPass {
	return &brandesPass{dist: make([]int32, nv), sigma: make([]float64, nv), delta: make([]float64, nv), order: make([]int32, 0, nv)}
}

// brandesFrom counts the shortest paths from s and leaves in p.delta each
// reached vertex's dependency on them (an actor is a path's end, a family
// only a waypoint).
func (f *families) brandesFrom(p *brandesPass, s int) {
	na := len(f.actors)
	dist, sigma, delta := p.dist, p.sigma, p.delta
	for i := range dist {
		dist[i], sigma[i], delta[i] = -1, 0, 0
	}
	order := p.order[:0]
	dist[s], sigma[s] = 0, 1
	order = append(order, int32(s))
	for i := 0; i < len(order); i++ {
		v := int(order[i])
		visit := func(w int) {
			if dist[w] < 0 {
				dist[w] = dist[v] + 1
				order = append(order, int32(w))
			}
			if dist[w] == dist[v]+1 {
				sigma[w] += sigma[v]
			}
		}
		if v < na {
			for _, fam := range f.ofActor[v] {
				visit(na + int(fam))
			}
		} else {
			for _, a := range f.members[v-na] {
				visit(int(a))
			}
		}
	}
	for i := len(order) - 1; i > 0; i-- {
		w := int(order[i])
		coeff := delta[w]
		if w < na {
			coeff++ // an actor is a path's end
		}
		coeff /= sigma[w]
		pred := func(v int) {
			if dist[v] == dist[w]-1 {
				delta[v] += sigma[v] * coeff
			}
		}
		if w < na {
			for _, fam := range f.ofActor[w] {
				pred(na + int(fam))
			}
		} else {
			for _, a := range f.members[w-na] {
				pred(int(a))
			}
		}
	}
	p.order = order
}

// communities runs Louvain (louvain, fixed seed) over louvainGraph's
// graph; communities are numbered 0.. by how many actors they hold, then
// by their smallest actor id.
func (f *families) communities() []int {
	na := len(f.actors)
	out := make([]int, na)
	if na == 0 {
		return out
	}
	comm := louvain(f.louvainGraph(), 1, 64, 100)
	byComm := map[int32][]int{}
	for a := range na {
		byComm[comm[a]] = append(byComm[comm[a]], a) // ascending
	}
	groups := make([][]int, 0, len(byComm))
	for _, members := range byComm {
		groups = append(groups, members)
	}
	sort.Slice(groups, func(i, j int) bool {
		if len(groups[i]) != len(groups[j]) {
			return len(groups[i]) > len(groups[j])
		}
		return groups[i][0] < groups[j][0]
	})
	for i, gr := range groups {
		for _, a := range gr {
			out[a] = i
		}
	}
	return out
}

// CliqueLimit is the largest family whose actors Louvain sees tied pairwise.
const CliqueLimit = 32

// louvainGraph is the graph Louvain runs over: actors (nodes 0..na-1) of
// a family of at most CliqueLimit are tied pairwise, one unit of weight
// per family shared; a larger family gets a hub node (na..) its actors
// are tied to instead, so no initiative costs more than CliqueLimit² ties.
// Each actor's ties are summed in a dense array, not a map.
func (f *families) louvainGraph() *csr {
	na := len(f.actors)
	hub := make([]int32, len(f.members))
	nv := int32(na)
	for fam, ms := range f.members {
		hub[fam] = -1
		if len(ms) > CliqueLimit {
			hub[fam] = nv
			nv++
		}
	}
	g := &csr{off: make([]int32, 1, nv+1), self: make([]float64, nv)}
	acc := make([]float64, nv)
	var touched []int32
	tie := func(b int32) {
		if acc[b] == 0 {
			touched = append(touched, b)
		}
		acc[b]++
	}
	for a := range na {
		touched = touched[:0]
		for _, fam := range f.ofActor[a] {
			if h := hub[fam]; h >= 0 {
				tie(h)
				continue
			}
			for _, b := range f.members[fam] {
				if int(b) != a {
					tie(b)
				}
			}
		}
		for _, b := range touched {
			g.adj = append(g.adj, b)
			g.w = append(g.w, acc[b])
			acc[b] = 0
		}
		g.off = append(g.off, int32(len(g.adj)))
	}
	for fam, ms := range f.members {
		if hub[fam] < 0 {
			continue
		}
		for _, a := range ms {
			g.adj = append(g.adj, a)
			g.w = append(g.w, 1)
		}
		g.off = append(g.off, int32(len(g.adj)))
	}
	return g
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

// partnerCache holds partner lists computed per actor for the current
// version, so a repeated question does not re-derive them.
type partnerCache struct {
	mu      sync.Mutex
	version string
	m       map[string][]Partner
}

// partnerCacheMax bounds the actors whose partners are kept.
const partnerCacheMax = 20000

// CachedPartners answers PartnersOf, remembering each actor's partners for
// the store's current version.
func (s *Service) CachedPartners(ctx context.Context, ids []string) (map[string][]Partner, error) {
	v, err := s.cacheKey(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Partner, len(ids))
	var missing []string
	s.partners.mu.Lock()
	if s.partners.version != v {
		s.partners.version, s.partners.m = v, map[string][]Partner{}
	}
	for _, id := range ids {
		if p, ok := s.partners.m[id]; ok {
			out[id] = p
		} else {
			missing = append(missing, id)
		}
	}
	s.partners.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	got, err := s.PartnersOf(ctx, missing)
	if err != nil {
		return nil, err
	}
	s.partners.mu.Lock()
	defer s.partners.mu.Unlock()
	if s.partners.version == v && len(s.partners.m)+len(missing) > partnerCacheMax {
		s.partners.m = map[string][]Partner{}
	}
	for _, id := range missing {
		p := got[id]
		out[id] = p
		if s.partners.version == v {
			s.partners.m[id] = p
		}
	}
	return out, nil
}

// sharedWeight is how strongly two partners are tied: the initiatives they
// share, or 1 for a direct funding alone.
func sharedWeight(p Partner) float64 { return float64(max(1, len(p.Initiatives))) }

// Measures are every node's metrics as export attributes: degree,
// community, and for councils and organisations PageRank and betweenness
// to 1e-9.
func (m *Metrics) Measures() map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, n := range m.nodes() {
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

// nodes are the measured nodes, in id order: the graph's, or for metrics
// read from a MeasureStore (which have no graph) those with a degree, of
// the kind their id names.
func (m *Metrics) nodes() []*pg.Node {
	if m.Graph != nil {
		return m.Graph.Nodes()
	}
	ids := make([]string, 0, len(m.Degree))
	for id := range m.Degree {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]*pg.Node, 0, len(ids))
	for _, id := range ids {
		out = append(out, &pg.Node{ID: id, Kind: pg.KindOfID(id)})
	}
	return out
}

// CommunityOf is a node's community; NoCommunity for a node with none
// (documents, which stored measures do not list).
func (m *Metrics) CommunityOf(id string) int {
	if c, ok := m.Community[id]; ok {
		return c
	}
	return NoCommunity
}
