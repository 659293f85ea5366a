package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/partnergraph/partnergraph"
)

//go:embed graphiql.html
var graphiqlHTML string

// graphiqlDist is GraphiQL with React, built from graphiql/web by
// scripts/build-graphiql and committed, so that /graphiql needs no CDN.
//
//go:embed graphiql/dist
var graphiqlDist embed.FS

// graphiqlCSP keeps GraphiQL to this origin. GraphiQL's editors set inline
// styles and its stylesheet carries its fonts as data: URLs.
const graphiqlCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// graphiqlPage is GraphiQL's page with the example queries as tabs, their
// variables filled (ExampleTabs) from the graph the store holds. The page
// is made again when the store's version changes; while the examples'
// nodes cannot be read (metrics still being computed, a store error) it
// shows the queries without variables and tries again at the next request.
type graphiqlPage struct {
	tmpl  *template.Template
	store partnergraph.Store
	ask   Ask
	now   func() time.Time

	// build is held while the page is made: a page costs a few GraphQL
	// questions, and concurrent requests after a new version must not
	// each ask them
	build sync.Mutex

	mu      sync.Mutex
	version string    // of the page below
	page    *static   // nil: none made for this version yet
	filled  bool      // page has its variables
	retry   time.Time // an unfilled page is made again no sooner than this
}

// graphiqlRetry is how long a page without variables (its examples' nodes
// could not be read) is served before they are asked for again, so that a
// client reloading the page cannot make every request cost the examples'
// questions.
const graphiqlRetry = 5 * time.Second

func newGraphiqlPage(store partnergraph.Store, ask Ask) (*graphiqlPage, error) {
	t, err := template.New("graphiql").Parse(graphiqlHTML)
	if err != nil {
		return nil, err
	}
	p := &graphiqlPage{tmpl: t, store: store, ask: ask, now: time.Now}
	if _, err := p.render(Examples); err != nil { // the template and the examples fit
		return nil, err
	}
	return p, nil
}

func (p *graphiqlPage) render(tabs []Example) (*static, error) {
	b, err := json.Marshal(tabs)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	// In a <script type="application/json">, html/template would quote the
	// JSON as a string; template.JS keeps it JSON and still escapes "</".
	if err := p.tmpl.Execute(&buf, template.JS(strings.ReplaceAll(string(b), "</", `<\/`))); err != nil {
		return nil, err
	}
	return newStatic(map[string][]byte{"": buf.Bytes()}, graphiqlCSP), nil
}

// current is the page made for version, if it is still good to serve.
func (p *graphiqlPage) current(version string) *static {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.page == nil || version != p.version || !p.filled && !p.now().Before(p.retry) {
		return nil
	}
	return p.page
}

func (p *graphiqlPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	version, verr := p.store.Version(r.Context())
	page := p.current(version)
	if page == nil {
		p.build.Lock()
		// another request may have made it while this one waited
		if page = p.current(version); page == nil {
			tabs, err := ExampleTabs(r.Context(), p.ask)
			filled := err == nil && verr == nil
			if err != nil {
				tabs = Examples
			}
			if page, err = p.render(tabs); err != nil {
				p.build.Unlock()
				http.Error(w, "the GraphiQL page could not be made", http.StatusInternalServerError)
				return
			}
			p.mu.Lock()
			p.version, p.page, p.filled, p.retry = version, page, filled, p.now().Add(graphiqlRetry)
			p.mu.Unlock()
		}
		p.build.Unlock()
	}
	page.ServeHTTP(w, r)
}

// askHandler asks a GraphQL handler a query as a client would, over POST,
// in the caller's context.
func askHandler(h http.Handler) Ask {
	return func(ctx context.Context, query string, vars map[string]any) (json.RawMessage, error) {
		body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
		if err != nil {
			return nil, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		rec := &bufferedResponse{header: http.Header{}}
		h.ServeHTTP(rec, req)
		var resp struct {
			Data   json.RawMessage `json:"data"`
			Errors []struct {
				Message string `json:"message"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(rec.body.Bytes(), &resp); err != nil {
			return nil, fmt.Errorf("status %d: %w", rec.code, err)
		}
		if len(resp.Errors) > 0 {
			return nil, errors.New(resp.Errors[0].Message)
		}
		return resp.Data, nil
	}
}

// bufferedResponse keeps a response in memory.
type bufferedResponse struct {
	header http.Header
	body   bytes.Buffer
	code   int
}

func (b *bufferedResponse) Header() http.Header { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.code == 0 {
		b.code = http.StatusOK
	}
	return b.body.Write(p)
}
func (b *bufferedResponse) WriteHeader(code int) {
	if b.code == 0 {
		b.code = code
	}
}

// graphiqlAssets serves graphiql.js and graphiql.css under /graphiql/.
func graphiqlAssets() (http.Handler, error) {
	sub, err := fs.Sub(graphiqlDist, "graphiql/dist")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(sub, name)
		files["/graphiql/"+name] = body
		return err
	})
	if err != nil {
		return nil, err
	}
	if files["/graphiql/graphiql.js"] == nil {
		return nil, errNoGraphiQL
	}
	return newStatic(files, ""), nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errNoGraphiQL = constError("server: the embedded GraphiQL bundle is missing; run scripts/build-graphiql")

var contentTypes = map[string]string{
	"":      "text/html; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

// static serves fixed files from memory, each also gzipped once at start,
// with strong ETags (revalidated on every load, as the names carry no hash).
type static struct {
	files map[string]staticFile
	csp   string
}

type staticFile struct {
	plain, gzipped []byte
	contentType    string
	etag           string
}

func newStatic(files map[string][]byte, csp string) *static {
	s := &static{files: map[string]staticFile{}, csp: csp}
	for name, body := range files {
		sum := sha256.Sum256(body)
		ct, ok := contentTypes[path.Ext(name)]
		if !ok {
			ct = "application/octet-stream"
		}
		s.files[name] = staticFile{plain: body, gzipped: gzipBytes(body), contentType: ct,
			etag: hex.EncodeToString(sum[:16])}
	}
	return s
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func (s *static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := s.files[r.URL.Path]
	if !ok {
		// A lone page ("" in files) answers at whatever path it is mounted.
		f, ok = s.files[""]
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Add("Vary", "Accept-Encoding")
	if s.csp != "" && strings.HasPrefix(f.contentType, "text/html") {
		h.Set("Content-Security-Policy", s.csp)
	}
	body, etag := f.plain, `"`+f.etag+`"`
	if acceptsGzip(r) {
		body, etag = f.gzipped, `"`+f.etag+`-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip says whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") || strings.TrimSpace(coding) == "*" {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// compress returns where to write a response body: w itself, or a gzip
// stream into it when the client accepts gzip. finish ends the stream.
func compress(w http.ResponseWriter, r *http.Request) (io.Writer, func()) {
	w.Header().Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r) {
		return w, func() {}
	}
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Del("Content-Length")
	zw, _ := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	return zw, func() { zw.Close() }
}
