// Command statements prints, as JSON, every Cypher statement the Neo4j store
// sends and the graph schema they run against, for scripts/lint-cypher.
package main

import (
	"encoding/json"
	"os"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/neo4j"
)

func main() {
	var labels, types []string
	for _, k := range pg.Kinds {
		labels = append(labels, string(k))
	}
	labels = append(labels, neo4j.FunderLabel, neo4j.MetaLabel)
	for _, k := range pg.EdgeKinds {
		types = append(types, string(k))
	}
	// The linter reads row.source and row.target (keys of the UNWIND rows
	// parameter, not stored properties) as property accesses; they are
	// declared so that only real misspellings warn.
	keys := append(neo4j.PropertyKeys(), "source", "target", "props")
	out := map[string]any{
		"schema":     map[string]any{"labels": labels, "relationshipTypes": types, "propertyKeys": keys},
		"statements": neo4j.Statements(),
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		os.Exit(1)
	}
}
