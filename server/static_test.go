package server

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/inmem"
)

// GraphiQL comes from the binary: the page loads only files this server
// serves, each gzipped for clients that accept it.
func TestGraphiQLServedFromTheBinary(t *testing.T) {
	h := seeded(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphiql", nil))
	page := rec.Body.String()
	if rec.Code != 200 || strings.Contains(page, "https://") || !strings.Contains(page, `src="graphiql/graphiql.js"`) {
		t.Fatalf("/graphiql: %d, page refers to other hosts or not to its bundle:\n%s", rec.Code, page)
	}
	if !strings.Contains(page, `"PartnersOfACouncil"`) && !strings.Contains(page, "PartnersOfACouncil") {
		t.Error("the example queries are not in the page")
	}
	for _, file := range []string{"/graphiql/graphiql.js", "/graphiql/graphiql.css"} {
		req := httptest.NewRequest(http.MethodGet, file, nil)
		req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: %d, Content-Encoding %q", file, rec.Code, rec.Header().Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil || len(body) < 10000 {
			t.Fatalf("%s: %d bytes after gunzip, %v", file, len(body), err)
		}
		if strings.HasSuffix(file, ".js") && !strings.Contains(string(body), "createRoot") {
			t.Errorf("%s does not look like the React bundle", file)
		}
		etag := rec.Header().Get("ETag")
		req = httptest.NewRequest(http.MethodGet, file, nil)
		req.Header.Set("If-None-Match", etag)
		req.Header.Set("Accept-Encoding", "gzip")
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified {
			t.Errorf("%s with If-None-Match %s: %d, want 304", file, etag, rec.Code)
		}
		// Without Accept-Encoding: the plain file.
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, file, nil))
		if rec.Header().Get("Content-Encoding") != "" || rec.Body.Len() != len(body) {
			t.Errorf("%s without gzip: Content-Encoding %q, %d bytes, want %d", file, rec.Header().Get("Content-Encoding"), rec.Body.Len(), len(body))
		}
	}
}

// Query parameters are read in any case, GraphQL's enum names included;
// exports are gzipped and named; bad values are refused naming them.
func TestExportParameters(t *testing.T) {
	h := seeded(t)
	get := func(path string, gz bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	lower, upper := get("/export/graph.json?kind=council", false), get("/export/graph.json?KIND=COUNCIL", false)
	if lower.Code != 200 || lower.Body.String() != upper.Body.String() {
		t.Errorf("kind=council (%d) and KIND=COUNCIL (%d) differ", lower.Code, upper.Code)
	}
	rec := get("/export/graph.gexf?projection=COLLABORATION&kind=organisation", true)
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="partnergraph-graph-collaboration.gexf"` {
		t.Errorf("collaboration GEXF: %d, %v", rec.Code, rec.Header())
	}
	for path, want := range map[string]string{
		"/export/graph.json?kind=planet":                `kind "planet"`,
		"/export/graph.json?projection=collaboration":   "projection",
		"/export/graphology.json?projection=sideways":   `projection "sideways"`,
		"/export/graphology.json?colour=red":            `unknown parameter "colour"`,
		"/export/graphology.json?sector=charity,HEALTH": `sector "charity"`,
	} {
		rec := get(path, true)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), want) || rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: %d %q (Content-Encoding %q), want 400 naming %s", path, rec.Code, rec.Body.String(), rec.Header().Get("Content-Encoding"), want)
		}
	}
}

// A GraphiQL page whose examples' nodes cannot be read is served without
// variables, and the examples' questions are asked again only after
// graphiqlRetry: concurrent or repeated page loads do not each cost them.
func TestGraphiQLPageAsksForItsExamplesOnce(t *testing.T) {
	var asked atomic.Int32
	failing := func(ctx context.Context, query string, vars map[string]any) (json.RawMessage, error) {
		asked.Add(1)
		return nil, errors.New("metrics not ready")
	}
	p, err := newGraphiqlPage(inmem.New(), failing)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Unix(1_700_000_000, 0)
	var clockMu sync.Mutex
	p.now = func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return clock }
	get := func() {
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphiql", nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "PartnersOfACouncil") {
			t.Errorf("/graphiql: %d without its examples", rec.Code)
		}
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() { defer wg.Done(); get() }()
	}
	wg.Wait()
	if n := asked.Load(); n != 1 {
		t.Fatalf("20 page loads asked the examples' first question %d times, want 1", n)
	}
	clockMu.Lock()
	clock = clock.Add(graphiqlRetry)
	clockMu.Unlock()
	get()
	get()
	if n := asked.Load(); n != 2 {
		t.Fatalf("after the retry interval the examples were asked %d times in all, want 2", n)
	}
}
