package explore

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Page sizes: what a list returns unless told, and the most it returns.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Page is one page of a list in (SortKey(name), id) order.
type Page struct {
	Nodes       []*pg.Node
	Cursors     []string
	Total       int
	HasNext     bool
	HasPrevious bool
	// all gives every node of the list, not only the page, for aggregates.
	all func(context.Context) ([]*pg.Node, error)
}

// All returns every node of the list the page was cut from.
func (p *Page) All(ctx context.Context) ([]*pg.Node, error) {
	if p.all == nil {
		return p.Nodes, nil
	}
	return p.all(ctx)
}

// Cursor is the opaque keyset position of a node: its sort key and id,
// so that a page boundary stays put when nodes are added before it.
func Cursor(n *pg.Node) string {
	return base64.RawURLEncoding.EncodeToString([]byte("v1\x00" + pg.SortKey(n.Name) + "\x00" + n.ID))
}

// ParseCursor reads a cursor back into its sort key and id.
func ParseCursor(c string) (key, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		parts := strings.Split(string(b), "\x00")
		if len(parts) == 3 && parts[0] == "v1" && parts[2] != "" {
			return parts[1], parts[2], nil
		}
	}
	return "", "", &InputError{fmt.Sprintf("after: %q is not a cursor this API gave out", c)}
}

// PageSize checks a requested page size.
func PageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPageSize, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return 0, &InputError{fmt.Sprintf("first: %d is outside 0..%d", *first, MaxPageSize)}
	}
	return *first, nil
}

// List returns one page of nodes of the given kinds, forwards from the
// window's first and after (its cursors unless it has NoCursors).
func (s *Service) List(ctx context.Context, kinds []pg.Kind, w Window) (*Page, error) {
	size, err := PageSize(w.First)
	if err != nil {
		return nil, err
	}
	afterGiven := w.After != nil && *w.After != ""
	q := pg.ListQuery{Kinds: kinds, Limit: size + 1}
	if afterGiven {
		if q.AfterKey, q.AfterID, err = ParseCursor(*w.After); err != nil {
			return nil, err
		}
	}
	nodes, total, err := s.Store.List(ctx, q)
	if err != nil {
		return nil, err
	}
	p := &Page{Total: total, HasPrevious: afterGiven}
	if len(nodes) > size {
		nodes = nodes[:size]
		p.HasNext = true
	}
	p.Nodes = nodes
	if !w.NoCursors {
		for _, n := range nodes {
			p.Cursors = append(p.Cursors, Cursor(n))
		}
	}
	return p, nil
}

// Window is a Relay page request: first/after pages forwards, last/before
// backwards; after and before may be combined.
type Window struct {
	First, Last   *int
	After, Before *string
	// NoCursors says the caller shows none of the page's cursors, so
	// none is written.
	NoCursors bool
}

// Backward reports whether the window needs more than the store's
// forward keyset paging.
func (w Window) Backward() bool {
	return w.Last != nil || (w.Before != nil && *w.Before != "")
}

// size checks the requested page size.
func (w Window) size() (int, error) {
	if w.First != nil && w.Last != nil {
		return 0, &InputError{"first and last: give one of them, not both"}
	}
	if w.Last != nil {
		size, err := PageSize(w.Last)
		if err != nil {
			return 0, &InputError{strings.Replace(err.Error(), "first", "last", 1)}
		}
		return size, nil
	}
	return PageSize(w.First)
}

// PageOfSorted pages through a list already in (SortKey, id) order.
func PageOfSorted(all []*pg.Node, w Window) (*Page, error) {
	size, err := w.size()
	if err != nil {
		return nil, err
	}
	// position returns the index of the first node after the cursor.
	position := func(c string) (int, error) {
		key, id, err := ParseCursor(c)
		if err != nil {
			return 0, err
		}
		i := 0
		for i < len(all) {
			k := pg.SortKey(all[i].Name)
			if k > key || (k == key && all[i].ID > id) {
				break
			}
			i++
		}
		return i, nil
	}
	return window(all, w, size, Cursor, position)
}

// window cuts one page out of an ordered list, given how to write an item's
// cursor and how to find the first item after a cursor.
func window(all []*pg.Node, w Window, size int, cursor func(*pg.Node) string, position func(string) (int, error)) (*Page, error) {
	s, err := cut(all, w, size, cursor, position)
	if err != nil {
		return nil, err
	}
	return &Page{Nodes: s.Items, Cursors: s.Cursors, Total: s.Total, HasNext: s.HasNext, HasPrevious: s.HasPrevious,
		all: func(context.Context) ([]*pg.Node, error) { return all, nil }}, nil
}

