package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/synth"
)

// benchQuery is the request the HTTP benchmarks send: one council's
// partners with the initiatives and quotes that link them. The council is
// the seeds' busiest (most partners), chosen from the loaded graph.
func benchQuery(b *testing.B) string {
	return `{"query":"{ council(id: \"` + busiestCouncil(b, seeded(b)).ID + `\") { name partners { edges { node { id name } initiatives { name } evidence { quote file lineStart lineEnd } } } } }"}`
}

// goalQuery is the question whose served throughput the HTTP benchmark
// (scripts/bench-http.sh) holds against a plain handler's, about the same
// council.
func goalQuery(b *testing.B) string {
	return `{"query":"{ council(id: \"` + busiestCouncil(b, seeded(b)).ID + `\") { partners { edges { node { name } } } } }"}`
}

// reportCPU adds the process's CPU time per operation (user and system,
// GC included) as cpu-ns/op: on a machine shared with other work, ns/op
// counts the time this process waited for a core, and this does not.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchServe(b *testing.B, h http.Handler) {
	benchServeQuery(b, h, benchQuery(b))
}

func benchServeQuery(b *testing.B, h http.Handler, query string) {
	b.ResetTimer() // choosing the query may have loaded the seeds
	b.ReportAllocs()
	defer reportCPU(b)()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(query))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			// Fatal may not be called from RunParallel's goroutines.
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"partners"`) || strings.Contains(rec.Body.String(), `"errors"`) {
				b.Errorf("status %d: %.300s", rec.Code, rec.Body.String())
				return
			}
		}
	})
}

// BenchmarkCouncilPartners runs the whole handler as served: a repeated
// request on an unchanged store is answered by the response cache.
func BenchmarkCouncilPartners(b *testing.B) {
	benchServe(b, seeded(b))
}

// BenchmarkCouncilPartnersUncached runs every request through gqlgen:
// parsing (cached), validation, limits, resolvers and loaders.
func BenchmarkCouncilPartnersUncached(b *testing.B) {
	seeded(b)
	h, err := New(seedStore, Options{DisableResponseCache: true})
	if err != nil {
		b.Fatal(err)
	}
	benchServe(b, h)
}

// BenchmarkCouncilPartnerNamesUncached executes the HTTP benchmark's
// question on every request.
func BenchmarkCouncilPartnerNamesUncached(b *testing.B) {
	seeded(b)
	h, err := New(seedStore, Options{DisableResponseCache: true})
	if err != nil {
		b.Fatal(err)
	}
	benchServeQuery(b, h, goalQuery(b))
}

// BenchmarkPlainHandler is the floor: a net/http handler that writes a
// fixed reply of the same shape, for comparison with the one above.
func BenchmarkPlainHandler(b *testing.B) {
	benchServe(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"data":{"council":{"partners":{"edges":[]}}}}`))
	}))
}

// listQuery reaches its loaders from inside a list, where they wait for
// siblings: every council of a page asks for its partners and initiatives.
const listQuery = `{"query":"{ councils(first: 20) { edges { node { name partners { edges { node { name } } } initiatives { edges { node { name } } } } } } }"}`

// BenchmarkCouncilsPageUncached executes a page of councils with their
// partners and initiatives on every request.
func BenchmarkCouncilsPageUncached(b *testing.B) {
	seeded(b)
	h, err := New(seedStore, Options{DisableResponseCache: true})
	if err != nil {
		b.Fatal(err)
	}
	benchServeQuery(b, h, listQuery)
}

// synthHandler serves, uncached, a synthetic corpus of the given scale
// (see synth), once its metrics are ready.
func synthHandler(b *testing.B, scale float64) http.Handler {
	b.Helper()
	dir := b.TempDir()
	if _, _, err := synth.Write(context.Background(), dir, synth.Options{Scale: scale, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	g, _, err := loader.Load(context.Background(), dir, loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	store := inmem.New()
	if _, err := store.Replace(context.Background(), g); err != nil {
		b.Fatal(err)
	}
	h, err := New(store, Options{DisableResponseCache: true})
	if err != nil {
		b.Fatal(err)
	}
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ metricsReady }"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if strings.Contains(rec.Body.String(), "true") {
			break
		}
		if time.Since(start) > 2*time.Minute {
			b.Fatalf("metrics not ready after 2 minutes: %s", rec.Body.String())
		}
	}
	return h
}

func benchSerial(b *testing.B, h http.Handler, query, want string) {
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(query))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) || strings.Contains(rec.Body.String(), `"errors"`) {
			b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
		}
	}
}

// BenchmarkSynthNetwork asks a 10x synthetic corpus for network(limit: 5000),
// as scripts/bench-scale.sh does.
func BenchmarkSynthNetwork(b *testing.B) {
	h := synthHandler(b, 10)
	benchSerial(b, h, `{"query":"{ network(limit: 5000) { truncated metricsReady nodes { id degree } edges { id } } }"}`, `"metricsReady":true`)
}

