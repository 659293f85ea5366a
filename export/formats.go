package export

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
)

// table is what the drawing formats write: the nodes with their flat
// attributes and a position, and the edges, either the graph's
// relationships or, for the collaboration projection, the ties.
type table struct {
	directed bool
	nodes    []nodeRow
	edges    []edgeRow
}

type nodeRow struct {
	id, label string
	attrs     map[string]any
	pos       Point
}

type edgeRow struct {
	id, source, target, kind string
	attrs                    map[string]any
}

func newTable(in *Input) *table {
	t := &table{directed: !in.Collaboration}
	kept := map[string]bool{}
	for _, n := range in.Graph.Nodes() {
		if in.Collaboration && !n.Kind.IsActor() {
			continue
		}
		kept[n.ID] = true
		t.nodes = append(t.nodes, nodeRow{id: n.ID, label: n.Name, attrs: nodeAttributes(n, in.Measures)})
	}
	if in.Collaboration {
		for _, tie := range in.Ties {
			a, b := tie.A, tie.B
			if a > b {
				a, b = b, a
			}
			if a == b || !kept[a] || !kept[b] {
				continue
			}
			t.edges = append(t.edges, edgeRow{id: "COLLABORATED:" + a + "--" + b, source: a, target: b, kind: "COLLABORATED",
				attrs: map[string]any{"kind": "COLLABORATED", "weight": Round(tie.Weight), "evidenceCount": tie.EvidenceCount}})
		}
		sort.Slice(t.edges, func(i, j int) bool { return t.edges[i].id < t.edges[j].id })
		t.edges = slices.CompactFunc(t.edges, func(x, y edgeRow) bool { return x.id == y.id })
	} else {
		for _, e := range in.Graph.Edges() {
			t.edges = append(t.edges, edgeRow{id: e.ID, source: e.Source, target: e.Target, kind: string(e.Kind), attrs: edgeAttributes(e)})
		}
	}
	var ids []string
	for _, n := range t.nodes {
		ids = append(ids, n.id)
	}
	var links []LayoutEdge
	for _, e := range t.edges {
		w := 1.0
		if x, ok := e.attrs["weight"].(float64); ok {
			w = x
		}
		links = append(links, LayoutEdge{e.source, e.target, w})
	}
	pos := Layout(ids, links)
	for i := range t.nodes {
		t.nodes[i].pos = pos[t.nodes[i].id]
		t.nodes[i].attrs["x"], t.nodes[i].attrs["y"] = t.nodes[i].pos.X, t.nodes[i].pos.Y
	}
	return t
}

// WriteCytoscape writes Cytoscape.js elements:
// {"elements":{"nodes":[{"data":{...},"position":{"x":..,"y":..}}],"edges":[{"data":{...}}]}}.
func WriteCytoscape(w io.Writer, in *Input) error {
	type position struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	}
	type element struct {
		Data     map[string]any `json:"data"`
		Position *position      `json:"position,omitempty"`
	}
	var doc struct {
		Elements struct {
			Nodes []element `json:"nodes"`
			Edges []element `json:"edges"`
		} `json:"elements"`
	}
	t := newTable(in)
	doc.Elements.Nodes, doc.Elements.Edges = []element{}, []element{}
	for _, n := range t.nodes {
		d := n.attrs
		d["id"] = n.id
		doc.Elements.Nodes = append(doc.Elements.Nodes, element{d, &position{n.pos.X, n.pos.Y}})
	}
	for _, e := range t.edges {
		d := e.attrs
		d["id"], d["source"], d["target"] = e.id, e.source, e.target
		doc.Elements.Edges = append(doc.Elements.Edges, element{Data: d})
	}
	return json.NewEncoder(w).Encode(doc)
}

