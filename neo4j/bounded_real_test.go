package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/storetest"
)

// loadsAnalytics is the store as `partnergraph load` fills it: Replace
// stores the analytics explore computes, on the nodes.
type loadsAnalytics struct{ *Store }

func (s loadsAnalytics) Replace(ctx context.Context, g *pg.Graph) (pg.ReplaceStats, error) {
	m, err := explore.ComputeMetrics(ctx, g.Fingerprint(), g)
	if err != nil {
		return pg.ReplaceStats{}, err
	}
	return s.ReplaceWithAnalytics(ctx, g, m.Measures())
}

// TestRealAPIContractWithoutSnapshot asks every API question (the README's
// queries, storetest.APIQuestions) of Neo4j loaded as `partnergraph load`
// loads it: the answers equal the golden files, and not one of them read
// the whole graph (Store.Snapshot).
func TestRealAPIContractWithoutSnapshot(t *testing.T) {
	cfg := realConfig(t)
	var served *Store
	storetest.RunAPI(t, func(t *testing.T) pg.Store {
		served = emptyReal(t, cfg)
		return loadsAnalytics{served}
	})
	if n := served.SnapshotCalls(); n != 0 {
		t.Errorf("the API questions read the whole graph %d times", n)
	}
}

// boundedQuestions are questions about g's own nodes that the bounded
// reads answer (paths, networks around nodes and over the whole graph,
// similar councils, funding flows, the orders by initiative count and
// funding total), several of each.
func boundedQuestions(g *pg.Graph) []string {
	byKind := map[pg.Kind][]string{}
	most := map[pg.Kind]string{}
	for _, n := range g.Nodes() {
		byKind[n.Kind] = append(byKind[n.Kind], n.ID)
		if m := most[n.Kind]; m == "" || g.Degree(n.ID) > g.Degree(m) {
			most[n.Kind] = n.ID
		}
	}
	pick := func(k pg.Kind) []string {
		ids := byKind[k]
		out := []string{most[k]}
		for _, i := range []int{0, len(ids) / 3, len(ids) / 2, len(ids) - 1} {
			if i >= 0 && i < len(ids) {
				out = append(out, ids[i])
			}
		}
		sort.Strings(out)
		out = slicesCompact(out)
		return out
	}
	councils, orgs, inits := pick(pg.KindCouncil), pick(pg.KindOrganisation), pick(pg.KindInitiative)
	var qs []string
	ends := append(append(append([]string(nil), councils...), orgs...), inits...)
	for i, a := range ends {
		// The farthest node within 6 hops, asked within its distance
		// (the shortest paths) and within one hop less (none); and
		// another of the ends.
		b, d := farthest(g, a, 6)
		for _, q := range [][2]any{{b, d}, {b, d - 1}, {ends[(i*7+3)%len(ends)], 4}} {
			if q[1].(int) >= 1 {
				qs = append(qs, fmt.Sprintf(`{ path(from: %q, to: %q, maxLength: %d) { length nodes { id ... on Actor { name } } hops { from { id } to { id } kind forward evidence { quote lineStart } } } }`, a, q[0], q[1]))
			}
		}
	}
	for i, c := range ends {
		for _, proj := range []string{"BIPARTITE", "COLLABORATION"} {
			if proj == "COLLABORATION" && pg.KindOfID(c) == pg.KindInitiative {
				continue
			}
			qs = append(qs, fmt.Sprintf(`{ network(center: %q, depth: %d, projection: %s, limit: %d) { truncated metricsReady
				nodes { id label kind degree community pagerank betweenness } edges { id source target kind weight evidenceCount } } }`, c, 1+i%3, proj, []int{5, 40, 500}[i%3]))
		}
	}
	qs = append(qs,
		`{ network(center: "`+councils[0]+`", depth: 2, kinds: [COUNCIL, INITIATIVE, DOCUMENT]) { truncated nodes { id degree } edges { id } } }`,
		`{ network(limit: 7) { truncated nodes { id degree pagerank community } edges { id source target weight } } }`,
		`{ network(limit: 5000, kinds: [ORGANISATION, DOCUMENT]) { truncated nodes { id degree } edges { id weight } } }`,
		`{ network(limit: 30, projection: COLLABORATION) { truncated nodes { id degree betweenness } edges { id weight evidenceCount } } }`,
		`{ network(limit: 5000, kinds: [INITIATIVE]) { truncated nodes { id degree community } edges { id } } }`,
		`{ fundingFlows { total toNoCouncil flows { amountTotal totalCount edges { node { funder { id } recipient { id } amount amountText currency inKind evidence { quote } } } }
			byFunder { edges { node { id } total count } } byCouncil { edges { node { id } total count } } } }`)
	for _, c := range councils {
		qs = append(qs, fmt.Sprintf(`{ similarCouncils(id: %q, top: 5) { totalCount edges { node { id name } jaccard sharedPartners { id } } } }`, c))
	}
	for _, dir := range []string{"ASC", "DESC"} {
		qs = append(qs,
			`{ councils(orderBy: {field: INITIATIVE_COUNT, direction: `+dir+`}, first: 6) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id initiativeCount fundingTotal } } } }`,
			`{ organisations(orderBy: {field: FUNDING_TOTAL, direction: `+dir+`}) { edges { node { id initiativeCount fundingTotal } } } }`,
			`{ organisations(orderBy: {field: INITIATIVE_COUNT, direction: `+dir+`}, last: 4) { edges { node { id initiativeCount } } } }`,
			`{ initiatives(orderBy: {field: FUNDING_TOTAL, direction: `+dir+`}, first: 9) { edges { node { id fundingTotal } } } }`)
	}
	return append(qs, listQuestions(g)...)
}

