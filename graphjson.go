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
	h := sha256.New()
	if err := g.WriteJSON(h, false); err != nil {
		// Only unsupported values (NaN amounts) can fail; they are not produced.
		panic(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// WriteJSON streams the graph in the interchange format a node and a
// relationship at a time: the bytes MarshalJSON gives, or, indented, those
// of an indenting json.Encoder (two spaces, its final newline included).
// Fingerprint and the graph.json export write through it so that neither
// holds the whole graph's JSON (gigabytes at 1000× the seeds, doubled by a
// buffer's growth); TestFingerprintIsTheHashOfTheJSON and the export's
// TestWriteJSONIsTheIndentedGraph hold the bytes equal.
func (g *Graph) WriteJSON(w io.Writer, indented bool) error {
	jw := &jsonWriter{w: w, indented: indented}
	if indented {
		jw.str("{\n  \"nodes\": ")
		writeJSONList(jw, g.Nodes())
		jw.str(",\n  \"edges\": ")
		writeJSONList(jw, g.Edges())
		jw.str("\n}\n")
	} else {
		jw.str(`{"nodes":`)
		writeJSONList(jw, g.Nodes())
		jw.str(`,"edges":`)
		writeJSONList(jw, g.Edges())
		jw.str(`}`)
	}
	return jw.err
}

// jsonWriter keeps the first error of a run of writes.
type jsonWriter struct {
	w        io.Writer
	indented bool
	err      error
}

func (jw *jsonWriter) str(s string) {
	if jw.err == nil {
		_, jw.err = io.WriteString(jw.w, s)
	}
}

func (jw *jsonWriter) value(v any) {
	if jw.err != nil {
		return
	}
	var b []byte
	if jw.indented {
		b, jw.err = json.MarshalIndent(v, "    ", "  ")
	} else {
		b, jw.err = json.Marshal(v)
	}
	if jw.err == nil {
		_, jw.err = jw.w.Write(b)
	}
}

// writeJSONList writes items as json.Marshal writes the slice, or as an
// indenting encoder writes it as a field of the top-level object.
func writeJSONList[T any](jw *jsonWriter, items []T) {
	switch {
	case items == nil:
		jw.str("null")
		return
	case len(items) == 0:
		jw.str("[]")
		return
	}
	jw.str("[")
	for i, item := range items {
		switch {
		case jw.indented && i == 0:
			jw.str("\n    ")
		case jw.indented:
			jw.str(",\n    ")
		case i > 0:
			jw.str(",")
		}
		jw.value(item)
	}
	if jw.indented {
		jw.str("\n  ]")
	} else {
		jw.str("]")
	}
}