// BenchmarkRefusals times the refusal of the costly probes, each
// sent once per iteration with the response cache off: the fragment bomb
// (F1..F9, ten spreads each), a field repeated 9,900 times and a filter
// variable nested 9,000 deep. Each must be refused in well under 50 ms.
func BenchmarkRefusals(b *testing.B) {
	seeded(b)
	h, err := New(seedStore, Options{DisableResponseCache: true})
	if err != nil {
		b.Fatal(err)
	}
	probes := map[string]string{
		"fragment-bomb":  query(fragmentBomb(), nil),
		"repeated-field": query("{ stats {"+strings.Repeat(" fundingTotal", 9900)+" } }", nil),
		"deep-variable":  query(`query($w: OrganisationFilter) { organisations(where: $w) { totalCount } }`, map[string]any{"w": nested(9000)}),
	}
	for name, body := range probes {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r := postJSON(b, h, body)
				if len(r.errors) == 0 || r.hasKey["data"] {
					b.Fatalf("not refused: %.300s", r.body)
				}
			}
		})
	}
}

// mixBodies are the 1,000 different questions of scripts/bench-http.sh's
// mix, built the same way from the seed graph's ids and names: partners,
// organisations' partners, search, sharedPartners, collaborators, path,
// initiatives and funding counts, in turn.
func mixBodies(b *testing.B, h http.Handler) []string {
	b.Helper()
	ids := func(q, prefix string) []string {
		r := postJSON(b, h, query(q, nil))
		var out []string
		for _, m := range regexp.MustCompile(`"(`+prefix+`[^"]*)"`).FindAllStringSubmatch(r.body, -1) {
			out = append(out, m[1])
		}
		return out
	}
	councils := ids(`{ councils(first: 100) { edges { node { id } } } }`, "council:")
	orgs := ids(`{ organisations(first: 100) { edges { node { id } } } }`, "org:")
	r := postJSON(b, h, query(`{ organisations(first: 100) { edges { node { name } } } }`, nil))
	seen := map[string]bool{}
	var words []string
	for _, m := range regexp.MustCompile(`"name":"([A-Za-z]*)`).FindAllStringSubmatch(r.body, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			words = append(words, m[1])
		}
	}
	sort.Strings(words)
	if len(councils) < 3 || len(orgs) < 3 || len(words) < 3 {
		b.Fatalf("too few councils (%d), organisations (%d) or words (%d) for the mix", len(councils), len(orgs), len(words))
	}
	nc, no, nw := len(councils), len(orgs), len(words)
	bodies := make([]string, 1000)
	for i := range bodies {
		c, c2, o, w := councils[i%nc], councils[(i*7+3)%nc], orgs[i%no], words[i%nw]
		n := 5 + i%20
		var q string
		switch i % 8 {
		case 0:
			q = fmt.Sprintf(`{ council(id: %q) { name partners(first: %d) { totalCount edges { node { name } initiatives { name } } } } }`, c, n)
		case 1:
			q = fmt.Sprintf(`{ organisation(id: %q) { name sector partners(first: %d) { edges { node { id name } } } } }`, o, n)
		case 2:
			q = fmt.Sprintf(`{ search(text: %q, first: %d) { totalCount edges { score node { __typename ... on Organisation { id name } } } } }`, w[:min(len(w), 3+i%5)], n)
		case 3:
			q = fmt.Sprintf(`{ sharedPartners(councilIds: [%q, %q], mode: ANY, first: %d) { totalCount edges { node { name } sharedCount } } }`, c, c2, n)
		case 4:
			q = fmt.Sprintf(`{ collaborators(id: %q, first: %d) { edges { node { a { name } b { name } } } } }`, c, n)
		case 5:
			q = fmt.Sprintf(`{ path(from: %q, to: %q, maxLength: 4) { length nodes { id } } }`, c, o)
		case 6:
			q = fmt.Sprintf(`{ council(id: %q) { name region initiatives(first: %d) { edges { node { name } } } } }`, c, n)
		case 7:
			q = fmt.Sprintf(`{ organisation(id: %q) { name funded(first: %d) { totalCount } fundedBy(first: %d) { totalCount } } }`, o, n, n)
		}
		bodies[i] = query(q, nil)
	}
	return bodies
}

// BenchmarkMixUncached asks the 1,000 questions of the HTTP benchmark's
// mix in turn, every one executed (no response cache).
func BenchmarkMixUncached(b *testing.B) {
	h, bodies := uncachedMix(b)
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	askInTurn(b, h, bodies)
}

// mixKinds names the eight kinds of question of mixBodies, in its order.
var mixKinds = []string{"partners", "orgPartners", "search", "sharedPartners", "collaborators", "path", "initiatives", "funding"}

// BenchmarkMixByKind asks each kind of the mix's questions alone: which
// kinds cost the mix most.
func BenchmarkMixByKind(b *testing.B) {
	h, bodies := uncachedMix(b)
	for k, kind := range mixKinds {
		var mine []string
		for i := k; i < len(bodies); i += len(mixKinds) {
			mine = append(mine, bodies[i])
		}
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			askInTurn(b, h, mine)
		})
	}
}

// uncachedMix is the seed graph's server without a response cache and the
// mix's questions, each checked to answer once.
func uncachedMix(b *testing.B) (http.Handler, []string) {
	seeded(b)
	h, err := New(seedStore, Options{DisableResponseCache: true})
	if err != nil {
		b.Fatal(err)
	}
	bodies := mixBodies(b, h)
	for i, body := range bodies {
		if r := postJSON(b, h, body); r.status != http.StatusOK || len(r.errors) > 0 || !r.hasKey["data"] {
			b.Fatalf("mix question %d: status %d: %.300s", i, r.status, r.body)
		}
	}
	return h, bodies
}

// askInTurn posts b.N of the bodies, in turn.
func askInTurn(b *testing.B, h http.Handler, bodies []string) {
	for i := range b.N {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(bodies[i%len(bodies)]))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
		}
	}
}
