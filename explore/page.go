package explore

import (
	"context"
	"encoding/base64"
	"fmt"
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

// List returns one page of nodes of the given kinds.
func (s *Service) List(ctx context.Context, kinds []pg.Kind, first *int, after *string) (*Page, error) {
	size, err := PageSize(first)
	if err != nil {
		return nil, err
	}
	q := pg.ListQuery{Kinds: kinds, Limit: size + 1}
	if after != nil && *after != "" {
		if q.AfterKey, q.AfterID, err = ParseCursor(*after); err != nil {
			return nil, err
		}
	}
	nodes, total, err := s.Store.List(ctx, q)
	if err != nil {
		return nil, err
	}
	return pageOf(nodes, total, size, after != nil && *after != ""), nil
}

func pageOf(nodes []*pg.Node, total, size int, afterGiven bool) *Page {
	p := &Page{Total: total, HasPrevious: afterGiven}
	if len(nodes) > size {
		nodes = nodes[:size]
		p.HasNext = true
	}
	p.Nodes = nodes
	for _, n := range nodes {
		p.Cursors = append(p.Cursors, Cursor(n))
	}
	return p
}

// Window is a Relay page request: first/after pages forwards, last/before
// backwards; after and before may be combined.
type Window struct {
	First, Last   *int
	After, Before *string
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

// window cuts one page out of an ordered list, given how to write a node's
// cursor and how to find the first node after a cursor.
func window(all []*pg.Node, w Window, size int, cursor func(*pg.Node) string, position func(string) (int, error)) (*Page, error) {
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
		// position is just past the cursor's node; before excludes it.
		if i > 0 && i <= len(all) && cursor(all[i-1]) == *w.Before {
			i--
		}
		end = max(start, i)
	}
	p := &Page{Total: len(all), HasPrevious: start > 0, HasNext: end < len(all)}
	if end-start > size {
		if w.Last != nil {
			start = end - size
			p.HasPrevious = true
		} else {
			end = start + size
			p.HasNext = true
		}
	}
	p.Nodes = all[start:end]
	for _, n := range p.Nodes {
		p.Cursors = append(p.Cursors, cursor(n))
	}
	return p, nil
}
