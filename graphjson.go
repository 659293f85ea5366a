package partnergraph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// graphJSON is the project's own interchange format, the one `partnergraph
// export --format json` writes and /export/graph.json serves:
// {"nodes":[{"id","kind","name","aliases",...}],"edges":[{"id","source","target","kind",...}]}.
type graphJSON struct {
	Nodes []*Node `json:"nodes"`
	Edges []*Edge `json:"edges"`
}

// MarshalJSON writes the graph in the interchange format, nodes and edges
// sorted by id so that the same graph always gives the same bytes.
func (g *Graph) MarshalJSON() ([]byte, error) {
	return json.Marshal(graphJSON{Nodes: g.Nodes(), Edges: g.Edges()})
}

// UnmarshalJSON reads the interchange format, checking that every edge joins
// two known nodes.
func (g *Graph) UnmarshalJSON(b []byte) error {
	var v graphJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*g = *NewGraph()
	for i, n := range v.Nodes {
		if n == nil {
			return fmt.Errorf("nodes[%d]: null", i)
		}
		if _, err := g.AddNode(n); err != nil {
			return fmt.Errorf("nodes[%d]: %w", i, err)
		}
	}
	for i, e := range v.Edges {
		if e == nil {
			return fmt.Errorf("edges[%d]: null", i)
		}
		if _, err := g.AddEdge(e); err != nil {
			return fmt.Errorf("edges[%d]: %w", i, err)
		}
	}
	return nil
}

// Fingerprint is a hash of the graph's canonical JSON: equal graphs have equal
// fingerprints, whatever order they were built in.
func (g *Graph) Fingerprint() string {
	// The hash of MarshalJSON's bytes, written to the hash a node or an edge
	// at a time: marshalling the whole graph first held its JSON (gigabytes
	// at 1000× the seeds, doubled by the buffer's growth) at the peak of every
	// load and serve. TestFingerprintIsTheHashOfTheJSON holds the bytes equal.
	h := sha256.New()
	io.WriteString(h, `{"nodes":`)
	writeJSONList(h, g.Nodes())
	io.WriteString(h, `,"edges":`)
	writeJSONList(h, g.Edges())
	io.WriteString(h, `}`)
	return hex.EncodeToString(h.Sum(nil))
}

// writeJSONList writes items as json.Marshal writes the slice.
func writeJSONList[T any](w io.Writer, items []T) {
	if items == nil {
		io.WriteString(w, "null")
		return
	}
	io.WriteString(w, "[")
	for i, item := range items {
		if i > 0 {
			io.WriteString(w, ",")
		}
		b, err := json.Marshal(item)
		if err != nil {
			// Only unsupported values (NaN amounts) can fail; they are not produced.
			panic(err)
		}
		w.Write(b)
	}
	io.WriteString(w, "]")
}
