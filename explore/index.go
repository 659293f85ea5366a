package explore

import (
	pg "github.com/partnergraph/partnergraph"
)

// graphIndex is a snapshot's nodes by dense index (in id order), each
// with its relationships as arcs to the far end's index: what walks over
// many nodes (Network, Paths) read instead of the graph's maps from ids to
// lists of edge ids, which cost a map lookup and an allocation per node
// visited. Out and in arcs are in edge id order, as Graph.Out and Graph.In
// give them. It is built once per snapshot and never changed.
type graphIndex struct {
	ids     []string
	nodes   []*pg.Node
	of      map[string]int32
	out, in [][]arc
}

// arc is one relationship seen from one end: the other end and the edge.
type arc struct {
	to int32
	e  *pg.Edge
}

func newGraphIndex(g *pg.Graph) *graphIndex {
	nodes := g.Nodes()
	ix := &graphIndex{ids: make([]string, len(nodes)), nodes: nodes, of: make(map[string]int32, len(nodes)),
		out: make([][]arc, len(nodes)), in: make([][]arc, len(nodes))}
	for i, n := range nodes {
		ix.ids[i] = n.ID
		ix.of[n.ID] = int32(i)
	}
	// One backing array for each direction: arcs of a node are contiguous.
	outs, ins := make([]arc, 0, g.EdgeCount()), make([]arc, 0, g.EdgeCount())
	for i, n := range nodes {
		start := len(outs)
		for _, e := range g.Out(n.ID) {
			if j, ok := ix.of[e.Target]; ok {
				outs = append(outs, arc{j, e})
			}
		}
		ix.out[i] = outs[start:len(outs):len(outs)]
		start = len(ins)
		for _, e := range g.In(n.ID) {
			if j, ok := ix.of[e.Source]; ok {
				ins = append(ins, arc{j, e})
			}
		}
		ix.in[i] = ins[start:len(ins):len(ins)]
	}
	return ix
}

// index returns the index of g: the cached snapshot's (built once), or for
// any other graph one built for this call.
func (s *Service) index(g *pg.Graph) *graphIndex {
	s.cache.mu.Lock()
	sn := s.cache.snap
	s.cache.mu.Unlock()
	if sn == nil || sn.g != g {
		return newGraphIndex(g)
	}
	sn.ixOnce.Do(func() { sn.ix = newGraphIndex(g) })
	return sn.ix
}
