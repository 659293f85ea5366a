// Package export writes the partnership graph in the formats visualisation
// tools read: our own JSON, Cytoscape.js elements, graphology's serialised
// graph, GraphML (yEd, Gephi, NetworkX) and GEXF (Gephi).
package export

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
)

// Format is one way of writing the graph.
type Format struct {
	Name        string // as given to --format
	File        string // the file name served under /export/
	ContentType string
	Write       func(w io.Writer, in *Input) error
}

// Input is what a format writes: a graph, its nodes' measures, and, for
// the collaboration projection, the ties between actors.
type Input struct {
	Graph    *partnergraph.Graph
	Measures Measures
	// Collaboration asks for the collaboration projection: the councils and
	// organisations of Graph only, joined by Ties (one undirected edge a
	// pair, kind COLLABORATED) instead of Graph's relationships.
	Collaboration bool
	Ties          []Tie
}

// Tie is an edge of the collaboration projection: two actors that took
// part in the same initiatives (Weight of them) or one funded the other.
type Tie struct {
	A, B          string
	Weight        float64
	EvidenceCount int
}

// Measures are attributes of nodes measured over the whole graph (degree,
// PageRank, betweenness, community), by node id. The flat formats carry
// them beside each node's properties, so that Gephi, Sigma.js and
// Cytoscape can size and colour by them as they open the file; graph.json,
// the interchange format, holds the graph alone.
type Measures map[string]map[string]any

// Formats lists every format, in the order help texts show them.
var Formats = []Format{
	{"json", "graph.json", "application/json", WriteJSON},
	{"cytoscape", "cytoscape.json", "application/json", WriteCytoscape},
	{"graphology", "graphology.json", "application/json", WriteGraphology},
	{"graphml", "graph.graphml", "application/graphml+xml", WriteGraphML},
	{"gexf", "graph.gexf", "application/gexf+xml", WriteGEXF},
}

// Lookup finds a format by name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// ByFile finds a format by the file name it is served as.
func ByFile(file string) (Format, bool) {
	for _, f := range Formats {
		if f.File == file {
			return f, true
		}
	}
	return Format{}, false
}

// Names lists the format names.
func Names() []string {
	var out []string
	for _, f := range Formats {
		out = append(out, f.Name)
	}
	return out
}

// WriteJSON writes the interchange format, indented for people. It holds
// the graph itself, so it has no collaboration projection.
func WriteJSON(w io.Writer, in *Input) error {
	if in.Collaboration {
		return &ParamError{"projection: graph.json is the graph itself; the collaboration projection is written by cytoscape.json, graphology.json, graph.graphml and graph.gexf"}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := in.Graph.WriteJSON(bw, true); err != nil {
		return err
	}
	return bw.Flush()
}

// ParamError is an export asked for with a bad parameter.
type ParamError struct{ Msg string }

func (e *ParamError) Error() string { return e.Msg }

// attributes flattens a node into the scalar attributes that formats
// without nesting can hold: evidence becomes a count and the first quote.
func nodeAttributes(n *partnergraph.Node, m Measures) map[string]any {
	a := n.Properties()
	for k, v := range m[n.ID] {
		if f, ok := v.(float64); ok {
			v = Round(f)
		}
		a[k] = v
	}
	a["label"], a["kind"], a["evidenceCount"] = n.Name, string(n.Kind), len(n.Evidence)
	if len(n.Aliases) > 0 {
		a["aliases"] = strings.Join(n.Aliases, "; ")
	}
	if len(n.Evidence) > 0 {
		a["quote"] = n.Evidence[0].Quote
	}
	return a
}

func edgeAttributes(e *partnergraph.Edge) map[string]any {
	a := map[string]any{"kind": string(e.Kind), "evidenceCount": len(e.Evidence)}
	if e.AmountText != "" {
		a["amountText"] = e.AmountText
	}
	if e.Amount != nil {
		a["amount"] = *e.Amount
		a["currency"] = e.Currency
	}
	if e.Kind == partnergraph.EdgeFunded {
		a["inKind"] = e.InKind
	}
	if len(e.Evidence) > 0 {
		a["quote"] = e.Evidence[0].Quote
		a["file"] = e.Evidence[0].File
		a["lineStart"] = e.Evidence[0].LineStart
	}
	return a
}

// Filter selects part of the graph: nodes of the given kinds, sectors,
// regions, nations, themes or documents (each list empty: no condition),
// and the relationships between the nodes kept. Collaboration asks for the
// collaboration projection (see Input).
type Filter struct {
	Kinds, Sectors, Regions, Nations, Themes, Documents []string
	Collaboration                                       bool
}

// Params are the query parameters FilterFromQuery reads.
var Params = []string{"kind", "sector", "region", "nation", "theme", "document", "projection"}

// FilterFromQuery reads a filter from URL query parameters kind, sector,
// region, nation, theme and document (each repeatable or comma-separated)
// and projection (bipartite, the default, or collaboration). Names and the
// values of kind, sector and projection are read without regard to case,
// so GraphQL's enum names (COUNCIL, ORGANISATION, COLLABORATION) work as
// well as the labels (Council) and the lower case (council); kinds and
// sectors come back spelled as the graph spells them.
func FilterFromQuery(q url.Values) (Filter, error) {
	values := map[string][]string{}
	for name, vs := range q {
		lower := strings.ToLower(name)
		if !slices.Contains(Params, lower) {
			return Filter{}, &ParamError{fmt.Sprintf("unknown parameter %q (filters: %s)", name, strings.Join(Params, ", "))}
		}
		for _, v := range vs {
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					values[lower] = append(values[lower], p)
				}
			}
		}
	}
	f := Filter{Regions: values["region"], Nations: values["nation"], Themes: values["theme"], Documents: values["document"]}
	for _, k := range values["kind"] {
		i := slices.IndexFunc(partnergraph.Kinds, func(known partnergraph.Kind) bool { return strings.EqualFold(string(known), k) })
		if i < 0 {
			return f, &ParamError{fmt.Sprintf("kind %q: want one of %v (any case)", k, partnergraph.Kinds)}
		}
		f.Kinds = append(f.Kinds, string(partnergraph.Kinds[i]))
	}
	for _, s := range values["sector"] {
		i := slices.IndexFunc(partnergraph.Sectors, func(known partnergraph.Sector) bool { return strings.EqualFold(string(known), s) })
		if i < 0 {
			return f, &ParamError{fmt.Sprintf("sector %q: want one of %v (any case)", s, partnergraph.Sectors)}
		}
		f.Sectors = append(f.Sectors, string(partnergraph.Sectors[i]))
	}
	switch p := values["projection"]; {
	case len(p) > 1:
		return f, &ParamError{fmt.Sprintf("projection: give one, not %v", p)}
	case len(p) == 0 || strings.EqualFold(p[0], "bipartite"):
	case strings.EqualFold(p[0], "collaboration"):
		f.Collaboration = true
	default:
		return f, &ParamError{fmt.Sprintf("projection %q: want bipartite or collaboration (any case)", p[0])}
	}
	return f, nil
}

