package neo4j

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

var _ pg.CatalogueStore = (*Store)(nil)

// stmtCatalogue reads what lists filter, order and count by, for every
// node: the listed properties, never the evidence or a relationship.
var stmtCatalogue = Statement{Name: "catalogue",
	Cypher: "MATCH (n) WHERE " + labelPredicate("n", labels) +
		" RETURN [l IN labels(n) WHERE l IN ['Council', 'Organisation', 'Initiative', 'Document']][0] AS kind, n.id AS id," +
		" n.name AS name, n.aliases AS aliases, n.sector AS sector, n.region AS region, n.nation AS nation, n.type AS type, n.theme AS theme"}

// catalogueHash is what the meta node records of a graph's catalogue: a
// hash of every node's catalogue fields in id order, so that a reader can
// check that what it read comes whole from one load.
func catalogueHash(nodes []*pg.Node) string {
	sorted := make([]*pg.Node, len(nodes))
	copy(sorted, nodes)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	h := sha256.New()
	for _, n := range sorted {
		fmt.Fprintf(h, "%q|%q|%q|%q|%q|%q|%q|%q|%q\n", n.ID, n.Kind, n.Name, strings.Join(n.Aliases, "\x1f"),
			n.Sector, n.Region, n.Nation, n.CouncilType, n.Theme)
	}
	return catalogueHashFormat + hex.EncodeToString(h.Sum(nil))
}

// catalogueHashFormat starts every catalogue hash: a reader that finds a
// hash of another format (written by another version of this store) has
// no catalogue to check against, rather than one that never matches.
const catalogueHashFormat = "v1:"

// Catalogue reads every node's catalogue fields in one read transaction:
// the meta node, the nodes' fields, and the meta node again. What it read
// is kept only if it hashes to what the meta node records and no load
// committed in between (a commit's changes become visible one by one);
// otherwise it reads again. It returns nil when there is no meta node or it records no
// catalogue hash of this format (a graph loaded before this store wrote one). Concurrent
// calls make one read, and a version's catalogue is read once.
func (s *Store) Catalogue(ctx context.Context) (*pg.Catalogue, error) {
	return s.catalogue.get(ctx, s, s.readCatalogue)
}

// readCatalogue is Catalogue's read, and the version it read.
func (s *Store) readCatalogue(ctx context.Context) (*pg.Catalogue, string, error) {
	s.catalogueReads.Add(1)
	return readHashed(ctx, s, hashedRead[*pg.Catalogue]{
		what: "catalogue",
		key:  "catalogue",
		checkable: func(recorded any) bool {
			return recorded != nil && strings.HasPrefix(str(recorded), catalogueHashFormat)
		},
		read: func(run func(Statement, map[string]any) ([]*driver.Record, error), version string, recorded any) (*pg.Catalogue, bool, error) {
			recs, err := run(stmtCatalogue, nil)
			if err != nil {
				return nil, false, err
			}
			nodes := make([]*pg.Node, 0, len(recs))
			for _, r := range recs {
				n, err := catalogueNode(r)
				if err != nil {
					return nil, false, err
				}
				nodes = append(nodes, n)
			}
			matches := catalogueHash(nodes) == str(recorded)
			sort.Slice(nodes, func(i, j int) bool {
				a, b := pg.SortKey(nodes[i].Name), pg.SortKey(nodes[j].Name)
				return a < b || a == b && nodes[i].ID < nodes[j].ID
			})
			return &pg.Catalogue{Version: version, Nodes: nodes}, matches, nil
		},
	})
}

// catalogueNode is one record of stmtCatalogue.
func catalogueNode(r *driver.Record) (*pg.Node, error) {
	get := func(k string) string { v, _ := r.Get(k); return str(v) }
	k := pg.Kind(get("kind"))
	if !k.Valid() || get("id") == "" {
		return nil, fmt.Errorf("neo4j %s: row %v is not a node of the model", stmtCatalogue.Name, r.Values)
	}
	aliases, _ := r.Get("aliases")
	return &pg.Node{ID: get("id"), Kind: k, Name: get("name"), Aliases: strs(aliases), Sector: pg.Sector(get("sector")),
		Region: get("region"), Nation: get("nation"), CouncilType: get("type"), Theme: get("theme")}, nil
}
