package partnergraph

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
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
	b, jw.err = appendItemJSON(nil, v, jw.indented)
	if jw.err == nil {
		_, jw.err = jw.w.Write(b)
	}
}

// appendItemJSON appends json.Marshal(v)'s bytes, or MarshalIndent's with
// the list items' prefix and indent: nodes and relationships by the
// hand-written encoder (jsonenc.go), anything else by encoding/json.
func appendItemJSON(b []byte, v any, indented bool) ([]byte, error) {
	var compact []byte
	var err error
	switch x := v.(type) {
	case *Node:
		if !indented {
			return appendNodeJSON(b, x)
		}
		compact, err = appendNodeJSON(nil, x)
	case *Edge:
		if !indented {
			return appendEdgeJSON(b, x)
		}
		compact, err = appendEdgeJSON(nil, x)
	default:
		compact, err = json.Marshal(v)
	}
	if err != nil {
		return b, err
	}
	if !indented {
		return append(b, compact...), nil
	}
	// what MarshalIndent does after Marshal
	buf := bytes.NewBuffer(b)
	if err := json.Indent(buf, compact, "    ", "  "); err != nil {
		return b, err
	}
	return buf.Bytes(), nil
}

// writeJSONList writes items as json.Marshal writes the slice, or as an
// indenting encoder writes it as a field of the top-level object. A long
// list is marshalled in parts on every core and written in order, the same
// bytes: the fingerprint of a 1000x graph (over a gigabyte of JSON) was 9 %
// of serve's start-up CPU under perf, all of it on one core. After an
// error, the output may end at an earlier item than a sequential writer's
// would.
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
	if workers := runtime.GOMAXPROCS(0); workers > 1 && len(items) > jsonPart {
		writeJSONParts(jw, items, workers)
	} else {
		for i, item := range items {
			jw.str(itemSeparator(i, jw.indented))
			jw.value(item)
		}
	}
	if jw.indented {
		jw.str("\n  ]")
	} else {
		jw.str("]")
	}
}

// jsonPart is how many items of a list one core marshals at a time
// (a variable so that tests can cut small lists into parts).
var jsonPart = 2048

// itemSeparator is what precedes item i of a list.
func itemSeparator(i int, indented bool) string {
	switch {
	case indented && i == 0:
		return "\n    "
	case indented:
		return ",\n    "
	case i > 0:
		return ","
	}
	return ""
}

// writeJSONParts writes items in parts of jsonPart, workers parts
// marshalled side by side at a time, each written once those before it are.
func writeJSONParts[T any](jw *jsonWriter, items []T, workers int) {
	parts := (len(items) + jsonPart - 1) / jsonPart
	bufs := make([][]byte, workers)
	errs := make([]error, workers)
	for first := 0; first < parts && jw.err == nil; first += workers {
		n := min(workers, parts-first)
		var wg sync.WaitGroup
		for k := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				lo := (first + k) * jsonPart
				bufs[k], errs[k] = marshalItems(bufs[k][:0], items[lo:min(len(items), lo+jsonPart)], lo, jw.indented)
			}()
		}
		wg.Wait()
		for k := range n {
			if jw.err != nil {
				return
			}
			if errs[k] != nil {
				jw.err = errs[k]
				return
			}
			_, jw.err = jw.w.Write(bufs[k])
		}
	}
}

// marshalItems appends to b the items, the first of which is item start of
// its list, each after its separator.
func marshalItems[T any](b []byte, items []T, start int, indented bool) ([]byte, error) {
	for i, item := range items {
		b = append(b, itemSeparator(start+i, indented)...)
		var err error
		if b, err = appendItemJSON(b, item, indented); err != nil {
			return b, err
		}
	}
	return b, nil
}
