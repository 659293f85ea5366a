package server

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
)

// DefaultResponseCacheBytes is the response cache's default budget.
const DefaultResponseCacheBytes = 64 << 20

// responseCache answers a repeated GraphQL request from memory while the
// store's content is unchanged: the graph is read-only between loads, so an
// answer is a function of (version, request). The key holds the version,
// method, Content-Type, Accept (which picks the response's media type), URL
// query and body. Only complete answers are kept: status 200, no errors
// entry, not incremental. Memory is bounded by a byte budget over keys and
// answers; the least recently used answers are dropped to stay within it,
// and an answer over an eighth of the budget is never kept.
type responseCache struct {
	store    partnergraph.Store
	next     http.Handler
	maxBytes int
	maxEntry int
	// metricsReady is part of the key: an answer given while the metrics
	// were computed (null measures) is not served once they are ready.
	metricsReady func(context.Context) (bool, error)

	mu    sync.Mutex
	bytes int
	order *list.List // of *cacheEntry, most recent first
	index map[[32]byte]*list.Element
}

type cacheEntry struct {
	key         [32]byte
	contentType string
	body        []byte
}

// entryOverhead approximates the bookkeeping of one entry (key, list
// element, map slot) so that many tiny answers also count.
const entryOverhead = 160

func (e *cacheEntry) size() int { return len(e.body) + len(e.contentType) + entryOverhead }

func newResponseCache(store partnergraph.Store, next http.Handler, maxBytes int) *responseCache {
	return &responseCache{store: store, next: next, maxBytes: maxBytes, maxEntry: maxBytes / 8,
		order: list.New(), index: map[[32]byte]*list.Element{}}
}

func (c *responseCache) get(key [32]byte) (*cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.index[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry), true
}

func (c *responseCache) add(e *cacheEntry) {
	if e.size() > c.maxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.index[e.key]; ok {
		return
	}
	c.index[e.key] = c.order.PushFront(e)
	c.bytes += e.size()
	for c.bytes > c.maxBytes {
		old := c.order.Back()
		oe := old.Value.(*cacheEntry)
		c.order.Remove(old)
		delete(c.index, oe.key)
		c.bytes -= oe.size()
	}
}

// usage reports the bytes held and the number of answers.
func (c *responseCache) usage() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes, c.order.Len()
}

func (c *responseCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Over a store whose reads can mix two loads, the key's version is a
	// read token's, and the request's questions start from that token (no
	// second read); an answer is kept only if every question of it was
	// read whole from that token's graph (explore.ReadOneGraph), never one
	// a load overlapped (which may have been asked again under the new
	// graph: kept under the old version, it would be served if the old
	// graph were loaded again). A hit during a load is a whole answer of
	// the graph whose version its key holds.
	var track *explore.TokenTrack
	var version string
	var err error
	keyCtx := r.Context() // what the key's parts are read under
	if cs, ok := c.store.(partnergraph.ConsistentStore); ok {
		var tok partnergraph.ReadToken
		if tok, err = cs.ReadToken(r.Context()); err == nil {
			var ctx context.Context
			ctx, track = explore.WithTokenTrack(r.Context(), tok)
			r = r.WithContext(ctx)
			version = tok.Version
			// The metrics' readiness for that version, not another read
			// of the version.
			keyCtx = partnergraph.WithReadToken(r.Context(), tok)
		}
	} else {
		version, err = c.store.Version(r.Context())
	}
	if err != nil || (r.Method != http.MethodPost && r.Method != http.MethodGet) {
		c.next.ServeHTTP(w, r)
		return
	}
	var body []byte
	if r.Method == http.MethodPost {
		if body, err = io.ReadAll(r.Body); err != nil {
			// Over the body limit or too slow: let the handler chain answer it.
			r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
			c.next.ServeHTTP(w, r)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	ready := "metrics-pending"
	if c.metricsReady != nil {
		if ok, err := c.metricsReady(keyCtx); err == nil && ok {
			ready = "metrics-ready"
		}
	}
	h := sha256.New()
	for _, part := range []string{version, ready, r.Method, r.Header.Get("Content-Type"), strings.Join(r.Header.Values("Accept"), ","), r.URL.RawQuery} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	h.Write(body)
	var key [32]byte
	h.Sum(key[:0])
	if e, ok := c.get(key); ok {
		w.Header().Set("Content-Type", e.contentType)
		w.Header().Set("X-Cache", "hit")
		w.Write(e.body)
		return
	}
	rec := &recorder{ResponseWriter: w, status: http.StatusOK, limit: c.maxEntry}
	c.next.ServeHTTP(rec, r)
	ct := w.Header().Get("Content-Type")
	if rec.status == http.StatusOK && !rec.overflow && cacheable(ct, rec.buf.Bytes()) && (track == nil || track.AllUnder()) {
		c.add(&cacheEntry{key: key, contentType: ct, body: bytes.Clone(rec.buf.Bytes())})
	}
}

// cacheable tells a complete answer: JSON, with data and no errors, not a
// part of an incremental (multipart) delivery.
func cacheable(contentType string, body []byte) bool {
	if !strings.HasPrefix(contentType, mediaJSON) && !strings.HasPrefix(contentType, mediaGraphQLResponse) {
		return false
	}
	return bytes.Contains(body, []byte(`"data"`)) && !bytes.Contains(body, []byte(`"errors"`)) &&
		!bytes.Contains(body, []byte(`"hasNext"`))
}

// recorder passes a response through while keeping a copy of its body, up
// to limit bytes.
type recorder struct {
	http.ResponseWriter
	status   int
	limit    int
	buf      bytes.Buffer
	overflow bool
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.overflow {
		if r.buf.Len()+len(b) > r.limit {
			r.overflow = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// maxCachedQuery is the longest query whose parsed document is kept: the
// key of gqlgen's query cache is the query text itself, so 1000 entries of
// 1 MiB queries (one long string literal is one token) would hold a GiB.
const maxCachedQuery = 32 << 10

// boundedQueryCache is gqlgen's query cache for queries up to
// maxCachedQuery bytes; longer ones are parsed each time.
type boundedQueryCache[T any] struct {
	next graphql.Cache[T]
}

func (c boundedQueryCache[T]) Get(ctx context.Context, key string) (T, bool) {
	if len(key) > maxCachedQuery {
		var zero T
		return zero, false
	}
	return c.next.Get(ctx, key)
}

func (c boundedQueryCache[T]) Add(ctx context.Context, key string, value T) {
	if len(key) <= maxCachedQuery {
		c.next.Add(ctx, key, value)
	}
}
