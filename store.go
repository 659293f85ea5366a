package partnergraph

import (
	"context"
	"errors"
)

// ErrNotFound is returned (wrapped) when an id names no node.
var ErrNotFound = errors.New("not found")

// Direction selects which relationships of a node to read.
type Direction int

const (
	// Outgoing relationships start at the node.
	Outgoing Direction = iota
	// Incoming relationships end at the node.
	Incoming
	// Both directions.
	Both
)

// EdgeQuery asks for the relationships touching any of NodeIDs in the given
// direction, optionally only of the given kinds. It takes many ids at once so
// that per-request dataloaders can batch what a nested GraphQL query needs.
type EdgeQuery struct {
	NodeIDs   []string
	Direction Direction
	Kinds     []EdgeKind // empty: every kind
}

// ListQuery asks for one page of nodes in a stable order: by SortKey(name),
// then id. After is the (sortKey, id) position of the last node of the
// previous page; an empty After starts at the beginning. Limit <= 0 means no limit.
type ListQuery struct {
	Kinds    []Kind // empty: every kind
	AfterKey string
	AfterID  string
	Limit    int
}

// SearchHit is one node matched by a text search.
type SearchHit struct {
	Node *Node
	// Field is the field that matched: "name" or "alias".
	Field string
	// Matched is the text of that field.
	Matched string
	// Score ranks hits: higher is better, 1 is an exact match of the normalised text.
	Score float64
}

// ReplaceStats reports what a Replace changed.
type ReplaceStats struct {
	NodesCreated, NodesUpdated, NodesDeleted int
	EdgesCreated, EdgesUpdated, EdgesDeleted int
}

// Store holds one partnership graph. Implementations: package inmem (the
// embedded default) and package neo4j (production). Both must give the same
// answers to the same calls; storetest holds the contract suite that checks it.
type Store interface {
	// Replace makes g the whole content of the store. It is atomic for
	// readers: they see the old graph or the new one, never a mix, and when
	// Replace fails the old graph is left whole. Replacing with an identical
	// graph changes nothing.
	Replace(ctx context.Context, g *Graph) (ReplaceStats, error)

	// Nodes returns the nodes with the given ids in the same order, with nil
	// where no node has that id. The nodes may be the store's own (inmem
	// does not copy them, as this is on most requests' path): callers must
	// treat them as read-only and copy (CloneNode) before changing one.
	Nodes(ctx context.Context, ids []string) ([]*Node, error)

	// Edges returns the relationships that match q, sorted by id, each once.
	// Like Nodes, they may be the store's own: callers must treat them and
	// their evidence as read-only.
	Edges(ctx context.Context, q EdgeQuery) ([]*Edge, error)

	// List returns one page of nodes ordered by (SortKey(Name), ID), and the
	// number of nodes of those kinds in all.
	List(ctx context.Context, q ListQuery) (nodes []*Node, total int, err error)

	// Search finds nodes whose name or aliases match text, tolerant of case,
	// accents, punctuation and small typos, best first, at most limit hits.
	Search(ctx context.Context, text string, kinds []Kind, limit int) ([]SearchHit, error)

	// Snapshot returns the whole graph. Callers must not modify it. Exports and
	// graph algorithms (paths, centrality, communities) read it.
	Snapshot(ctx context.Context) (*Graph, error)

	// Version identifies the content: equal versions mean equal graphs. It
	// keys caches of derived data such as analytics.
	Version(ctx context.Context) (string, error)

	// Close releases connections.
	Close(ctx context.Context) error
}

// LocalStore is implemented by stores whose reads are lookups in this
// process's memory (inmem), not round trips to a database (neo4j). The
// GraphQL layer then reads what a request needs as it meets it, one field
// after another on the request's goroutine, instead of gathering the
// reads of sibling fields into batches in goroutines of their own: a
// batch saves round trips, and a local read has none to save.
type LocalStore interface {
	// LocalReads marks the store; it does nothing.
	LocalReads()
}

// StoredMeasures are the analytics a store keeps with its graph, computed
// once per load (degree, community, PageRank and betweenness by node id),
// and the version of the graph they were computed over.
type StoredMeasures struct {
	Version     string
	Degree      map[string]int
	Community   map[string]int
	PageRank    map[string]float64
	Betweenness map[string]float64
}

// MeasureStore is implemented by stores that keep analytics on the nodes
// (the Neo4j store, loaded with them): the service reads them instead of
// computing them over a whole-graph Snapshot.
type MeasureStore interface {
	// StoredMeasures returns the measures stored with the current graph in
	// one bounded read of the nodes' measure properties, or nil when the
	// graph was loaded without them.
	StoredMeasures(ctx context.Context) (*StoredMeasures, error)
}