// WriteGraphology writes graphology's serialised format, which
// Graph.from() reads as it is: a directed multigraph of the relationships
// (two bodies can be joined by several kinds of relationship), or an
// undirected simple graph for the collaboration projection. Nodes carry x,
// y and size, what Sigma.js draws with.
func WriteGraphology(w io.Writer, in *Input) error {
	type node struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	}
	type edge struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Undirected bool           `json:"undirected,omitempty"`
		Attributes map[string]any `json:"attributes"`
	}
	t := newTable(in)
	options := map[string]any{"type": "directed", "multi": true, "allowSelfLoops": true}
	if !t.directed {
		options = map[string]any{"type": "undirected", "multi": false, "allowSelfLoops": false}
	}
	doc := struct {
		Attributes map[string]any `json:"attributes"`
		Options    map[string]any `json:"options"`
		Nodes      []node         `json:"nodes"`
		Edges      []edge         `json:"edges"`
	}{
		Attributes: map[string]any{"name": "partnergraph"},
		Options:    options,
		Nodes:      []node{}, Edges: []edge{},
	}
	for _, n := range t.nodes {
		a := n.attrs
		deg := 0
		if d, ok := a["degree"].(int); ok {
			deg = d
		}
		a["size"] = Round(3 + 2*math.Sqrt(float64(deg)))
		doc.Nodes = append(doc.Nodes, node{n.id, a})
	}
	for _, e := range t.edges {
		doc.Edges = append(doc.Edges, edge{e.id, e.source, e.target, !t.directed, e.attrs})
	}
	return json.NewEncoder(w).Encode(doc)
}

// attributeTable is the graph flattened for XML formats, which declare
// every attribute with its type before the nodes and edges that use it.
type attributeTable struct {
	*table
	nodeRows, edgeRows   [][]attribute // per node / edge, sorted by key
	nodeKeys, edgeKeys   []string
	nodeTypes, edgeTypes map[string]string
}

// attribute is one key and its value written as text.
type attribute struct{ key, value string }

func newAttributeTable(in *Input) *attributeTable {
	t := &attributeTable{table: newTable(in)}
	var nrows, erows []map[string]any
	for _, n := range t.nodes {
		nrows = append(nrows, n.attrs)
	}
	for _, e := range t.edges {
		erows = append(erows, e.attrs)
	}
	t.nodeKeys, t.nodeTypes = attrKeys(nrows)
	t.edgeKeys, t.edgeTypes = attrKeys(erows)
	t.nodeRows, t.edgeRows = textRows(nrows), textRows(erows)
	return t
}

func textRows(rows []map[string]any) [][]attribute {
	out := make([][]attribute, len(rows))
	for i, r := range rows {
		for _, k := range sortedKeys(r) {
			out[i] = append(out[i], attribute{k, scalar(r[k])})
		}
	}
	return out
}

// attrKeys collects every attribute name with the type it has, for the
// declarations GraphML and GEXF need up front.
func attrKeys(rows []map[string]any) ([]string, map[string]string) {
	types := map[string]string{}
	for _, r := range rows {
		for k, v := range r {
			t := "string"
			switch v.(type) {
			case int, int64:
				t = "int"
			case float64:
				t = "double"
			case bool:
				t = "boolean"
			}
			if old, ok := types[k]; ok && old != t {
				t = "string"
			}
			types[k] = t
		}
	}
	keys := make([]string, 0, len(types))
	for k := range types {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, types
}

func scalar(v any) string {
	switch x := v.(type) {
	case float64:
		return fmt.Sprintf("%g", x)
	default:
		return fmt.Sprint(x)
	}
}

// GraphML document structure.
type graphML struct {
	XMLName xml.Name     `xml:"graphml"`
	XMLNS   string       `xml:"xmlns,attr"`
	Keys    []graphMLKey `xml:"key"`
	Graph   struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Nodes       []graphMLNode `xml:"node"`
		Edges       []graphMLEdge `xml:"edge"`
	} `xml:"graph"`
}

type graphMLKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphMLNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphMLData `xml:"data"`
}

type graphMLEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphMLData `xml:"data"`
}

