package graph

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/partnergraph/partnergraph/explore"
)

// recordingFetch answers id → "v:"+id and records the batches it was asked.
type recordingFetch struct {
	mu      sync.Mutex
	batches [][]string
	err     error
	block   chan struct{} // when set, fetch waits for it to close
}

func (f *recordingFetch) fetch(ctx context.Context, ids []string) (map[string]string, error) {
	f.mu.Lock()
	f.batches = append(f.batches, slices.Clone(ids))
	f.mu.Unlock()
	if f.block != nil {
		<-f.block
	}
	m := map[string]string{}
	for _, id := range ids {
		m[id] = "v:" + id
	}
	return m, f.err
}

func (f *recordingFetch) calls() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.batches)
}

func TestLoadManyIsOneFetchOfDistinctIDs(t *testing.T) {
	f := &recordingFetch{}
	l := batchMap(f.fetch)
	got, err := l.LoadMany(context.Background(), []string{"a", "b", "a", "c"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"v:a", "v:b", "v:a", "v:c"}; !slices.Equal(got, want) {
		t.Errorf("LoadMany = %v, want %v", got, want)
	}
	if b := f.calls(); len(b) != 1 || !slices.Equal(b[0], []string{"a", "b", "c"}) {
		t.Errorf("fetches %v, want one of [a b c]", b)
	}
	// Answers are kept for the operation: asking again fetches nothing.
	if v, err := l.Load(context.Background(), "b"); v != "v:b" || err != nil {
		t.Errorf("Load(b) = %q, %v", v, err)
	}
	if b := f.calls(); len(b) != 1 {
		t.Errorf("a cached id was fetched again: %v", b)
	}
}

func TestConcurrentLoadsShareFetches(t *testing.T) {
	f := &recordingFetch{}
	l := batchMap(f.fetch)
	ids := []string{"a", "b", "c", "d", "a", "b"}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			if v, err := l.Load(context.Background(), id); v != "v:"+id || err != nil {
				t.Errorf("Load(%s) = %q, %v", id, v, err)
			}
		})
	}
	wg.Wait()
	seen := map[string]int{}
	for _, b := range f.calls() {
		for _, id := range b {
			seen[id]++
		}
	}
	for _, id := range []string{"a", "b", "c", "d"} {
		if seen[id] != 1 {
			t.Errorf("%s fetched %d times, want once: %v", id, seen[id], f.calls())
		}
	}
}

func TestFetchErrorReachesEveryCallerOfTheBatch(t *testing.T) {
	boom := errors.New("store down")
	l := batchMap((&recordingFetch{err: boom}).fetch)
	if _, err := l.LoadMany(context.Background(), []string{"a", "b"}); !errors.Is(err, boom) {
		t.Errorf("LoadMany error = %v, want %v", err, boom)
	}
	if _, err := l.Load(context.Background(), "a"); !errors.Is(err, boom) {
		t.Errorf("Load error = %v, want %v", err, boom)
	}
}

func TestCancelledLoadReturnsWhileTheFetchRuns(t *testing.T) {
	f := &recordingFetch{block: make(chan struct{})}
	defer close(f.block)
	l := batchMap(f.fetch)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := l.Load(ctx, "a")
		errc <- err
	}()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("Load after cancel = %v, want context.Canceled", err)
	}
}

func TestDirectLoaderFetchesAtOnceAndCaches(t *testing.T) {
	f := &recordingFetch{}
	l := directMap(f.fetch)
	if v, err := l.Load(context.Background(), "a"); v != "v:a" || err != nil {
		t.Fatalf("Load(a) = %q, %v", v, err)
	}
	if b := f.calls(); len(b) != 1 || !slices.Equal(b[0], []string{"a"}) {
		t.Fatalf("fetches %v, want one of [a] before Load returns", b)
	}
	got, err := l.LoadMany(context.Background(), []string{"b", "a", "c", "b"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"v:b", "v:a", "v:c", "v:b"}; !slices.Equal(got, want) {
		t.Errorf("LoadMany = %v, want %v", got, want)
	}
	if b := f.calls(); len(b) != 2 || !slices.Equal(b[1], []string{"b", "c"}) {
		t.Errorf("fetches %v, want a second one of the new ids [b c]", b)
	}
	if _, err := l.Load(context.Background(), "c"); err != nil || len(f.calls()) != 2 {
		t.Errorf("a cached id was fetched again: %v (%v)", f.calls(), err)
	}
}

func TestDirectLoaderSharesAFetchInFlight(t *testing.T) {
	f := &recordingFetch{block: make(chan struct{})}
	l := directMap(f.fetch)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if v, err := l.Load(context.Background(), "a"); v != "v:a" || err != nil {
				t.Errorf("Load(a) = %q, %v", v, err)
			}
		})
	}
	for len(f.calls()) == 0 {
		runtime.Gosched()
	}
	close(f.block)
	wg.Wait()
	if b := f.calls(); len(b) != 1 {
		t.Errorf("fetches %v, want one shared by every caller", b)
	}
}

// batchMap is a loader over a plain fetch, batched as over Neo4j.
func batchMap[V any](f func(ctx context.Context, ids []string) (map[string]V, error)) *Loader[V] {
	l := &Loader[V]{}
	l.init(nil, false, func(_ *explore.Service, ctx context.Context, ids []string) (map[string]V, error) { return f(ctx, ids) })
	return l
}

// directMap is a loader that fetches every new id when it is asked for.
func directMap[V any](f func(ctx context.Context, ids []string) (map[string]V, error)) *Loader[V] {
	l := batchMap(f)
	l.direct = true
	return l
}
