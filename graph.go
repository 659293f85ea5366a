package partnergraph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Graph is a whole partnership graph held in memory: what the loader
// produces, what a store replaces its contents with, and what exports and
// graph algorithms read. Nodes and edges are keyed by their stable ids.
// A Graph is not safe for concurrent mutation; once built it is treated as
// read-only and may be shared.
type Graph struct {
	nodes map[string]*Node
	edges map[string]*Edge
	out   map[string][]string // node id -> ids of edges leaving it
	in    map[string][]string // node id -> ids of edges entering it
}

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{
		nodes: map[string]*Node{},
		edges: map[string]*Edge{},
		out:   map[string][]string{},
		in:    map[string][]string{},
	}
}

// EdgeID is the stable id of the relationship of kind k from source to target:
// there is at most one relationship of a kind between two nodes, and its
// evidence accumulates.
func EdgeID(k EdgeKind, source, target string) string {
	return string(k) + ":" + source + "->" + target
}

// AddNode inserts n, or merges it into the node already holding n.ID: aliases
// and evidence are unioned, empty fields are filled. It returns the stored node.
func (g *Graph) AddNode(n *Node) (*Node, error) {
	if n.ID == "" {
		return nil, fmt.Errorf("node %q has no id", n.Name)
	}
	if !n.Kind.Valid() {
		return nil, fmt.Errorf("node %s: unknown kind %q", n.ID, n.Kind)
	}
	old, ok := g.nodes[n.ID]
	if !ok {
		c := *n
		c.Aliases = normaliseAliases(c.Name, c.Aliases)
		c.Evidence = mergeEvidence(nil, c.Evidence)
		g.nodes[n.ID] = &c
		return &c, nil
	}
	if old.Kind != n.Kind {
		return nil, fmt.Errorf("node %s: kind %s conflicts with %s", n.ID, n.Kind, old.Kind)
	}
	mergeNode(old, n)
	return old, nil
}

// AddEdge inserts e (its ID derived from kind, source and target when empty),
// or merges its evidence into the existing relationship. Both ends must exist.
func (g *Graph) AddEdge(e *Edge) (*Edge, error) {
	if !e.Kind.Valid() {
		return nil, fmt.Errorf("edge %s->%s: unknown kind %q", e.Source, e.Target, e.Kind)
	}
	if _, ok := g.nodes[e.Source]; !ok {
		return nil, fmt.Errorf("edge %s: unknown source node %s", e.Kind, e.Source)
	}
	if _, ok := g.nodes[e.Target]; !ok {
		return nil, fmt.Errorf("edge %s: unknown target node %s", e.Kind, e.Target)
	}
	if e.Source == e.Target {
		return nil, fmt.Errorf("edge %s: %s points at itself", e.Kind, e.Source)
	}
	id := EdgeID(e.Kind, e.Source, e.Target)
	if e.ID != "" && e.ID != id {
		return nil, fmt.Errorf("edge id %s does not match its kind and ends (want %s)", e.ID, id)
	}
	if old, ok := g.edges[id]; ok {
		old.Evidence = mergeEvidence(old.Evidence, e.Evidence)
		if e.Confidence > old.Confidence {
			old.Confidence = e.Confidence
		}
		if old.AmountText == "" && e.AmountText != "" {
			old.AmountText, old.Amount, old.Currency = e.AmountText, e.Amount, e.Currency
		}
		old.InKind = old.InKind || e.InKind
		return old, nil
	}
	c := *e
	c.ID = id
	c.Evidence = mergeEvidence(nil, c.Evidence)
	g.edges[id] = &c
	g.out[c.Source] = append(g.out[c.Source], id)
	g.in[c.Target] = append(g.in[c.Target], id)
	return &c, nil
}

// RemoveNode deletes a node and every relationship touching it.
func (g *Graph) RemoveNode(id string) {
	if _, ok := g.nodes[id]; !ok {
		return
	}
	for _, eid := range append(slices.Clone(g.out[id]), g.in[id]...) {
		g.RemoveEdge(eid)
	}
	delete(g.nodes, id)
	delete(g.out, id)
	delete(g.in, id)
}

// RemoveEdge deletes one relationship.
func (g *Graph) RemoveEdge(id string) {
	e, ok := g.edges[id]
	if !ok {
		return
	}
	delete(g.edges, id)
	g.out[e.Source] = slices.DeleteFunc(g.out[e.Source], func(x string) bool { return x == id })
	g.in[e.Target] = slices.DeleteFunc(g.in[e.Target], func(x string) bool { return x == id })
}

// Node returns the node with the given id, or nil.
func (g *Graph) Node(id string) *Node { return g.nodes[id] }

// Edge returns the relationship with the given id, or nil.
func (g *Graph) Edge(id string) *Edge { return g.edges[id] }

// NodeCount and EdgeCount report sizes.
func (g *Graph) NodeCount() int { return len(g.nodes) }
func (g *Graph) EdgeCount() int { return len(g.edges) }

