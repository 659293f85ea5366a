package neo4j

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// errUnchanged rolls back a load that found, once it held the lock, the
// graph it was asked to write already committed by another load.
var errUnchanged = errors.New("the database already holds this graph")

// testHookAfterBatch, when set (by tests only), runs after each batch a
// load writes, inside its transaction.
var testHookAfterBatch func(step string, written int) error

// testHookCommitting, when set (by tests only), runs once the commit mark
// is set, just before the load's transaction commits.
var testHookCommitting func()

// Readers during a load see the old graph or the new one, never a mix: the
// commit bracket. A request makes several reads, each read committed (a
// second read sees a commit made after the first, and one commit's changes
// do not become visible all at once), so nothing in one read transaction
// pins a graph. Instead the load marks its commit, and a request reads a
// token before and after its reads (Store.ReadToken; explore.ReadOneGraph
// asks again when the two differ). The mark is a seqlock on the second
// meta node, {id: 'loads'}:
//
//  1. when the write transaction has written everything, just before it
//     commits, another transaction (commitStarting) increments l.seq and
//     sets l.committing with a deadline, and commits;
//  2. the write transaction commits;
//  3. then another transaction (commitEnded) increments l.seq again and
//     clears the mark, whether the commit succeeded or not.
//
// Until the write transaction commits, nothing it wrote is visible to
// anyone (there are no dirty reads), so readers see only the old graph
// while a load runs and are not held up by it: only its commit is
// bracketed. Step 1 has committed before step 2 starts, so a reader that
// saw anything of step 2 reads, in any later token, l.seq moved or the
// mark set; step 3 starts only after step 2 has returned, when all of it
// is visible, so a token read after step 3 vouches for reads made after it.
// Hence if the token read before a request's reads is unmarked and the one
// read after is the same, no commit was becoming visible in between and the
// request read one graph (the token's version, which step 2 writes).
// Loads that write nothing (the graph already held) roll back before step
// 1 and write nothing at all. The argument rests on one server, where a
// commit that has returned is visible to every later read; a cluster's
// reads routed to followers at different positions would need the same
// bookmark chain for all of them.
//
// Two loads: the write transaction holds the meta node's lock from its
// first statement to its end, and step 1 runs inside that span, so only one
// load at a time is between steps 1 and 2. The next load's step 1 may come
// before the previous one's step 3 and overwrite its mark: that is safe, as
// the previous commit has ended (its lock was released), and step 3 clears
// only its own mark (or one past its deadline).
//
// A loader killed (or stalled) between steps 1 and 3 leaves the mark set,
// and the mark must outlast any chance that its write transaction still
// commits. That transaction began before step 1 with a server-side timeout
// (the load timeout), so a commit sent later than that timeout after step 1
// is refused: the server has terminated the transaction (a killed loader's
// closed connection rolls it back sooner). A commit sent in time is applied
// even if the loader then dies, and applying it takes a fraction of the
// time its writes took; DeadLoadMargin (a minute by default) covers that
// and the server's periodic check of timeouts (every 2 s by default). So
// the mark's deadline is step 1's time on the server's clock plus the load
// timeout plus DeadLoadMargin: past it readers ignore the mark, and the
// next load's steps 1 and 3 replace and clear it. Until then requests wait
// and then answer GRAPH_CHANGING: a loader killed in that window (two small
// transactions and a commit) costs minutes of refused requests, where one
// killed while writing, nearly all of a load's time, costs none.

// commitStarting is step 1: the mark, with its deadline.
func (s *Store) commitStarting(ctx context.Context, loadID string, txTimeout time.Duration) error {
	_, err := s.writeSmall(ctx, stmtCommitStarting, map[string]any{"loadId": loadID,
		"deadAfterMs": (txTimeout + s.cfg.DeadLoadMargin).Milliseconds()})
	return err
}

// commitEnded is step 3, run even when the load's context is done.
func (s *Store) commitEnded(loadID string) error {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.QueryTimeout)
	defer cancel()
	_, err := s.writeSmall(ctx, stmtCommitEnded, map[string]any{"loadId": loadID})
	return err
}

