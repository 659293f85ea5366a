package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
)

func TestResponseCacheFollowsStoreVersion(t *testing.T) {
	store := inmem.New()
	g := pg.NewGraph()
	if _, err := g.AddNode(&pg.Node{ID: "council:a", Kind: pg.KindCouncil, Name: "Alpha Council"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	h, err := New(store, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ask := func(query string) (string, string) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"`+query+`"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String(), rec.Header().Get("X-Cache")
	}
	const q = "{ councils { totalCount } }"
	first, hit := ask(q)
	if hit != "" || !strings.Contains(first, `"totalCount":1`) {
		t.Fatalf("first answer %s (cache %q)", first, hit)
	}
	again, hit := ask(q)
	if hit != "hit" || again != first {
		t.Errorf("repeat: %s (cache %q), want the first answer from the cache", again, hit)
	}
	if body, hit := ask(`{ council(id: \"council:zz\") { name } }`); hit != "" || !strings.Contains(body, "NOT_FOUND") {
		t.Fatalf("error answer %s", body)
	}
	if _, hit := ask(`{ council(id: \"council:zz\") { name } }`); hit != "" {
		t.Error("an answer with errors was cached")
	}

	if _, err := g.AddNode(&pg.Node{ID: "council:b", Kind: pg.KindCouncil, Name: "Beta Council"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	after, hit := ask(q)
	if hit != "" || !strings.Contains(after, `"totalCount":2`) {
		t.Errorf("after a new load: %s (cache %q), want a fresh answer", after, hit)
	}
}

func TestQueryCacheKeepsOnlyShortQueries(t *testing.T) {
	inner := map[string]int{}
	c := boundedQueryCache[int]{next: mapCache(inner)}
	short, long := "{ a }", "{ a } #"+strings.Repeat("x", maxCachedQuery)
	c.Add(context.Background(), short, 1)
	c.Add(context.Background(), long, 2)
	if _, ok := c.Get(context.Background(), short); !ok || len(inner) != 1 {
		t.Errorf("cache holds %d queries; want only the short one", len(inner))
	}
	if _, ok := c.Get(context.Background(), long); ok {
		t.Error("a long query was kept")
	}
}

type mapCache map[string]int

func (m mapCache) Get(_ context.Context, k string) (int, bool) { v, ok := m[k]; return v, ok }
func (m mapCache) Add(_ context.Context, k string, v int)      { m[k] = v }
