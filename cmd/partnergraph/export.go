package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/export"
)

func exportCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "Write the whole graph to stdout (or --out). The extraction report goes to stderr.\n"+
		"Formats: "+strings.Join(export.Names(), ", ")+".", stderr)
	var src sourceFlags
	src.register(fs)
	format := fs.String("format", "json", "output format: "+strings.Join(export.Names(), ", "))
	out := fs.String("out", "", "file to write instead of stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, ok := export.Lookup(*format)
	if !ok {
		return fmt.Errorf("--format %q: unknown format (want one of %s)", *format, strings.Join(export.Names(), ", "))
	}
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
	// graph.json holds the graph alone: it is not measured.
	var m export.Measures
	if f.Name != "json" {
		if m, err = measures(ctx, g); err != nil {
			return err
		}
	}
	bw := bufio.NewWriter(w)
	if err := f.Write(bw, g, m); err != nil {
		return fmt.Errorf("writing %s: %w", *format, err)
	}
	return bw.Flush()
}

// measures computes the whole graph's metrics for the export, as the
// server does; an interrupt (ctx) stops it.
func measures(ctx context.Context, g *partnergraph.Graph) (export.Measures, error) {
	m, err := explore.ComputeMetrics(ctx, "export", g)
	if err != nil {
		return nil, err
	}
	return m.Measures(), nil
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