// listQuestions are lists with filters, orders and counts over g's own
// regions, names and themes (answered from the catalogue and the nodes of
// the page), and the funders.
func listQuestions(g *pg.Graph) []string {
	var region, theme, name string
	for _, n := range g.Nodes() {
		if region == "" && n.Region != "" {
			region = n.Region
		}
		if theme == "" && n.Theme != "" {
			theme = n.Theme
		}
		if name == "" && n.Kind == pg.KindCouncil {
			name = n.Name
		}
	}
	node := `id name ... on Actor { aliases evidence { quote lineStart document { id } } }`
	return []string{
		fmt.Sprintf(`{ councils(where: {or: [{regionIn: [%q]}, {nameEq: %q}]}) { totalCount counts(by: REGION) { key count } pageInfo { hasNextPage endCursor }
			edges { cursor node { %s region nation type } } } }`, strings.ToLower(region), strings.ToUpper(name), node),
		`{ organisations(where: {sectorIn: [voluntary, public]}, orderBy: {field: PARTNER_COUNT, direction: DESC}, first: 7) { totalCount counts(by: SECTOR) { key count }
			pageInfo { hasNextPage endCursor } edges { cursor node { ` + node + ` sector partnerCount degree pagerank } } } }`,
		`{ organisations(where: {not: {sectorIn: [voluntary]}, nameContains: "a"}, last: 3) { totalCount pageInfo { hasPreviousPage startCursor } edges { cursor node { ` + node + ` } } } }`,
		fmt.Sprintf(`{ initiatives(where: {themeIn: [%q]}, orderBy: {field: FUNDING_TOTAL, direction: DESC}) { totalCount counts(by: THEME) { key count }
			edges { cursor node { id name summary fundingTotal partnerCount leads { edges { node { id } } } parts { edges { node { id } } } } } } }`, theme),
		`{ initiatives(orderBy: {field: PARTNER_COUNT, direction: ASC}, first: 5) { edges { cursor node { id name } } } }`,
		`{ councils(orderBy: {field: BETWEENNESS, direction: DESC}, last: 4) { totalCount counts(by: NATION) { key count } edges { cursor node { id lat lon } } } }`,
		`{ funders(where: {kindIn: [COUNCIL]}) { totalCount edges { node { id name } } } }`,
		`{ funders(orderBy: {field: FUNDING_TOTAL, direction: DESC}, first: 3) { totalCount counts(by: KIND) { key count } edges { cursor node { ` + node + ` } } } }`,
		`{ documents(last: 2) { totalCount edges { cursor node { id title } } } }`,
	}
}

// farthest is the node farthest from a within max hops over relationships
// walked either way, documents excluded (the smallest id of those), and
// its distance.
func farthest(g *pg.Graph, a string, max int) (string, int) {
	dist := map[string]int{a: 0}
	far, d := a, 0
	for level := []string{a}; len(level) > 0 && dist[level[0]] < max; {
		var next []string
		for _, v := range level {
			var ws []string
			for _, e := range g.Out(v) {
				ws = append(ws, e.Target)
			}
			for _, e := range g.In(v) {
				ws = append(ws, e.Source)
			}
			for _, w := range ws {
				if _, ok := dist[w]; !ok && g.Node(w).Kind != pg.KindDocument {
					dist[w] = dist[v] + 1
					next = append(next, w)
				}
			}
		}
		sort.Strings(next)
		if len(next) > 0 {
			far, d = next[0], dist[next[0]]
		}
		level = next
	}
	return far, d
}

