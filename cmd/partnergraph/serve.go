package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/partnergraph/partnergraph/explorer"
	"github.com/partnergraph/partnergraph/server"
)

// maxHeaderBytes bounds a request's header (net/http's default is 1 MiB):
// browsers send a few kilobytes.
const maxHeaderBytes = 64 << 10

func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "Serve the GraphQL API (/graphql), GraphiQL (/graphiql), the explorer (/) and\n"+
		"exports (/export/...). Without --neo4j-uri the graph is built in-process from --seeds;\n"+
		"with it, every answer comes from Neo4j (load it first with partnergraph load --neo4j-uri).", stderr)
	var src sourceFlags
	src.register(fs)
	addr := fs.String("addr", ":8080", "HOST:PORT to listen on")
	timeout := fs.Duration("request-timeout", 10*time.Second, "deadline for one GraphQL request")
	logJSON := fs.Bool("log-json", false, "log as JSON lines instead of text")
	noCache := fs.Bool("no-response-cache", false, "execute every GraphQL request, never answering a repeat from memory")
	cacheBytes := fs.Int("response-cache-bytes", server.DefaultResponseCacheBytes, "memory the response cache may hold, in bytes")
	corsOrigin := fs.String("cors-origin", "", "comma-separated origins allowed to call /graphql from a browser (\"*\": any); none by default")
	noIntrospection := fs.Bool("no-introspection", false, "turn off schema introspection and \"did you mean\" suggestions")
	maxConns := fs.Int("max-connections", 1024, "open connections served at once; more wait to be accepted")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	logger := newLogger(stderr, *logJSON)
	src.tuneGC(ctx)

	store, err := src.openStore(ctx, logger, nil)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	var origins []string
	for _, o := range strings.Split(*corsOrigin, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	var unclassified func() []server.Mention
	if src.report != nil {
		unclassified = server.MentionsInBackground(src.report, src.seeds)
	}
	handler, err := server.New(store, server.Options{Logger: logger, RequestTimeout: *timeout,
		DisableResponseCache: *noCache, ResponseCacheBytes: *cacheBytes, CORSOrigins: origins,
		DisableIntrospection: *noIntrospection, Explorer: explorer.Handler(), Unclassified: unclassified})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *addr, err)
	}
	if *maxConns > 0 {
		ln = limitListener(ln, *maxConns)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      *timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("serving", "url", "http://"+displayAddr(ln.Addr()), "graphql", "/graphql", "graphiql", "/graphiql")
	fmt.Fprintf(stdout, "partnergraph listening on http://%s\n", displayAddr(ln.Addr()))

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return fmt.Sprintf("localhost:%d", tcp.Port)
}

func newLogger(w io.Writer, asJSON bool) *slog.Logger {
	if asJSON {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
