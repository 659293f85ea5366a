package neo4j

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/storetest"
)

// These tests need the real server named by NEO4J_URI (scripts/with-neo4j
// go test ./neo4j/); each empties the test database first.

// dump is everything in the database, keyed by Neo4j's own element ids,
// so that a node rewritten with equal properties still shows (its loadId),
// and one deleted and created again shows as a new element id.
func dump(t *testing.T, s *Store, withMeta bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, q := range []string{
		"MATCH (n) RETURN elementId(n) AS id, labels(n) AS kind, properties(n) AS props",
		"MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS kind, properties(r) AS props",
	} {
		res, err := driver.ExecuteQuery(context.Background(), s.d, q, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(s.cfg.Database))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Records {
			id, _ := r.Get("id")
			kind, _ := r.Get("kind")
			props, _ := r.Get("props")
			if !withMeta && fmt.Sprint(kind) == "["+MetaLabel+"]" {
				continue
			}
			b, _ := json.Marshal([]any{kind, props})
			out[id.(string)] = string(b)
		}
	}
	return out
}

func count(t *testing.T, s *Store, q string) int64 {
	t.Helper()
	res, err := driver.ExecuteQuery(context.Background(), s.d, q, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := res.Records[0].Get("n")
	return v.(int64)
}

func snapshotFingerprint(t *testing.T, s *Store) string {
	t.Helper()
	s.mu.Lock()
	s.snapshot = nil
	s.mu.Unlock()
	g, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return g.Fingerprint()
}

// bigger is the fixture with n more organisations, each partner in the hub.
func bigger(n int) *pg.Graph {
	g := storetest.Fixture()
	for i := range n {
		id := fmt.Sprintf("org:extra%05d", i)
		g.AddNode(&pg.Node{ID: id, Kind: pg.KindOrganisation, Name: fmt.Sprintf("Extra Trust %d", i), Sector: pg.SectorVoluntary})
		g.AddEdge(&pg.Edge{Kind: pg.EdgePartnerIn, Source: id, Target: "initiative:hpl:hub"})
	}
	return g
}

func TestRealSameDocumentsTwiceChangesNothing(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	if _, err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s, true)
	// A second process, not this store's cache, loads the same graph.
	other := openReal(t, s.cfg)
	st, err := other.Replace(ctx, storetest.Fixture())
	if err != nil || st != (pg.ReplaceStats{}) {
		t.Fatalf("second load: %+v %v", st, err)
	}
	if after := dump(t, s, true); !sameDump(before, after) {
		t.Errorf("loading the same graph again changed the database:\n%s", dumpDiff(before, after))
	}
}

func TestRealChangedDocumentChangesOnlyItsElements(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	if _, err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s, false)
	changed := storetest.Fixture()
	changed.Node("org:age").Sector = pg.SectorHealth
	changed.RemoveEdge("PARTNER_IN:org:whist->initiative:hpl:fund")
	st, err := s.Replace(ctx, changed)
	if err != nil {
		t.Fatal(err)
	}
	if st.NodesUpdated != 1 || st.EdgesDeleted != 1 || st.NodesCreated+st.EdgesCreated+st.NodesDeleted+st.EdgesUpdated != 0 {
		t.Errorf("stats %+v", st)
	}
	after := dump(t, s, false)
	var gone, changedEls, added []string
	for id, v := range before {
		switch w, ok := after[id]; {
		case !ok:
			gone = append(gone, v)
		case w != v:
			changedEls = append(changedEls, w)
		}
	}
	for id := range after {
		if _, ok := before[id]; !ok {
			added = append(added, after[id])
		}
	}
	if len(gone) != 1 || !strings.Contains(gone[0], "WHIN") {
		t.Errorf("deleted %d elements, want the one relationship: %v", len(gone), gone)
	}
	if len(changedEls) != 1 || !strings.Contains(changedEls[0], "Age Forum") || len(added) != 0 {
		t.Errorf("changed %d and added %d elements, want only org:age changed:\n%s", len(changedEls), len(added), strings.Join(append(changedEls, added...), "\n"))
	}
	if snapshotFingerprint(t, s) != changed.Fingerprint() {
		t.Error("the database does not hold the changed graph")
	}
}

