// Package explore answers the partnership questions the API serves — who
// partnered with an actor, which partners councils share, who collaborated
// around one actor, who funded what — over any partnergraph.Store. It
// reads through Store.Nodes and Store.Edges in batches, so both stores give
// the same answers and the number of store calls does not grow with the
// number of partners.
package explore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	pg "github.com/partnergraph/partnergraph"
)

// participation is the set of relationships by which an actor takes part
// in an initiative.
var participation = []pg.EdgeKind{pg.EdgeLeads, pg.EdgePartnerIn, pg.EdgeFunded}

// Partner is an actor that took part in an initiative with another.
type Partner struct {
	Actor       *pg.Node
	Initiatives []*pg.Node // the initiatives (or their parts) they share
	Evidence    Quotes     // the quotes behind both actors' part in them
	// Direct is set when one funded the other outright.
	Direct bool
}

// Quotes are the evidence of a partnership, put in order (the sentences
// that state a part first, by document and line, then the headings of
// what was led; repeats dropped) the first time they are read. A council
// with thousands of partners is asked for a page of them: ordering every
// partner's quotes up front was the largest part of the question (at 1000
// times the seeds' size a council's partners took 0.44 s and 205 MB; 0.11 s
// and 26 MB with this and the in-memory store's Edges no longer copying).
type Quotes struct{ q *quotes }

type quotes struct {
	once         sync.Once
	stated, lead [][]pg.Evidence // the relationships' own lists, not copied
	list         []pg.Evidence
}

// List returns the quotes in order; safe for concurrent use.
func (q Quotes) List() []pg.Evidence {
	if q.q == nil {
		return nil
	}
	q.q.once.Do(func() {
		q.q.list = dedupeEvidence(append(sortedEvidence(slices.Concat(q.q.stated...)), sortedEvidence(slices.Concat(q.q.lead...))...))
		q.q.stated, q.q.lead = nil, nil
	})
	return q.q.list
}

// Service answers questions over a store.
type Service struct {
	Store    pg.Store
	cache    metricsCache
	partners partnerCache
	orders   orderCache
	boundedC boundedCache // what questions over a pg.BoundedStore read once per version
}

// NotFoundError names an id that names no node (of the expected kind).
type NotFoundError struct {
	ID   string
	Kind pg.Kind
}

func (e *NotFoundError) Error() string {
	if e.Kind != "" {
		return fmt.Sprintf("no %s has id %q", e.Kind, e.ID)
	}
	return fmt.Sprintf("no node has id %q", e.ID)
}

func (e *NotFoundError) Unwrap() error { return pg.ErrNotFound }

// InputError is a bad argument, described for the caller.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Need returns the node with the given id, of one of the given kinds.
func (s *Service) Need(ctx context.Context, id string, kinds ...pg.Kind) (*pg.Node, error) {
	ns, err := s.Store.Nodes(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	n := ns[0]
	if n == nil || (len(kinds) > 0 && !slices.Contains(kinds, n.Kind)) {
		k := pg.Kind("")
		if len(kinds) == 1 {
			k = kinds[0]
		}
		return nil, &NotFoundError{ID: id, Kind: k}
	}
	return n, nil
}

// family groups initiatives with everything they are PART_OF or that is
// part of them, since taking part in a scheme within a case study is taking
// part in the case study. It returns, for each initiative reached, a
// representative of its group.
func (s *Service) family(ctx context.Context, initiatives []string) (map[string]string, error) {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	for _, id := range initiatives {
		parent[id] = id
	}
	frontier := initiatives
	for len(frontier) > 0 {
		edges, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: frontier, Direction: pg.Both, Kinds: []pg.EdgeKind{pg.EdgePartOf}})
		if err != nil {
			return nil, err
		}
		frontier = nil
		for _, e := range edges {
			if pg.KindOfID(e.Source) != pg.KindInitiative || pg.KindOfID(e.Target) != pg.KindInitiative {
				continue
			}
			for _, id := range []string{e.Source, e.Target} {
				if _, ok := parent[id]; !ok {
					parent[id] = id
					frontier = append(frontier, id)
				}
			}
			a, b := find(e.Source), find(e.Target)
			if a != b {
				if b < a {
					a, b = b, a
				}
				parent[b] = a
			}
		}
	}
	root := map[string]string{}
	for id := range parent {
		root[id] = find(id)
	}
	return root, nil
}

