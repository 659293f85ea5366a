package explore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/storetest"
	"github.com/partnergraph/partnergraph/synth"
)

// bounded is an in-memory store that is a pg.BoundedStore and a
// pg.MeasureStore holding the analytics a load stores (as the Neo4j store
// is), and counts its whole-graph reads.
type bounded struct {
	pg.Store
	g         *pg.Graph
	measures  *pg.StoredMeasures
	snapshots atomic.Int64
	// wholeLists counts List calls without a limit (every node of kinds).
	wholeLists atomic.Int64
}

func (b *bounded) List(ctx context.Context, q pg.ListQuery) ([]*pg.Node, int, error) {
	if q.Limit <= 0 {
		b.wholeLists.Add(1)
	}
	return b.Store.List(ctx, q)
}

// Catalogue is every node with only the fields a catalogue holds, in
// list order, as the Neo4j store reads it.
func (b *bounded) Catalogue(ctx context.Context) (*pg.Catalogue, error) {
	all, _, err := b.Store.List(ctx, pg.ListQuery{})
	if err != nil {
		return nil, err
	}
	c := &pg.Catalogue{Version: b.g.Fingerprint()}
	for _, n := range all {
		c.Nodes = append(c.Nodes, &pg.Node{ID: n.ID, Kind: n.Kind, Name: n.Name, Aliases: n.Aliases, Sector: n.Sector,
			Region: n.Region, Nation: n.Nation, CouncilType: n.CouncilType, Theme: n.Theme})
	}
	return c, nil
}

func (b *bounded) Snapshot(ctx context.Context) (*pg.Graph, error) {
	b.snapshots.Add(1)
	return b.Store.Snapshot(ctx)
}

func (b *bounded) StoredMeasures(context.Context) (*pg.StoredMeasures, error) { return b.measures, nil }

