package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/storetest"
)

// loadingStore is a pg.ConsistentStore whose reads, like Neo4j's, each see
// the latest load: it holds two graphs, A and B (the fixture with every
// name marked "[A]" or "[B]"), and a load switches between them
// between two reads, as a commit landing between two statements of one
// request would. Its token is the current graph's version and a load
// counter moved twice per load, as the Neo4j store's commit bracket moves it.
type loadingStore struct {
	mu         sync.Mutex
	graphs     [2]*inmem.Store
	cur        int
	seq        int64
	reads      int
	loadAfter  int  // > 0: a load commits once this many reads were made
	everyTime  bool // and again in each later attempt (reads counted afresh)
	loadingFor int  // token reads still to report a commit becoming visible
	tokens     int  // ReadToken calls
	versions   int  // Version calls
}

func marked(tag string) *pg.Graph { return storetest.Mark(storetest.Fixture(), tag) }

func newLoadingStore(t *testing.T) *loadingStore {
	s := &loadingStore{}
	for i, tag := range []string{"A", "B"} {
		s.graphs[i] = inmem.New()
		if _, err := s.graphs[i].Replace(context.Background(), marked(tag)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// load switches to the other graph now.
func (s *loadingStore) load() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur, s.seq = 1-s.cur, s.seq+2
}

// armLoad makes a load commit after the next n reads.
func (s *loadingStore) armLoad(n int, everyTime bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads, s.loadAfter, s.everyTime = 0, n, everyTime
}

// read counts one read, commits an armed load when it is due, and returns
// the graph the read sees.
func (s *loadingStore) read() *inmem.Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.graphs[s.cur]
	s.reads++
	if s.loadAfter > 0 && s.reads == s.loadAfter {
		s.cur, s.seq = 1-s.cur, s.seq+2
		if !s.everyTime {
			s.loadAfter = 0
		}
	}
	return g
}

func (s *loadingStore) ReadToken(ctx context.Context) (pg.ReadToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens++
	if s.everyTime {
		s.reads = 0 // the next attempt is overlapped again
	}
	v, _ := s.graphs[s.cur].Version(ctx)
	t := pg.ReadToken{Version: v, Seq: s.seq}
	if s.loadingFor > 0 {
		s.loadingFor--
		t.Seq, t.Loading = s.seq-1, true
	}
	return t, nil
}

func (s *loadingStore) Replace(ctx context.Context, g *pg.Graph) (pg.ReplaceStats, error) {
	return pg.ReplaceStats{}, fmt.Errorf("not used")
}
func (s *loadingStore) Nodes(ctx context.Context, ids []string) ([]*pg.Node, error) {
	return s.read().Nodes(ctx, ids)
}
func (s *loadingStore) Edges(ctx context.Context, q pg.EdgeQuery) ([]*pg.Edge, error) {
	return s.read().Edges(ctx, q)
}
func (s *loadingStore) List(ctx context.Context, q pg.ListQuery) ([]*pg.Node, int, error) {
	return s.read().List(ctx, q)
}
func (s *loadingStore) Search(ctx context.Context, text string, kinds []pg.Kind, limit int) ([]pg.SearchHit, error) {
	return s.read().Search(ctx, text, kinds, limit)
}
func (s *loadingStore) Snapshot(ctx context.Context) (*pg.Graph, error) {
	return s.read().Snapshot(ctx)
}

// Version is not counted as a read (only a store without tokens reads it).
func (s *loadingStore) Version(ctx context.Context) (string, error) {
	s.mu.Lock()
	g := s.graphs[s.cur]
	s.versions++
	s.mu.Unlock()
	return g.Version(ctx)
}
func (s *loadingStore) Close(context.Context) error { return nil }

// A question of several reads: a node, its partners (relationships, then
// nodes) and a list.
const spanningQuestion = `{ council(id: "council:hpl") { name partners { totalCount edges { node { id name } initiatives { name } } } }
	organisations(first: 20) { totalCount edges { node { name } } } }`

// graphOf returns which graph ("A" or "B") every name of an answer comes
// from, or fails naming the mix.
func graphOf(t *testing.T, data json.RawMessage) string {
	t.Helper()
	seen, err := storetest.MarkedNames(data)
	if err != nil {
		t.Fatal(err)
	}
	if seen["A"]+seen["B"] < 5 || len(seen) != 1 {
		t.Fatalf("an answer mixes two graphs (%v names from each): %s", seen, data)
	}
	for g := range seen {
		return g
	}
	return ""
}

func fastLoadWait(t *testing.T) {
	old, oldMax := explore.LoadWait, explore.MaxLoadWait
	explore.LoadWait, explore.MaxLoadWait = time.Millisecond, 100*time.Millisecond
	t.Cleanup(func() { explore.LoadWait, explore.MaxLoadWait = old, oldMax })
}

func TestAnswerOverlappedByALoadIsAskedAgain(t *testing.T) {
	s := newLoadingStore(t)
	h, err := New(s, Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	data, errs := post(t, h, spanningQuestion, nil)
	if len(errs) > 0 || graphOf(t, data) != "A" {
		t.Fatalf("before any load: %v %s", errs, data)
	}
	// A load commits after the question's first read: its first answer
	// would be the council of A with the partners and list of B.
	s.armLoad(1, false)
	data, errs = post(t, h, spanningQuestion, nil)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if g := graphOf(t, data); g != "B" {
		t.Errorf("answer from %s after the load, want B", g)
	}
}

func TestResponseCacheKeepsNoAnswerOverlappedByALoad(t *testing.T) {
	s := newLoadingStore(t)
	h, err := New(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.armLoad(1, false)
	data, errs := post(t, h, spanningQuestion, nil)
	if len(errs) > 0 || graphOf(t, data) != "B" {
		t.Fatalf("the overlapped question: %v %s", errs, data)
	}
	// Loaded back to A: the answer read from B after a question began
	// under A's token must not have been kept under A's version.
	s.load()
	data, errs = post(t, h, spanningQuestion, nil)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if g := graphOf(t, data); g != "A" {
		t.Errorf("graph A loaded again answered from %s: an answer read across a load was kept", g)
	}
	// Now A's answer is kept, and served, while A is loaded.
	req := func() string {
		rec := serve(h, spanningQuestion)
		return rec.Header().Get("X-Cache")
	}
	if req(); req() != "hit" {
		t.Error("a whole answer of A is not kept")
	}
}

func TestPerVersionReadsOfAnOverlappedQuestionAreNotServedLater(t *testing.T) {
	old := explore.ReadAttempts
	explore.ReadAttempts = 1
	t.Cleanup(func() { explore.ReadAttempts = old })
	s := newLoadingStore(t)
	h, err := New(s, Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	// One attempt, overlapped: refused, having read B's partners while
	// holding A's token.
	s.armLoad(1, false)
	if _, errs := post(t, h, spanningQuestion, nil); len(errs) != 1 || errs[0].Extensions["code"] != CodeGraphChanging {
		t.Fatalf("an overlapped question with no attempt left: %v", errs)
	}
	s.load() // back to A
	data, errs := post(t, h, spanningQuestion, nil)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	graphOf(t, data) // fails on B's partners kept under A's version
}

func TestQuestionWaitsForACommitBecomingVisible(t *testing.T) {
	fastLoadWait(t)
	s := newLoadingStore(t)
	h, err := New(s, Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	post(t, h, spanningQuestion, nil) // warm: what is kept per version
	s.mu.Lock()
	s.loadingFor, s.tokens = 3, 0
	s.mu.Unlock()
	data, errs := post(t, h, spanningQuestion, nil)
	if len(errs) > 0 || graphOf(t, data) != "A" {
		t.Fatalf("%v %s", errs, data)
	}
	if s.tokens != 5 {
		t.Errorf("%d token reads, want 3 while loading, 1 before and 1 after the reads", s.tokens)
	}
}

func TestQuestionOverlappedEveryTimeIsRefusedNotMixed(t *testing.T) {
	fastLoadWait(t)
	s := newLoadingStore(t)
	h, err := New(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.armLoad(1, true)
	data, errs := post(t, h, spanningQuestion, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != CodeGraphChanging || !strings.Contains(errs[0].Message, "ask again") {
		t.Fatalf("want one %s error, got %v", CodeGraphChanging, errs)
	}
	if string(data) != "" && string(data) != "null" {
		t.Errorf("a refused question answered data: %s", data)
	}
	// A load that commits while the token reports it (never clean) too.
	s.armLoad(0, false)
	s.loadingFor = 1 << 20
	if _, errs := post(t, h, spanningQuestion, nil); len(errs) != 1 || errs[0].Extensions["code"] != CodeGraphChanging {
		t.Fatalf("a commit visible throughout: %v", errs)
	}
	s.loadingFor = 0
	data, errs = post(t, h, spanningQuestion, nil)
	if len(errs) > 0 {
		t.Fatalf("once the load is over: %v", errs)
	}
	graphOf(t, data)
}

func TestEmbeddedStoreReadsNoToken(t *testing.T) {
	if _, ok := any(inmem.New()).(pg.ConsistentStore); ok {
		t.Fatal("the in-memory store swaps whole graphs: it must not pay for read tokens")
	}
}

func serve(h http.Handler, query string) *httptest.ResponseRecorder {
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// noToken is a store without ReadToken: its questions are not bracketed.
type noToken struct{ pg.Store }

func TestBracketedQuestionReadsAsBatchedAsBefore(t *testing.T) {
	s := newLoadingStore(t)
	bracketed, err := New(s, Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := New(noToken{s}, Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	// Evidence documents and partners: fields the loaders batch.
	q := `{ council(id: "council:hpl") { partners { edges { node { id name } evidence { document { title } } initiatives { name } } } } }`
	reads := func(h http.Handler) int {
		post(t, h, q, nil) // warm: per-version reads
		s.mu.Lock()
		before := s.reads
		s.mu.Unlock()
		data, errs := post(t, h, q, nil)
		if len(errs) > 0 {
			t.Fatalf("%v", errs)
		}
		graphOf(t, data)
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.reads - before
	}
	if b, p := reads(bracketed), reads(plain); b != p {
		t.Errorf("a bracketed question made %d store reads, the same unbracketed %d: its fields must share the operation's loaders", b, p)
	}
}

func TestCachedServerReadsTwoTokensAndNoVersionAQuestion(t *testing.T) {
	s := newLoadingStore(t)
	h, err := New(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	post(t, h, spanningQuestion, nil) // warm: the metrics started, per-version reads
	for i := range 3 {
		s.mu.Lock()
		s.tokens, s.versions = 0, 0
		s.mu.Unlock()
		// A new question each time: a miss of the response cache.
		if _, errs := post(t, h, fmt.Sprintf(`{ council(id: "council:hpl") { name partners(first: %d) { edges { node { name } } } } }`, i+1), nil); len(errs) > 0 {
			t.Fatal(errs)
		}
		if s.tokens != 2 || s.versions != 0 {
			t.Errorf("a question through the response cache read %d tokens and the version %d times; want 2 tokens (the key's, which the question starts from, and one after) and no version", s.tokens, s.versions)
		}
	}
}

// TestExportOverlappedByALoadPairsAGraphWithItsOwnMeasures: an export reads
// the graph, then its measures; a load committing between the two would
// pair graph A's nodes with graph B's measures. B here has one partner more
// for Hartlepool, so its degree tells which graph measured it.
func TestExportOverlappedByALoadPairsAGraphWithItsOwnMeasures(t *testing.T) {
	s := newLoadingStore(t)
	b := marked("B")
	if _, err := b.AddNode(&pg.Node{ID: "org:extra", Kind: pg.KindOrganisation, Name: "Extra Trust [B]"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddEdge(&pg.Edge{Kind: pg.EdgePartnerIn, Source: "org:extra", Target: "initiative:hpl:hub"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.graphs[1].Replace(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	degree := map[string]float64{}
	for tag, g := range map[string]*pg.Graph{"A": marked("A"), "B": b} {
		m, err := explore.ComputeMetrics(context.Background(), tag, g)
		if err != nil {
			t.Fatal(err)
		}
		degree[tag] = float64(m.Degree["council:hpl"])
	}
	if degree["A"] == degree["B"] {
		t.Fatalf("the two graphs must measure apart: %v", degree)
	}
	h, err := New(s, Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	s.armLoad(1, false) // the load commits right after the export's graph is read
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/export/cytoscape.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	var cy struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &cy); err != nil {
		t.Fatal(err)
	}
	for _, n := range cy.Elements.Nodes {
		if n.Data["id"] != "council:hpl" {
			continue
		}
		label, _ := n.Data["label"].(string)
		tag := label[len(label)-2 : len(label)-1]
		if n.Data["degree"] != degree[tag] {
			t.Fatalf("graph %s's council with degree %v, its graph's is %v (%v)", tag, n.Data["degree"], degree[tag], degree)
		}
		return
	}
	t.Fatal("no council:hpl in the export")
}
