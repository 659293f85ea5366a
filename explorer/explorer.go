// Package explorer serves the partnership network explorer: a single web page
// that searches, draws and compares the graph through the public GraphQL API
// only. The page is built from web/ with esbuild (scripts/build-explorer) and
// the built files in dist/ are embedded, so the server needs no Node at run
// time and the page works offline.
package explorer

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// contentTypes is explicit rather than left to mime.TypeByExtension, whose
// answers depend on the host's mime tables.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".png":  "image/png",
	".svg":  "image/svg+xml",
	".ico":  "image/x-icon",
}

// csp lets the page talk to its own origin only. Cytoscape sets inline
// styles on its canvas elements, hence 'unsafe-inline' for styles; exports
// are made as blob: and data: URLs.
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

type asset struct {
	body, gzipped []byte
	contentType   string
	etag          string
}

type handler struct {
	assets map[string]asset
}

// Handler serves the explorer's files: index.html at "/" (and "/index.html"),
// app.js and app.css beside it, 404 for anything else. Mount it at the root
// or under a prefix with http.StripPrefix; the page's links are relative.
//
// File names carry no content hash, so responses are revalidated on every
// load (Cache-Control: no-cache) against a strong ETag of the content: a new
// build is picked up at once and an unchanged one costs a 304.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic("explorer: embedded dist missing: " + err.Error())
	}
	h := &handler{assets: map[string]asset{}}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(sub, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct, ok := contentTypes[path.Ext(name)]
		if !ok {
			ct = "application/octet-stream"
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		h.assets["/"+name] = asset{body: body, gzipped: gz.Bytes(), contentType: ct, etag: hex.EncodeToString(sum[:16])}
		return nil
	})
	if err != nil {
		panic("explorer: reading embedded dist: " + err.Error())
	}
	if _, ok := h.assets["/index.html"]; !ok {
		panic("explorer: embedded dist has no index.html; run scripts/build-explorer")
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if p == "" || p == "/" {
		p = "/index.html"
	}
	a, ok := h.assets[p]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", a.contentType)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Add("Vary", "Accept-Encoding")
	body, etag := a.body, `"`+a.etag+`"`
	if acceptsGzip(r) {
		// Compressed once at start; its own ETag, as its bytes differ.
		body, etag = a.gzipped, `"`+a.etag+`-gz"`
		hd.Set("Content-Encoding", "gzip")
	}
	hd.Set("ETag", etag)
	if a.contentType == contentTypes[".html"] {
		hd.Set("Content-Security-Policy", csp)
		hd.Set("Referrer-Policy", "no-referrer")
	}
	// ServeContent answers If-None-Match against the ETag set above, and ranges.
	http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(body))
}

// acceptsGzip says whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if c := strings.TrimSpace(coding); strings.EqualFold(c, "gzip") || c == "*" {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
