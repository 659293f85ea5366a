package main

import (
	"context"
	"fmt"
	"io"
)

func loadCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("load", "Extract the partnership graph from the reports in --seeds and print, per document, the\n"+
		"case studies found, entities and relationships by kind, and mentions no rule classified.", stderr)
	var src sourceFlags
	src.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	g, err := src.extract(ctx, stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "graph: %d nodes, %d relationships\n", g.NodeCount(), g.EdgeCount())
	return nil
}