// writeSmall runs one small write in a transaction of its own.
func (s *Store) writeSmall(ctx context.Context, st Statement, params map[string]any) ([]*driver.Record, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.QueryTimeout)
	defer cancel()
	res, err := driver.ExecuteQuery(ctx, s.d, st.Cypher, params, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(s.cfg.Database), driver.ExecuteQueryWithWritersRouting(),
		driver.ExecuteQueryWithTransactionConfig(driver.WithTxTimeout(s.cfg.QueryTimeout)))
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %s", st.Name, redact(err, s.secrets...))
	}
	return res.Records, nil
}

// Replace makes g the whole content of the database in one transaction.
// It first takes the load lock (a write on the meta node, so a second load
// waits until the first commits or rolls back), then reads what the
// database holds inside that transaction and writes only the difference:
// nodes and relationships created or changed are merged on their stable ids
// in UNWIND batches, what no document supports any more is deleted by id,
// :Funder is set on actors that funded. Because it is one transaction, a
// failed or interrupted load leaves the previous graph whole and queryable.
// Replacing with the graph already loaded changes nothing.
func (s *Store) Replace(ctx context.Context, g *pg.Graph) (pg.ReplaceStats, error) {
	return s.ReplaceWithAnalytics(ctx, g, nil)
}

// Analytics are measures of each node (by id), computed once per load
// from the whole graph (explore's Metrics.Measures: degree, community,
// pagerank, betweenness) and stored as properties of the nodes, so that
// Cypher and Neo4j's own tools can read them without recomputing.
type Analytics map[string]map[string]any

// AnalyticsKeys are the node properties Analytics may set.
var AnalyticsKeys = []string{"degree", "community", "pagerank", "betweenness"}

