// Package server serves the partnership graph over HTTP: the GraphQL API at
// /graphql with its safety limits, GraphiQL at /graphiql, the explorer at /
// and whole-graph exports under /export/.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	_ "embed"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph"
)

// Error codes in extensions.code.
const (
	CodeNotFound     = "NOT_FOUND"
	CodeBadUserInput = "BAD_USER_INPUT"
	CodeTooComplex   = "TOO_COMPLEX"
	CodeTimeout      = "TIMEOUT"
	CodeInternal     = "INTERNAL"
	// CodeBadRequest is a request the API cannot read: a body that is not
	// JSON, a media type or method it does not serve, a malformed parameter.
	CodeBadRequest                 = "BAD_REQUEST"
	CodePersistedQueryNotFound     = "PERSISTED_QUERY_NOT_FOUND"
	CodePersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH"
	CodeBatchTooLarge              = "BATCH_TOO_LARGE"
	CodeTooManyErrors              = "TOO_MANY_ERRORS"
	// CodeGraphChanging: a load of the graph overlapped each attempt to
	// answer (Neo4j); asking again shortly answers from the new graph.
	CodeGraphChanging = graph.CodeGraphChanging
)

// Options configure the server. Zero values take the defaults below.
type Options struct {
	Logger           *slog.Logger
	RequestTimeout   time.Duration // per GraphQL request; default 10s
	MaxBodyBytes     int64         // default 1 MiB
	ComplexityLimit  int           // default 100000: every council with 100 partners each and their initiatives costs about 70000
	DepthLimit       int           // default 16: connections add two levels (edges, node) a hop
	MaxAliases       int           // default 30
	MaxRootFields    int           // default 20
	ParserTokenLimit int           // default 10000
	// MaxSelections bounds the selections of a document once its fragments
	// are expanded (each fragment measured once and multiplied by its
	// spreads), checked before gqlgen parses and validates it; default 5000.
	MaxSelections int
	// MaxSelectionsPerSet bounds the fields of one selection set, fragments
	// expanded (repeating a field thousands of times makes validation
	// quadratic); default 100.
	MaxSelectionsPerSet int
	// MaxInputDepth bounds the nesting of input values, in variables and in
	// the document's literals; default 10. MaxInputValues bounds their
	// number; default 2000.
	MaxInputDepth  int
	MaxInputValues int
	// MaxBatch is the most requests a batch (a JSON array) may hold; default 10.
	MaxBatch int
	// MaxErrors caps the errors of one response; default 50.
	MaxErrors int
	// ResponseCacheBytes is the response cache's budget; default 64 MiB.
	ResponseCacheBytes int
	// CORSOrigins are the origins allowed to call /graphql from a browser
	// ("*" for any); none by default.
	CORSOrigins []string
	// FieldSuggestions turns on "did you mean" hints in validation errors,
	// which reveal the schema; off by default.
	FieldSuggestions bool
	// DisableIntrospection turns off schema introspection.
	DisableIntrospection bool
	// DisableResponseCache turns off answering repeated requests from
	// memory while the store's version is unchanged.
	DisableResponseCache bool
	// Explorer, when set, is served at /; otherwise / opens GraphiQL.
	Explorer http.Handler
	// Unclassified gives the load report's unclassified mentions, served at
	// /review/unclassified.json for the explorer's review mode; nil when the
	// graph was not built in this process. It is called once, on that
	// path's first request, and may wait for a computation started before
	// (MentionsInBackground).
	Unclassified func() []Mention
}

func (o *Options) defaults() {
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(discard{}, nil))
	}
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 10 * time.Second
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	set(&o.ComplexityLimit, 100000)
	set(&o.DepthLimit, 16)
	set(&o.MaxAliases, 30)
	set(&o.MaxRootFields, 20)
	set(&o.ParserTokenLimit, 10000)
	set(&o.MaxSelections, 5000)
	set(&o.MaxSelectionsPerSet, 100)
	set(&o.MaxInputDepth, 10)
	set(&o.MaxInputValues, 2000)
	set(&o.MaxBatch, 10)
	set(&o.MaxErrors, 50)
	set(&o.ResponseCacheBytes, DefaultResponseCacheBytes)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// New returns the HTTP handler of the service over a store.
