package explore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Filter selects nodes of a list. Every condition set must hold; And, Or
// and Not combine filters. Empty fields impose nothing.
type Filter struct {
	NameContains, NameStartsWith string
	NameEq                       string   // the name or an alias equals this
	NameIn                       []string // the name or an alias equals one of these
	IDs                          []string
	Kinds                        []pg.Kind
	Sectors                      []pg.Sector
	Regions, Nations, Types      []string
	Themes                       []string
	Document                     string
	PartnerSector                pg.Sector
	MinCouncils                  int

	And, Or []Filter
	Not     *Filter
}

// textKey is the form text filters compare: SortKey's folding of case,
// accents, punctuation and "&", without dropping a leading "the".
func textKey(s string) string { return strings.ReplaceAll(pg.Slug(s), "-", " ") }

// filterEnv holds what relationship conditions need, built once per call.
type filterEnv struct {
	partnerSectors map[string]map[pg.Sector]bool // council -> sectors of its partners
	councils       map[string]int                // organisation -> distinct councils partnered
}

func (f *Filter) needsPartners() bool {
	if f == nil {
		return false
	}
	if f.PartnerSector != "" || f.MinCouncils > 0 {
		return true
	}
	for i := range f.And {
		if f.And[i].needsPartners() {
			return true
		}
	}
	for i := range f.Or {
		if f.Or[i].needsPartners() {
			return true
		}
	}
	return f.Not.needsPartners()
}

func (f *Filter) match(n *pg.Node, env *filterEnv) bool {
	names := append([]string{n.Name}, n.Aliases...)
	anyName := func(ok func(string) bool) bool {
		for _, s := range names {
			if ok(textKey(s)) {
				return true
			}
		}
		return false
	}
	in := func(list []string, v string) bool {
		if len(list) == 0 {
			return true
		}
		for _, x := range list {
			if textKey(x) == textKey(v) {
				return true
			}
		}
		return false
	}
	switch {
	case f.NameContains != "" && !anyName(func(s string) bool { return strings.Contains(s, textKey(f.NameContains)) }):
		return false
	case f.NameStartsWith != "" && !anyName(func(s string) bool { return strings.HasPrefix(s, textKey(f.NameStartsWith)) }):
		return false
	case f.NameEq != "" && !anyName(func(s string) bool { return s == textKey(f.NameEq) }):
		return false
	case len(f.NameIn) > 0 && !anyName(func(s string) bool {
		return slices.ContainsFunc(f.NameIn, func(x string) bool { return textKey(x) == s })
	}):
		return false
	case len(f.IDs) > 0 && !slices.Contains(f.IDs, n.ID), len(f.Kinds) > 0 && !slices.Contains(f.Kinds, n.Kind):
		return false
	case len(f.Sectors) > 0 && !slices.Contains(f.Sectors, n.Sector):
		return false
	case !in(f.Regions, n.Region), !in(f.Nations, n.Nation), !in(f.Types, n.CouncilType), !in(f.Themes, n.Theme):
		return false
	case f.Document != "" && !slices.ContainsFunc(n.Evidence, func(e pg.Evidence) bool { return e.DocumentID == f.Document }):
		return false
	case f.PartnerSector != "" && !env.partnerSectors[n.ID][f.PartnerSector]:
		return false
	case f.MinCouncils > 0 && env.councils[n.ID] < f.MinCouncils:
		return false
	}
	for i := range f.And {
		if !f.And[i].match(n, env) {
			return false
		}
	}
	if len(f.Or) > 0 && !slices.ContainsFunc(f.Or, func(g Filter) bool { return g.match(n, env) }) {
		return false
	}
	return f.Not == nil || !f.Not.match(n, env)
}

// ListFiltered returns one page of the nodes of the given kinds that pass
// f, in the same (SortKey(name), id) order and with the same keyset cursors
// as List; without a filter it is List.
func (s *Service) ListFiltered(ctx context.Context, kinds []pg.Kind, f *Filter, w Window, order ...Order) (*Page, error) {
	ordered := len(order) > 0 && (order[0].Field != OrderName || order[0].Desc)
	if f == nil && !w.Backward() && !ordered {
		p, err := s.List(ctx, kinds, w)
		if err != nil {
			return nil, err
		}
		p.all = func(ctx context.Context) ([]*pg.Node, error) {
			all, _, err := s.listAll(ctx, kinds, nil)
			return all, err
		}
		return p, nil
	}
	all, c, err := s.listAll(ctx, kinds, f)
	if err != nil {
		return nil, err
	}
	var o *Order
	if ordered {
		o = &order[0]
	}
	p, err := s.PageFiltered(ctx, all, f, w, o)
	if err != nil || c == nil {
		return p, err
	}
	return p, s.whole(ctx, p)
}

// PageFiltered keeps the nodes that pass f and cuts one page of them, in
// name order or in order when one is given.
func (s *Service) PageFiltered(ctx context.Context, all []*pg.Node, f *Filter, w Window, order *Order) (*Page, error) {
	kept, err := s.Filter(ctx, all, f)
	if err != nil {
		return nil, err
	}
	return s.Page(ctx, kept, w, order)
}

// usesDocument reports whether f or a filter within it selects by
// document (the nodes' evidence, which a pg.Catalogue does not hold).
func (f *Filter) usesDocument() bool {
	if f == nil {
		return false
	}
	if f.Document != "" || f.Not.usesDocument() {
		return true
	}
	return slices.ContainsFunc(f.And, func(g Filter) bool { return g.usesDocument() }) ||
		slices.ContainsFunc(f.Or, func(g Filter) bool { return g.usesDocument() })
}

// Filter returns the nodes that pass f, in their order.
func (s *Service) Filter(ctx context.Context, all []*pg.Node, f *Filter) ([]*pg.Node, error) {
	if f == nil {
		return all, nil
	}
	if f.MinCouncils < 0 {
		return nil, &InputError{fmt.Sprintf("where.minCouncils: %d is negative", f.MinCouncils)}
	}
	env := &filterEnv{}
	if f.needsPartners() {
		env.partnerSectors, env.councils = map[string]map[pg.Sector]bool{}, map[string]int{}
		var ids []string
		for _, n := range all {
			ids = append(ids, n.ID)
		}
		partners, err := s.CachedPartners(ctx, ids)
		if err != nil {
			return nil, err
		}
		for id, ps := range partners {
			env.partnerSectors[id] = map[pg.Sector]bool{}
			for _, p := range ps {
				switch p.Actor.Kind {
				case pg.KindOrganisation:
					env.partnerSectors[id][p.Actor.Sector] = true
				case pg.KindCouncil:
					env.councils[id]++
				}
			}
		}
	}
	kept := []*pg.Node{}
	for _, n := range all {
		if f.match(n, env) {
			kept = append(kept, n)
		}
	}
	return kept, nil
}

// FilterPartners keeps the partners whose actor passes f, in their order.
func (s *Service) FilterPartners(ctx context.Context, ps []Partner, f *Filter) ([]Partner, error) {
	if f == nil {
		return ps, nil
	}
	actors := make([]*pg.Node, 0, len(ps))
	for _, p := range ps {
		actors = append(actors, p.Actor)
	}
	kept, err := s.Filter(ctx, actors, f)
	if err != nil {
		return nil, err
	}
	keep := make(map[string]bool, len(kept))
	for _, n := range kept {
		keep[n.ID] = true
	}
	return slices.DeleteFunc(slices.Clone(ps), func(p Partner) bool { return !keep[p.Actor.ID] }), nil
}