// Nodes returns every node sorted by id, so that iteration is deterministic.
func (g *Graph) Nodes() []*Node {
	out := make([]*Node, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Edges returns every relationship sorted by id.
func (g *Graph) Edges() []*Edge {
	out := make([]*Edge, 0, len(g.edges))
	for _, e := range g.edges {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Out returns the relationships leaving id, sorted by id, optionally only of the given kinds.
func (g *Graph) Out(id string, kinds ...EdgeKind) []*Edge { return g.pick(g.out[id], kinds) }

// In returns the relationships entering id, sorted by id, optionally only of the given kinds.
func (g *Graph) In(id string, kinds ...EdgeKind) []*Edge { return g.pick(g.in[id], kinds) }

func (g *Graph) pick(ids []string, kinds []EdgeKind) []*Edge {
	out := make([]*Edge, 0, len(ids))
	for _, id := range ids {
		e := g.edges[id]
		if len(kinds) == 0 || slices.Contains(kinds, e.Kind) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Clone returns a deep copy, so that a store can hand out a snapshot that a
// caller may not corrupt.
func (g *Graph) Clone() *Graph {
	c := NewGraph()
	for _, n := range g.Nodes() {
		cp := cloneNode(n)
		c.nodes[n.ID] = cp
	}
	for _, e := range g.Edges() {
		cp := *e
		cp.Evidence = slices.Clone(e.Evidence)
		if e.Amount != nil {
			v := *e.Amount
			cp.Amount = &v
		}
		c.edges[e.ID] = &cp
		c.out[e.Source] = append(c.out[e.Source], e.ID)
		c.in[e.Target] = append(c.in[e.Target], e.ID)
	}
	return c
}

func cloneNode(n *Node) *Node {
	cp := *n
	cp.Aliases = slices.Clone(n.Aliases)
	cp.Evidence = slices.Clone(n.Evidence)
	if n.Lat != nil {
		v := *n.Lat
		cp.Lat = &v
	}
	if n.Lon != nil {
		v := *n.Lon
		cp.Lon = &v
	}
	return &cp
}

// CloneNode returns a deep copy of n.
func CloneNode(n *Node) *Node { return cloneNode(n) }

func mergeNode(dst, src *Node) {
	dst.Aliases = normaliseAliases(dst.Name, append(dst.Aliases, append([]string{src.Name}, src.Aliases...)...))
	fill := func(d *string, s string) {
		if *d == "" {
			*d = s
		}
	}
	fill(&dst.OfficialName, src.OfficialName)
	fill(&dst.GSSCode, src.GSSCode)
	fill(&dst.LACode, src.LACode)
	fill(&dst.CouncilType, src.CouncilType)
	fill(&dst.Region, src.Region)
	fill(&dst.Nation, src.Nation)
	fill(&dst.Summary, src.Summary)
	fill(&dst.Theme, src.Theme)
	fill(&dst.Beneficiaries, src.Beneficiaries)
	fill(&dst.Title, src.Title)
	fill(&dst.Publisher, src.Publisher)
	fill(&dst.File, src.File)
	fill(&dst.SHA256, src.SHA256)
	if dst.Sector == "" {
		dst.Sector = src.Sector
	}
	if dst.Year == 0 {
		dst.Year = src.Year
	}
	if dst.Lat == nil {
		dst.Lat = src.Lat
	}
	if dst.Lon == nil {
		dst.Lon = src.Lon
	}
	dst.Evidence = mergeEvidence(dst.Evidence, src.Evidence)
}

// normaliseAliases drops blanks, the name itself and case-insensitive
// duplicates, and sorts, so that the same inputs always give the same list.
func normaliseAliases(name string, aliases []string) []string {
	seen := map[string]bool{strings.ToLower(strings.TrimSpace(name)): true}
	out := []string{}
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		k := strings.ToLower(a)
		if a == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// mergeEvidence unions evidence lists, dropping exact repeats and sorting by
// document and position so that the result does not depend on load order.
func mergeEvidence(a, b []Evidence) []Evidence {
	type key struct {
		doc        string
		start, end int
		quote      string
	}
	seen := map[key]int{}
	out := make([]Evidence, 0, len(a)+len(b))
	for _, e := range append(slices.Clone(a), b...) {
		k := key{e.DocumentID, e.LineStart, e.LineEnd, e.Quote}
		if i, ok := seen[k]; ok {
			if e.Confidence > out[i].Confidence {
				out[i].Confidence = e.Confidence
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.DocumentID != y.DocumentID {
			return x.DocumentID < y.DocumentID
		}
		if x.LineStart != y.LineStart {
			return x.LineStart < y.LineStart
		}
		if x.LineEnd != y.LineEnd {
			return x.LineEnd < y.LineEnd
		}
		return x.Quote < y.Quote
	})
	return out
}

// Degree is the number of relationships touching id.
func (g *Graph) Degree(id string) int { return len(g.out[id]) + len(g.in[id]) }

// NodesUnsorted returns every node in no particular order, for callers that
// only count or index them.
func (g *Graph) NodesUnsorted() []*Node {
	out := make([]*Node, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	return out
}