// WriteGraphML writes GraphML with a typed key for every attribute.
func WriteGraphML(w io.Writer, in *Input) error {
	var doc graphML
	doc.XMLNS = "http://graphml.graphdrawing.org/xmlns"
	t := newAttributeTable(in)
	doc.Graph.ID, doc.Graph.EdgeDefault = "partnergraph", "directed"
	if !t.directed {
		doc.Graph.EdgeDefault = "undirected"
	}
	for _, k := range t.nodeKeys {
		doc.Keys = append(doc.Keys, graphMLKey{"n_" + k, "node", k, t.nodeTypes[k]})
	}
	for _, k := range t.edgeKeys {
		doc.Keys = append(doc.Keys, graphMLKey{"e_" + k, "edge", k, t.edgeTypes[k]})
	}
	for i, n := range t.nodes {
		gn := graphMLNode{ID: n.id}
		for _, a := range t.nodeRows[i] {
			gn.Data = append(gn.Data, graphMLData{"n_" + a.key, a.value})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range t.edges {
		ge := graphMLEdge{ID: e.id, Source: e.source, Target: e.target}
		for _, a := range t.edgeRows[i] {
			ge.Data = append(ge.Data, graphMLData{"e_" + a.key, a.value})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// GEXF 1.2 document structure: the version that networkx reads by default
// and Gephi reads too.
type gexf struct {
	XMLName xml.Name `xml:"gexf"`
	XMLNS   string   `xml:"xmlns,attr"`
	Viz     string   `xml:"xmlns:viz,attr"`
	Version string   `xml:"version,attr"`
	Meta    struct {
		Creator     string `xml:"creator"`
		Description string `xml:"description"`
	} `xml:"meta"`
	Graph struct {
		DefaultEdgeType string           `xml:"defaultedgetype,attr"`
		Mode            string           `xml:"mode,attr"`
		Attributes      []gexfAttributes `xml:"attributes"`
		Nodes           []gexfNode       `xml:"nodes>node"`
		Edges           []gexfEdge       `xml:"edges>edge"`
	} `xml:"graph"`
}

type gexfAttributes struct {
	Class string          `xml:"class,attr"`
	Attrs []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfNode struct {
	ID       string      `xml:"id,attr"`
	Label    string      `xml:"label,attr"`
	Values   []gexfValue `xml:"attvalues>attvalue"`
	Position gexfPos     `xml:"viz:position"`
}

type gexfPos struct {
	X float64 `xml:"x,attr"`
	Y float64 `xml:"y,attr"`
	Z float64 `xml:"z,attr"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

// WriteGEXF writes GEXF 1.2 with declared node and edge attributes.
func WriteGEXF(w io.Writer, in *Input) error {
	var doc gexf
	doc.XMLNS, doc.Viz, doc.Version = "http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz", "1.2"
	doc.Meta.Creator, doc.Meta.Description = "partnergraph", "Councils, partner organisations, funders and initiatives"
	t := newAttributeTable(in)
	doc.Graph.DefaultEdgeType, doc.Graph.Mode = "directed", "static"
	if !t.directed {
		doc.Graph.DefaultEdgeType = "undirected"
	}
	gexfType := map[string]string{"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}
	na, ea := gexfAttributes{Class: "node"}, gexfAttributes{Class: "edge"}
	for _, k := range t.nodeKeys {
		na.Attrs = append(na.Attrs, gexfAttribute{k, k, gexfType[t.nodeTypes[k]]})
	}
	for _, k := range t.edgeKeys {
		ea.Attrs = append(ea.Attrs, gexfAttribute{k, k, gexfType[t.edgeTypes[k]]})
	}
	doc.Graph.Attributes = []gexfAttributes{na, ea}
	for i, n := range t.nodes {
		gn := gexfNode{ID: n.id, Label: n.label, Position: gexfPos{X: n.pos.X, Y: n.pos.Y}}
		for _, a := range t.nodeRows[i] {
			gn.Values = append(gn.Values, gexfValue{a.key, a.value})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range t.edges {
		ge := gexfEdge{ID: e.id, Source: e.source, Target: e.target, Label: e.kind}
		for _, a := range t.edgeRows[i] {
			ge.Values = append(ge.Values, gexfValue{a.key, a.value})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, doc)
}