func TestRealBadDataLeavesPreviousGraph(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	if _, err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s, true)
	bad := bigger(300)
	// An id too long for Neo4j's id index: the server refuses it half-way
	// through the load, after the first batches were written.
	bad.AddNode(&pg.Node{ID: "org:" + strings.Repeat("x", 40000), Kind: pg.KindOrganisation, Name: "Zz too long"})
	s.SetBatchSize(50)
	_, err := s.Replace(ctx, bad)
	if err == nil || !strings.Contains(err.Error(), "rolled back") {
		t.Fatalf("a load the server refuses must fail saying it rolled back: %v", err)
	}
	t.Logf("refused: %.200s", err)
	if after := dump(t, s, true); !sameDump(before, after) {
		t.Errorf("a failed load changed the database:\n%s", dumpDiff(before, after))
	}
	if snapshotFingerprint(t, s) != storetest.Fixture().Fingerprint() {
		t.Error("the previous graph is not whole")
	}
}

// TestMain doubles as the loader process that
// TestRealKilledLoadLeavesPreviousGraph kills mid-transaction, and the one
// TestRealKilledWhileCommittingDoesNotWedgeReaders kills once its commit
// is marked.
func TestMain(m *testing.M) {
	switch os.Getenv("PARTNERGRAPH_HELPER_LOAD") {
	case "1":
		helperLoad()
		return
	case "commit":
		helperCommitKilled()
		return
	}
	os.Exit(m.Run())
}

func helperLoad() {
	cfg := ConfigFromEnv()
	s, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		fmt.Println("OPEN-FAILED", err)
		os.Exit(2)
	}
	s.SetBatchSize(50)
	testHookAfterBatch = func(step string, written int) error {
		if written >= 200 {
			fmt.Println("IN-TRANSACTION", step, written)
			time.Sleep(time.Minute)
		}
		return nil
	}
	_, err = s.Replace(context.Background(), bigger(1000))
	fmt.Println("NOT-KILLED", err)
	os.Exit(3)
}

// startHelperLoad runs this test binary as a loader (TestMain's helper,
// PARTNERGRAPH_HELPER_LOAD=mode) and returns once it prints a line starting
// with marker, with that line; the caller kills it. It fails the test,
// killing the loader, if the loader ends or takes a minute first.
func startHelperLoad(t *testing.T, mode, marker, what string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "PARTNERGRAPH_HELPER_LOAD="+mode)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), marker) {
				line <- sc.Text()
				return
			}
		}
		close(line)
	}()
	select {
	case l, ok := <-line:
		if !ok {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the helper load ended before it %s", what)
		}
		return cmd, l
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the helper load had not %s after 60s", what)
	}
	return nil, ""
}

func TestRealKilledLoadLeavesPreviousGraph(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	if _, err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s, true)
	cmd, l := startHelperLoad(t, "1", "IN-TRANSACTION", "reached its transaction")
	t.Logf("killing the loader: %s", l)
	// Mid-transaction, readers still see the previous graph.
	if v, err := s.Version(ctx); err != nil || v != storetest.Fixture().Fingerprint() {
		t.Errorf("during the load: version %s %v", v, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if after := dump(t, s, true); !sameDump(before, after) {
		t.Errorf("a killed load changed the database:\n%s", dumpDiff(before, after))
	}
	// The lock died with the loader: the next load goes through at once.
	lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := s.Replace(lctx, bigger(3)); err != nil {
		t.Fatalf("a load after the killed one: %v", err)
	}
}

func TestRealTwoLoadersAtOnce(t *testing.T) {
	cfg := realConfig(t)
	emptyReal(t, cfg)
	a, b := openReal(t, cfg), openReal(t, cfg)
	var mu sync.Mutex
	inside := 0
	maxInside := 0
	testHookAfterBatch = func(string, int) error {
		mu.Lock()
		inside++
		maxInside = max(maxInside, inside)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inside--
		mu.Unlock()
		return nil
	}
	t.Cleanup(func() { testHookAfterBatch = nil })
	a.SetBatchSize(20)
	b.SetBatchSize(20)
	ga, gb := bigger(200), bigger(150)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i, job := range []struct {
		s *Store
		g *pg.Graph
	}{{a, ga}, {b, gb}, {a, ga}, {b, gb}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = job.s.Replace(context.Background(), job.g)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("loader %d: %v", i, err)
		}
	}
	if maxInside > 1 {
		t.Errorf("%d loads wrote at the same time; they must take turns", maxInside)
	}
	if n := count(t, a, "MATCH (m:"+MetaLabel+" {id: 'meta'}) RETURN count(m) AS n"); n != 1 {
		t.Errorf("%d meta nodes", n)
	}
	// Each load's commit mark was cleared, whichever order the two
	// loaders' marks and clears came in.
	if _, c := commitMark(t, a); c != nil {
		t.Errorf("after two loaders, a commit mark is left: %v", c)
	}
	fp := snapshotFingerprint(t, a)
	var want *pg.Graph
	switch fp {
	case ga.Fingerprint():
		want = ga
	case gb.Fingerprint():
		want = gb
	default:
		t.Fatal("after two loaders the database holds neither graph")
	}
	if n := count(t, a, "MATCH (n) WHERE NOT n:"+MetaLabel+" RETURN count(n) AS n"); n != int64(want.NodeCount()) {
		t.Errorf("%d nodes, want %d: something was lost or doubled", n, want.NodeCount())
	}
	if n := count(t, a, "MATCH ()-[r]->() RETURN count(r) AS n"); n != int64(want.EdgeCount()) {
		t.Errorf("%d relationships, want %d", n, want.EdgeCount())
	}
}

