package server

import (
	"bufio"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/export"
)

// exportHandler serves the whole graph, or the part that the query
// parameters select, in each export format, with every node's metrics
// (measured over the whole graph, whatever the filter) and positions from
// the layout the explorer draws with. Answers are gzipped for clients
// that accept it and named for saving (Content-Disposition).
func exportHandler(store partnergraph.Store, questions *explore.Service, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := export.ByFile(r.PathValue("file"))
		if !ok {
			http.Error(w, "unknown export; try /export/graph.json, /export/cytoscape.json, /export/graphology.json, /export/graph.graphml or /export/graph.gexf", http.StatusNotFound)
			return
		}
		filter, err := export.FilterFromQuery(r.URL.Query())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if filter.Collaboration && f.Name == "json" {
			http.Error(w, "projection: graph.json is the graph itself; the collaboration projection is written by cytoscape.json, graphology.json, graph.graphml and graph.gexf", http.StatusBadRequest)
			return
		}
		// The graph and its measures are two reads: over a store whose reads
		// can straddle a load's commit both are read between two tokens and
		// read again unless no commit showed in between, so the measures are
		// the graph's (explore.ReadOneGraph).
		type measured struct {
			g       *partnergraph.Graph
			m       *explore.Metrics
			readErr error // the graph could not be read
			err     error // it could not be measured
		}
		got, err := explore.ReadOneGraph(r.Context(), questions, func(ctx context.Context) measured {
			g, err := store.Snapshot(ctx)
			if err != nil {
				return measured{readErr: err}
			}
			m, err := questions.Metrics(ctx)
			return measured{g: g, m: m, err: err}
		})
		switch {
		case err != nil:
			logger.Warn("export: a load was committing throughout", "err", err)
			http.Error(w, "a load of the graph was committing while it was read; ask again", http.StatusServiceUnavailable)
			return
		case got.readErr != nil:
			logger.Error("export: reading the graph", "err", got.readErr)
			http.Error(w, "the graph could not be read", http.StatusServiceUnavailable)
			return
		case got.err != nil:
			logger.Error("export: measuring the graph", "err", got.err)
			http.Error(w, "the graph could not be measured", http.StatusServiceUnavailable)
			return
		}
		g, m := got.g, got.m
		in := export.NewInput(filter.Apply(g), m, filter.Collaboration)
		name := f.File
		if filter.Collaboration {
			name = strings.Replace(name, ".", "-collaboration.", 1)
		}
		w.Header().Set("Content-Type", f.ContentType)
		w.Header().Set("Content-Disposition", `attachment; filename="partnergraph-`+name+`"`)
		out, finish := compress(w, r)
		bw := bufio.NewWriter(out)
		if err := f.Write(bw, in); err != nil {
			var pe *export.ParamError
			if errors.As(err, &pe) {
				w.Header().Del("Content-Encoding")
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			logger.Error("export: writing", "format", f.Name, "err", err)
			return
		}
		if err := bw.Flush(); err != nil {
			return
		}
		finish()
	})
}
