package neo4j

import (
	"context"
	"fmt"
	"strings"

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

// boundedStatements are the reads of this file, for Statements.
func boundedStatements() []Statement {
	out := []Statement{stmtInitiativeCounts}
	for _, k := range pg.EdgeKinds {
		out = append(out, edgesOfKind(k))
	}
	return out
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
	out := make([]*pg.Edge, 0, len(recs))
	for _, r := range recs {
		e, err := recordEdge(r)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
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
