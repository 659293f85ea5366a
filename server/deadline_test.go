package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
)

// slowStore is a store whose reads take a while and do not watch the
// context (as a remote database's may not), counting the reads started
// after their request's deadline had passed.
type slowStore struct {
	pg.Store
	delay time.Duration
	late  atomic.Int64
	reads atomic.Int64
}

func (s *slowStore) read(ctx context.Context) {
	s.reads.Add(1)
	if ctx.Err() != nil {
		s.late.Add(1)
	}
	time.Sleep(s.delay)
}

func (s *slowStore) Nodes(ctx context.Context, ids []string) ([]*pg.Node, error) {
	s.read(ctx)
	return s.Store.Nodes(context.WithoutCancel(ctx), ids)
}

func (s *slowStore) Edges(ctx context.Context, q pg.EdgeQuery) ([]*pg.Edge, error) {
	s.read(ctx)
	return s.Store.Edges(context.WithoutCancel(ctx), q)
}

// Version is fast, but counted like the reads.
func (s *slowStore) Version(ctx context.Context) (string, error) {
	s.reads.Add(1)
	if ctx.Err() != nil {
		s.late.Add(1)
	}
	return s.Store.Version(context.WithoutCancel(ctx))
}

func (s *slowStore) List(ctx context.Context, q pg.ListQuery) ([]*pg.Node, int, error) {
	s.read(ctx)
	return s.Store.List(context.WithoutCancel(ctx), q)
}

// Once a request's deadline has passed, no further field is resolved: the
// fields below the ones running at the deadline do not start reading.
func TestDeadlineStopsWorkAlreadyStarted(t *testing.T) {
	seeded(t)
	slow := &slowStore{Store: seedStore, delay: 40 * time.Millisecond}
	h, err := New(slow, Options{RequestTimeout: 60 * time.Millisecond, DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	// Levels of reads, each waiting for the one above: at 40 ms a level,
	// the third starts after the deadline. The measures (pagerank) read
	// the store's version without a loader.
	r := postJSON(t, h, query(`{ councils(first: 5) { edges { node { partners(first: 5) { edges { node {
		... on Organisation { pagerank initiatives(first: 5) { edges { node { id } } } }
		... on Council { pagerank initiatives(first: 5) { edges { node { id } } } } } } } } } } }`, nil))
	if r.status != 200 || len(r.errors) == 0 || firstCode(r) != CodeTimeout {
		t.Fatalf("%d %.400s", r.status, r.body)
	}
	// Reads already under way finish; no new one starts.
	if late := slow.late.Load(); late > 0 {
		t.Errorf("%d of %d store reads started after the deadline", late, slow.reads.Load())
	}
}

// slowBody gives its text after a pause, as a slow client would.
type slowBody struct {
	pause time.Duration
	text  *strings.Reader
}

func (b *slowBody) Read(p []byte) (int, error) {
	time.Sleep(b.pause)
	b.pause = 0
	return b.text.Read(p)
}

// A request's timeout runs from when it arrives: the time its body takes
// to come counts against it, as before execution begins.
func TestTimeoutCountsTheBodysArrival(t *testing.T) {
	h, err := New(inmem.New(), Options{RequestTimeout: 200 * time.Millisecond, DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		pause    time.Duration
		wantCode string
	}{
		{"prompt body", 0, ""},
		{"body slower than the timeout", 400 * time.Millisecond, CodeTimeout},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := &slowBody{pause: tt.pause, text: strings.NewReader(query(`{ stats { fundingTotal } }`, nil))}
			req := httptest.NewRequest(http.MethodPost, "/graphql", body)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var r struct {
				Errors []gqlError `json:"errors"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatalf("%v: %s", err, rec.Body)
			}
			code := ""
			if len(r.Errors) > 0 {
				code, _ = r.Errors[0].Extensions["code"].(string)
			}
			if code != tt.wantCode {
				t.Errorf("code %q, want %q: %s", code, tt.wantCode, rec.Body)
			}
		})
	}
}