func (f Filter) empty() bool {
	return len(f.Kinds)+len(f.Sectors)+len(f.Regions)+len(f.Nations)+len(f.Themes)+len(f.Documents) == 0
}

// Apply returns the filtered graph (g itself when the filter is empty).
func (f Filter) Apply(g *partnergraph.Graph) *partnergraph.Graph {
	if f.empty() {
		return g
	}
	in := func(list []string, v string) bool {
		if len(list) == 0 {
			return true
		}
		for _, x := range list {
			if strings.EqualFold(x, v) {
				return true
			}
		}
		return false
	}
	out := partnergraph.NewGraph()
	for _, n := range g.Nodes() {
		if !in(f.Kinds, string(n.Kind)) ||
			(len(f.Sectors) > 0 && (n.Kind != partnergraph.KindOrganisation || !in(f.Sectors, string(n.Sector)))) ||
			(len(f.Regions) > 0 && !in(f.Regions, n.Region)) ||
			(len(f.Nations) > 0 && !in(f.Nations, n.Nation)) ||
			(len(f.Themes) > 0 && !in(f.Themes, n.Theme)) {
			continue
		}
		if len(f.Documents) > 0 && !fromDocuments(n, f.Documents) {
			continue
		}
		out.AddNode(n)
	}
	for _, e := range g.Edges() {
		if out.Node(e.Source) != nil && out.Node(e.Target) != nil {
			out.AddEdge(e)
		}
	}
	return out
}

func fromDocuments(n *partnergraph.Node, docs []string) bool {
	for _, ev := range n.Evidence {
		for _, d := range docs {
			if ev.DocumentID == d || ev.File == d {
				return true
			}
		}
	}
	return false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// NewInput is the input for g with the metrics measured over it: every
// node's measures and, when collaboration is asked for, the collaboration
// ties. The ties are only read for the collaboration projection: listing
// them reads every actor's partners, which grows with the square of an
// initiative's partners, and the bipartite projection does not use them.
func NewInput(g *partnergraph.Graph, m *explore.Metrics, collaboration bool) *Input {
	in := &Input{Graph: g, Measures: m.Measures(), Collaboration: collaboration}
	if !collaboration {
		return in
	}
	for _, e := range m.CollaborationEdges() {
		in.Ties = append(in.Ties, Tie{A: e.Source, B: e.Target, Weight: e.Weight, EvidenceCount: e.EvidenceCount})
	}
	return in
}