func TestRealReadersSeeOldOrNew(t *testing.T) {
	cfg := realConfig(t)
	w := emptyReal(t, cfg)
	r := openReal(t, cfg)
	ga, gb := bigger(120), storetest.Fixture()
	ok := map[string]bool{ga.Fingerprint(): true, gb.Fingerprint(): true, pg.NewGraph().Fingerprint(): true}
	w.SetBatchSize(10)
	done := make(chan error, 1)
	go func() {
		defer close(done)
		for i := range 6 {
			g := ga
			if i%2 == 1 {
				g = gb
			}
			if _, err := w.Replace(context.Background(), g); err != nil {
				done <- err
				return
			}
		}
	}()
	reads := 0
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d whole-graph reads during 6 loads", reads)
			if reads == 0 {
				t.Error("no read ran during the loads")
			}
			return
		default:
		}
		if fp := snapshotFingerprint(t, r); !ok[fp] {
			t.Fatal("a reader saw a graph that is neither the old nor the new one")
		}
		reads++
	}
}

func TestRealServeAfterLoadSeesItAtOnceOverRouting(t *testing.T) {
	cfg := realConfig(t)
	w := emptyReal(t, cfg)
	for _, scheme := range []string{"bolt", "neo4j"} {
		t.Run(scheme, func(t *testing.T) {
			g := bigger(len(scheme))
			if _, err := w.Replace(context.Background(), g); err != nil {
				t.Fatal(err)
			}
			rc := cfg
			rc.URI = scheme + "://" + strings.SplitN(cfg.URI, "://", 2)[1]
			r := openReal(t, rc) // a new process's driver, as serve opens it
			if v, err := r.Version(context.Background()); err != nil || v != g.Fingerprint() {
				t.Fatalf("%s: version right after the load %s, %v", rc.URI, v, err)
			}
			hits, err := r.Search(context.Background(), "reigate and banstead", nil, 3)
			if err != nil || len(hits) == 0 || hits[0].Node.ID != "council:rei" {
				t.Errorf("%s: search %v %v", rc.URI, hits, err)
			}
			if snapshotFingerprint(t, r) != g.Fingerprint() {
				t.Errorf("%s: snapshot is not the graph just loaded", rc.URI)
			}
		})
	}
}

func TestRealSchemaIdempotentAndSearchUsesTheIndex(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = s.EnsureSchema(ctx) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Errorf("EnsureSchema run three times at once: %v", err)
		}
	}
	if n := count(t, s, "SHOW CONSTRAINTS YIELD name WHERE name ENDS WITH '_id' RETURN count(*) AS n"); n != int64(len(labels)+1) {
		t.Errorf("%d id constraints", n)
	}
	if n := count(t, s, "SHOW INDEXES YIELD name, type, state WHERE name = '"+FulltextIndex+"' AND type = 'FULLTEXT' AND state = 'ONLINE' RETURN count(*) AS n"); n != 1 {
		t.Errorf("full-text index online: %d", n)
	}
	if _, err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "womens helth", nil, 3)
	if err != nil || len(hits) == 0 || hits[0].Node.ID != "org:whist" {
		t.Fatalf("search %v %v", hits, err)
	}
	// Without the index, search fails: it is served by the index, not a scan.
	if _, err := driver.ExecuteQuery(ctx, s.d, "DROP INDEX "+FulltextIndex, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(s.cfg.Database)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(ctx, "womens helth", nil, 3); err == nil {
		t.Error("search without the full-text index must fail")
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "womens helth", nil, 3); err != nil || len(hits) == 0 {
		t.Errorf("search after EnsureSchema recreated the index: %v %v", hits, err)
	}
}

