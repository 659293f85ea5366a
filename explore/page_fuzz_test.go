package explore

import (
	"encoding/base64"
	"math"
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

// FuzzCursors feeds any string to the cursor readers and to paging: no
// panic; a cursor read back is one the API could have given out (encoding
// its parts again reads the same), and paging with it either refuses it
// or returns a page within the list.
func FuzzCursors(f *testing.F) {
	nodes := []*pg.Node{{ID: "council:a", Name: "Alpha"}, {ID: "council:b", Name: "Beta"}, {ID: "org:c", Name: "Gamma"}}
	f.Add(Cursor(nodes[1]))
	f.Add(orderedCursor(Order{Field: "DEGREE", Desc: true}, 3, "council:b"))
	f.Add(base64.RawURLEncoding.EncodeToString([]byte("v2\x00DEGREE\x00true\x00NaN\x00council:b")))
	f.Add("")
	f.Add("!!")
	f.Fuzz(func(t *testing.T, c string) {
		if key, id, err := ParseCursor(c); err == nil {
			again := base64.RawURLEncoding.EncodeToString([]byte("v1\x00" + key + "\x00" + id))
			if k2, id2, err := ParseCursor(again); err != nil || k2 != key || id2 != id {
				t.Fatalf("cursor %q reads as (%q, %q) but its re-encoding does not", c, key, id)
			}
		}
		o := Order{Field: "DEGREE", Desc: true}
		if v, id, err := parseOrderedCursor(o, c); err == nil {
			if math.IsNaN(v) || id == "" {
				t.Fatalf("ordered cursor %q reads as (%v, %q)", c, v, id)
			}
		}
		for _, w := range []Window{{After: &c}, {Before: &c}} {
			p, err := PageOfSorted(nodes, w)
			if err == nil && len(p.Nodes) > len(nodes) {
				t.Fatalf("page of %d nodes from a list of %d", len(p.Nodes), len(nodes))
			}
		}
	})
}