// PartnersOf returns, for each actor id, the actors it took part in an
// initiative with, or funded, or was funded by; in one round of batched
// store reads for all the actors together.
func (s *Service) PartnersOf(ctx context.Context, actorIDs []string) (map[string][]Partner, error) {
	out := map[string][]Partner{}
	if len(actorIDs) == 0 {
		return out, nil
	}
	own, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: actorIDs, Direction: pg.Both, Kinds: participation})
	if err != nil {
		return nil, err
	}
	isActor := map[string]bool{}
	for _, id := range actorIDs {
		isActor[id] = true
	}
	var initiatives []string
	for _, e := range own {
		if pg.KindOfID(e.Target) == pg.KindInitiative {
			initiatives = append(initiatives, e.Target)
		}
	}
	initiatives = uniq(initiatives)
	root, err := s.family(ctx, initiatives)
	if err != nil {
		return nil, err
	}
	var members []string
	for id := range root {
		members = append(members, id)
	}
	sort.Strings(members)
	theirs, err := s.Store.Edges(ctx, pg.EdgeQuery{NodeIDs: members, Direction: pg.Incoming, Kinds: participation})
	if err != nil {
		return nil, err
	}
	// byRoot: root initiative -> actor -> edges into the family.
	byRoot := map[string]map[string][]*pg.Edge{}
	for _, e := range theirs {
		r := root[e.Target]
		if byRoot[r] == nil {
			byRoot[r] = map[string][]*pg.Edge{}
		}
		byRoot[r][e.Source] = append(byRoot[r][e.Source], e)
	}
	type acc struct {
		inits  map[string]bool
		ev     [][]pg.Evidence // the sentences that state a part: PARTNER_IN, FUNDED
		lead   [][]pg.Evidence // LEADS, often only a case study's heading: listed after
		direct bool
	}
	add := func(a *acc, e *pg.Edge) {
		if e.Kind == pg.EdgeLeads {
			a.lead = append(a.lead, e.Evidence)
		} else {
			a.ev = append(a.ev, e.Evidence)
		}
	}
	res := map[string]map[string]*acc{}
	get := func(a, b string) *acc {
		if res[a] == nil {
			res[a] = map[string]*acc{}
		}
		if res[a][b] == nil {
			res[a][b] = &acc{inits: map[string]bool{}}
		}
		return res[a][b]
	}
	for _, e := range own {
		switch {
		case isActor[e.Source] && pg.KindOfID(e.Target) == pg.KindInitiative:
			r := root[e.Target]
			for other, edges := range byRoot[r] {
				if other == e.Source {
					continue
				}
				a := get(e.Source, other)
				for _, oe := range edges {
					a.inits[oe.Target] = true
					add(a, oe)
				}
				a.inits[e.Target] = true
				add(a, e)
			}
		case e.Kind == pg.EdgeFunded && pg.KindOfID(e.Target) != pg.KindInitiative:
			// Direct funding between two actors links them both ways.
			if isActor[e.Source] {
				a := get(e.Source, e.Target)
				a.direct = true
				a.ev = append(a.ev, e.Evidence)
			}
			if isActor[e.Target] {
				a := get(e.Target, e.Source)
				a.direct = true
				a.ev = append(a.ev, e.Evidence)
			}
		}
	}
	// Fetch every partner and initiative node in one call.
	var ids []string
	for _, m := range res {
		for other, a := range m {
			ids = append(ids, other)
			for i := range a.inits {
				ids = append(ids, i)
			}
		}
	}
	ids = uniq(ids)
	nodes, err := s.Store.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]*pg.Node{}
	for i, n := range nodes {
		if n != nil {
			byID[ids[i]] = n
		}
	}
	for actor, m := range res {
		var list []Partner
		for other, a := range m {
			n := byID[other]
			if n == nil || !n.Kind.IsActor() {
				continue
			}
			// the quotes that name the partnership first, then the headings of what was led
			p := Partner{Actor: n, Direct: a.direct, Evidence: Quotes{&quotes{stated: a.ev, lead: a.lead}}}
			var inits []string
			for i := range a.inits {
				inits = append(inits, i)
			}
			sort.Strings(inits)
			for _, i := range inits {
				if byID[i] != nil {
					p.Initiatives = append(p.Initiatives, byID[i])
				}
			}
			list = append(list, p)
		}
		out[actor] = sortPartners(list)
	}
	return out, nil
}

// sortPartners orders partners by (SortKey(name), id), each key computed
// once rather than in every comparison.
func sortPartners(list []Partner) []Partner {
	type keyed struct {
		key string
		p   Partner
	}
	ks := make([]keyed, len(list))
	for i, p := range list {
		ks[i] = keyed{pg.SortKey(p.Actor.Name), p}
	}
	sort.Slice(ks, func(i, j int) bool {
		if ks[i].key != ks[j].key {
			return ks[i].key < ks[j].key
		}
		return ks[i].p.Actor.ID < ks[j].p.Actor.ID
	})
	for i := range ks {
		list[i] = ks[i].p
	}
	return list
}

// Partners returns the partners of one actor.
func (s *Service) Partners(ctx context.Context, actorID string) ([]Partner, error) {
	if _, err := s.Need(ctx, actorID, pg.KindCouncil, pg.KindOrganisation); err != nil {
		return nil, err
	}
	m, err := s.CachedPartners(ctx, []string{actorID})
	if err != nil {
		return nil, err
	}
	return m[actorID], nil
}

func uniq(xs []string) []string {
	sort.Strings(xs)
	return slices.Compact(xs)
}

// dedupeEvidence keeps the first of each repeated quote, in the order given.
func dedupeEvidence(evs []pg.Evidence) []pg.Evidence {
	type key struct {
		doc        string
		start, end int
		quote      string
	}
	seen := map[key]bool{}
	var out []pg.Evidence
	for _, e := range evs {
		k := key{e.DocumentID, e.LineStart, e.LineEnd, e.Quote}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// sortedEvidence is evidence without repeats, by document and line.
func sortedEvidence(evs []pg.Evidence) []pg.Evidence {
	out := dedupeEvidence(evs)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DocumentID != out[j].DocumentID {
			return out[i].DocumentID < out[j].DocumentID
		}
		return out[i].LineStart < out[j].LineStart
	})
	return out
}
