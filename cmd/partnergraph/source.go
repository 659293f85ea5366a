package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/internal/gctune"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/neo4j"
)

// sourceFlags are the flags that say where the graph comes from: documents
// read in-process, or a Neo4j database.
type sourceFlags struct {
	seeds       string
	neo4jURI    string
	maxFileSize int64
	verbose     bool
	model       string
	report      *loader.Report // of the last extraction, for review mode
	gcHeadroom  uint64
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.seeds, "seeds", "./seeds", "folder of .txt and .md reports to read")
	// The default is read at parse time rather than shown: a URI may carry
	// credentials (bolt://user:pass@host), and -help prints defaults.
	s.neo4jURI = os.Getenv("NEO4J_URI")
	fs.Func("neo4j-uri", "Neo4j URI (bolt://, neo4j://); credentials from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (default $NEO4J_URI)",
		func(v string) error { s.neo4jURI = v; return nil })
	fs.Int64Var(&s.maxFileSize, "max-file-size", 10<<20, "largest document read, in bytes; larger ones are reported and skipped")
	fs.BoolVar(&s.verbose, "verbose", false, "report which rule made each extraction decision")
	fs.StringVar(&s.model, "model", "", "extraction model file written by 'partnergraph train' (default: the committed model)")
	fs.Uint64Var(&s.gcHeadroom, "gc-headroom", defaultGCHeadroom, "bytes the heap may grow past its live size between garbage collections\n"+
		"(at least doubling, at most 8x; 0: Go's default; GOGC in the environment overrides it)")
}

// defaultGCHeadroom lets a small graph's heap grow by 256 MiB between
// collections: the seed graph's server then answers the uncached mix of
// scripts/bench-http.sh a fifth faster (internal/gctune), while a graph past
// 256 MiB collects as Go does by default.
const defaultGCHeadroom = 256 << 20

// tuneGC starts following the live heap with the collector's target until
// ctx ends; each command that reads a graph calls it once, after its flags.
func (s *sourceFlags) tuneGC(ctx context.Context) {
	gctune.Run(ctx, s.gcHeadroom, time.Second)
}

// extract reads the documents and prints the extraction report to report.
func (s *sourceFlags) extract(ctx context.Context, report io.Writer) (*partnergraph.Graph, error) {
	opts := loader.Options{MaxFileSize: s.maxFileSize, Verbose: s.verbose}
	if s.model != "" {
		data, err := os.ReadFile(s.model)
		if err != nil {
			return nil, fmt.Errorf("--model: %w", err)
		}
		if opts.Models, err = loader.ParseModels(data); err != nil {
			return nil, fmt.Errorf("--model %s: %w", s.model, err)
		}
	}
	g, rep, err := loader.Load(ctx, s.seeds, opts)
	s.report = rep
	if rep != nil && report != nil {
		rep.Write(report, s.verbose)
	}
	if err != nil {
		return nil, err
	}
	return g, nil
}

// openNeo4j connects to the database named by the flags and environment,
// retrying while it starts.
func (s *sourceFlags) openNeo4j(ctx context.Context, logger *slog.Logger) (*neo4j.Store, error) {
	cfg := neo4j.ConfigFromEnv()
	cfg.URI = s.neo4jURI
	return neo4j.Open(ctx, cfg, logger)
}

// openStore returns the store the service reads: Neo4j when a URI is given,
// otherwise an in-memory store filled from the documents.
func (s *sourceFlags) openStore(ctx context.Context, logger *slog.Logger, report io.Writer) (partnergraph.Store, error) {
	if s.neo4jURI != "" {
		return s.openNeo4j(ctx, logger)
	}
	start := time.Now()
	g, err := s.extract(ctx, report)
	if err != nil {
		return nil, err
	}
	store := inmem.New()
	if _, err := store.Adopt(ctx, g); err != nil {
		return nil, fmt.Errorf("filling the in-memory store: %w", err)
	}
	logger.Info("graph built from documents", "seeds", s.seeds, "nodes", g.NodeCount(),
		"edges", g.EdgeCount(), "took", time.Since(start).Round(time.Millisecond))
	return store, nil
}
