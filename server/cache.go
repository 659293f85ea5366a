package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/partnergraph/partnergraph"
)

// Response cache bounds.
const (
	cacheEntries  = 2000
	cacheMaxBytes = 256 << 10 // larger answers are not kept
)

// responseCache answers a repeated GraphQL request from memory while the
// store's content is unchanged: the graph is read-only between loads, so an
// answer is a function of (version, request). Only complete answers (200,
// no errors) are kept; the key includes the version, so a new load misses.
type responseCache struct {
	store partnergraph.Store
	lru   *lru.Cache[[32]byte, []byte]
	next  http.Handler
	// metricsReady is part of the key: an answer given while the metrics
	// were computed (null measures) is not served once they are ready.
	metricsReady func(context.Context) (bool, error)
}

func newResponseCache(store partnergraph.Store, next http.Handler, metricsReady func(context.Context) (bool, error)) (*responseCache, error) {
	c, err := lru.New[[32]byte, []byte](cacheEntries)
	if err != nil {
		return nil, err
	}
	return &responseCache{store: store, lru: c, next: next, metricsReady: metricsReady}, nil
}

func (c *responseCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	version, err := c.store.Version(r.Context())
	if err != nil || (r.Method != http.MethodPost && r.Method != http.MethodGet) {
		c.next.ServeHTTP(w, r)
		return
	}
	var body []byte
	if r.Method == http.MethodPost {
		if body, err = io.ReadAll(r.Body); err != nil {
			// Over the body limit: let the handler chain answer it.
			r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
			c.next.ServeHTTP(w, r)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	ready := []byte("metrics-pending")
	if c.metricsReady != nil {
		if ok, err := c.metricsReady(r.Context()); err == nil && ok {
			ready = []byte("metrics-ready")
		}
	}
	h := sha256.New()
	for _, part := range [][]byte{[]byte(version), ready, []byte(r.Method), []byte(r.Header.Get("Content-Type")), []byte(r.URL.RawQuery), body} {
		h.Write(part)
		h.Write([]byte{0})
	}
	var key [32]byte
	h.Sum(key[:0])
	if cached, ok := c.lru.Get(key); ok {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Cache", "hit")
		w.Write(cached)
		return
	}
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	c.next.ServeHTTP(rec, r)
	if rec.status == http.StatusOK && !rec.overflow && !bytes.Contains(rec.buf.Bytes(), []byte(`"errors"`)) {
		c.lru.Add(key, bytes.Clone(rec.buf.Bytes()))
	}
}

// recorder passes a response through while keeping a copy of its body.
type recorder struct {
	http.ResponseWriter
	status   int
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.overflow {
		if r.buf.Len()+len(b) > cacheMaxBytes {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}
