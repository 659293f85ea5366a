package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// The Neo4j store is a pg.BoundedStore: the service answers paths,
// networks, similar councils, funding flows and the orders by initiative
// count and funding total with Nodes, Edges and these two reads, never a
// whole-graph Snapshot.
var _ pg.BoundedStore = (*Store)(nil)

// edgesOfKind reads every relationship of one type, in id order.
func edgesOfKind(k pg.EdgeKind) Statement {
	return Statement{Name: "all-" + strings.ToLower(strings.ReplaceAll(string(k), "_", "-")),
		Cypher: fmt.Sprintf("MATCH (a)-[r:%s]->(b) RETURN a.id AS source, type(r) AS kind, b.id AS target, r ORDER BY r.id", k)}
}

// stmtInitiativeCounts counts, per node, the distinct initiatives it
// leads, partners in or funds, reading no properties but the ids.
var stmtInitiativeCounts = Statement{Name: "initiative-counts",
	Cypher: "MATCH (a)-[:LEADS|PARTNER_IN|FUNDED]->(i:Initiative) RETURN a.id AS id, count(DISTINCT i) AS n"}

// around reads the relationships of one label's nodes, either way, with
// the node at the other end.
func around(l pg.Kind) Statement {
	return Statement{Name: "around-" + strings.ToLower(string(l)), Params: []string{"ids"},
		Cypher: fmt.Sprintf("MATCH (a:%s)-[r:LEADS|PARTNER_IN|FUNDED|PART_OF]-(b) WHERE a.id IN $ids RETURN startNode(r).id AS source, type(r) AS kind, endNode(r).id AS target, r, b", l)}
}

// between reads the relationships leaving one label's nodes whose other
// end is among the ids too.
func between(l pg.Kind) Statement {
	return Statement{Name: "between-" + strings.ToLower(string(l)), Params: []string{"ids"},
		Cypher: fmt.Sprintf("MATCH (a:%s)-[r:LEADS|PARTNER_IN|FUNDED|PART_OF]->(b) WHERE a.id IN $ids AND b.id IN $ids RETURN a.id AS source, type(r) AS kind, b.id AS target, r", l)}
}

// boundedStatements are the reads of this file, for Statements.
func boundedStatements() []Statement {
	out := []Statement{stmtInitiativeCounts}
	for _, k := range pg.EdgeKinds {
		out = append(out, edgesOfKind(k))
	}
	for _, l := range labels {
		out = append(out, around(l), between(l))
	}
	return out
}

// Around reads the relationships of the given nodes and the nodes at their
// other ends: one statement per label the ids name, in one read
// transaction.
func (s *Store) Around(ctx context.Context, ids []string) ([]*pg.Edge, map[string]*pg.Node, error) {
	byKind := idsByKind(ids)
	ctx, cancel := context.WithTimeout(ctx, s.cfg.QueryTimeout)
	defer cancel()
	session := s.d.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: driver.AccessModeRead})
	defer session.Close(context.Background())
	type read struct {
		edges []*pg.Edge
		ends  map[string]*pg.Node
	}
	out, err := session.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) {
		run := runner(ctx, tx, "neo4j ")
		seen := map[string]*pg.Edge{}
		ends := map[string]*pg.Node{}
		for _, l := range labels {
			if len(byKind[l]) == 0 {
				continue
			}
			recs, err := run(around(l), map[string]any{"ids": byKind[l]})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				e, err := recordEdge(r)
				if err != nil {
					return nil, err
				}
				seen[e.ID] = e
				n, err := recordNode(r, "b")
				if err != nil {
					return nil, err
				}
				ends[n.ID] = n
			}
		}
		return read{sortedEdges(seen), ends}, nil
	}, driver.WithTxTimeout(s.cfg.QueryTimeout))
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, fmt.Errorf("neo4j around: %w", ctx.Err())
		}
		return nil, nil, fmt.Errorf("neo4j around: %s", redact(err, s.secrets...))
	}
	r := out.(read)
	return r.edges, r.ends, nil
}

// EdgesOfKind reads every relationship of kind k, sorted by id, in one
// statement.
func (s *Store) EdgesOfKind(ctx context.Context, k pg.EdgeKind) ([]*pg.Edge, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("neo4j: unknown relationship kind %q", k)
	}
	recs, err := s.read(ctx, edgesOfKind(k), nil)
	if err != nil {
		return nil, err
	}
	return recordEdges(recs)
}

// InitiativeCounts counts each node's distinct initiatives with one
// aggregate read.
func (s *Store) InitiativeCounts(ctx context.Context) (map[string]int, error) {
	recs, err := s.read(ctx, stmtInitiativeCounts, nil)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(recs))
	for _, r := range recs {
		id, _ := r.Get("id")
		n, _ := r.Get("n")
		c, ok := n.(int64)
		if !ok || str(id) == "" {
			return nil, fmt.Errorf("neo4j %s: row %v, %v is not an id and a count", stmtInitiativeCounts.Name, id, n)
		}
		out[str(id)] = int(c)
	}
	return out, nil
}

// Between reads the relationships among the given nodes: one statement per
// label the ids name.
func (s *Store) Between(ctx context.Context, ids []string) ([]*pg.Edge, error) {
	byKind := idsByKind(ids)
	var out []*pg.Edge
	for _, l := range labels {
		if len(byKind[l]) == 0 {
			continue
		}
		recs, err := s.read(ctx, between(l), map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		es, err := recordEdges(recs)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
