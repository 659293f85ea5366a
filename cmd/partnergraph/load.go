package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/neo4j"
)

func loadCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("load", "Extract the partnership graph from the reports in --seeds and print, per document, the\n"+
		"case studies found, entities and relationships by kind, and mentions no rule classified.\n"+
		"With --neo4j-uri, also write it to Neo4j: constraints and the full-text index are created if\n"+
		"missing, nodes and relationships merged on their stable ids in one transaction, and what no\n"+
		"document supports any more removed only once the new load has succeeded. Loading the same\n"+
		"documents twice changes nothing.", stderr)
	var src sourceFlags
	src.register(fs)
	batch := fs.Int("batch-size", neo4j.DefaultBatchSize, "nodes or relationships written per UNWIND batch (with --neo4j-uri)")
	analytics := fs.Bool("analytics", true, "compute degree, community, PageRank and betweenness once and store them on the nodes (with --neo4j-uri)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	src.tuneGC(ctx)
	g, err := src.extract(ctx, stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "graph: %d nodes, %d relationships\n", g.NodeCount(), g.EdgeCount())
	if src.neo4jURI == "" {
		return nil
	}
	store, err := src.openNeo4j(ctx, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	store.SetBatchSize(*batch)
	if err := store.EnsureSchema(ctx); err != nil {
		return err
	}
	var measures neo4j.Analytics
	if *analytics {
		start := time.Now()
		// once per load, over the graph in hand: the server reads them from the nodes
		m, err := explore.ComputeMetrics(ctx, g.Fingerprint(), g)
		if err != nil {
			return fmt.Errorf("computing analytics: %w", err)
		}
		measures = m.Measures()
		fmt.Fprintf(stdout, "analytics: degree, community, PageRank and betweenness of %d nodes in %s\n", len(measures), time.Since(start).Round(time.Millisecond))
	}
	stats, err := store.ReplaceWithAnalytics(ctx, g, measures)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "neo4j: nodes %d created, %d updated, %d deleted; relationships %d created, %d updated, %d deleted\n",
		stats.NodesCreated, stats.NodesUpdated, stats.NodesDeleted, stats.EdgesCreated, stats.EdgesUpdated, stats.EdgesDeleted)
	return nil
}
