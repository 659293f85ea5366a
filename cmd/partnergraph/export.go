package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/export"
	"github.com/partnergraph/partnergraph/inmem"
)

func exportCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "Write the whole graph to stdout (or --out). The extraction report goes to stderr.\n"+
		"Formats: "+strings.Join(export.Names(), ", ")+".", stderr)
	var src sourceFlags
	src.register(fs)
	format := fs.String("format", "json", "output format: "+strings.Join(export.Names(), ", "))
	out := fs.String("out", "", "file to write instead of stdout")
	projection := fs.String("projection", "bipartite", "bipartite (the relationships) or collaboration (councils and organisations joined when they share an initiative)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, ok := export.Lookup(*format)
	if !ok {
		return fmt.Errorf("--format %q: unknown format (want one of %s)", *format, strings.Join(export.Names(), ", "))
	}
	filter, err := export.FilterFromQuery(url.Values{"projection": {*projection}})
	if err != nil {
		return fmt.Errorf("--%w", err)
	}
	src.tuneGC(ctx)
	g, err := src.graph(ctx, stderr)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	// graph.json holds the graph alone: it writes no measures, so it does
	// not wait for them (at 100x the metrics are most of an export's time).
	in := &export.Input{Graph: g, Collaboration: filter.Collaboration}
	if f.Name != "json" {
		if in, err = exportInput(ctx, g, filter.Collaboration); err != nil {
			return err
		}
	}
	bw := bufio.NewWriter(w)
	if err := f.Write(bw, in); err != nil {
		return fmt.Errorf("writing %s: %w", *format, err)
	}
	return bw.Flush()
}

// exportInput computes the whole graph's metrics (and, for the collaboration
// projection, its ties) for the export, as the server does, over an
// in-memory store of it; an interrupt (ctx) stops the wait.
func exportInput(ctx context.Context, g *partnergraph.Graph, collaboration bool) (*export.Input, error) {
	if !collaboration {
		// The measures alone need no store: no copy of the graph.
		m, err := explore.ComputeMetrics(ctx, "export", g)
		if err != nil {
			return nil, err
		}
		return export.NewInput(g, m, false), nil
	}
	mem := inmem.New()
	if _, err := mem.Adopt(ctx, g); err != nil {
		return nil, err
	}
	m, err := (&explore.Service{Store: mem}).Metrics(ctx)
	if err != nil {
		return nil, err
	}
	return export.NewInput(g, m, collaboration), nil
}

// graph returns the whole graph: read from Neo4j when a URI is given,
// otherwise extracted from the documents.
func (s *sourceFlags) graph(ctx context.Context, report io.Writer) (*partnergraph.Graph, error) {
	if s.neo4jURI == "" {
		return s.extract(ctx, report)
	}
	store, err := s.openNeo4j(ctx, newLogger(report, false))
	if err != nil {
		return nil, err
	}
	defer store.Close(context.Background())
	return store.Snapshot(ctx)
}