func TestRealCredentialsInURIRedacted(t *testing.T) {
	cfg := realConfig(t)
	hostport := strings.SplitN(cfg.URI, "://", 2)[1]
	var logs strings.Builder
	bad := Config{URI: "bolt://neo4j:Wr0ng-Secret-Pw@" + hostport, ConnectTimeout: 2 * time.Second}
	_, err := Open(context.Background(), bad, slog.New(slog.NewTextHandler(&logs, nil)))
	if err == nil {
		t.Fatal("a wrong password in the URI must be refused")
	}
	if strings.Contains(err.Error()+logs.String(), "Wr0ng-Secret-Pw") {
		t.Errorf("the password in the URI leaked:\n%v\n%s", err, logs.String())
	}
	if !strings.Contains(err.Error(), hostport) {
		t.Errorf("the error must name the server: %v", err)
	}
	good := Config{URI: "bolt://" + cfg.Username + ":" + cfg.Password + "@" + hostport}
	s := openReal(t, good)
	if _, err := s.Version(context.Background()); err != nil {
		t.Errorf("credentials given in the URI must work: %s", redact(err, cfg.Password))
	}
}

// The Cypher examples of README.md run against the seeds' graph and answer.
func TestRealReadmeCypherExamples(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	g, _, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReplaceWithAnalytics(ctx, g, measuresOf(t, g)); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```cypher\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 2 {
		t.Fatalf("README.md has %d Cypher examples", len(blocks))
	}
	for _, b := range blocks {
		title := strings.SplitN(b[1], "\n", 2)[0]
		res, err := driver.ExecuteQuery(ctx, s.d, b[1], nil, driver.EagerResultTransformer,
			driver.ExecuteQueryWithDatabase(s.cfg.Database), driver.ExecuteQueryWithReadersRouting())
		if err != nil {
			t.Errorf("%s: %v", title, err)
			continue
		}
		if len(res.Records) == 0 {
			t.Errorf("%s: no rows from the seeds' graph", title)
		}
	}
}

func sameDump(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func dumpDiff(a, b map[string]string) string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			out = append(out, "- "+v)
		} else if w != v {
			out = append(out, "~ "+w)
		}
	}
	for k, v := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "+ "+v)
		}
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("... %d more", len(out)-10))
	}
	return strings.Join(out, "\n")
}

func TestRealAnalyticsStoredOnNodes(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	measures := func(g *pg.Graph) Analytics { return measuresOf(t, g) }
	g := storetest.Fixture()
	want := measures(g)
	if _, err := s.ReplaceWithAnalytics(ctx, g, want); err != nil {
		t.Fatal(err)
	}
	stored := func() Analytics {
		var a Analytics
		session := s.d.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database})
		defer session.Close(ctx)
		_, err := session.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) {
			var err error
			a, err = readAnalytics(func(st Statement, p map[string]any) ([]*driver.Record, error) {
				res, err := tx.Run(ctx, st.Cypher, p)
				if err != nil {
					return nil, err
				}
				return res.Collect(ctx)
			})
			return nil, err
		})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	got := stored()
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("measures stored for %d nodes, want %d", len(got), len(want))
	}
	for id, m := range want {
		if x, y := fmt.Sprint(m), fmt.Sprint(got[id]); x != y {
			t.Errorf("%s: stored %s, want %s", id, y, x)
		}
	}
	before := dump(t, s, true)
	if _, err := s.ReplaceWithAnalytics(ctx, storetest.Fixture(), measures(storetest.Fixture())); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, s, true); !sameDump(before, after) {
		t.Errorf("the same graph and measures loaded again changed the database:\n%s", dumpDiff(before, after))
	}
	// Cypher reads them directly.
	if n := count(t, s, "MATCH (o:Organisation) WHERE o.pagerank > 0 RETURN count(o) AS n"); n == 0 {
		t.Error("no organisation has a PageRank to order by")
	}
	// A graph loaded without measures leaves none behind.
	if _, err := s.Replace(ctx, bigger(2)); err != nil {
		t.Fatal(err)
	}
	if a := stored(); len(a) != 0 {
		t.Errorf("measures of an older graph left on %d nodes", len(a))
	}
}

// measuresOf is what load stores: explore's measures of g.
func measuresOf(t *testing.T, g *pg.Graph) Analytics {
	t.Helper()
	mem := inmem.New()
	if _, err := mem.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	m, err := (&explore.Service{Store: mem}).Metrics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m.Measures()
}
