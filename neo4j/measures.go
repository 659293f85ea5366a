package neo4j

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

var _ pg.MeasureStore = (*Store)(nil)

// analyticsHash is what the meta node records of the measures a load
// stores: nil for none, else a hash of every node's measures in id order,
// numbers written as the database gives them back (ints as ints, floats
// in full), so that a reader can check it read them all from one load.
func analyticsHash(a Analytics) any {
	if a == nil {
		return nil
	}
	ids := make([]string, 0, len(a))
	for id := range a {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	h := sha256.New()
	for _, id := range ids {
		var b strings.Builder
		b.WriteString(id)
		for _, k := range AnalyticsKeys {
			b.WriteByte('|')
			if v, ok := a[id][k]; ok && v != nil {
				b.WriteString(measureText(v))
			}
		}
		b.WriteByte('\n')
		h.Write([]byte(b.String()))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func measureText(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// StoredMeasures reads the measures the last load stored on the nodes, in
// one read transaction: the meta node, the measure properties of the nodes
// that have them (never the relationships or the other properties), and
// the meta node again. What it read is kept only if it hashes to what the
// meta node records and no load committed in between (a commit's changes
// become visible one by one); otherwise it reads again. It returns nil
// when the graph was loaded without measures. Concurrent calls make one
// read, and a version's measures are read once.
func (s *Store) StoredMeasures(ctx context.Context) (*pg.StoredMeasures, error) {
	return s.measures.get(ctx, s, s.readStoredMeasures)
}

// readStoredMeasures is StoredMeasures' read, and the version it read.
func (s *Store) readStoredMeasures(ctx context.Context) (*pg.StoredMeasures, string, error) {
	s.measureReads.Add(1)
	return readHashed(ctx, s, hashedRead[*pg.StoredMeasures]{
		what:      "stored measures",
		key:       "analytics",
		checkable: func(recorded any) bool { return recorded != nil },
		read: func(run func(Statement, map[string]any) ([]*driver.Record, error), version string, recorded any) (*pg.StoredMeasures, bool, error) {
			a, err := readAnalytics(run)
			if err != nil || analyticsHash(a) != recorded {
				return nil, false, err
			}
			m, err := measuresFrom(version, a)
			return m, err == nil, err
		},
	})
}

func measuresFrom(version string, a Analytics) (*pg.StoredMeasures, error) {
	m := &pg.StoredMeasures{Version: version, Degree: map[string]int{}, Community: map[string]int{},
		PageRank: map[string]float64{}, Betweenness: map[string]float64{}}
	for id, ms := range a {
		for k, v := range ms {
			var ok bool
			switch k {
			case "degree":
				var x int64
				x, ok = v.(int64)
				m.Degree[id] = int(x)
			case "community":
				var x int64
				x, ok = v.(int64)
				m.Community[id] = int(x)
			case "pagerank":
				m.PageRank[id], ok = v.(float64)
			case "betweenness":
				m.Betweenness[id], ok = v.(float64)
			}
			if !ok {
				return nil, fmt.Errorf("neo4j: node %s has %s = %v (%T), not a number of the right type", id, k, v, v)
			}
		}
	}
	return m, nil
}

var _ pg.CountStore = (*Store)(nil)

var (
	stmtCountNodes = Statement{Name: "count-nodes",
		Cypher: "MATCH (n) WHERE " + labelPredicate("n", labels) +
			" RETURN [l IN labels(n) WHERE l IN ['Council', 'Organisation', 'Initiative', 'Document']][0] AS kind," +
			" n.sector AS sector, n.region AS region, n.nation AS nation, n.theme AS theme, count(n) AS n"}
	stmtCountEdges = Statement{Name: "count-relationships",
		Cypher: "MATCH ()-[r:LEADS|PARTNER_IN|FUNDED|PART_OF]->() RETURN type(r) AS kind, count(r) AS n"}
	stmtFundingAmounts = Statement{Name: "funding-amounts",
		Cypher: "MATCH ()-[r:FUNDED]->() RETURN r.amount AS amount, r.currency AS currency ORDER BY r.id"}
)

// Counts counts the graph with three aggregate reads in one transaction
// (nodes grouped by kind and attributes, relationships by type, and the
// FUNDED amounts), never reading the graph itself.
//
// They are kept for the version read before them, when it is still the
// version after them (the aggregates scan every node and relationship).
func (s *Store) Counts(ctx context.Context) (*pg.Counts, error) {
	before, err := s.Version(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.counts != nil && s.countsV == before {
		c := s.counts
		s.mu.Unlock()
		return c, nil
	}
	s.mu.Unlock()
	c, err := s.countAll(ctx)
	if err != nil {
		return nil, err
	}
	if after, err := s.Version(ctx); err == nil && after == before {
		s.mu.Lock()
		s.counts, s.countsV = c, before
		s.mu.Unlock()
	}
	return c, nil
}

// countAll runs Counts' three aggregate reads.
func (s *Store) countAll(ctx context.Context) (*pg.Counts, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.QueryTimeout)
	defer cancel()
	session := s.d.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: driver.AccessModeRead})
	defer session.Close(context.Background())
	out, err := session.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) {
		run := func(st Statement) ([]*driver.Record, error) {
			res, err := tx.Run(ctx, st.Cypher, nil)
			if err != nil {
				return nil, fmt.Errorf("neo4j %s: %w", st.Name, err)
			}
			return res.Collect(ctx)
		}
		c := &pg.Counts{Nodes: map[string]int{}, Edges: map[string]int{}, Sectors: map[string]int{},
			Regions: map[string]int{}, Nations: map[string]int{}, Themes: map[string]int{}}
		recs, err := run(stmtCountNodes)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			nv, _ := r.Get("n")
			n, _ := nv.(int64)
			for key, m := range map[string]map[string]int{"kind": c.Nodes, "sector": c.Sectors, "region": c.Regions, "nation": c.Nations, "theme": c.Themes} {
				if v, _ := r.Get(key); str(v) != "" {
					m[str(v)] += int(n)
				}
			}
		}
		if recs, err = run(stmtCountEdges); err != nil {
			return nil, err
		}
		for _, r := range recs {
			k, _ := r.Get("kind")
			nv, _ := r.Get("n")
			n, _ := nv.(int64)
			c.Edges[str(k)] += int(n)
		}
		if recs, err = run(stmtFundingAmounts); err != nil {
			return nil, err
		}
		for _, r := range recs {
			a, _ := r.Get("amount")
			cur, _ := r.Get("currency")
			if x := float(a); x != nil && (str(cur) == "" || str(cur) == "GBP") {
				c.Pounds = append(c.Pounds, *x)
			} else {
				c.Pounds = append(c.Pounds, 0)
			}
		}
		return c, nil
	}, driver.WithTxTimeout(s.cfg.QueryTimeout))
	if err != nil {
		return nil, fmt.Errorf("neo4j counts: %s", redact(err, s.secrets...))
	}
	return out.(*pg.Counts), nil
}