// Slice is one page of any ordered list: its items with their cursors.
type Slice[T any] struct {
	Items       []T
	Cursors     []string
	Total       int
	HasNext     bool
	HasPrevious bool
}

func cut[T any](all []T, w Window, size int, cursor func(T) string, position func(string) (int, error)) (*Slice[T], error) {
	var err error
	start, end := 0, len(all)
	if w.After != nil && *w.After != "" {
		if start, err = position(*w.After); err != nil {
			return nil, err
		}
	}
	if w.Before != nil && *w.Before != "" {
		i, err := position(*w.Before)
		if err != nil {
			return nil, &InputError{strings.Replace(err.Error(), "after", "before", 1)}
		}
		// position is just past the cursor's item; before excludes it.
		if i > 0 && i <= len(all) && cursor(all[i-1]) == *w.Before {
			i--
		}
		end = max(start, i)
	}
	s := &Slice[T]{Total: len(all), HasPrevious: start > 0, HasNext: end < len(all)}
	if end-start > size {
		if w.Last != nil {
			start = end - size
			s.HasPrevious = true
		} else {
			end = start + size
			s.HasNext = true
		}
	}
	s.Items = all[start:end]
	if !w.NoCursors {
		for _, x := range s.Items {
			s.Cursors = append(s.Cursors, cursor(x))
		}
	}
	return s, nil
}

// Key is an item's place in a keyed list: lists run by Num (ascending, or
// descending when their Ordering says so), then Str, then ID, so the order
// is total and a cursor names a place that stays put when items are added.
type Key struct {
	Num float64
	Str string
	ID  string
}

// NameKey orders a list of nodes, or of things named by a node, by name.
func NameKey(n *pg.Node) Key { return Key{Str: pg.SortKey(n.Name), ID: n.ID} }

// Ordering names the order of a keyed list. Its name travels in the
// cursors, so that a cursor of one list is refused by a list in another order.
type Ordering struct {
	Name string
	Desc bool // Num descending
}

// Orderings of the keyed lists.
var (
	ByName     = Ordering{Name: "name"}
	ByScore    = Ordering{Name: "score", Desc: true}
	ByAmount   = Ordering{Name: "amount", Desc: true}
	ByShared   = Ordering{Name: "shared", Desc: true}
	ByDistance = Ordering{Name: "distance"}
	ByJaccard  = Ordering{Name: "jaccard", Desc: true}
)

func (o Ordering) less(a, b Key) bool {
	switch {
	case a.Num != b.Num:
		return (a.Num < b.Num) != o.Desc
	case a.Str != b.Str:
		return a.Str < b.Str
	}
	return a.ID < b.ID
}

// cursor is built in one buffer: it is made for every item of every page.
func (o Ordering) cursor(k Key) string {
	b := make([]byte, 0, 3+len(o.Name)+1+24+1+len(k.Str)+1+len(k.ID))
	b = append(b, "v3\x00"...)
	b = append(b, o.Name...)
	b = append(b, 0)
	b = strconv.AppendFloat(b, k.Num, 'g', -1, 64)
	b = append(b, 0)
	b = append(b, k.Str...)
	b = append(b, 0)
	b = append(b, k.ID...)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (o Ordering) parse(c string) (Key, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		p := strings.Split(string(b), "\x00")
		if len(p) == 5 && p[0] == "v3" && p[1] == o.Name && p[4] != "" {
			if v, err := strconv.ParseFloat(p[2], 64); err == nil {
				return Key{Num: v, Str: p[3], ID: p[4]}, nil
			}
		}
	}
	return Key{}, &InputError{fmt.Sprintf("after: %q is not a cursor this list gave out", c)}
}

// PageKeyed sorts items into o's order by their keys and cuts the page w
// asks for, with keyset cursors.
func PageKeyed[T any](items []T, key func(T) Key, o Ordering, w Window) (*Slice[T], error) {
	if _, err := w.size(); err != nil {
		return nil, err // before sorting: a bad window costs nothing
	}
	keys := make([]Key, len(items))
	idx := make([]int, len(items))
	for i, x := range items {
		idx[i], keys[i] = i, key(x)
	}
	sort.SliceStable(idx, func(a, b int) bool { return o.less(keys[idx[a]], keys[idx[b]]) })
	sorted := make([]keyed[T], len(items))
	for i, j := range idx {
		sorted[i] = keyed[T]{items[j], keys[j]}
	}
	s, err := PageInOrder(sorted, func(x keyed[T]) Key { return x.key }, o, w)
	if err != nil {
		return nil, err
	}
	out := &Slice[T]{Cursors: s.Cursors, Total: s.Total, HasNext: s.HasNext, HasPrevious: s.HasPrevious, Items: make([]T, len(s.Items))}
	for i, x := range s.Items {
		out.Items[i] = x.item
	}
	return out, nil
}

