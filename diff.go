package partnergraph

import (
	"bytes"
	"encoding/json"
)

// Diff counts what replacing old by new creates, updates and deletes; both
// stores report it from Replace.
func Diff(old, new *Graph) ReplaceStats {
	var st ReplaceStats
	for _, n := range new.Nodes() {
		switch o := old.Node(n.ID); {
		case o == nil:
			st.NodesCreated++
		case !sameJSON(o, n):
			st.NodesUpdated++
		}
	}
	for _, n := range old.Nodes() {
		if new.Node(n.ID) == nil {
			st.NodesDeleted++
		}
	}
	for _, e := range new.Edges() {
		switch o := old.Edge(e.ID); {
		case o == nil:
			st.EdgesCreated++
		case !sameJSON(o, e):
			st.EdgesUpdated++
		}
	}
	for _, e := range old.Edges() {
		if new.Edge(e.ID) == nil {
			st.EdgesDeleted++
		}
	}
	return st
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
