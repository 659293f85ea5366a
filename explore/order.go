package explore

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Orders lists can be sorted by besides name.
const (
	OrderName            = "NAME"
	OrderDegree          = "DEGREE"
	OrderPageRank        = "PAGERANK"
	OrderBetweenness     = "BETWEENNESS"
	OrderPartnerCount    = "PARTNER_COUNT"
	OrderInitiativeCount = "INITIATIVE_COUNT"
	OrderFundingTotal    = "FUNDING_TOTAL"
)

// Order sorts a list by a measure; ties go by id so the order is total.
type Order struct {
	Field string
	Desc  bool
}

// Measure returns the function giving each node's value of an order field.
func (s *Service) Measure(ctx context.Context, field string) (func(*pg.Node) float64, error) {
	if b := s.bounded(); b != nil && (field == OrderInitiativeCount || field == OrderFundingTotal) {
		return s.measureBounded(ctx, b, field)
	}
	var m *Metrics
	var g *pg.Graph
	var err error
	switch field {
	case OrderInitiativeCount, OrderFundingTotal:
		// Read over the whole graph: what a store keeping measures on
		// its nodes does not hold.
		if g, _, err = s.Snapshot(ctx); err != nil {
			return nil, err
		}
	case OrderDegree, OrderPageRank, OrderBetweenness, OrderPartnerCount:
		if m, err = s.MetricsIfReady(ctx); err != nil {
			if errors.Is(err, ErrMetricsNotReady) {
				return nil, &InputError{fmt.Sprintf("orderBy.field: %s needs the graph's metrics, which are still being computed (metricsReady is false); ask again shortly", field)}
			}
			return nil, err
		}
	}
	switch field {
	case OrderDegree:
		return func(n *pg.Node) float64 { return float64(m.Degree[n.ID]) }, nil
	case OrderPageRank:
		return func(n *pg.Node) float64 { return Rank(m.PageRank[n.ID]) }, nil
	case OrderBetweenness:
		return func(n *pg.Node) float64 { return Rank(m.Betweenness[n.ID]) }, nil
	case OrderInitiativeCount:
		return func(n *pg.Node) float64 { return float64(InitiativeCount(g, n.ID)) }, nil
	case OrderFundingTotal:
		// What an actor gave; what an initiative received.
		return func(n *pg.Node) float64 {
			if n.Kind == pg.KindInitiative {
				return FundingReceived(g, n.ID)
			}
			return FundingGiven(g, n.ID)
		}, nil
	case OrderPartnerCount:
		// An initiative's degree is its ActorCount, an actor's its partners.
		return func(n *pg.Node) float64 { return float64(m.Degree[n.ID]) }, nil
	}
	return nil, &InputError{fmt.Sprintf("orderBy.field: %q cannot order this list", field)}
}

// Rank is a centrality as lists are ordered by it: to 1e-9. PageRank
// stops within a tolerance and sums in floating point, so nodes in the
// same position can get values that differ past that digit; at it they
// tie and fall back to id, the same on every run.
func Rank(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// InitiativeCount is how many distinct initiatives an actor leads, partners in or funds.
func InitiativeCount(g *pg.Graph, id string) int {
	seen := map[string]bool{}
	for _, e := range g.Out(id, participation...) {
		if n := g.Node(e.Target); n != nil && n.Kind == pg.KindInitiative {
			seen[e.Target] = true
		}
	}
	return len(seen)
}

// ActorCount is how many distinct councils and organisations lead, partner
// in or fund an initiative.
func ActorCount(g *pg.Graph, id string) int {
	seen := map[string]bool{}
	for _, e := range g.In(id, participation...) {
		if n := g.Node(e.Source); n != nil && n.Kind.IsActor() {
			seen[e.Source] = true
		}
	}
	return len(seen)
}

// FundingReceived sums the parsed amounts, in pounds, of what went to a node.
func FundingReceived(g *pg.Graph, id string) float64 {
	return sumPounds(g.In(id, pg.EdgeFunded))
}

// FundingGiven sums the parsed amounts, in pounds, of what an actor funded.
func FundingGiven(g *pg.Graph, id string) float64 {
	return sumPounds(g.Out(id, pg.EdgeFunded))
}

func sumPounds(edges []*pg.Edge) float64 {
	total := 0.0
	for _, e := range edges {
		total += Pounds(e)
	}
	return total
}

// Pounds is what a FUNDED relationship adds to a total in pounds: its
// parsed amount when that is in GBP (or names no currency), else nothing.
func Pounds(e *pg.Edge) float64 {
	if e.Amount != nil && (e.Currency == "" || e.Currency == "GBP") {
		return *e.Amount
	}
	return 0
}

// orderedCursor is the keyset position in a measured order: the order,
// the value and the id, so that a page boundary stays put when nodes are added.
func orderedCursor(o Order, v float64, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("v2\x00" + o.Field + "\x00" + strconv.FormatBool(o.Desc) + "\x00" +
		strconv.FormatFloat(v, 'g', -1, 64) + "\x00" + id))
}

func parseOrderedCursor(o Order, c string) (float64, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		p := strings.Split(string(b), "\x00")
		if len(p) == 5 && p[0] == "v2" && p[1] == o.Field && p[2] == strconv.FormatBool(o.Desc) && p[4] != "" {
			// NaN compares false with everything: no position.
			if v, err := strconv.ParseFloat(p[3], 64); err == nil && !math.IsNaN(v) {
				return v, p[4], nil
			}
		}
	}
	return 0, "", &InputError{fmt.Sprintf("cursor %q was not given out for this order", c)}
}

// Page cuts one page out of nodes in (SortKey, id) order, or sorted by
// order when one other than ascending name is given.
func (s *Service) Page(ctx context.Context, all []*pg.Node, w Window, order *Order) (*Page, error) {
	if order != nil && (order.Field != OrderName || order.Desc) {
		return s.pageOrdered(ctx, all, *order, w)
	}
	return PageOfSorted(all, w)
}

// pageOrdered sorts nodes by a measure and cuts one page.
func (s *Service) pageOrdered(ctx context.Context, all []*pg.Node, o Order, w Window) (*Page, error) {
	size, err := w.size()
	if err != nil {
		return nil, err
	}
	measure, err := s.Measure(ctx, o.Field)
	if err != nil {
		return nil, err
	}
	val := make(map[string]float64, len(all))
	for _, n := range all {
		val[n.ID] = measure(n)
	}
	// before reports whether (va, a) comes before (vb, b) in the order.
	before := func(va float64, a string, vb float64, b string) bool {
		if va != vb {
			return (va < vb) != o.Desc
		}
		return a < b
	}
	// Sorted with each value beside its node, not looked up per comparison
	// (a list of every organisation of a large graph is ten thousand).
	type valued struct {
		v float64
		n *pg.Node
	}
	vs := make([]valued, len(all))
	for i, n := range all {
		vs[i] = valued{val[n.ID], n}
	}
	sort.Slice(vs, func(i, j int) bool { return before(vs[i].v, vs[i].n.ID, vs[j].v, vs[j].n.ID) })
	sorted := make([]*pg.Node, len(vs))
	for i, x := range vs {
		sorted[i] = x.n
	}
	cursor := func(n *pg.Node) string { return orderedCursor(o, val[n.ID], n.ID) }
	position := func(c string) (int, error) {
		v, id, err := parseOrderedCursor(o, c)
		if err != nil {
			return 0, err
		}
		return sort.Search(len(sorted), func(i int) bool {
			n := sorted[i]
			return before(v, id, val[n.ID], n.ID)
		}), nil
	}
	return window(sorted, w, size, cursor, position)
}
