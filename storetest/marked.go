package storetest

import (
	"encoding/json"
	"fmt"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Mark appends " [tag]" to the name of every node of g, so that an answer
// read from g tells which of two loaded graphs each name came from (the
// tests of readers during a load).
func Mark(g *pg.Graph, tag string) *pg.Graph {
	for _, n := range g.Nodes() {
		n.Name += " [" + tag + "]"
	}
	return g
}

// MarkedNames counts the "name" fields of a GraphQL answer by the tag Mark
// gave them, "A" or "B"; a name of neither is an error.
func MarkedNames(data json.RawMessage) (map[string]int, error) {
	seen := map[string]int{}
	var walk func(v any) error
	walk = func(v any) error {
		switch x := v.(type) {
		case map[string]any:
			for k, w := range x {
				if s, ok := w.(string); ok && k == "name" {
					switch {
					case strings.HasSuffix(s, "[A]"):
						seen["A"]++
					case strings.HasSuffix(s, "[B]"):
						seen["B"]++
					default:
						return fmt.Errorf("name %q is of neither graph", s)
					}
				}
				if err := walk(w); err != nil {
					return err
				}
			}
		case []any:
			for _, w := range x {
				if err := walk(w); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return seen, walk(v)
}