func New(store partnergraph.Store, opts Options) (http.Handler, error) {
	opts.defaults()
	resolver := graph.NewResolver(store)
	resolver.OnInternalError = func(err error) { opts.Logger.Error("graphql request failed", "err", err) }
	// The metrics are computed in the background from now on; questions
	// that do not ask for them do not wait.
	if err := resolver.Explore.StartMetrics(context.Background()); err != nil {
		opts.Logger.Warn("metrics not started", "err", err)
	}
	srv := handler.New(graph.NewSchema(resolver))
	srv.AroundOperations(graph.WithLoaders(resolver))
	srv.AddTransport(httpTransport{maxBatch: opts.MaxBatch, maxErrors: opts.MaxErrors, timeout: opts.RequestTimeout})
	parsed := boundedQueryCache[*ast.QueryDocument]{next: lru.New[*ast.QueryDocument](1000)}
	srv.SetQueryCache(parsed)
	srv.SetParserTokenLimit(opts.ParserTokenLimit)
	srv.SetDisableSuggestion(!opts.FieldSuggestions)
	if !opts.DisableIntrospection {
		srv.Use(extension.Introspection{})
	}
	apq, err := newPersistedQueries()
	if err != nil {
		return nil, err
	}
	srv.Use(apq)
	// Measured before parsing and validation, after the persisted query
	// (if any) has been filled in.
	srv.Use(budget{parsed: parsed, maxSelections: opts.MaxSelections, maxPerSet: opts.MaxSelectionsPerSet,
		maxInputDepth: opts.MaxInputDepth, maxInputValues: opts.MaxInputValues, parserTokenLimit: opts.ParserTokenLimit})
	// Shape first: a too-deep query is told so, not that it costs too much.
	srv.Use(shapeLimits{maxDepth: opts.DepthLimit, maxAliases: opts.MaxAliases, maxRootFields: opts.MaxRootFields})
	costs, err := newComplexityLimit(opts.ComplexityLimit)
	if err != nil {
		return nil, err
	}
	srv.Use(costs)
	srv.SetErrorPresenter(errorPresenter(opts.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		opts.Logger.Error("panic in resolver", "panic", v, "stack", string(debug.Stack()))
		return errors.New("internal error")
	})
	// Once the deadline has passed, no further field is resolved; cursors
	// are bound to their lists. One middleware, not two: gqlgen wraps every
	// field of every list element in each one (a closure per layer).
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return bindCursors(ctx, next)
	})

	page, err := newGraphiqlPage(store, askHandler(srv))
	if err != nil {
		return nil, err
	}
	graphiqlFiles, err := graphiqlAssets()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	var api http.Handler = srv
	if !opts.DisableResponseCache {
		rc := newResponseCache(store, api, opts.ResponseCacheBytes)
		rc.metricsReady = resolver.Explore.MetricsReady
		api = rc
	}
	mux.Handle("/graphql", cors(opts.CORSOrigins, limitBody(opts.MaxBodyBytes, api)))
	mux.Handle("GET /graphiql", page)
	mux.Handle("GET /graphiql/{file}", graphiqlFiles)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := store.Version(r.Context()); err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /export/{file}", exportHandler(store, resolver.Explore, opts.Logger))
	mux.Handle("GET /review/unclassified.json", unclassifiedHandler(opts.Unclassified))
	if opts.Explorer != nil {
		mux.Handle("/", opts.Explorer)
	} else {
		mux.Handle("GET /{$}", page)
	}
	return mux, nil
}

func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			writeGraphQLError(w, http.StatusRequestEntityTooLarge, CodeBadUserInput, fmt.Sprintf("request body is over the %d-byte limit", n))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

func writeGraphQLError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": code}}}})
}

// errorPresenter gives every error a code and keeps internals (Go error
// text, driver messages) out of responses: they go to the log.
func errorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var nf *explore.NotFoundError
		var in *explore.InputError
		var already *gqlerror.Error
		switch {
		case errors.As(err, &nf):
			gqlErr.Message = nf.Error()
			setCode(gqlErr, CodeNotFound)
		case errors.As(err, &in):
			gqlErr.Message = in.Error()
			setCode(gqlErr, CodeBadUserInput)
		case errors.Is(err, context.DeadlineExceeded):
			gqlErr.Message = "the request took longer than the server allows"
			setCode(gqlErr, CodeTimeout)
		case errors.Is(err, context.Canceled):
			gqlErr.Message = "the request was cancelled"
			setCode(gqlErr, CodeTimeout)
		case errors.As(err, &already) && already.Extensions["code"] != nil:
			// Validation and parse errors from gqlgen carry their own codes.
		case errors.As(err, &already) && already.Rule != "":
			setCode(gqlErr, CodeBadUserInput)
		default:
			logger.Error("graphql request failed", "path", gqlErr.Path.String(), "err", err)
			gqlErr.Message = "internal error"
			setCode(gqlErr, CodeInternal)
		}
		return gqlErr
	}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}