// Counts are a graph's statistics: nodes by kind, sector, region, nation
// and theme, relationships by kind, and the parsed GBP amounts of its
// FUNDED relationships in id order.
type Counts struct {
	Nodes, Edges, Sectors, Regions, Nations, Themes map[string]int
	// Pounds are the FUNDED relationships' amounts in GBP (0 when none or
	// another currency), in relationship id order, so sums add up alike.
	Pounds []float64
}

// CountStore is implemented by stores that count their graph with
// aggregate queries (the Neo4j store), so statistics need no Snapshot.
type CountStore interface {
	Counts(ctx context.Context) (*Counts, error)
}

// BoundedStore is implemented by stores whose whole-graph Snapshot is a
// costly read (the Neo4j store). The service then answers paths, networks,
// similar councils, funding flows and the orders by initiative count and
// funding total from bounded reads — Nodes and Edges of the nodes each
// question reaches, and these two — never from a Snapshot.
type BoundedStore interface {
	// EdgesOfKind returns every relationship of one kind, sorted by id,
	// in one read (FUNDED: what funding flows and totals are made of).
	EdgesOfKind(ctx context.Context, kind EdgeKind) ([]*Edge, error)
	// InitiativeCounts returns, for every node that leads, partners in or
	// funds an initiative, how many distinct initiatives it does so for,
	// in one aggregate read; nodes that do none are absent.
	InitiativeCounts(ctx context.Context) (map[string]int, error)
	// Around returns every relationship touching the nodes with the given
	// ids, either way, sorted by id, each once, and the nodes at their
	// other ends (by id): what Edges and Nodes would give, in one read
	// per walk level.
	Around(ctx context.Context, ids []string) ([]*Edge, map[string]*Node, error)
	// Between returns the relationships whose two ends both are among the
	// given ids, sorted by id: a drawn network's edges, without reading
	// every relationship of its hubs.
	Between(ctx context.Context, ids []string) ([]*Edge, error)
}

// Catalogue is what lists filter, order, page and count by, for every
// node of one loaded graph: the nodes with only ID, Kind, Name, Aliases,
// Sector, Region, Nation, CouncilType and Theme set (no evidence and no
// other property), in (SortKey(Name), ID) order, and that graph's version.
type Catalogue struct {
	Version string
	Nodes   []*Node
}

// CatalogueStore is implemented by stores whose whole list of a kind is a
// costly read (the Neo4j store): lists with filters, orders or counts are
// then cut from the catalogue, and only the nodes of the page are read.
type CatalogueStore interface {
	// Catalogue reads the current graph's catalogue in one read of those
	// properties (no relationship), checked to come from one load, or
	// returns nil when the load recorded nothing to check it against.
	Catalogue(ctx context.Context) (*Catalogue, error)
}

// ReadToken says which loaded graph a store's reads see, for
// ConsistentStore: read before and after the reads of one question, two
// tokens that Bracket each other prove those reads all saw one graph.
type ReadToken struct {
	// Version is the loaded graph's version, as Version returns it.
	Version string
	// Seq changes each time a load starts or ends making its commit visible.
	Seq int64
	// Loading is set while a load's commit may be becoming visible: a read
	// then may see part of it.
	Loading bool
}

// Brackets reports whether reads made after t was read and before u was
// read all saw one loaded graph, t's: no load was becoming visible when
// either was read, and none started or ended in between.
func (t ReadToken) Brackets(u ReadToken) bool {
	return !t.Loading && !u.Loading && t == u
}

// ConsistentStore is implemented by stores whose reads each see the latest
// commit, not one snapshot, so that a load committing between two reads of
// one question would show it part of each graph (the Neo4j store). A
// question is then answered between two ReadToken reads and asked again
// unless they bracket it (explore.ReadOneGraph). The in-memory store swaps
// whole graphs and is not one.
type ConsistentStore interface {
	// ReadToken reads the store's token in one small read.
	ReadToken(ctx context.Context) (ReadToken, error)
}

type readTokenKey struct{}

// WithReadToken marks ctx as reading the graph tok names: a store's
// Version under it is tok's, without a read, and what is kept per version
// is keyed by it. explore.ReadOneGraph sets it for each attempt of a
// question; the answer is kept only if a token read after it is the same.
func WithReadToken(ctx context.Context, tok ReadToken) context.Context {
	return context.WithValue(ctx, readTokenKey{}, tok)
}

// ReadTokenOf returns the token ctx reads under, if any.
func ReadTokenOf(ctx context.Context) (ReadToken, bool) {
	t, ok := ctx.Value(readTokenKey{}).(ReadToken)
	return t, ok
}
