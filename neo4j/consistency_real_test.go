package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/server"
	"github.com/partnergraph/partnergraph/storetest"
)

// markedBigger is bigger(n) with every node's name marked with tag, so that
// every name of an answer tells which of two such graphs it was read from
// (and a load between them rewrites every node).
func markedBigger(n int, tag string) *pg.Graph { return storetest.Mark(bigger(n), tag) }

// A question of many reads: a council, its partners (relationships, then
// nodes, then their initiatives), a page of a list with its count, and
// another list.
const spanningQuestion = `{ council(id: "council:hpl") { name partners(first: 100) { totalCount edges { node { id name } initiatives { name } } } }
	organisations(first: 50) { totalCount edges { node { name } } }
	initiatives { edges { node { name partners(first: 5) { edges { node { name } } } } } } }`

// ask posts a query to h and returns the decoded answer.
func askHTTP(h http.Handler, query string) (data json.RawMessage, errs []map[string]any, err error) {
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data   json.RawMessage  `json:"data"`
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		return nil, nil, fmt.Errorf("status %d: %s", rec.Code, rec.Body.String())
	}
	return resp.Data, resp.Errors, nil
}

// TestRealRequestsDuringLoadsReadOneGraph asks questions of many reads
// through the server (with and without its response cache) while another
// store loads graphs A and B in turn: every answer must be wholly A's or
// wholly B's, or the GRAPH_CHANGING error, never a mix.
func TestRealRequestsDuringLoadsReadOneGraph(t *testing.T) {
	cfg := realConfig(t)
	w := emptyReal(t, cfg)
	ga, gb := markedBigger(150, "A"), markedBigger(150, "B")
	ctx := context.Background()
	if _, err := w.Replace(ctx, ga); err != nil {
		t.Fatal(err)
	}
	r := openReal(t, cfg)
	plain, err := server.New(r, server.Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	cached, err := server.New(r, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if data, errs, err := askHTTP(plain, spanningQuestion); err != nil || len(errs) > 0 {
		t.Fatalf("before the loads: %v %v", errs, err)
	} else if seen, err := storetest.MarkedNames(data); err != nil || seen["A"] < 150 || seen["B"] > 0 {
		t.Fatalf("before the loads: %v %v", seen, err)
	}
	const loads = 12
	done := make(chan struct{})
	var loadErr error
	go func() {
		defer close(done)
		for i := range loads {
			g := gb
			if i%2 == 1 {
				g = ga
			}
			if _, err := w.Replace(ctx, g); err != nil {
				loadErr = err
				return
			}
		}
	}()
	var mu sync.Mutex
	answers := map[string]int{}
	var mixed []string
	var wg sync.WaitGroup
	for i := range 4 {
		h := plain
		if i == 3 {
			h = cached
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				data, errs, err := askHTTP(h, spanningQuestion)
				mu.Lock()
				switch {
				case err != nil:
					mixed = append(mixed, err.Error())
				case len(errs) > 0:
					if len(errs) == 1 && errs[0]["extensions"].(map[string]any)["code"] == server.CodeGraphChanging {
						answers["refused"]++
					} else {
						mixed = append(mixed, fmt.Sprint("errors: ", errs))
					}
				default:
					seen, err := storetest.MarkedNames(data)
					switch {
					case err != nil:
						mixed = append(mixed, err.Error())
					case len(seen) != 1:
						mixed = append(mixed, fmt.Sprintf("an answer mixes two graphs: %v names from each", seen))
					case seen["A"] == 0 && seen["B"] == 0:
						mixed = append(mixed, "an answer with no names")
					default:
						for g := range seen {
							answers[g]++
						}
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	t.Logf("during %d loads: answers %v, %d token reads", loads, answers, r.TokenReads())
	if len(mixed) > 0 {
		t.Errorf("%d of the answers were not one graph's, e.g.: %.400s", len(mixed), mixed[0])
	}
	if answers["A"] == 0 || answers["B"] == 0 {
		t.Errorf("the readers did not see both graphs: %v", answers)
	}
	// After the loads, the last graph loaded (A), whole, from both.
	for _, h := range []http.Handler{plain, cached} {
		data, errs, err := askHTTP(h, spanningQuestion)
		if err != nil || len(errs) > 0 {
			t.Fatalf("after the loads: %v %v", errs, err)
		}
		if seen, err := storetest.MarkedNames(data); err != nil || len(seen) != 1 || seen["A"] == 0 {
			t.Errorf("after the loads (A last): %v %v", seen, err)
		}
	}
}

// helperCommitKilled is the loader TestRealKilledWhileCommittingDoesNotWedgeReaders
// kills once its commit is marked, before the commit: it waits there.
func helperCommitKilled() {
	cfg := ConfigFromEnv()
	cfg.LoadTimeout = 8 * time.Second
	cfg.DeadLoadMargin = 2 * time.Second
	s, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		fmt.Println("OPEN-FAILED", err)
		os.Exit(2)
	}
	testHookCommitting = func() {
		fmt.Println("COMMITTING")
		time.Sleep(time.Minute)
	}
	_, err = s.Replace(context.Background(), markedBigger(20, "B"))
	fmt.Println("NOT-KILLED", err)
	os.Exit(3)
}

// commitMark is the load sequence's mark as the database holds it.
func commitMark(t *testing.T, s *Store) (seq int64, committing any) {
	t.Helper()
	res, err := driver.ExecuteQuery(context.Background(), s.d, "MATCH (l:"+MetaLabel+" {id: 'loads'}) RETURN l.seq AS seq, l.committing AS committing",
		nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(s.cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) == 0 {
		return 0, nil
	}
	v, _ := res.Records[0].Get("seq")
	c, _ := res.Records[0].Get("committing")
	seq, _ = v.(int64)
	return seq, c
}

// TestRealKilledWhileCommittingDoesNotWedgeReaders kills a loader between
// marking its commit and committing: its write transaction rolls back and
// its mark stays set, telling readers a commit may be becoming visible,
// until its deadline (the load transaction's timeout and the dead-load
// margin, 8 s and 2 s here); then readers answer again, from the previous
// graph, and the next load replaces and clears the mark.
func TestRealKilledWhileCommittingDoesNotWedgeReaders(t *testing.T) {
	cfg := realConfig(t)
	s := emptyReal(t, cfg)
	ctx := context.Background()
	ga := markedBigger(20, "A")
	if _, err := s.Replace(ctx, ga); err != nil {
		t.Fatal(err)
	}
	h, err := server.New(s, server.Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	cmd, _ := startHelperLoad(t, "commit", "COMMITTING", "marked its commit")
	// Marked (a 10 s deadline, read at once): readers hold off.
	tok, err := s.ReadToken(ctx)
	if err != nil || !tok.Loading {
		t.Errorf("while a commit is marked, the token must say a load is committing: %+v %v", tok, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	// The mark outlives the loader, and must not wedge readers past its
	// deadline: within a minute (far past 10 s) the token is clean.
	var clean pg.ReadToken
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if clean, err = s.ReadToken(ctx); err != nil {
			t.Fatal(err)
		}
		if !clean.Loading {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatal("a killed load's commit mark still holds readers off a minute later")
		}
	}
	if _, c := commitMark(t, s); c == nil {
		t.Error("the mark was cleared, not outlived: this test did not test a dead mark")
	}
	data, errs, err := askHTTP(h, spanningQuestion)
	if err != nil || len(errs) > 0 {
		t.Fatalf("after the killed load's mark expired: %v %v", errs, err)
	}
	if seen, err := storetest.MarkedNames(data); err != nil || len(seen) != 1 || seen["A"] == 0 {
		t.Errorf("after the killed load, not the previous graph whole: %v %v", seen, err)
	}
	if fp := snapshotFingerprint(t, s); fp != ga.Fingerprint() {
		t.Error("the killed load changed the graph")
	}
	// The next load goes through and clears the dead mark.
	seq, _ := commitMark(t, s)
	lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := s.Replace(lctx, markedBigger(3, "B")); err != nil {
		t.Fatalf("a load after the killed one: %v", err)
	}
	if seq2, c := commitMark(t, s); c != nil || seq2 != seq+2 {
		t.Errorf("after the next load: seq %d (was %d), mark %v; want seq moved by 2 and no mark", seq2, seq, c)
	}
	data, errs, err = askHTTP(h, spanningQuestion)
	if err != nil || len(errs) > 0 {
		t.Fatalf("after the next load: %v %v", errs, err)
	}
	if seen, err := storetest.MarkedNames(data); err != nil || len(seen) != 1 || seen["B"] == 0 {
		t.Errorf("after the next load, not its graph whole: %v %v", seen, err)
	}
}

// TestRealUnchangedLoadWritesNoMark: a load of the graph already held (with
// its analytics, so it reaches the write transaction) and a refused one
// leave the load sequence alone; a load that commits moves it by two and
// leaves no mark.
func TestRealUnchangedLoadWritesNoMark(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	g := markedBigger(5, "A")
	a := measuresOf(t, g)
	if _, err := s.ReplaceWithAnalytics(ctx, g, a); err != nil {
		t.Fatal(err)
	}
	seq, c := commitMark(t, s)
	if c != nil {
		t.Fatalf("a committed load left its mark: %v", c)
	}
	if _, err := s.ReplaceWithAnalytics(ctx, g, a); err != nil {
		t.Fatal(err)
	}
	bad := markedBigger(5, "B")
	bad.AddNode(&pg.Node{ID: "org:" + strings.Repeat("x", 40000), Kind: pg.KindOrganisation, Name: "Zz too long"})
	if _, err := s.Replace(ctx, bad); err == nil {
		t.Fatal("a load the server refuses must fail")
	}
	if seq2, c := commitMark(t, s); seq2 != seq || c != nil {
		t.Errorf("an unchanged and a refused load moved the load sequence from %d to %d (mark %v)", seq, seq2, c)
	}
	if _, err := s.Replace(ctx, markedBigger(5, "B")); err != nil {
		t.Fatal(err)
	}
	if seq2, c := commitMark(t, s); seq2 != seq+2 || c != nil {
		t.Errorf("a load moved the load sequence from %d to %d (mark %v), want by 2 and no mark", seq, seq2, c)
	}
}

// TestRealSnapshotUnderAnOlderTokenRefused: a whole-graph read made under
// the token of a graph since replaced (a question that began before a
// load) is refused, not returned to be kept under the older version.
func TestRealSnapshotUnderAnOlderTokenRefused(t *testing.T) {
	s := emptyReal(t, realConfig(t))
	ctx := context.Background()
	ga, gb := markedBigger(3, "A"), markedBigger(3, "B")
	if _, err := s.Replace(ctx, ga); err != nil {
		t.Fatal(err)
	}
	tok, err := s.ReadToken(ctx)
	if err != nil || tok.Loading || tok.Version != ga.Fingerprint() {
		t.Fatalf("token of A: %+v %v", tok, err)
	}
	other := openReal(t, s.cfg) // another process loads B
	if _, err := other.Replace(ctx, gb); err != nil {
		t.Fatal(err)
	}
	// s keeps A's graph, loaded by it: under A's token that is A whole.
	if g, err := s.Snapshot(pg.WithReadToken(ctx, tok)); err != nil || g.Fingerprint() != ga.Fingerprint() {
		t.Errorf("the snapshot kept of A, under A's token: %v", err)
	}
	// A store that keeps none reads B, and must not give it as A's.
	r := openReal(t, s.cfg)
	if g, err := r.Snapshot(pg.WithReadToken(ctx, tok)); err == nil {
		t.Fatalf("a snapshot under A's token, with B loaded, returned a graph (B's: %v)", g.Fingerprint() == gb.Fingerprint())
	}
	if g, err := r.Snapshot(ctx); err != nil || g.Fingerprint() != gb.Fingerprint() {
		t.Errorf("the snapshot outside a question: %v", err)
	}
	if tok2, err := s.ReadToken(ctx); err != nil || tok2.Version != gb.Fingerprint() || tok2.Seq != tok.Seq+2 || tok2.Loading {
		t.Errorf("token after one load: %+v (was %+v) %v", tok2, tok, err)
	}
}