// ReplaceWithAnalytics is Replace that also stores a's measures on the
// nodes, in the same transaction; nodes a has no measure for are left
// without them (with a nil, a load of the graph already held changes
// nothing, and a load of another graph leaves no measures). Only nodes
// whose properties or measures change are written.
func (s *Store) ReplaceWithAnalytics(ctx context.Context, g *pg.Graph, a Analytics) (pg.ReplaceStats, error) {
	version := g.Fingerprint()
	current, err := s.Version(ctx)
	if err != nil {
		return pg.ReplaceStats{}, err
	}
	if current == version && a == nil {
		s.logger.Info("neo4j already holds this graph; nothing to do", "version", version[:12])
		return pg.ReplaceStats{}, nil
	}
	if _, err := planLoad(g, pg.NewGraph(), s.cfg.BatchSize, a, nil); err != nil {
		return pg.ReplaceStats{}, err // refused before anything is sent
	}
	loadID := newLoadID(version)
	catalogue := catalogueHash(g.Nodes())
	timeout := s.loadTimeout(g)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	session := s.d.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: driver.AccessModeWrite})
	defer session.Close(context.Background())
	var stats pg.ReplaceStats
	start := time.Now()
	marked := false // the commit mark was (maybe) set: clear it after
	var markedAt time.Time
	var held time.Duration // from the mark to its clearing: readers wait meanwhile
	_, err = session.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
		run := runner(ctx, tx, "")
		s.logger.Info("neo4j load: taking the load lock (waits while another load runs)", "load", loadID)
		recs, err := run(stmtLockMeta, map[string]any{"loadId": loadID})
		if err != nil {
			return nil, err
		}
		sameVersion, sameAnalytics, sameCatalogue := false, false, false
		if len(recs) > 0 {
			v, _ := recs[0].Get("version")
			h, _ := recs[0].Get("analytics")
			c, _ := recs[0].Get("catalogue")
			sameVersion = str(v) == version
			sameAnalytics = h == analyticsHash(a)
			sameCatalogue = str(c) == catalogue
			if sameVersion && a == nil {
				return nil, errUnchanged
			}
		}
		old, err := readAll(run)
		if err != nil {
			return nil, err
		}
		oldMeasures, err := readAnalytics(run)
		if err != nil {
			return nil, err
		}
		plan, err := planLoad(g, old, s.cfg.BatchSize, a, oldMeasures)
		if err != nil {
			return nil, err
		}
		if sameVersion && sameAnalytics && sameCatalogue && len(plan) == 0 {
			return nil, errUnchanged
		}
		if err != nil {
			return nil, err
		}
		stats = pg.Diff(old, g)
		written := 0
		for _, step := range plan {
			for _, b := range step.batches {
				if _, err := run(step.st, map[string]any{"rows": b, "loadId": loadID}); err != nil {
					return nil, err
				}
				written += len(b)
				if testHookAfterBatch != nil {
					if err := testHookAfterBatch(step.st.Name, written); err != nil {
						return nil, err
					}
				}
			}
			s.logger.Info("neo4j load", "step", step.st.Name, "rows", step.rows, "written so far", written)
		}
		for _, st := range []Statement{stmtMarkFunders, stmtUnmarkFunders} {
			if _, err := run(st, map[string]any{"ids": funderIDs(g)}); err != nil {
				return nil, err
			}
		}
		if _, err = run(stmtWriteMeta, map[string]any{"version": version, "loadId": loadID, "analytics": analyticsHash(a), "catalogue": catalogue}); err != nil {
			return nil, err
		}
		// Everything is written; the commit follows when this returns.
		marked = true
		if err := s.commitStarting(ctx, loadID, timeout); err != nil {
			return nil, err
		}
		markedAt = time.Now()
		if testHookCommitting != nil {
			testHookCommitting()
		}
		return nil, nil
	}, driver.WithTxTimeout(timeout))
	if marked {
		// Committed, rolled back or refused: the commit is over either way
		// (a load that failed to commit must not leave readers waiting).
		endErr := s.commitEnded(loadID)
		held = time.Since(markedAt)
		if endErr != nil && err == nil {
			s.logger.Warn("neo4j load committed but its commit mark was not cleared; readers wait until it expires",
				"load", loadID, "err", redact(endErr, s.secrets...))
		}
	}
	if errors.Is(err, errUnchanged) {
		s.logger.Info("neo4j: another load committed this graph meanwhile; nothing to do", "version", version[:12])
		return pg.ReplaceStats{}, nil
	}
	if err != nil {
		hint := ""
		if strings.Contains(err.Error(), "MemoryPoolOutOfMemoryError") {
			hint = fmt.Sprintf("; the load of %d nodes and %d relationships is one transaction and needs more memory than "+
				"the server's dbms.memory.transaction.total.max: raise it (or the heap it defaults from)", g.NodeCount(), g.EdgeCount())
		}
		return pg.ReplaceStats{}, fmt.Errorf("neo4j load (rolled back; the previous graph is unchanged): %s%s", redact(err, s.secrets...), hint)
	}
	s.mu.Lock()
	s.snapshot, s.snapV = g.Clone(), version
	s.mu.Unlock()
	s.logger.Info("neo4j load committed", "nodes", g.NodeCount(), "relationships", g.EdgeCount(),
		"created", stats.NodesCreated+stats.EdgesCreated, "updated", stats.NodesUpdated+stats.EdgesUpdated,
		"deleted", stats.NodesDeleted+stats.EdgesDeleted, "took", time.Since(start).Round(time.Millisecond),
		"commit marked for", held.Round(time.Millisecond))
	return stats, nil
}

// newLoadID names one load: the graph's version and a random suffix, so
// that two loads of the same graph are told apart by readers.
func newLoadID(version string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return version[:min(16, len(version))] + "-" + hex.EncodeToString(b)
}

// loadStep is one statement and the batches of rows it runs over.
type loadStep struct {
	st      Statement
	rows    int
	batches [][]map[string]any
}

type edgeGroup struct {
	kind     pg.EdgeKind
	from, to pg.Kind
}

func sortedGroups[V any](m map[edgeGroup]V) []edgeGroup {
	out := make([]edgeGroup, 0, len(m))
	for gr := range m {
		out = append(out, gr)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.from != b.from {
			return a.from < b.from
		}
		return a.to < b.to
	})
	return out
}

