package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph/model"
)

// Conversions from the explore package's answers to GraphQL models.

func initiatives(ns []*partnergraph.Node) []model.Initiative {
	out := make([]model.Initiative, 0, len(ns))
	for _, n := range ns {
		out = append(out, model.Initiative{Node: n})
	}
	return out
}

func funding(f explore.Funding) *model.Funding {
	e := f.Edge
	m := &model.Funding{Funder: model.WrapActor(f.Funder), Recipient: model.Wrap(f.Recipient), Amount: e.Amount,
		InKind: e.InKind, Evidence: nonNil(e.Evidence)}
	if e.AmountText != "" {
		m.AmountText = &e.AmountText
	}
	if e.Currency != "" {
		m.Currency = &e.Currency
	}
	return m
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

var kindOf = map[model.NodeKind]partnergraph.Kind{
	model.NodeKindCouncil:      partnergraph.KindCouncil,
	model.NodeKindOrganisation: partnergraph.KindOrganisation,
	model.NodeKindInitiative:   partnergraph.KindInitiative,
	model.NodeKindDocument:     partnergraph.KindDocument,
}

func domainKinds(ks []model.NodeKind) []partnergraph.Kind {
	out := make([]partnergraph.Kind, 0, len(ks))
	for _, k := range ks {
		out = append(out, kindOf[k])
	}
	return out
}

func deref(p *int, d int) int {
	if p == nil {
		return d
	}
	return *p
}

var nodeKindOf = map[partnergraph.Kind]model.NodeKind{
	partnergraph.KindCouncil:      model.NodeKindCouncil,
	partnergraph.KindOrganisation: model.NodeKindOrganisation,
	partnergraph.KindInitiative:   model.NodeKindInitiative,
	partnergraph.KindDocument:     model.NodeKindDocument,
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// networkKey names one network question (its arguments), so that the ids
// of its nodes and edges are its own and not the nodes' global ids.
func networkKey(center string, depth int, kinds []model.NodeKind, proj explore.Projection, limit int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%v\x00%s\x00%d", center, depth, kinds, proj, limit)
	return "network:" + hex.EncodeToString(h.Sum(nil)[:6])
}

func network(n *explore.Network, key string) *model.Network {
	out := &model.Network{Nodes: make([]model.NetworkNode, 0, len(n.Nodes)), Edges: make([]model.NetworkEdge, 0, len(n.Edges)),
		Truncated: n.Truncated, MetricsReady: n.MetricsReady}
	// The network's own ids (key/id) of every node and edge, cut out of
	// one string rather than one allocation each.
	var b strings.Builder
	size := 0
	for _, x := range n.Nodes {
		size += len(key) + 1 + len(x.Node.ID)
	}
	for _, e := range n.Edges {
		size += len(key) + 1 + len(e.ID)
	}
	b.Grow(size)
	for _, x := range n.Nodes {
		b.WriteString(key)
		b.WriteByte('/')
		b.WriteString(x.Node.ID)
	}
	for _, e := range n.Edges {
		b.WriteString(key)
		b.WriteByte('/')
		b.WriteString(e.ID)
	}
	ids, at := b.String(), 0
	cut := func(id string) string {
		s := ids[at : at+len(key)+1+len(id)]
		at += len(s)
		return s
	}
	for _, x := range n.Nodes {
		nn := model.NetworkNode{ID: cut(x.Node.ID), NodeID: x.Node.ID, Label: x.Node.Name, Kind: nodeKindOf[x.Node.Kind],
			Size: 1 + math.Sqrt(float64(x.Degree)), Degree: x.Degree,
			Lat: x.Node.Lat, Lon: x.Node.Lon, Region: optString(x.Node.Region), Theme: optString(x.Node.Theme),
		}
		if n.MetricsReady {
			nn.Community, nn.Pagerank, nn.Betweenness = &x.Community, &x.PageRank, &x.Betweenness
		}
		if x.Node.Kind == partnergraph.KindOrganisation {
			sec := (model.Organisation{Node: x.Node}).Sector()
			nn.Sector = &sec
		}
		out.Nodes = append(out.Nodes, nn)
	}
	for _, e := range n.Edges {
		out.Edges = append(out.Edges, model.NetworkEdge{ID: cut(e.ID), EdgeID: e.ID, Source: e.Source, Target: e.Target, Kind: e.Kind,
			Weight: e.Weight, EvidenceCount: e.EvidenceCount})
	}
	return out
}

func paths(ps [][]explore.Hop) []model.Path {
	out := make([]model.Path, 0, len(ps))
	for _, p := range ps {
		mp := model.Path{Length: len(p), Nodes: []model.Node{}, Hops: make([]model.Hop, 0, len(p))}
		for i, h := range p {
			if i == 0 {
				mp.Nodes = append(mp.Nodes, model.Wrap(h.From))
			}
			mp.Nodes = append(mp.Nodes, model.Wrap(h.To))
			mp.Hops = append(mp.Hops, model.Hop{From: model.Wrap(h.From), To: model.Wrap(h.To), Kind: string(h.Edge.Kind),
				Forward: h.Edge.Source == h.From.ID, Evidence: nonNil(h.Edge.Evidence)})
		}
		out = append(out, mp)
	}
	return out
}

func countList(cs []explore.Count) []model.Count {
	out := make([]model.Count, 0, len(cs))
	for _, c := range cs {
		out = append(out, model.Count{Key: c.Key, Count: c.Count})
	}
	return out
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func councilFilter(f *model.CouncilFilter) *explore.Filter {
	if f == nil {
		return nil
	}
	out := &explore.Filter{NameContains: str(f.NameContains), NameStartsWith: str(f.NameStartsWith),
		NameEq: str(f.NameEq), NameIn: f.NameIn, IDs: f.IDIn, Document: str(f.Document),
		Regions: f.RegionIn, Nations: f.NationIn, Types: f.TypeIn, Not: councilFilter(f.Not)}
	if f.HasPartnerOfSector != nil {
		out.PartnerSector = partnergraph.Sector(*f.HasPartnerOfSector)
	}
	return combined(out, f.And, f.Or, councilFilter)
}

func organisationFilter(f *model.OrganisationFilter) *explore.Filter {
	if f == nil {
		return nil
	}
	out := &explore.Filter{NameContains: str(f.NameContains), NameStartsWith: str(f.NameStartsWith),
		NameEq: str(f.NameEq), NameIn: f.NameIn, IDs: f.IDIn, Document: str(f.Document), Sectors: sectors(f.SectorIn),
		MinCouncils: deref(f.MinCouncils, 0), Not: organisationFilter(f.Not)}
	return combined(out, f.And, f.Or, organisationFilter)
}

func initiativeFilter(f *model.InitiativeFilter) *explore.Filter {
	if f == nil {
		return nil
	}
	out := &explore.Filter{NameContains: str(f.NameContains), NameStartsWith: str(f.NameStartsWith),
		NameEq: str(f.NameEq), NameIn: f.NameIn, IDs: f.IDIn,
		Themes: f.ThemeIn, Document: str(f.Document), Not: initiativeFilter(f.Not)}
	return combined(out, f.And, f.Or, initiativeFilter)
}

func actorFilter(f *model.ActorFilter) *explore.Filter {
	if f == nil {
		return nil
	}
	out := &explore.Filter{NameContains: str(f.NameContains), NameStartsWith: str(f.NameStartsWith),
		NameEq: str(f.NameEq), NameIn: f.NameIn, IDs: f.IDIn, Kinds: domainKinds(f.KindIn), Document: str(f.Document),
		Sectors: sectors(f.SectorIn), Regions: f.RegionIn, Nations: f.NationIn, Types: f.TypeIn, Not: actorFilter(f.Not)}
	return combined(out, f.And, f.Or, actorFilter)
}

// combined adds a filter's and/or lists, each converted as the filter was.
func combined[F any](out *explore.Filter, and, or []F, convert func(*F) *explore.Filter) *explore.Filter {
	for i := range and {
		out.And = append(out.And, *convert(&and[i]))
	}
	for i := range or {
		out.Or = append(out.Or, *convert(&or[i]))
	}
	return out
}

func sectors(in []model.Sector) []partnergraph.Sector {
	var out []partnergraph.Sector
	for _, s := range in {
		out = append(out, partnergraph.Sector(s))
	}
	return out
}

func initiativeOrder(o *model.InitiativeOrder) *explore.Order {
	if o == nil {
		return nil
	}
	return &explore.Order{Field: string(o.Field), Desc: o.Direction != nil && *o.Direction == model.OrderDirectionDesc}
}

func order(o *model.ActorOrder) []explore.Order {
	if o == nil {
		return nil
	}
	return []explore.Order{{Field: string(o.Field), Desc: o.Direction != nil && *o.Direction == model.OrderDirectionDesc}}
}