func slicesCompact(xs []string) []string {
	var out []string
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestRealBoundedQuestionsEqualEmbedded asks the questions answered by
// bounded reads of Neo4j loaded with its analytics, over the contract
// fixture, a larger graph and the seeds' graph: each answer equals the
// embedded store's, and none read the whole graph.
func TestRealBoundedQuestionsEqualEmbedded(t *testing.T) {
	cfg := realConfig(t)
	ctx := context.Background()
	seeds, _, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		g    *pg.Graph
	}{{"fixture", storetest.Fixture()}, {"bigger", bigger(40)}, {"seeds", seeds}} {
		t.Run(tc.name, func(t *testing.T) {
			loaded := emptyReal(t, cfg)
			if _, err := (loadsAnalytics{loaded}).Replace(ctx, tc.g); err != nil {
				t.Fatal(err)
			}
			mem := inmem.New()
			if _, err := mem.Replace(ctx, tc.g); err != nil {
				t.Fatal(err)
			}
			served := openReal(t, cfg)
			qs := boundedQuestions(tc.g)
			answered := 0
			for _, q := range qs {
				got, want := ask(t, served, q), ask(t, mem, q)
				if got != want {
					t.Fatalf("%s\nNeo4j answers\n%s\nthe embedded store\n%s", q, got, want)
				}
				if strings.Contains(want, `"id"`) {
					answered++
				}
			}
			// Empty answers (no path within one hop less) are asked on
			// purpose, but they cannot tell the stores apart.
			if answered < len(qs)/2 {
				t.Errorf("only %d of %d answers name a node", answered, len(qs))
			}
			if n := served.SnapshotCalls(); n != 0 {
				t.Errorf("%d questions answered by bounded reads read the whole graph %d times", len(qs), n)
			}
			if n := served.WholeListCalls(); n != 0 {
				t.Errorf("%d questions answered by bounded reads listed every node of a kind %d times", len(qs), n)
			}
		})
	}
}

// TestRealCollaboratorsBounded: collaborators around a hub answer as the
// embedded store does while the neighbourhood is small, and are refused
// by both, with the same message, before the partners of more than
// explore.MaxCollaborationActors actors or more than
// explore.MaxCollaborationTies partnerships are read (at depth 2 around
// the busiest organisation of 100 times the seeds, reading them all took
// more than 9 GB).
func TestRealCollaboratorsBounded(t *testing.T) {
	cfg := realConfig(t)
	ctx := context.Background()
	q := func(depth int) string {
		return fmt.Sprintf(`{ collaborators(id: "org:age", depth: %d, first: 100) { totalCount edges { node { a { id } b { id } initiatives { id } distance } } } }`, depth)
	}
	for _, tc := range []struct {
		extra, depth int
		refused      string
	}{
		{100, 2, ""},
		{explore.MaxCollaborationActors + 10, 1, "actors"},
		{explore.MaxCollaborationTies/explore.MaxCollaborationActors*8 + 50, 1, "partnerships"},
	} {
		t.Run(fmt.Sprintf("%d-%d", tc.extra, tc.depth), func(t *testing.T) {
			g := bigger(tc.extra)
			loaded := emptyReal(t, cfg)
			if _, err := (loadsAnalytics{loaded}).Replace(ctx, g); err != nil {
				t.Fatal(err)
			}
			mem := inmem.New()
			if _, err := mem.Replace(ctx, g); err != nil {
				t.Fatal(err)
			}
			served := openReal(t, cfg)
			got, gotErr := askErr(t, served, q(tc.depth))
			want, wantErr := askErr(t, mem, q(tc.depth))
			if got != want || gotErr != wantErr {
				t.Fatalf("Neo4j answers\n%s %s\nthe embedded store\n%s %s", got, gotErr, want, wantErr)
			}
			if tc.refused == "" && (gotErr != "" || !strings.Contains(got, `"org:extra00000"`) || strings.Contains(got, `"totalCount": 0`)) {
				t.Fatalf("a small neighbourhood was not answered: %s %s", got, gotErr)
			}
			if tc.refused != "" && (!strings.Contains(gotErr, "reaches more than") || !strings.Contains(gotErr, tc.refused)) {
				t.Fatalf("a neighbourhood of %d actors at depth %d was answered, or refused for another reason: %.300s %s", tc.extra, tc.depth, got, gotErr)
			}
		})
	}
}