// planLoad plans turning old (what the database holds) into g: first the
// relationships and then the nodes old has and g has not are deleted, then
// the nodes and then the relationships g has new or changed are merged.
// Nodes are grouped by label and relationships by type and end labels, each
// group cut into batches of at most size rows. What is the same in both is
// not written at all.
func planLoad(g, old *pg.Graph, size int, measures, oldMeasures Analytics) ([]loadStep, error) {
	var plan []loadStep
	edgeDeletes := map[edgeGroup][]map[string]any{}
	for _, e := range old.Edges() {
		if g.Edge(e.ID) == nil {
			gr := edgeGroup{e.Kind, old.Node(e.Source).Kind, old.Node(e.Target).Kind}
			edgeDeletes[gr] = append(edgeDeletes[gr], map[string]any{"id": e.ID, "source": e.Source, "target": e.Target})
		}
	}
	for _, gr := range sortedGroups(edgeDeletes) {
		rows := edgeDeletes[gr]
		plan = append(plan, loadStep{st: deleteEdges(gr.kind, gr.from, gr.to), rows: len(rows), batches: batch(rows, size)})
	}
	nodeDeletes := map[pg.Kind][]map[string]any{}
	for _, n := range old.Nodes() {
		if g.Node(n.ID) == nil {
			nodeDeletes[n.Kind] = append(nodeDeletes[n.Kind], map[string]any{"id": n.ID})
		}
	}
	for _, l := range labels {
		if rows := nodeDeletes[l]; len(rows) > 0 {
			plan = append(plan, loadStep{st: deleteNodes(l), rows: len(rows), batches: batch(rows, size)})
		}
	}
	nodeRows := map[pg.Kind][]map[string]any{}
	for _, n := range g.Nodes() {
		props, err := nodeProps(n)
		if err != nil {
			return nil, err
		}
		for k, v := range measures[n.ID] {
			props[k] = v
		}
		if o := old.Node(n.ID); o != nil && o.Kind == n.Kind {
			op, err := nodeProps(o)
			for k, v := range oldMeasures[o.ID] {
				op[k] = v
			}
			if err == nil && sameProps(op, props) {
				continue
			}
		}
		nodeRows[n.Kind] = append(nodeRows[n.Kind], map[string]any{"id": n.ID, "props": props})
	}
	for _, l := range labels {
		if rows := nodeRows[l]; len(rows) > 0 {
			plan = append(plan, loadStep{st: upsertNodes(l), rows: len(rows), batches: batch(rows, size)})
		}
	}
	edgeRows := map[edgeGroup][]map[string]any{}
	for _, e := range g.Edges() {
		gr := edgeGroup{e.Kind, g.Node(e.Source).Kind, g.Node(e.Target).Kind}
		if !allowed(gr.kind, gr.from, gr.to) {
			return nil, fmt.Errorf("relationship %s joins a %s to a %s, which the model does not allow", e.ID, gr.from, gr.to)
		}
		props, err := edgeProps(e)
		if err != nil {
			return nil, err
		}
		if o := old.Edge(e.ID); o != nil {
			if op, err := edgeProps(o); err == nil && sameProps(op, props) {
				continue
			}
		}
		edgeRows[gr] = append(edgeRows[gr], map[string]any{"id": e.ID, "source": e.Source, "target": e.Target, "props": props})
	}
	for _, gr := range sortedGroups(edgeRows) {
		rows := edgeRows[gr]
		plan = append(plan, loadStep{st: upsertEdges(gr.kind, gr.from, gr.to), rows: len(rows), batches: batch(rows, size)})
	}
	return plan, nil
}

// readAnalytics reads the measures stored on the nodes.
func readAnalytics(run func(Statement, map[string]any) ([]*driver.Record, error)) (Analytics, error) {
	recs, err := run(stmtAllAnalytics, nil)
	if err != nil {
		return nil, err
	}
	out := Analytics{}
	for _, r := range recs {
		id, _ := r.Get("id")
		m := map[string]any{}
		for _, k := range AnalyticsKeys {
			if v, _ := r.Get(k); v != nil {
				m[k] = v
			}
		}
		out[str(id)] = m
	}
	return out, nil
}

// sameProps compares two property maps as the database would store them.
func sameProps(a, b map[string]any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
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

// loadTimeout grows with the graph: a load is many statements, and it
// starts by reading what the database holds.
func (s *Store) loadTimeout(g *pg.Graph) time.Duration {
	if s.cfg.LoadTimeout > 0 {
		return s.cfg.LoadTimeout
	}
	batches := (g.NodeCount()+g.EdgeCount())/s.cfg.BatchSize + 1
	return 10*s.cfg.QueryTimeout + time.Duration(2*batches)*s.cfg.QueryTimeout/4
}
