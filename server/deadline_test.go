package server

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
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
