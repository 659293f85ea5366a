package neo4j

import (
	"fmt"
	"sort"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Every Cypher statement the store sends is built here, once, from the
// fixed labels and relationship types of the model: no statement text ever
// contains user input, which travels only as parameters. Statements()
// lists them all so that scripts/lint-cypher can check each with Neo4j's
// own linter.

// MetaLabel marks the one node that records the loaded graph's version.
const MetaLabel = "PartnergraphMeta"

// FunderLabel is added to actors with FUNDED relationships.
const FunderLabel = "Funder"

// FulltextIndex is the full-text index over names and aliases.
const FulltextIndex = "partnergraph_names"

// Statement is one Cypher statement with the parameters it takes.
type Statement struct {
	Name   string   `json:"name"`
	Cypher string   `json:"cypher"`
	Params []string `json:"params"`
}

var labels = []pg.Kind{pg.KindCouncil, pg.KindOrganisation, pg.KindInitiative, pg.KindDocument}

// labelPredicate is "(n:Council OR n:Organisation ...)" for the given kinds.
func labelPredicate(v string, kinds []pg.Kind) string {
	parts := make([]string, 0, len(kinds))
	for _, k := range kinds {
		parts = append(parts, v+":"+string(k))
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

func schemaStatements() []Statement {
	var out []Statement
	for _, l := range labels {
		out = append(out, Statement{Name: "constraint-" + strings.ToLower(string(l)),
			Cypher: fmt.Sprintf("CREATE CONSTRAINT %s_id IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE", strings.ToLower(string(l)), l)})
	}
	out = append(out, Statement{Name: "constraint-meta",
		Cypher: "CREATE CONSTRAINT partnergraphmeta_id IF NOT EXISTS FOR (n:" + MetaLabel + ") REQUIRE n.id IS UNIQUE"})
	out = append(out, Statement{Name: "fulltext-names",
		Cypher: fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:Council|Organisation|Initiative|Document) ON EACH [n.name, n.aliasText]", FulltextIndex)})
	return out
}

// upsertNodes merges one label's nodes on id and replaces their properties.
func upsertNodes(l pg.Kind) Statement {
	return Statement{Name: "upsert-" + strings.ToLower(string(l)), Params: []string{"rows", "loadId"},
		Cypher: fmt.Sprintf("UNWIND $rows AS row MERGE (n:%s {id: row.id}) SET n = row.props, n.id = row.id, n.loadId = $loadId", l)}
}

// deleteNodes deletes one label's nodes by id, with their relationships.
func deleteNodes(l pg.Kind) Statement {
	return Statement{Name: "delete-" + strings.ToLower(string(l)), Params: []string{"rows"},
		Cypher: fmt.Sprintf("UNWIND $rows AS row MATCH (n:%s {id: row.id}) DETACH DELETE n", l)}
}

// deleteEdges deletes one relationship type between two labels by id,
// found from its start node's id index.
func deleteEdges(k pg.EdgeKind, from, to pg.Kind) Statement {
	return Statement{Name: fmt.Sprintf("delete-%s-%s-%s", strings.ToLower(string(k)), strings.ToLower(string(from)), strings.ToLower(string(to))),
		Params: []string{"rows"},
		Cypher: fmt.Sprintf("UNWIND $rows AS row MATCH (a:%s {id: row.source})-[r:%s {id: row.id}]->(b:%s {id: row.target}) DELETE r", from, k, to)}
}

// upsertEdges merges one relationship type between two labels.
func upsertEdges(k pg.EdgeKind, from, to pg.Kind) Statement {
	return Statement{Name: fmt.Sprintf("upsert-%s-%s-%s", strings.ToLower(string(k)), strings.ToLower(string(from)), strings.ToLower(string(to))),
		Params: []string{"rows", "loadId"},
		Cypher: fmt.Sprintf("UNWIND $rows AS row MATCH (a:%s {id: row.source}) MATCH (b:%s {id: row.target}) MERGE (a)-[r:%s {id: row.id}]->(b) SET r = row.props, r.id = row.id, r.loadId = $loadId", from, to, k)}
}

var (
	stmtMarkFunders = Statement{Name: "mark-funders", Params: []string{"ids"},
		Cypher: "MATCH (n) WHERE (n:Council OR n:Organisation) AND n.id IN $ids SET n:Funder"}
	stmtUnmarkFunders = Statement{Name: "unmark-funders", Params: []string{"ids"},
		Cypher: "MATCH (n:Funder) WHERE NOT n.id IN $ids REMOVE n:Funder"}
	// stmtLockMeta is a load's first write: the meta node's write lock is
	// held until the load commits or rolls back, so loads run one at a time.
	stmtLockMeta = Statement{Name: "lock-meta", Params: []string{"loadId"},
		Cypher: "MERGE (m:PartnergraphMeta {id: 'meta'}) SET m.lockedBy = $loadId RETURN m.version AS version, m.analytics AS analytics, m.catalogue AS catalogue"}
	// m.analytics is the hash of the measures stored with the graph (null:
	// none) and m.catalogue that of its catalogue (catalogue.go), so that a
	// reader can tell it read them whole.
	stmtWriteMeta = Statement{Name: "write-meta", Params: []string{"version", "loadId", "analytics", "catalogue"},
		Cypher: "MERGE (m:PartnergraphMeta {id: 'meta'}) SET m.version = $version, m.loadId = $loadId, m.analytics = $analytics, m.catalogue = $catalogue, m.loadedAt = datetime()"}
	// The load sequence (load.go, commitBracket) lives on a second meta
	// node, {id: 'loads'}, not on {id: 'meta'}: a load holds the meta
	// node's write lock until it commits, and marks its commit as starting
	// from another transaction just before it.
	stmtCommitStarting = Statement{Name: "commit-starting", Params: []string{"loadId", "deadAfterMs"},
		Cypher: "MERGE (l:PartnergraphMeta {id: 'loads'}) SET l.seq = coalesce(l.seq, 0) + 1, l.committing = $loadId, l.committingUntil = timestamp() + $deadAfterMs"}
	// stmtCommitEnded clears the mark this load set, or one past its
	// deadline (a load killed while committing); another live load's mark
	// is left. The counter changes either way.
	stmtCommitEnded = Statement{Name: "commit-ended", Params: []string{"loadId"},
		Cypher: "MERGE (l:PartnergraphMeta {id: 'loads'}) WITH l, coalesce(l.committing = $loadId, true) OR coalesce(l.committingUntil <= timestamp(), true) AS done " +
			"SET l.seq = coalesce(l.seq, 0) + 1, l.committing = CASE WHEN done THEN null ELSE l.committing END, " +
			"l.committingUntil = CASE WHEN done THEN null ELSE l.committingUntil END"}
	// stmtReadToken is a request's consistency token (Store.ReadToken): the
	// version and the load sequence, and whether a load's commit may be
	// becoming visible (a mark whose deadline, on the server's clock, has
	// not passed).
	stmtReadToken = Statement{Name: "read-token",
		Cypher: "OPTIONAL MATCH (m:PartnergraphMeta {id: 'meta'}) OPTIONAL MATCH (l:PartnergraphMeta {id: 'loads'}) " +
			"RETURN m.version AS version, coalesce(l.seq, 0) AS seq, coalesce(l.committing IS NOT NULL AND l.committingUntil > timestamp(), false) AS loading"}
	stmtReadMeta = Statement{Name: "read-meta",
		Cypher: "MATCH (m:PartnergraphMeta {id: 'meta'}) RETURN m.version AS version, m.loadId AS loadId, m.analytics AS analytics, m.catalogue AS catalogue"}
	stmtAllNodes = Statement{Name: "all-nodes",
		Cypher: "MATCH (n) WHERE " + labelPredicate("n", labels) + " RETURN n ORDER BY n.id"}
	stmtAllEdges = Statement{Name: "all-relationships",
		Cypher: "MATCH (a)-[r:LEADS|PARTNER_IN|FUNDED|PART_OF]->(b) RETURN a.id AS source, type(r) AS kind, b.id AS target, r ORDER BY r.id"}
	stmtAllAnalytics = Statement{Name: "all-analytics",
		Cypher: "MATCH (n) WHERE " + labelPredicate("n", labels) + " AND (n.degree IS NOT NULL OR n.community IS NOT NULL OR n.pagerank IS NOT NULL OR n.betweenness IS NOT NULL)" +
			" RETURN n.id AS id, n.degree AS degree, n.community AS community, n.pagerank AS pagerank, n.betweenness AS betweenness"}
	stmtSearch = Statement{Name: "search", Params: []string{"query", "limit"},
		Cypher: "CALL db.index.fulltext.queryNodes('" + FulltextIndex + "', $query) YIELD node, score RETURN node, score ORDER BY score DESC, node.id LIMIT $limit"}
)

// nodesByID reads one label's nodes by id.
func nodesByID(l pg.Kind) Statement {
	return Statement{Name: "nodes-" + strings.ToLower(string(l)), Params: []string{"ids"},
		Cypher: fmt.Sprintf("MATCH (n:%s) WHERE n.id IN $ids RETURN n", l)}
}

// edgesOf reads the relationships leaving (out) or entering nodes of one label.
func edgesOf(l pg.Kind, out bool) Statement {
	pattern, name := "(a:%s)-[r:LEADS|PARTNER_IN|FUNDED|PART_OF]->(b)", "out"
	if !out {
		pattern, name = "(b)-[r:LEADS|PARTNER_IN|FUNDED|PART_OF]->(a:%s)", "in"
	}
	return Statement{Name: fmt.Sprintf("edges-%s-%s", name, strings.ToLower(string(l))), Params: []string{"ids", "kinds"},
		Cypher: fmt.Sprintf("MATCH "+pattern+" WHERE a.id IN $ids AND type(r) IN $kinds RETURN startNode(r).id AS source, type(r) AS kind, endNode(r).id AS target, r", l)}
}

// listPage reads one keyset page of nodes of the given kinds, and listCount
// counts them.
func listPage(kinds []pg.Kind) Statement {
	return Statement{Name: "list-" + kindsName(kinds), Params: []string{"afterKey", "afterId", "limit"},
		Cypher: "MATCH (n) WHERE " + labelPredicate("n", kinds) +
			" AND (n.sortKey > $afterKey OR (n.sortKey = $afterKey AND n.id > $afterId)) RETURN n ORDER BY n.sortKey, n.id LIMIT $limit"}
}

func listCount(kinds []pg.Kind) Statement {
	return Statement{Name: "count-" + kindsName(kinds),
		Cypher: "MATCH (n) WHERE " + labelPredicate("n", kinds) + " RETURN count(n) AS total"}
}

func kindsName(kinds []pg.Kind) string {
	parts := make([]string, 0, len(kinds))
	for _, k := range kinds {
		parts = append(parts, strings.ToLower(string(k)))
	}
	return strings.Join(parts, "-")
}

// endpoints are the label pairs each relationship type joins in the model.
var endpoints = map[pg.EdgeKind][][2]pg.Kind{
	pg.EdgeLeads:     {{pg.KindCouncil, pg.KindInitiative}, {pg.KindOrganisation, pg.KindInitiative}},
	pg.EdgePartnerIn: {{pg.KindCouncil, pg.KindInitiative}, {pg.KindOrganisation, pg.KindInitiative}},
	pg.EdgeFunded: {{pg.KindCouncil, pg.KindInitiative}, {pg.KindOrganisation, pg.KindInitiative},
		{pg.KindCouncil, pg.KindOrganisation}, {pg.KindOrganisation, pg.KindOrganisation},
		{pg.KindCouncil, pg.KindCouncil}, {pg.KindOrganisation, pg.KindCouncil}},
	pg.EdgePartOf: {{pg.KindInitiative, pg.KindInitiative}, {pg.KindCouncil, pg.KindCouncil}},
}

// Statements lists every statement the store can send, for the linter.
func Statements() []Statement {
	out := schemaStatements()
	for _, l := range labels {
		out = append(out, upsertNodes(l), deleteNodes(l), nodesByID(l), edgesOf(l, true), edgesOf(l, false))
	}
	kinds := make([]pg.EdgeKind, 0, len(endpoints))
	for k := range endpoints {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	for _, k := range kinds {
		for _, ends := range endpoints[k] {
			out = append(out, upsertEdges(k, ends[0], ends[1]), deleteEdges(k, ends[0], ends[1]))
		}
	}
	for _, ks := range kindSubsets() {
		out = append(out, listPage(ks), listCount(ks))
	}
	return append(append(out, stmtMarkFunders, stmtUnmarkFunders, stmtLockMeta,
		stmtWriteMeta, stmtReadMeta, stmtAllNodes, stmtAllEdges, stmtAllAnalytics, stmtSearch,
		stmtCountNodes, stmtCountEdges, stmtFundingAmounts, stmtCatalogue,
		stmtCommitStarting, stmtCommitEnded, stmtReadToken), boundedStatements()...)
}

// kindSubsets is every non-empty set of kinds, in the fixed order of labels,
// so that a list of any kinds has a prepared statement.
func kindSubsets() [][]pg.Kind {
	var out [][]pg.Kind
	for mask := 1; mask < 1<<len(labels); mask++ {
		var ks []pg.Kind
		for i, l := range labels {
			if mask&(1<<i) != 0 {
				ks = append(ks, l)
			}
		}
		out = append(out, ks)
	}
	return out
}

// PropertyKeys lists every property the store writes, for the linter's
// schema.
func PropertyKeys() []string {
	keys := map[string]bool{"id": true, "loadId": true, "version": true, "loadedAt": true, "lockedBy": true, "analytics": true, "catalogue": true,
		"seq": true, "committing": true, "committingUntil": true}
	lat := 0.0
	amount := 1.0
	for _, n := range []*pg.Node{
		{ID: "council:x", Kind: pg.KindCouncil, Name: "x", OfficialName: "x", GSSCode: "x", LACode: "x", CouncilType: "x",
			Region: "x", Nation: "x", Lat: &lat, Lon: &lat},
		{ID: "org:x", Kind: pg.KindOrganisation, Name: "x", Sector: pg.SectorOther},
		{ID: "initiative:x", Kind: pg.KindInitiative, Name: "x", Summary: "x", Theme: "x", Beneficiaries: "x"},
		{ID: "doc:x", Kind: pg.KindDocument, Name: "x", Title: "x", Publisher: "x", Year: 1, File: "x", SHA256: "x"},
	} {
		p, _ := nodeProps(n)
		for k := range p {
			keys[k] = true
		}
	}
	p, _ := edgeProps(&pg.Edge{Kind: pg.EdgeFunded, AmountText: "x", Amount: &amount, Currency: "x"})
	for k := range p {
		keys[k] = true
	}
	for _, k := range AnalyticsKeys {
		keys[k] = true
	}
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
