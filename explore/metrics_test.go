package explore

import (
	"context"
	"math"
	"runtime"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
)

// fams builds the bipartite structure from families given as actor lists.
func fams(actors []string, groups ...[]string) *families {
	f := &families{actors: actors, actorIdx: map[string]int32{}}
	for i, a := range actors {
		f.actorIdx[a] = int32(i)
	}
	f.ofActor = make([][]int32, len(actors))
	for gi, gr := range groups {
		var ms []int32
		for _, a := range gr {
			ms = append(ms, f.actorIdx[a])
			f.ofActor[f.actorIdx[a]] = append(f.ofActor[f.actorIdx[a]], int32(gi))
		}
		f.members = append(f.members, ms)
	}
	return f
}

func TestMetricsOnKnownGraphs(t *testing.T) {
	// a path a - b - c, and a separate pair d - e.
	f := fams([]string{"a", "b", "c", "d", "e"}, []string{"a", "b"}, []string{"b", "c"}, []string{"d", "e"})

	bc, sampled, err := f.betweenness(context.Background())
	if err != nil || sampled {
		t.Fatalf("betweenness: %v, sampled %v", err, sampled)
	}
	// b lies on the one shortest path between a and c: 2 ordered pairs,
	// normalised by (n-1)(n-2) = 12.
	for i, want := range []float64{0, 2.0 / 12, 0, 0, 0} {
		if math.Abs(bc[i]-want) > 1e-12 {
			t.Errorf("betweenness[%s] = %v, want %v", f.actors[i], bc[i], want)
		}
	}
	if d := f.degrees(); d[0] != 1 || d[1] != 2 || d[3] != 1 {
		t.Errorf("degrees %v", d)
	}

	pr := f.pageRank(0.85, 1e-12, 1000)
	sum := 0.0
	for _, v := range pr {
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("PageRank sums to %v", sum)
	}
	if !(pr[1] > pr[0]) || math.Abs(pr[0]-pr[2]) > 1e-12 || math.Abs(pr[3]-pr[4]) > 1e-12 {
		t.Errorf("PageRank %v: want b above its symmetric ends", pr)
	}

	com := f.communities()
	if com[0] != com[1] || com[1] != com[2] || com[3] != com[4] || com[0] == com[3] {
		t.Errorf("communities %v: want {a,b,c} and {d,e}", com)
	}
	if com[0] != 0 {
		t.Errorf("the largest community is numbered %d, want 0", com[0])
	}
}

// A sample of pivots is used beyond ExactBetweennessLimit actors; on a
// star every path between leaves passes the hub, which the sample sees.
func TestSampledBetweenness(t *testing.T) {
	n := ExactBetweennessLimit + 10
	actors := make([]string, n)
	for i := range actors {
		actors[i] = string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
	}
	// actor 0 is the hub, tied to every other actor by its own initiative.
	var groups [][]string
	for i := 1; i < n; i++ {
		groups = append(groups, []string{actors[0], actors[i]})
	}
	f := fams(actors, groups...)
	bc, sampled, err := f.betweenness(context.Background())
	if err != nil || !sampled {
		t.Fatalf("err %v sampled %v", err, sampled)
	}
	// Exact: the hub is on every one of the (n-1)(n-2) ordered leaf pairs: 1.
	if math.Abs(bc[0]-1) > 0.05 {
		t.Errorf("hub betweenness %v, want about 1", bc[0])
	}
	for i := 1; i < n; i++ {
		if bc[i] != 0 {
			t.Fatalf("leaf %d has betweenness %v", i, bc[i])
		}
	}
}

