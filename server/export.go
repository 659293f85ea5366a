package server

import (
	"bufio"
	"log/slog"
	"net/http"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/export"
)

// exportHandler serves the whole graph, or the part that the query
// parameters select, in each export format, with every node's metrics
// (measured over the whole graph, whatever the filter).
func exportHandler(store partnergraph.Store, questions *explore.Service, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := export.ByFile(r.PathValue("file"))
		if !ok {
			http.Error(w, "unknown export; try /export/graph.json, /export/cytoscape.json, /export/graphology.json, /export/graph.graphml or /export/graph.gexf", http.StatusNotFound)
			return
		}
		g, err := store.Snapshot(r.Context())
		if err != nil {
			logger.Error("export: reading the graph", "err", err)
			http.Error(w, "the graph could not be read", http.StatusServiceUnavailable)
			return
		}
		filter, err := export.FilterFromQuery(r.URL.Query())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		m, err := questions.Metrics(r.Context())
		if err != nil {
			logger.Error("export: measuring the graph", "err", err)
			http.Error(w, "the graph could not be measured", http.StatusServiceUnavailable)
			return
		}
		g = filter.Apply(g)
		w.Header().Set("Content-Type", f.ContentType)
		w.Header().Set("Content-Disposition", `inline; filename="`+f.File+`"`)
		bw := bufio.NewWriter(w)
		if err := f.Write(bw, g, m.Measures()); err != nil {
			logger.Error("export: writing", "format", f.Name, "err", err)
			return
		}
		bw.Flush()
	})
}
