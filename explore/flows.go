package explore

import (
	"context"
	"sort"

	pg "github.com/partnergraph/partnergraph"
)

// FundingTotal sums the funding one actor gave or received.
type FundingTotal struct {
	Actor *pg.Node
	// Total sums the parsed amounts in pounds; Count counts relationships,
	// with or without an amount.
	Total float64
	Count int
}

// FundingFlows is every FUNDED relationship with totals per funder and per
// receiving council (a council receives what it or an initiative it leads
// was given, its own funding of its initiatives included; what several
// councils lead together is shared equally between them). The totals add
// up: ByCouncil's plus ToNoCouncil equal GrandTotal, as do ByFunder's.
type FundingFlows struct {
	Flows      []Funding
	ByFunder   []FundingTotal
	ByCouncil  []FundingTotal
	GrandTotal float64
	// ToNoCouncil is what went to organisations, or to initiatives no
	// council leads.
	ToNoCouncil float64
}

// FundingFlows returns who funded whom, biggest totals first.
func (s *Service) FundingFlows(ctx context.Context) (*FundingFlows, error) {
	g, err := s.fundingGraph(ctx)
	if err != nil {
		return nil, err
	}
	out := &FundingFlows{}
	byFunder, byCouncil := map[string]*FundingTotal{}, map[string]*FundingTotal{}
	add := func(totals map[string]*FundingTotal, n *pg.Node, amount float64) {
		t := totals[n.ID]
		if t == nil {
			t = &FundingTotal{Actor: n}
			totals[n.ID] = t
		}
		t.Total += amount
		t.Count++
	}
	for _, e := range g.Edges() {
		if e.Kind != pg.EdgeFunded {
			continue
		}
		funder, recipient := g.Node(e.Source), g.Node(e.Target)
		out.Flows = append(out.Flows, Funding{Funder: funder, Recipient: recipient, Edge: e})
		amount := Pounds(e)
		out.GrandTotal += amount
		add(byFunder, funder, amount)
		councils := map[string]bool{}
		if recipient.Kind == pg.KindCouncil {
			councils[recipient.ID] = true
		}
		// A scheme within a case study is the leading council's too: walk up PART_OF.
		for _, ini := range withAncestors(g, recipient.ID) {
			for _, l := range g.In(ini, pg.EdgeLeads) {
				if g.Node(l.Source).Kind == pg.KindCouncil {
					councils[l.Source] = true
				}
			}
		}
		if len(councils) == 0 {
			out.ToNoCouncil += amount
			continue
		}
		ids := make([]string, 0, len(councils))
		for c := range councils {
			ids = append(ids, c)
		}
		sort.Strings(ids)
		for _, c := range ids {
			add(byCouncil, g.Node(c), amount/float64(len(ids)))
		}
	}
	out.ByFunder, out.ByCouncil = sortedTotals(byFunder), sortedTotals(byCouncil)
	return out, nil
}

// withAncestors is an initiative and every initiative it is PART_OF, nearest first.
func withAncestors(g *pg.Graph, id string) []string {
	out := []string{id}
	seen := map[string]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, e := range g.Out(out[i], pg.EdgePartOf) {
			if n := g.Node(e.Target); n != nil && n.Kind == pg.KindInitiative && !seen[e.Target] {
				seen[e.Target] = true
				out = append(out, e.Target)
			}
		}
	}
	return out
}

func sortedTotals(m map[string]*FundingTotal) []FundingTotal {
	out := make([]FundingTotal, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Actor.ID < b.Actor.ID
	})
	return out
}
