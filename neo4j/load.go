package neo4j

import (
	"context"
	"fmt"
	"sort"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// Replace makes g the whole content of the database in one transaction:
// nodes and relationships are merged on their stable ids in UNWIND batches
// and stamped with the load's id, :Funder is set on actors that funded,
// and what no document supports any more (anything with an older stamp) is
// deleted at the end. Because it is one transaction, a failed or
// interrupted load leaves the previous graph whole and queryable.
// Replacing with the graph already loaded changes nothing.
func (s *Store) Replace(ctx context.Context, g *pg.Graph) (pg.ReplaceStats, error) {
	version := g.Fingerprint()
	current, err := s.Version(ctx)
	if err != nil {
		return pg.ReplaceStats{}, err
	}
	if current == version {
		s.logger.Info("neo4j already holds this graph; nothing to do", "version", version[:12])
		return pg.ReplaceStats{}, nil
	}
	old, err := s.Snapshot(ctx)
	if err != nil {
		return pg.ReplaceStats{}, err
	}
	plan, err := planLoad(g, s.cfg.BatchSize)
	if err != nil {
		return pg.ReplaceStats{}, err
	}
	loadID := version
	ctx, cancel := context.WithTimeout(ctx, s.loadTimeout(plan))
	defer cancel()
	session := s.d.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: driver.AccessModeWrite})
	defer session.Close(context.Background())
	_, err = session.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
		written := 0
		for _, step := range plan {
			for _, batch := range step.batches {
				if _, err := tx.Run(ctx, step.st.Cypher, map[string]any{"rows": batch, "loadId": loadID}); err != nil {
					return nil, fmt.Errorf("%s: %w", step.st.Name, err)
				}
				written += len(batch)
			}
			s.logger.Info("neo4j load", "step", step.st.Name, "rows", step.rows, "written so far", written)
		}
		funders := funderIDs(g)
		for _, st := range []Statement{stmtMarkFunders, stmtUnmarkFunders} {
			if _, err := tx.Run(ctx, st.Cypher, map[string]any{"ids": funders}); err != nil {
				return nil, fmt.Errorf("%s: %w", st.Name, err)
			}
		}
		for _, st := range []Statement{stmtDeleteStaleEdges, stmtDeleteStaleNodes} {
			if _, err := tx.Run(ctx, st.Cypher, map[string]any{"loadId": loadID}); err != nil {
				return nil, fmt.Errorf("%s: %w", st.Name, err)
			}
		}
		if _, err := tx.Run(ctx, stmtWriteMeta.Cypher, map[string]any{"version": version, "loadId": loadID}); err != nil {
			return nil, fmt.Errorf("%s: %w", stmtWriteMeta.Name, err)
		}
		return nil, nil
	}, driver.WithTxTimeout(s.loadTimeout(plan)))
	if err != nil {
		return pg.ReplaceStats{}, fmt.Errorf("neo4j load (rolled back; the previous graph is unchanged): %w", err)
	}
	s.mu.Lock()
	s.snapshot, s.snapV = g.Clone(), version
	s.mu.Unlock()
	stats := pg.Diff(old, g)
	s.logger.Info("neo4j load committed", "nodes", g.NodeCount(), "relationships", g.EdgeCount(),
		"created", stats.NodesCreated+stats.EdgesCreated, "updated", stats.NodesUpdated+stats.EdgesUpdated,
		"deleted", stats.NodesDeleted+stats.EdgesDeleted)
	return stats, nil
}

// loadStep is one statement and the batches of rows it runs over.
type loadStep struct {
	st      Statement
	rows    int
	batches [][]map[string]any
}

func writeBatches(plan []loadStep) int {
	n := 0
	for _, s := range plan {
		n += len(s.batches)
	}
	return n
}

// planLoad groups the graph's nodes by label and relationships by type and
// end labels, each group cut into batches of at most size rows.
func planLoad(g *pg.Graph, size int) ([]loadStep, error) {
	var plan []loadStep
	nodeRows := map[pg.Kind][]map[string]any{}
	for _, n := range g.Nodes() {
		props, err := nodeProps(n)
		if err != nil {
			return nil, err
		}
		nodeRows[n.Kind] = append(nodeRows[n.Kind], map[string]any{"id": n.ID, "props": props})
	}
	for _, l := range labels {
		if rows := nodeRows[l]; len(rows) > 0 {
			plan = append(plan, loadStep{st: upsertNodes(l), rows: len(rows), batches: batch(rows, size)})
		}
	}
	type group struct {
		kind     pg.EdgeKind
		from, to pg.Kind
	}
	edgeRows := map[group][]map[string]any{}
	for _, e := range g.Edges() {
		gr := group{e.Kind, g.Node(e.Source).Kind, g.Node(e.Target).Kind}
		if !allowed(gr.kind, gr.from, gr.to) {
			return nil, fmt.Errorf("relationship %s joins a %s to a %s, which the model does not allow", e.ID, gr.from, gr.to)
		}
		props, err := edgeProps(e)
		if err != nil {
			return nil, err
		}
		edgeRows[gr] = append(edgeRows[gr], map[string]any{"id": e.ID, "source": e.Source, "target": e.Target, "props": props})
	}
	groups := make([]group, 0, len(edgeRows))
	for gr := range edgeRows {
		groups = append(groups, gr)
	}
	sort.Slice(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.from != b.from {
			return a.from < b.from
		}
		return a.to < b.to
	})
	for _, gr := range groups {
		rows := edgeRows[gr]
		plan = append(plan, loadStep{st: upsertEdges(gr.kind, gr.from, gr.to), rows: len(rows), batches: batch(rows, size)})
	}
	return plan, nil
}

func allowed(k pg.EdgeKind, from, to pg.Kind) bool {
	for _, ends := range endpoints[k] {
		if ends[0] == from && ends[1] == to {
			return true
		}
	}
	return false
}

func batch(rows []map[string]any, size int) [][]map[string]any {
	var out [][]map[string]any
	for len(rows) > 0 {
		n := min(size, len(rows))
		out = append(out, rows[:n])
		rows = rows[n:]
	}
	return out
}

func funderIDs(g *pg.Graph) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, e := range g.Edges() {
		if e.Kind == pg.EdgeFunded && !seen[e.Source] {
			seen[e.Source] = true
			out = append(out, e.Source)
		}
	}
	sort.Strings(out)
	return out
}

// loadTimeout grows with the number of batches: a load is many statements.
func (s *Store) loadTimeout(plan []loadStep) time.Duration {
	return 10*s.cfg.QueryTimeout + time.Duration(writeBatches(plan))*s.cfg.QueryTimeout/4
}