// PageInOrder is PageKeyed for items the caller keeps in o's order by key
// (the service's sorted partner, participation and shared-partner lists;
// PageKeyed sorts, then calls it): nothing is sorted or copied, and keys
// are computed only for the page's cursors and for the few items a cursor's
// binary search visits, not for every item of the list on every request.
func PageInOrder[T any](items []T, key func(T) Key, o Ordering, w Window) (*Slice[T], error) {
	size, err := w.size()
	if err != nil {
		return nil, err
	}
	cursor := func(x T) string { return o.cursor(key(x)) }
	position := func(c string) (int, error) {
		k, err := o.parse(c)
		if err != nil {
			return 0, err
		}
		return sort.Search(len(items), func(i int) bool { return o.less(k, key(items[i])) }), nil
	}
	return cut(items, w, size, cursor, position)
}

type keyed[T any] struct {
	item T
	key  Key
}

// Facets a list's nodes can be counted by.
const (
	FacetKind   = "KIND"
	FacetSector = "SECTOR"
	FacetRegion = "REGION"
	FacetNation = "NATION"
	FacetType   = "TYPE"
	FacetTheme  = "THEME"
)

// CountBy counts nodes by one facet, most common first; nodes without a
// value for it (an initiative has no region) are not counted.
func CountBy(nodes []*pg.Node, facet string) ([]Count, error) {
	value := map[string]func(*pg.Node) string{
		FacetKind: func(n *pg.Node) string { return string(n.Kind) },
		FacetSector: func(n *pg.Node) string {
			if n.Kind != pg.KindOrganisation {
				return ""
			}
			if n.Sector == "" {
				return string(pg.SectorOther)
			}
			return string(n.Sector)
		},
		FacetRegion: func(n *pg.Node) string { return n.Region },
		FacetNation: func(n *pg.Node) string { return n.Nation },
		FacetType:   func(n *pg.Node) string { return n.CouncilType },
		FacetTheme:  func(n *pg.Node) string { return n.Theme },
	}[facet]
	if value == nil {
		return nil, &InputError{fmt.Sprintf("by: %q is not a facet", facet)}
	}
	m := map[string]int{}
	for _, n := range nodes {
		if v := value(n); v != "" {
			m[v]++
		}
	}
	return counts(m), nil
}

// The orders of the keyed lists the API pages, next to what they order.

// SearchKey: best score first, then name.
func SearchKey(h pg.SearchHit) Key {
	return Key{Num: h.Score, Str: pg.SortKey(h.Node.Name), ID: h.Node.ID}
}

// SharedKey: shared with most councils first, then name.
func SharedKey(sp SharedPartner) Key {
	return Key{Num: float64(len(sp.Links)), Str: pg.SortKey(sp.Partner.Name), ID: sp.Partner.ID}
}

// CollaborationKey: nearest first, then by the pair's ids.
func CollaborationKey(c Collaboration) Key {
	return Key{Num: float64(c.Distance), ID: c.A.ID + "|" + c.B.ID}
}

// SimilarKey: highest Jaccard first, then name.
func SimilarKey(x Similar) Key {
	return Key{Num: x.Jaccard, Str: pg.SortKey(x.Council.Name), ID: x.Council.ID}
}

// FundingKey: biggest amount first (none counts as 0), then relationship id.
func FundingKey(f Funding) Key {
	k := Key{ID: f.Edge.ID}
	if f.Edge.Amount != nil {
		k.Num = *f.Edge.Amount
	}
	return k
}

// FundingTotalKey: biggest total first, then name.
func FundingTotalKey(t FundingTotal) Key {
	return Key{Num: t.Total, Str: pg.SortKey(t.Actor.Name), ID: t.Actor.ID}
}

// PartnerKey and ParticipationKey: by the partner's or initiative's name.
func PartnerKey(p Partner) Key             { return NameKey(p.Actor) }
func ParticipationKey(p Participation) Key { return NameKey(p.Initiative) }
