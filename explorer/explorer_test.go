package explorer

import (
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

func TestHandler(t *testing.T) {
	h := Handler()
	tests := []struct {
		method, path string
		status       int
		contentType  string
		contains     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", `<script src="app.js">`},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", `data-testid="search-input"`},
		{"GET", "/app.js", 200, "text/javascript; charset=utf-8", "__explorer"},
		{"GET", "/app.css", 200, "text/css; charset=utf-8", "#cy"},
		{"HEAD", "/app.js", 200, "text/javascript; charset=utf-8", ""},
		{"GET", "/missing.js", 404, "", ""},
		{"GET", "/dist/app.js", 404, "", ""},
		{"GET", "/../explorer.go", 404, "", ""},
		{"POST", "/", 405, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "http://x"+tc.path, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status = %d, want %d", rec.Code, tc.status)
			}
			if tc.contentType != "" {
				if got := rec.Header().Get("Content-Type"); got != tc.contentType {
					t.Errorf("Content-Type = %q, want %q", got, tc.contentType)
				}
				if got := rec.Header().Get("Cache-Control"); got != "no-cache" {
					t.Errorf("Cache-Control = %q, want no-cache", got)
				}
				if rec.Header().Get("ETag") == "" {
					t.Error("no ETag")
				}
				if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
					t.Errorf("X-Content-Type-Options = %q", got)
				}
			}
			if tc.contains != "" && !strings.Contains(rec.Body.String(), tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}
		})
	}
}

func TestHandlerRevalidation(t *testing.T) {
	h := Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
	etag := rec.Header().Get("ETag")
	req := httptest.NewRequest("GET", "/app.js", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Fatalf("status with matching If-None-Match = %d, want 304", rec.Code)
	}
	if rec.Body.Len() != 0 {
		t.Errorf("304 carried %d bytes", rec.Body.Len())
	}
}

// The page must work offline: nothing it loads may come from another origin.
func TestNoExternalResources(t *testing.T) {
	h := Handler().(*handler)
	for name, a := range h.assets {
		if a.contentType != contentTypes[".html"] && a.contentType != contentTypes[".css"] {
			continue
		}
		body := string(a.body)
		for _, bad := range []string{`src="http`, `href="http`, `src="//`, `href="//`, "url(http", "@import"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s refers to an external resource (%s)", name, bad)
			}
		}
	}
}

// The page's GraphQL must stay valid against the schema: every query in
// web/src/app.js (template literals that start with "query", with their
// ${NAME} parts filled from the file's string constants) is validated
// against schema.graphqls. This runs without a browser, unlike e2e.
func TestQueriesMatchSchema(t *testing.T) {
	src, err := os.ReadFile("web/src/app.js")
	if err != nil {
		t.Fatal(err)
	}
	sdl, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(sdl)})
	if gerr != nil {
		t.Fatalf("schema.graphqls: %v", gerr)
	}
	consts := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^const (\w+) = '([^'\n]*)';`).FindAllStringSubmatch(string(src), -1) {
		consts[m[1]] = m[2]
	}
	queries := regexp.MustCompile("(?m)^const (\\w+) = `(query [^`]*)`;").FindAllStringSubmatch(string(src), -1)
	if len(queries) < 5 {
		t.Fatalf("found %d queries in app.js; the pattern no longer matches how the file writes them", len(queries))
	}
	part := regexp.MustCompile(`\$\{(\w+)\}`)
	for _, m := range queries {
		name, q := m[1], m[2]
		q = part.ReplaceAllStringFunc(q, func(s string) string {
			v, ok := consts[part.FindStringSubmatch(s)[1]]
			if !ok {
				t.Errorf("%s: %s is not a string constant of app.js", name, s)
			}
			return v
		})
		if _, errs := gqlparser.LoadQueryWithRules(schema, q, nil); errs != nil { // nil: the default rules
			t.Errorf("%s does not validate against schema.graphqls: %v", name, errs)
		}
	}
}
