package explore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"

	pg "github.com/partnergraph/partnergraph"
)

// SharedMode says how many of the given councils a shared partner must
// have partnered with.
type SharedMode string

const (
	// SharedAll: every council given.
	SharedAll SharedMode = "ALL"
	// SharedAny: at least MinShared of them.
	SharedAny SharedMode = "ANY"
)

// SharedPartner is an organisation several councils partnered with, with
// what links it to each.
type SharedPartner struct {
	Partner *pg.Node
	Links   []CouncilLink
}

// CouncilLink is one council's tie to a shared partner.
type CouncilLink struct {
	Council     *pg.Node
	Initiatives []*pg.Node
	Evidence    Quotes
}

// MaxCouncils bounds one shared-partner question.
const MaxCouncils = 50

// SharedPartners returns the organisations that partnered with every
// council given (ALL) or with at least minShared of them (ANY; minShared
// <= 0 means 2, or 1 when one council is given). Most-shared first.
func (s *Service) SharedPartners(ctx context.Context, councilIDs []string, mode SharedMode, minShared int) ([]SharedPartner, error) {
	councilIDs = uniq(append([]string(nil), councilIDs...))
	switch {
	case len(councilIDs) == 0:
		return nil, &InputError{"councilIds: give at least one council id"}
	case len(councilIDs) > MaxCouncils:
		return nil, &InputError{fmt.Sprintf("councilIds: at most %d councils at once, got %d", MaxCouncils, len(councilIDs))}
	case mode != SharedAll && mode != SharedAny:
		return nil, &InputError{fmt.Sprintf("mode: %q is not ALL or ANY", mode)}
	}
	need := len(councilIDs)
	if mode == SharedAny {
		need = minShared
		if need <= 0 {
			need = min(2, len(councilIDs))
		}
		if need > len(councilIDs) {
			return nil, &InputError{fmt.Sprintf("minShared: %d is more than the %d councils given", minShared, len(councilIDs))}
		}
	}
	councils, err := s.Store.Nodes(ctx, councilIDs)
	if err != nil {
		return nil, err
	}
	for i, c := range councils {
		if c == nil || c.Kind != pg.KindCouncil {
			return nil, &NotFoundError{ID: councilIDs[i], Kind: pg.KindCouncil}
		}
	}
	partners, err := s.CachedPartners(ctx, councilIDs)
	if err != nil {
		return nil, err
	}
	byPartner := map[string]*SharedPartner{}
	for i, cid := range councilIDs {
		for _, p := range partners[cid] {
			if p.Actor.Kind != pg.KindOrganisation {
				continue
			}
			sp := byPartner[p.Actor.ID]
			if sp == nil {
				sp = &SharedPartner{Partner: p.Actor}
				byPartner[p.Actor.ID] = sp
			}
			sp.Links = append(sp.Links, CouncilLink{Council: councils[i], Initiatives: p.Initiatives, Evidence: p.Evidence})
		}
	}
	var out []SharedPartner
	for _, sp := range byPartner {
		if len(sp.Links) >= need {
			out = append(out, *sp)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Links) != len(out[j].Links) {
			return len(out[i].Links) > len(out[j].Links)
		}
		return lessNode(out[i].Partner, out[j].Partner)
	})
	return out, nil
}

func lessNode(a, b *pg.Node) bool {
	ka, kb := pg.SortKey(a.Name), pg.SortKey(b.Name)
	if ka != kb {
		return ka < kb
	}
	return a.ID < b.ID
}

// lessPair orders pairs of ids as their CollaborationKey ids ("a|b")
// order, without building those strings. Unless one first id is a proper
// prefix of the other, the joined strings differ where the first ids do
// (or, the first ids equal, where the second ones do); otherwise the
// separator meets an id's byte, and lessJoined compares byte by byte.
func lessPair(a1, b1, a2, b2 string) bool {
	if a1 == a2 {
		return b1 < b2
	}
	if n := min(len(a1), len(a2)); a1[:n] != a2[:n] {
		return a1 < a2
	}
	return lessJoined(a1, b1, a2, b2)
}

// lessJoined is a1+"|"+b1 < a2+"|"+b2, without building the strings.
func lessJoined(a1, b1, a2, b2 string) bool {
	at := func(a, b string, i int) (byte, bool) {
		switch {
		case i < len(a):
			return a[i], true
		case i == len(a):
			return '|', true
		case i-len(a)-1 < len(b):
			return b[i-len(a)-1], true
		}
		return 0, false
	}
	for i := 0; ; i++ {
		x, okx := at(a1, b1, i)
		y, oky := at(a2, b2, i)
		switch {
		case !okx || !oky:
			return !okx && oky
		case x != y:
			return x < y
		}
	}
}