// The same graph gives the same numbers, bit for bit, on every run.
func TestMetricsAreDeterministic(t *testing.T) {
	f := fams([]string{"a", "b", "c", "d", "e", "f", "g"}, []string{"a", "b", "c"}, []string{"c", "d"},
		[]string{"d", "e"}, []string{"e", "f", "g"})
	first, pr := f.communities(), f.pageRank(0.85, 1e-10, 1000)
	for range 5 {
		again, pr2 := f.communities(), f.pageRank(0.85, 1e-10, 1000)
		for i := range first {
			if again[i] != first[i] || pr[i] != pr2[i] {
				t.Fatalf("metrics differ between runs: %v %v vs %v %v", first, pr, again, pr2)
			}
		}
	}
	if first[0] != first[1] || first[4] != first[5] || first[0] == first[5] {
		t.Errorf("two triangles joined by a bridge must be two communities: %v", first)
	}
}

// On the seed reports, each actor's degree is the number of partners the
// partners field lists, and two computations agree exactly.
func TestMetricsOnSeeds(t *testing.T) {
	ctx := context.Background()
	g, _, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store := inmem.New()
	if _, err := store.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	s := &Service{Store: store}
	m, err := s.Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var actors []string
	for _, n := range g.Nodes() {
		if n.Kind.IsActor() {
			actors = append(actors, n.ID)
		}
	}
	ps, err := s.PartnersOf(ctx, actors)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, a := range actors {
		if m.Degree[a] != len(ps[a]) {
			t.Errorf("%s: degree %d, %d partners", a, m.Degree[a], len(ps[a]))
		}
		sum += m.PageRank[a]
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("PageRank sums to %v", sum)
	}
	again, err := ComputeMetrics(ctx, "again", g)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors {
		if again.PageRank[a] != m.PageRank[a] || again.Betweenness[a] != m.Betweenness[a] || again.Community[a] != m.Community[a] {
			t.Fatalf("%s: metrics differ between two runs", a)
		}
	}
}

// BenchmarkComputeMetricsSynth measures every metric of a 10x synthetic
// corpus (see synth) once per iteration.
func BenchmarkComputeMetricsSynth(b *testing.B) {
	g := synthGraph(b, 10, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := ComputeMetrics(context.Background(), "bench", g); err != nil {
			b.Fatal(err)
		}
	}
}

// betweennessOneCore is families.betweenness as it was before it ran on
// every core: one pass after another, each adding to the sums as it goes.
func betweennessOneCore(ctx context.Context, f *families) ([]float64, bool, error) {
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
	// Vertices 0..na-1 are actors, na.. families.
	nv := na + nf
	dist := make([]int32, nv)
	sigma := make([]float64, nv)
	delta := make([]float64, nv)
	order := make([]int32, 0, nv)
	for si, s := range sources {
		if si%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, sampled, err
			}
		}
		for i := range dist {
			dist[i], sigma[i], delta[i] = -1, 0, 0
		}
		order = order[:0]
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
			if w < na && w != s {
				bc[w] += delta[w]
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

// The sources' passes run side by side on every core, and the sums must
// be those of one core, bit for bit, exact and sampled.
func TestBetweennessSameOnAnyNumberOfCores(t *testing.T) {
	defer func(n int) { runtime.GOMAXPROCS(n) }(runtime.GOMAXPROCS(0))
	for name, g := range map[string]*pg.Graph{"30x (sampled)": synthGraph(t, 30, 2), "3x (exact)": synthGraph(t, 3, 2)} {
		f := buildFamilies(g)
		want, wantSampled, err := betweennessOneCore(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		nonzero := 0
		for _, v := range want {
			if v != 0 {
				nonzero++
			}
		}
		if nonzero == 0 {
			t.Fatalf("%s: no actor lies between others: the comparison would prove nothing", name)
		}
		for _, procs := range []int{1, 2, 3, 5} {
			runtime.GOMAXPROCS(procs)
			got, sampled, err := f.betweenness(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if sampled != wantSampled || len(got) != len(want) {
				t.Fatalf("%s, %d cores: sampled %v over %d actors, want %v over %d", name, procs, sampled, len(got), wantSampled, len(want))
			}
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%s, %d cores: actor %d has %v, one core gives %v", name, procs, i, got[i], want[i])
				}
			}
		}
		t.Logf("%s: %d actors, %d with a betweenness, sampled %v", name, len(want), nonzero, wantSampled)
	}
}
