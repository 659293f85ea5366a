package loader

import (
	"slices"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/gazetteer"
)

// TestMergeClippedForms merges one-word short forms into the one longer
// name they are clipped from, whether their second letter comes from the
// first word ("Norbea") or the second ("NBEA"), and leaves a short form
// that fits two names, or none, alone.
func TestMergeClippedForms(t *testing.T) {
	b := newBuilder(gazetteer.Default(), nil, false)
	org := func(name string) string {
		id := partnergraph.OrganisationIDPrefix + partnergraph.Slug(name)
		if _, err := b.g.AddNode(&partnergraph.Node{ID: id, Kind: partnergraph.KindOrganisation, Name: name}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	long := org("Northtown Business Enterprise Agency")
	norbea, nbea := org("Norbea"), org("NBEA")
	org("Westshire Youth Action Team")
	org("Westshire Young Adults Trust")
	wyat, nbx := org("Wyat"), org("Nbx")
	b.mergeClippedForms()
	for _, id := range []string{norbea, nbea} {
		if b.g.Node(id) != nil {
			t.Errorf("%s was not merged into %s", id, long)
		}
	}
	if got := b.g.Node(long).Aliases; !slices.Contains(got, "Norbea") || !slices.Contains(got, "NBEA") {
		t.Errorf("aliases of %s = %q, want Norbea and NBEA among them", long, got)
	}
	for _, id := range []string{wyat, nbx} {
		if b.g.Node(id) == nil {
			t.Errorf("%s was merged, though it fits two names or none", id)
		}
	}
}
