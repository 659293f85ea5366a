package explore

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	pg "github.com/partnergraph/partnergraph"
)

// RequestVersion is the store's version as one request first read it: the
// memo WithRequestVersion gives a context. Its zero value is a memo not yet
// read; a request's own state can hold one (WithRequestVersionIn), sparing
// an allocation.
type RequestVersion struct {
	once sync.Once
	v    string
	err  error
}

type versionKey struct{}

// WithRequestVersion gives ctx a memo of the store's version: every
// question asked with it (one GraphQL operation) reads the version once,
// not once per field, and sees one version of the derived data (metrics,
// snapshot, partners) throughout. Against Neo4j each read is a round trip.
// Under ReadOneGraph the version is the read token's, and no memo is read.
func WithRequestVersion(ctx context.Context) context.Context {
	return WithRequestVersionIn(ctx, &RequestVersion{})
}

// WithRequestVersionIn is WithRequestVersion with the memo given: a new
// one (its zero value) for each request, never shared by two.
func WithRequestVersionIn(ctx context.Context, memo *RequestVersion) context.Context {
	return context.WithValue(ctx, versionKey{}, memo)
}

// version is the store's version: the request's read token's
// (ReadOneGraph), or read once per request under WithRequestVersion.
func (s *Service) version(ctx context.Context) (string, error) {
	if t, ok := pg.ReadTokenOf(ctx); ok {
		return t.Version, nil
	}
	m, ok := ctx.Value(versionKey{}).(*RequestVersion)
	if !ok {
		return s.Store.Version(ctx)
	}
	m.once.Do(func() { m.v, m.err = s.Store.Version(ctx) })
	return m.v, m.err
}

// cacheKey keys what the service keeps per version from reads no hash
// vouches for (partner lists, the FUNDED relationships, the funding graph,
// the counts, the funders, the network orders, the snapshot): the version,
// and under a read token its load sequence too. A question that read part
// of a load committing meanwhile keeps what it read under the key of the
// token it started with; only questions that started with that token can
// find it, and each of them read it after the load began to show, so the
// token each reads after its reads has moved and its answer is thrown away
// too (ReadOneGraph). Keyed by version alone, a graph loaded again later
// (A, then B, then A) would find what was kept of B under A.
func (s *Service) cacheKey(ctx context.Context) (string, error) {
	if t, ok := pg.ReadTokenOf(ctx); ok {
		return t.Version + "#" + strconv.FormatInt(t.Seq, 10), nil
	}
	return s.version(ctx)
}

// ErrGraphChanging is what ReadOneGraph returns when a question could not
// be read from one graph (a load's commit overlapped every attempt, or was
// still becoming visible when it had waited all it may): asking again
// shortly will answer.
var ErrGraphChanging = errors.New("a load of the graph was becoming visible while the question was read; ask again")

// Read attempts: a question is answered at most ReadAttempts times. Before
// each, while a load's commit is becoming visible, the token is read again
// after LoadWait, doubling up to a quarter of a second, for at most
// MaxLoadWait in all (or half the time left before the context's
// deadline, if less): a commit's changes take a while to apply (about 1 s
// for the first load of the seeds, 10 to 16 s at 100 times their size,
// on a busy 2-core machine), and a request would rather wait for them than
// be refused.
var (
	ReadAttempts = 3
	LoadWait     = 20 * time.Millisecond
	MaxLoadWait  = 5 * time.Second
)

const maxPoll = 250 * time.Millisecond

// ReadsMix reports whether the store's reads can mix two loads (a
// pg.ConsistentStore), so that questions must be asked through ReadOneGraph.
func (s *Service) ReadsMix() bool {
	_, ok := s.Store.(pg.ConsistentStore)
	return ok
}

type firstTokenKey struct{}

// TokenTrack is what the reads of one HTTP request's questions were
// answered under, for a response cache: the token read before them, and
// whether every question's answer was read under that very token.
type TokenTrack struct {
	Token pg.ReadToken

	mu        sync.Mutex
	questions int
	other     bool // a question answered under another token, or not at all
}

// WithTokenTrack gives ctx a token read before the request's questions,
// which their first attempts start from (no second read), and tracks the
// tokens they are answered under.
func WithTokenTrack(ctx context.Context, tok pg.ReadToken) (context.Context, *TokenTrack) {
	tr := &TokenTrack{Token: tok}
	return context.WithValue(ctx, firstTokenKey{}, tr), tr
}

// AllUnder reports whether the request asked at least one question and
// every one was answered from the graph of tr.Token, whole: only such an
// answer may be kept under that token's version.
func (tr *TokenTrack) AllUnder() bool {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.questions > 0 && !tr.other
}

func (tr *TokenTrack) record(t pg.ReadToken, ok bool) {
	if tr == nil {
		return
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.questions++
	if !ok || t != tr.Token {
		tr.other = true
	}
}

// ReadOneGraph answers one question (read: all its reads, such as one
// GraphQL operation) from one loaded graph, never a mix of two. Over a
// store whose reads cannot mix (not a pg.ConsistentStore) it is read
// itself. Otherwise it reads the store's token, runs read under it
// (pg.WithReadToken: the question's version is the token's) and reads the
// token again; the answer stands only if the second token is the first
// (Brackets: no load began or ended making its commit visible in between,
// see the Neo4j store's load.go). While a load's commit is becoming
// visible it waits for it (MaxLoadWait); an answer that a load overlapped is
// thrown away and the question asked again, ReadAttempts times in all,
// after which it returns ErrGraphChanging, never the mixed answer.
func ReadOneGraph[T any](ctx context.Context, s *Service, read func(context.Context) T) (T, error) {
	cs, ok := s.Store.(pg.ConsistentStore)
	if !ok {
		return read(ctx), nil
	}
	tr, _ := ctx.Value(firstTokenKey{}).(*TokenTrack)
	var zero T
	budget := MaxLoadWait
	if dl, ok := ctx.Deadline(); ok {
		budget = min(budget, time.Until(dl)/2)
	}
	waited := time.Duration(0)
	for attempt := 0; attempt < ReadAttempts; attempt++ {
		var start pg.ReadToken
		var err error
		if attempt == 0 && tr != nil {
			// Read before this question began: as good a start (the
			// argument needs the start read before the reads, no later).
			start = tr.Token
		} else if start, err = cs.ReadToken(ctx); err != nil {
			tr.record(start, false)
			return zero, err
		}
		for wait := LoadWait; start.Loading && waited < budget; wait = min(2*wait, maxPoll) {
			d := min(wait, budget-waited)
			select {
			case <-time.After(d):
			case <-ctx.Done():
				tr.record(start, false)
				return zero, ctx.Err()
			}
			waited += d
			if start, err = cs.ReadToken(ctx); err != nil {
				tr.record(start, false)
				return zero, err
			}
		}
		if start.Loading {
			break // waited all it may
		}
		out := read(pg.WithReadToken(ctx, start))
		end, err := cs.ReadToken(ctx)
		if err != nil {
			tr.record(start, false)
			return zero, err
		}
		if start.Brackets(end) {
			tr.record(start, true)
			return out, nil
		}
	}
	tr.record(pg.ReadToken{}, false)
	return zero, ErrGraphChanging
}
