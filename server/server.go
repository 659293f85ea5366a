// Package server serves the partnership graph over HTTP: the GraphQL API at
// /graphql with its safety limits, GraphiQL at /graphiql, the explorer at /
// and whole-graph exports under /export/.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	_ "embed"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
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
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

//go:embed graphiql.html
var graphiqlHTML string

// New returns the HTTP handler of the service over a store.
func New(store partnergraph.Store, opts Options) (http.Handler, error) {
	opts.defaults()
	resolver := graph.NewResolver(store)
	// The metrics are computed in the background from now on; questions
	// that do not ask for them do not wait.
	if err := resolver.Explore.StartMetrics(context.Background()); err != nil {
		opts.Logger.Warn("metrics not started", "err", err)
	}
	srv := handler.New(graph.NewSchema(resolver))
	srv.AroundOperations(graph.WithLoaders(resolver))
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(opts.ParserTokenLimit)
	srv.SetDisableSuggestion(!opts.FieldSuggestions)
	if !opts.DisableIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	// Shape first: a too-deep query is told so, not that it costs too much.
	srv.Use(shapeLimits{maxDepth: opts.DepthLimit, maxAliases: opts.MaxAliases, maxRootFields: opts.MaxRootFields})
	srv.Use(extension.FixedComplexityLimit(opts.ComplexityLimit))
	srv.SetErrorPresenter(errorPresenter(opts.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		opts.Logger.Error("panic in resolver", "panic", v)
		return errors.New("internal error")
	})
	srv.AroundResponses(tagComplexityErrors)

	page, err := graphiqlPage()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	var api http.Handler = withTimeout(opts.RequestTimeout, srv)
	if !opts.DisableResponseCache {
		if api, err = newResponseCache(store, api, resolver.Explore.MetricsReady); err != nil {
			return nil, err
		}
	}
	mux.Handle("/graphql", limitBody(opts.MaxBodyBytes, api))
	mux.Handle("GET /graphiql", page)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := store.Version(r.Context()); err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /export/{file}", exportHandler(store, resolver.Explore, opts.Logger))
	if opts.Explorer != nil {
		mux.Handle("/", opts.Explorer)
	} else {
		mux.Handle("GET /{$}", page)
	}
	return mux, nil
}

func graphiqlPage() (http.Handler, error) {
	t, err := template.New("graphiql").Parse(graphiqlHTML)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, Examples); err != nil {
		return nil, err
	}
	body := buf.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}), nil
}

// limitBody refuses request bodies over n bytes with 413.
func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			writeGraphQLError(w, http.StatusRequestEntityTooLarge, CodeBadUserInput, "request body is over the 1 MiB limit")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(&timeoutWriter{ResponseWriter: w, ctx: ctx}, r.WithContext(ctx))
	})
}

// timeoutWriter replaces the bare "null" gqlgen writes when the deadline
// passed before the operation ran with a coded TIMEOUT error.
type timeoutWriter struct {
	http.ResponseWriter
	ctx   context.Context
	wrote bool
}

func (t *timeoutWriter) Write(b []byte) (int, error) {
	if !t.wrote && t.ctx.Err() != nil && string(bytes.TrimSpace(b)) == "null" {
		t.wrote = true
		msg, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
			"message": "the request took longer than the server allows", "extensions": map[string]any{"code": CodeTimeout}}}})
		if _, err := t.ResponseWriter.Write(msg); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	t.wrote = true
	return t.ResponseWriter.Write(b)
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

// tagComplexityErrors gives gqlgen's own complexity-limit error our code.
func tagComplexityErrors(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return resp
	}
	for _, e := range resp.Errors {
		if e.Extensions != nil && e.Extensions["code"] == "COMPLEXITY_LIMIT_EXCEEDED" {
			e.Extensions["code"] = CodeTooComplex
		}
	}
	return resp
}