// Collaboration is a tie between two actors near the one asked about.
type Collaboration struct {
	A, B        *pg.Node
	Initiatives []*pg.Node
	Evidence    Quotes
	// Distance is how many partnership hops the farther of A and B is from the centre.
	Distance int
}

// MaxDepth bounds collaborators' reach.
const MaxDepth = 3

// MaxCollaborationActors bounds the actors whose partners Collaborators
// reads, and MaxCollaborationTies the partnerships it holds (the partners
// listed, each with its evidence): a neighbourhood that reaches more is
// refused, not read. At depth 2 around a hub of a graph 100 times the
// seeds', reading it all took more than 9 GB.
const (
	MaxCollaborationActors = 2000
	MaxCollaborationTies   = 100000
	collaborationChunk     = 250
)

// Collaborators returns who collaborated with whom around one actor: every
// actor within depth partnership hops and every tie among them. A
// neighbourhood of more than MaxCollaborationActors actors or
// MaxCollaborationTies partnerships is refused (an InputError) before
// more is read.
func (s *Service) Collaborators(ctx context.Context, id string, depth int) ([]Collaboration, error) {
	if depth < 1 || depth > MaxDepth {
		return nil, &InputError{fmt.Sprintf("depth: %d is outside 1..%d", depth, MaxDepth)}
	}
	centre, err := s.Need(ctx, id, pg.KindCouncil, pg.KindOrganisation)
	if err != nil {
		return nil, err
	}
	// Every actor reached is the centre or someone's partner, so the partner
	// lists already hold every node the answer names.
	nodes := map[string]*pg.Node{id: centre}
	dist := map[string]int{id: 0}
	partners := map[string][]Partner{}
	frontier := []string{id}
	ties := 0
	for level := 0; level <= depth && len(frontier) > 0; level++ {
		m := map[string][]Partner{}
		// Read in chunks, so that a level with too many ties is refused
		// before it is all in memory.
		for start := 0; start < len(frontier); start += collaborationChunk {
			got, err := s.CachedPartners(ctx, frontier[start:min(len(frontier), start+collaborationChunk)])
			if err != nil {
				return nil, err
			}
			for a, ps := range got {
				m[a] = ps
				ties += len(ps)
			}
			if ties > MaxCollaborationTies {
				return nil, &InputError{fmt.Sprintf("depth: %d around %s reaches more than %d partnerships (at depth %d); ask a smaller depth",
					depth, id, MaxCollaborationTies, level)}
			}
		}
		var next []string
		for _, a := range frontier {
			partners[a] = m[a]
			for _, p := range m[a] {
				nodes[p.Actor.ID] = p.Actor
				if _, seen := dist[p.Actor.ID]; !seen && level < depth {
					dist[p.Actor.ID] = level + 1
					next = append(next, p.Actor.ID)
				}
			}
		}
		sort.Strings(next)
		if len(dist) > MaxCollaborationActors {
			// Refused before reading the partners of the next level (the
			// reason: the partners of every actor within depth are read,
			// with their evidence, and at depth 2 around a hub of a large
			// graph that is most of it).
			return nil, &InputError{fmt.Sprintf("depth: %d around %s reaches more than %d actors (%d within depth %d); ask a smaller depth",
				depth, id, MaxCollaborationActors, len(dist), level+1)}
		}
		frontier = next
	}
	// In the order the API pages them (CollaborationKey): nearest first,
	// then by the pair's ids.
	var out []Collaboration
	for a, ps := range partners {
		for _, p := range ps {
			b := p.Actor.ID
			db, ok := dist[b]
			_, expanded := partners[b]
			if !ok || (b < a && expanded) {
				continue // outside the neighbourhood, or already seen from b
			}
			out = append(out, Collaboration{A: nodes[a], B: p.Actor, Initiatives: p.Initiatives, Evidence: p.Evidence, Distance: max(dist[a], db)})
		}
	}
	slices.SortFunc(out, func(x, y Collaboration) int {
		switch {
		case x.Distance != y.Distance:
			return cmp.Compare(x.Distance, y.Distance)
		case lessPair(x.A.ID, x.B.ID, y.A.ID, y.B.ID):
			return -1
		case lessPair(y.A.ID, y.B.ID, x.A.ID, x.B.ID):
			return 1
		}
		return 0
	})
	return out, nil
}
