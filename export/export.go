// Package export writes the partnership graph in the formats visualisation
// tools read: our own JSON, Cytoscape.js elements, graphology's serialised
// graph, GraphML (yEd, Gephi, NetworkX) and GEXF (Gephi).
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Format is one way of writing the graph.
type Format struct {
	Name        string // as given to --format
	File        string // the file name served under /export/
	ContentType string
	Write       func(w io.Writer, g *partnergraph.Graph, m Measures) error
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

// WriteJSON writes the interchange format, indented for people.
func WriteJSON(w io.Writer, g *partnergraph.Graph, _ Measures) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(g)
}

// attributes flattens a node into the scalar attributes that formats
// without nesting can hold: evidence becomes a count and the first quote.
func nodeAttributes(n *partnergraph.Node, m Measures) map[string]any {
	a := n.Properties()
	for k, v := range m[n.ID] {
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
// and the relationships between the nodes kept.
type Filter struct {
	Kinds, Sectors, Regions, Nations, Themes, Documents []string
}

// FilterFromQuery reads a filter from URL query parameters kind, sector,
// region, nation, theme and document (each repeatable or comma-separated).
func FilterFromQuery(q url.Values) (Filter, error) {
	get := func(name string) []string {
		var out []string
		for _, v := range q[name] {
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		}
		return out
	}
	f := Filter{Kinds: get("kind"), Sectors: get("sector"), Regions: get("region"), Nations: get("nation"),
		Themes: get("theme"), Documents: get("document")}
	for _, k := range f.Kinds {
		if !partnergraph.Kind(k).Valid() {
			return f, fmt.Errorf("kind %q: want one of %v", k, partnergraph.Kinds)
		}
	}
	for _, s := range f.Sectors {
		if !partnergraph.Sector(s).Valid() {
			return f, fmt.Errorf("sector %q: want one of %v", s, partnergraph.Sectors)
		}
	}
	for name := range q {
		if !slices.Contains([]string{"kind", "sector", "region", "nation", "theme", "document"}, name) {
			return f, fmt.Errorf("unknown parameter %q (filters: kind, sector, region, nation, theme, document)", name)
		}
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
