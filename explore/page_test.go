package explore

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

func TestPageOfSortedWindows(t *testing.T) {
	var all []*pg.Node
	for i := range 10 {
		all = append(all, &pg.Node{ID: fmt.Sprintf("council:%d", i), Kind: pg.KindCouncil, Name: fmt.Sprintf("C%d", i)})
	}
	cur := func(i int) *string { c := Cursor(all[i]); return &c }
	n := func(i int) *int { return &i }
	for _, tc := range []struct {
		name       string
		w          Window
		want       []int
		prev, next bool
	}{
		{"default", Window{}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, false, false},
		{"first", Window{First: n(3)}, []int{0, 1, 2}, false, true},
		{"first after", Window{First: n(3), After: cur(2)}, []int{3, 4, 5}, true, true},
		{"last", Window{Last: n(3)}, []int{7, 8, 9}, true, false},
		{"last before", Window{Last: n(3), Before: cur(7)}, []int{4, 5, 6}, true, true},
		{"after and before", Window{After: cur(2), Before: cur(6)}, []int{3, 4, 5}, true, true},
		{"last before the start", Window{Last: n(3), Before: cur(1)}, []int{0}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := PageOfSorted(all, tc.w)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, x := range p.Nodes {
				got = append(got, slices.Index(all, x))
			}
			if !slices.Equal(got, tc.want) || p.HasPrevious != tc.prev || p.HasNext != tc.next || p.Total != 10 {
				t.Errorf("got %v prev=%v next=%v total=%d, want %v prev=%v next=%v", got, p.HasPrevious, p.HasNext, p.Total, tc.want, tc.prev, tc.next)
			}
		})
	}
	for _, w := range []Window{{First: n(1), Last: n(1)}, {Last: n(101)}, {First: n(-1)}, {Before: new("nonsense")}} {
		if _, err := PageOfSorted(all, w); err == nil {
			t.Errorf("%+v: want an error", w)
		}
	}
}

func TestPageKeyed(t *testing.T) {
	type item struct {
		id    string
		score float64
	}
	// Given out of order: PageKeyed sorts by score (descending), then id.
	items := []item{{"d", 1}, {"a", 3}, {"c", 2}, {"b", 3}, {"e", 0.5}}
	key := func(x item) Key { return Key{Num: x.score, ID: x.id} }
	ids := func(s *Slice[item]) string {
		out := ""
		for _, x := range s.Items {
			out += x.id
		}
		return out
	}
	n := func(i int) *int { return &i }
	first, err := PageKeyed(items, key, ByScore, Window{First: n(2)})
	if err != nil {
		t.Fatal(err)
	}
	if ids(first) != "ab" || !first.HasNext || first.HasPrevious || first.Total != 5 {
		t.Fatalf("first page %q next=%v prev=%v total=%d, want ab next=true prev=false total=5", ids(first), first.HasNext, first.HasPrevious, first.Total)
	}
	for _, tc := range []struct {
		name  string
		items []item
		w     Window
		want  string
		prev  bool
		next  bool
	}{
		{"after the first page", items, Window{First: n(2), After: &first.Cursors[1]}, "cd", true, true},
		{"last", items, Window{Last: n(2)}, "de", true, false},
		{"last before the second item", items, Window{Last: n(3), Before: &first.Cursors[1]}, "a", false, true},
		// A keyset cursor stays put when an item sorting before it is added.
		{"after, an item added in front", append([]item{{"aa", 9}}, items...), Window{First: n(2), After: &first.Cursors[1]}, "cd", true, true},
		// ... and when its own item is gone, the page starts after where it stood.
		{"after, its item removed", []item{{"a", 3}, {"c", 2}, {"d", 1}}, Window{After: &first.Cursors[1]}, "cd", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := PageKeyed(tc.items, key, ByScore, tc.w)
			if err != nil {
				t.Fatal(err)
			}
			if ids(s) != tc.want || s.HasPrevious != tc.prev || s.HasNext != tc.next {
				t.Errorf("got %q prev=%v next=%v, want %q prev=%v next=%v", ids(s), s.HasPrevious, s.HasNext, tc.want, tc.prev, tc.next)
			}
		})
	}
	// A cursor of a list in another order, or a node-list cursor, is refused.
	nameCursor := Cursor(&pg.Node{ID: "council:x", Name: "X"})
	for _, c := range []string{first.Cursors[0], nameCursor, "nonsense"} {
		if _, err := PageKeyed(items, key, ByName, Window{After: &c}); err == nil {
			t.Errorf("cursor %q accepted by a list in name order", c)
		}
	}
}

