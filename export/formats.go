package export

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"

	"github.com/partnergraph/partnergraph"
)

// WriteCytoscape writes Cytoscape.js elements:
// {"elements":{"nodes":[{"data":{...}}],"edges":[{"data":{...}}]}}.
func WriteCytoscape(w io.Writer, g *partnergraph.Graph, m Measures) error {
	type element struct {
		Data map[string]any `json:"data"`
	}
	var doc struct {
		Elements struct {
			Nodes []element `json:"nodes"`
			Edges []element `json:"edges"`
		} `json:"elements"`
	}
	doc.Elements.Nodes, doc.Elements.Edges = []element{}, []element{}
	for _, n := range g.Nodes() {
		d := nodeAttributes(n, m)
		d["id"] = n.ID
		doc.Elements.Nodes = append(doc.Elements.Nodes, element{d})
	}
	for _, e := range g.Edges() {
		d := edgeAttributes(e)
		d["id"], d["source"], d["target"] = e.ID, e.Source, e.Target
		doc.Elements.Edges = append(doc.Elements.Edges, element{d})
	}
	return json.NewEncoder(w).Encode(doc)
}

// WriteGraphology writes graphology's serialised format.
func WriteGraphology(w io.Writer, g *partnergraph.Graph, m Measures) error {
	type node struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	}
	type edge struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Attributes map[string]any `json:"attributes"`
	}
	doc := struct {
		Attributes map[string]any `json:"attributes"`
		Options    map[string]any `json:"options"`
		Nodes      []node         `json:"nodes"`
		Edges      []edge         `json:"edges"`
	}{
		Attributes: map[string]any{"name": "partnergraph"},
		Options:    map[string]any{"type": "directed", "multi": false, "allowSelfLoops": false},
		Nodes:      []node{}, Edges: []edge{},
	}
	for _, n := range g.Nodes() {
		doc.Nodes = append(doc.Nodes, node{n.ID, nodeAttributes(n, m)})
	}
	for _, e := range g.Edges() {
		doc.Edges = append(doc.Edges, edge{e.ID, e.Source, e.Target, edgeAttributes(e)})
	}
	return json.NewEncoder(w).Encode(doc)
}

// attributeTable is the graph flattened for XML formats, which declare
// every attribute with its type before the nodes and edges that use it.
type attributeTable struct {
	nodes                []*partnergraph.Node
	edges                []*partnergraph.Edge
	nodeRows, edgeRows   [][]attribute // per node / edge, sorted by key
	nodeKeys, edgeKeys   []string
	nodeTypes, edgeTypes map[string]string
}

// attribute is one key and its value written as text.
type attribute struct{ key, value string }

func newAttributeTable(g *partnergraph.Graph, m Measures) *attributeTable {
	t := &attributeTable{nodes: g.Nodes(), edges: g.Edges()}
	var nrows, erows []map[string]any
	for _, n := range t.nodes {
		nrows = append(nrows, nodeAttributes(n, m))
	}
	for _, e := range t.edges {
		erows = append(erows, edgeAttributes(e))
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
func WriteGraphML(w io.Writer, g *partnergraph.Graph, m Measures) error {
	var doc graphML
	doc.XMLNS = "http://graphml.graphdrawing.org/xmlns"
	doc.Graph.ID, doc.Graph.EdgeDefault = "partnergraph", "directed"
	t := newAttributeTable(g, m)
	for _, k := range t.nodeKeys {
		doc.Keys = append(doc.Keys, graphMLKey{"n_" + k, "node", k, t.nodeTypes[k]})
	}
	for _, k := range t.edgeKeys {
		doc.Keys = append(doc.Keys, graphMLKey{"e_" + k, "edge", k, t.edgeTypes[k]})
	}
	for i, n := range t.nodes {
		gn := graphMLNode{ID: n.ID}
		for _, a := range t.nodeRows[i] {
			gn.Data = append(gn.Data, graphMLData{"n_" + a.key, a.value})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range t.edges {
		ge := graphMLEdge{ID: e.ID, Source: e.Source, Target: e.Target}
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

// GEXF 1.3 document structure.
type gexf struct {
	XMLName xml.Name `xml:"gexf"`
	XMLNS   string   `xml:"xmlns,attr"`
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
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

// WriteGEXF writes GEXF 1.3 with declared node and edge attributes.
func WriteGEXF(w io.Writer, g *partnergraph.Graph, m Measures) error {
	var doc gexf
	doc.XMLNS, doc.Version = "http://gexf.net/1.3", "1.3"
	doc.Meta.Creator, doc.Meta.Description = "partnergraph", "Councils, partner organisations, funders and initiatives"
	doc.Graph.DefaultEdgeType, doc.Graph.Mode = "directed", "static"
	t := newAttributeTable(g, m)
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
		gn := gexfNode{ID: n.ID, Label: n.Name}
		for _, a := range t.nodeRows[i] {
			gn.Values = append(gn.Values, gexfValue{a.key, a.value})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range t.edges {
		ge := gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Label: string(e.Kind)}
		for _, a := range t.edgeRows[i] {
			ge.Values = append(ge.Values, gexfValue{a.key, a.value})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, doc)
}