func (b *bounded) EdgesOfKind(_ context.Context, k pg.EdgeKind) ([]*pg.Edge, error) {
	var out []*pg.Edge
	for _, e := range b.g.Edges() {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out, nil
}

func (b *bounded) InitiativeCounts(context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, n := range b.g.Nodes() {
		if c := explore.InitiativeCount(b.g, n.ID); c > 0 {
			out[n.ID] = c
		}
	}
	return out, nil
}

func (b *bounded) Around(ctx context.Context, ids []string) ([]*pg.Edge, map[string]*pg.Node, error) {
	edges, err := b.Edges(ctx, pg.EdgeQuery{NodeIDs: ids, Direction: pg.Both})
	if err != nil {
		return nil, nil, err
	}
	ends := map[string]*pg.Node{}
	for _, e := range edges {
		ends[e.Source], ends[e.Target] = b.g.Node(e.Source), b.g.Node(e.Target)
	}
	return edges, ends, nil
}

func (b *bounded) Between(_ context.Context, ids []string) ([]*pg.Edge, error) {
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	var out []*pg.Edge
	for _, e := range b.g.Edges() {
		if in[e.Source] && in[e.Target] {
			out = append(out, e)
		}
	}
	return out, nil
}

func newBounded(t testing.TB, g *pg.Graph) *bounded {
	t.Helper()
	ctx := context.Background()
	mem := inmem.New()
	if _, err := mem.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	m, err := explore.ComputeMetrics(ctx, g.Fingerprint(), g)
	if err != nil {
		t.Fatal(err)
	}
	// As a load stores them: rounded as lists order by them.
	sm := &pg.StoredMeasures{Version: g.Fingerprint(), Degree: m.Degree, Community: map[string]int{},
		PageRank: map[string]float64{}, Betweenness: map[string]float64{}}
	for id, ms := range m.Measures() {
		sm.Community[id] = ms["community"].(int)
		if p, ok := ms["pagerank"]; ok {
			sm.PageRank[id], sm.Betweenness[id] = p.(float64), ms["betweenness"].(float64)
		}
	}
	return &bounded{Store: mem, g: g, measures: sm}
}

// TestBoundedAnswersEqualSnapshotAnswers: over a pg.BoundedStore the paths,
// networks, similar councils, funding flows and the INITIATIVE_COUNT and
// FUNDING_TOTAL measures equal those computed over the whole graph, and
// none of them takes a Snapshot.
func TestBoundedAnswersEqualSnapshotAnswers(t *testing.T) {
	ctx := context.Background()
	seeds, _, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, _, err := synth.Write(ctx, dir, synth.Options{Scale: 1, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	synthetic, _, err := loader.Load(ctx, dir, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*pg.Graph{"fixture": storetest.Fixture(), "seeds": seeds, "synth": synthetic} {
		t.Run(name, func(t *testing.T) {
			mem := inmem.New()
			if _, err := mem.Replace(ctx, g); err != nil {
				t.Fatal(err)
			}
			want := &explore.Service{Store: mem}
			b := newBounded(t, g)
			got := &explore.Service{Store: b}
			var ids []string
			var councils []string
			for i, n := range g.Nodes() {
				if n.Kind == pg.KindCouncil {
					councils = append(councils, n.ID)
				}
				if n.Kind != pg.KindDocument && i%7 == 0 {
					ids = append(ids, n.ID)
				}
			}
			same := func(what string, f func(s *explore.Service) (any, error)) {
				t.Helper()
				x, errX := f(got)
				y, errY := f(want)
				a, b := jsonRounded(t, x), jsonRounded(t, y)
				if fmt.Sprint(errX) != fmt.Sprint(errY) || a != b {
					t.Fatalf("%s over bounded reads:\n%s (%v)\nover the whole graph:\n%s (%v)", what, a, errX, b, errY)
				}
			}
			for i, from := range ids {
				to := ids[(i*5+1)%len(ids)]
				for _, max := range []int{2, 4, 6} {
					same(fmt.Sprintf("path %s %s %d", from, to, max), func(s *explore.Service) (any, error) { return s.Paths(ctx, from, to, max) })
				}
				for _, proj := range []explore.Projection{explore.Bipartite, explore.CollaborationProjection} {
					depth, limit := 1+i%3, []int{3, 50, 500}[i%3]
					same(fmt.Sprintf("network %s %s %d %d", from, proj, depth, limit), func(s *explore.Service) (any, error) {
						return s.Network(ctx, from, depth, nil, proj, limit)
					})
				}
			}
			for _, kinds := range [][]pg.Kind{nil, {pg.KindOrganisation, pg.KindDocument}, {pg.KindInitiative}} {
				for _, proj := range []explore.Projection{explore.Bipartite, explore.CollaborationProjection} {
					for _, limit := range []int{5, 5000} {
						same(fmt.Sprintf("network %v %s %d", kinds, proj, limit), func(s *explore.Service) (any, error) {
							return s.Network(ctx, "", 1, kinds, proj, limit)
						})
					}
				}
			}
			for _, c := range councils {
				same("similar "+c, func(s *explore.Service) (any, error) { return s.SimilarCouncils(ctx, c, 10) })
			}
			same("funding flows", func(s *explore.Service) (any, error) { return s.FundingFlows(ctx) })
			for _, field := range []string{explore.OrderInitiativeCount, explore.OrderFundingTotal} {
				same(field, func(s *explore.Service) (any, error) {
					f, err := s.Measure(ctx, field)
					if err != nil {
						return nil, err
					}
					out := map[string]float64{}
					for _, n := range g.Nodes() {
						out[n.ID] = f(n)
					}
					return out, nil
				})
			}
			first, last, two := 3, 2, 2
			for _, q := range listQuestions(g) {
				same(fmt.Sprintf("list %v %+v %+v %+v", q.kinds, q.filter, q.window, q.order), func(s *explore.Service) (any, error) {
					p, err := s.ListFiltered(ctx, q.kinds, q.filter, q.window, q.order...)
					if err != nil {
						return nil, err
					}
					all, err := p.All(ctx)
					if err != nil {
						return nil, err
					}
					counts := map[string][]explore.Count{}
					for _, facet := range []string{explore.FacetKind, explore.FacetSector, explore.FacetRegion, explore.FacetTheme} {
						if counts[facet], err = explore.CountBy(all, facet); err != nil {
							return nil, err
						}
					}
					// The page's nodes whole (evidence and all), the counts over the list.
					return map[string]any{"page": p.Nodes, "cursors": p.Cursors, "total": p.Total, "next": p.HasNext, "previous": p.HasPrevious, "counts": counts}, nil
				})
			}
			same("funders", func(s *explore.Service) (any, error) {
				all, err := s.Funders(ctx)
				if err != nil {
					return nil, err
				}
				var out []any
				for _, w := range []explore.Window{{}, {First: &first}, {Last: &last}} {
					p, err := s.PageFiltered(ctx, all, &explore.Filter{Kinds: []pg.Kind{pg.KindCouncil}}, w, nil)
					if err != nil {
						return nil, err
					}
					out = append(out, p.Nodes, p.Total)
				}
				p, err := s.PageFiltered(ctx, all, nil, explore.Window{First: &two}, &explore.Order{Field: explore.OrderFundingTotal, Desc: true})
				if err != nil {
					return nil, err
				}
				return append(out, p.Nodes), nil
			})
			if n := b.snapshots.Load(); n != 0 {
				t.Errorf("questions over a BoundedStore read the whole graph %d times", n)
			}
			if n := b.wholeLists.Load(); n != 0 {
				t.Errorf("questions over a BoundedStore listed every node of a kind %d times", n)
			}
		})
	}
}

// jsonRounded is v as JSON with every number rounded as lists order by it.
func jsonRounded(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	json.Unmarshal(raw, &x)
	var round func(any) any
	round = func(v any) any {
		switch y := v.(type) {
		case map[string]any:
			for k := range y {
				y[k] = round(y[k])
			}
		case []any:
			for i := range y {
				y[i] = round(y[i])
			}
		case float64:
			return explore.Rank(y)
		}
		return v
	}
	out, _ := json.Marshal(round(x))
	return string(out)
}

// listQuery is one ListFiltered call.
type listQuery struct {
	kinds  []pg.Kind
	filter *explore.Filter
	window explore.Window
	order  []explore.Order
}

// listQuestions are lists with filters, orders and windows over g's own
// names, sectors, regions and themes: what lists cut from a catalogue
// must answer as lists of the whole nodes do.
func listQuestions(g *pg.Graph) []listQuery {
	var region, theme, name, alias string
	for _, n := range g.Nodes() {
		if region == "" && n.Region != "" {
			region = n.Region
		}
		if theme == "" && n.Theme != "" {
			theme = n.Theme
		}
		if name == "" && n.Kind == pg.KindOrganisation {
			name = n.Name
		}
		if alias == "" && len(n.Aliases) > 0 {
			alias = n.Aliases[0]
		}
	}
	first, last, big := 3, 2, 100
	var after string
	for _, n := range g.Nodes() {
		if n.Kind == pg.KindOrganisation {
			after = explore.Cursor(n)
			break
		}
	}
	orgs, inits, councils := []pg.Kind{pg.KindOrganisation}, []pg.Kind{pg.KindInitiative}, []pg.Kind{pg.KindCouncil}
	qs := []listQuery{
		{kinds: councils, filter: &explore.Filter{Or: []explore.Filter{{Regions: []string{strings.ToUpper(region)}}, {NameEq: strings.ToLower(name)}}}},
		{kinds: orgs, filter: &explore.Filter{Sectors: []pg.Sector{pg.SectorVoluntary, pg.SectorPublic}}, order: []explore.Order{{Field: explore.OrderPartnerCount, Desc: true}}},
		{kinds: orgs, filter: &explore.Filter{Not: &explore.Filter{Sectors: []pg.Sector{pg.SectorVoluntary}}}, window: explore.Window{First: &big, After: &after}},
		{kinds: orgs, filter: &explore.Filter{NameContains: "a", NameStartsWith: name[:1]}, window: explore.Window{Last: &last}},
		{kinds: orgs, filter: &explore.Filter{NameIn: []string{alias, name}}},
		{kinds: inits, order: []explore.Order{{Field: explore.OrderFundingTotal, Desc: true}}},
		{kinds: inits, filter: &explore.Filter{Themes: []string{theme}}, order: []explore.Order{{Field: explore.OrderPageRank}}, window: explore.Window{First: &first}},
		{kinds: inits, window: explore.Window{Last: &first}},
		{kinds: []pg.Kind{pg.KindCouncil, pg.KindOrganisation}, filter: &explore.Filter{And: []explore.Filter{{NameContains: "e"}, {Kinds: orgs}}}, order: []explore.Order{{Field: explore.OrderInitiativeCount, Desc: true}}},
		{kinds: councils, order: []explore.Order{{Field: explore.OrderBetweenness, Desc: true}}, window: explore.Window{First: &big}},
		{kinds: []pg.Kind{pg.KindDocument}, window: explore.Window{Last: &last}},
	}
	return qs
}