func TestCountBy(t *testing.T) {
	nodes := []*pg.Node{
		{ID: "council:a", Kind: pg.KindCouncil, Region: "North East", Nation: "England"},
		{ID: "council:b", Kind: pg.KindCouncil, Region: "North East", Nation: "England"},
		{ID: "council:c", Kind: pg.KindCouncil, Region: "Wales", Nation: "Wales"},
		{ID: "org:x", Kind: pg.KindOrganisation, Sector: pg.SectorHealth},
		{ID: "org:y", Kind: pg.KindOrganisation},
	}
	for _, tc := range []struct{ by, want string }{
		{FacetKind, "Council=3 Organisation=2"},
		{FacetRegion, "North East=2 Wales=1"},
		{FacetSector, "health=1 other=1"},
		{FacetTheme, ""},
	} {
		cs, err := CountBy(nodes, tc.by)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, c := range cs {
			parts = append(parts, fmt.Sprintf("%s=%d", c.Key, c.Count))
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("CountBy(%s) = %q, want %q", tc.by, got, tc.want)
		}
	}
	if _, err := CountBy(nodes, "COLOUR"); err == nil {
		t.Error("CountBy(COLOUR): want an error")
	}
}

// PageInOrder gives what PageKeyed gives for a list already in order.
func TestPageInOrderAsPageKeyed(t *testing.T) {
	type item struct {
		id    string
		score float64
	}
	key := func(x item) Key { return Key{Num: x.score, Str: strings.ToLower(x.id), ID: x.id} }
	var items []item
	for i := range 30 {
		items = append(items, item{fmt.Sprintf("n%02d", i), float64(i % 4)})
	}
	sorted, err := PageKeyed(items, key, ByScore, Window{First: &[]int{100}[0]})
	if err != nil {
		t.Fatal(err)
	}
	inOrder := sorted.Items
	n := func(i int) *int { return &i }
	windows := []Window{{}, {First: n(5)}, {Last: n(7)}, {First: n(100)}}
	for _, c := range sorted.Cursors[:5] {
		windows = append(windows, Window{First: n(4), After: &c}, Window{Last: n(3), Before: &c}, Window{After: &sorted.Cursors[0], Before: &c})
	}
	bad := "nonsense"
	windows = append(windows, Window{After: &bad}, Window{First: n(0)}, Window{First: n(2), Last: n(2)})
	for i, w := range windows {
		want, werr := PageKeyed(items, key, ByScore, w)
		got, gerr := PageInOrder(inOrder, key, ByScore, w)
		if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
			t.Errorf("window %d: error %v, PageKeyed's %v", i, gerr, werr)
			continue
		}
		if werr == nil && fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("window %d: %v, PageKeyed gives %v", i, got, want)
		}
	}
}

// lessPair orders id pairs as their joined "a|b" strings order.
func TestLessPairAsJoinedIDs(t *testing.T) {
	ids := []string{"", "a", "ab", "a|", "a|b", "a}", "a{", "b", "org:x", "org:xy", "org:x|y", "org:x~", "council:a", "~", "|"}
	for _, a1 := range ids {
		for _, b1 := range ids {
			for _, a2 := range ids {
				for _, b2 := range ids {
					if got, want := lessPair(a1, b1, a2, b2), a1+"|"+b1 < a2+"|"+b2; got != want {
						t.Fatalf("lessPair(%q, %q, %q, %q) = %v, want %v", a1, b1, a2, b2, got, want)
					}
				}
			}
		}
	}
}
