package explore

import (
	"fmt"
	"slices"
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
