package loader

import (
	"reflect"
	"testing"
)

// TestPromoteDescribedKindIntroduces: a kind of body before a name, through
// a comma, "such as", "including" or "like", says the name is a body's, and
// a plural kind introduces each item of the list after it.
func TestPromoteDescribedKindIntroduces(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"The food came from local suppliers, Zorbo Harwick and Brightmoor Foods.", []string{"Zorbo Harwick", "Brightmoor Foods"}},
		{"We worked with retailers such as Zorbo on the parcels.", []string{"Zorbo"}},
		{"Help came from voluntary organisations including Northtown Cares this spring.", []string{"Northtown Cares"}},
		{"We thanked the charity, Northtown Cares, for its help.", []string{"Northtown Cares"}},
		{"The team rang housing provider Zorbo Homes.", []string{"Zorbo Homes"}}, // the kind right before, as before
		{"We met partners, Town and Parish Councils among them.", nil},           // a plural kind names no body
		{"We met partners, John Smith among them.", nil},                         // a person
		{"The food came from local shops, Zorbo among them.", nil},               // "shops" is no describing noun here
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, nil)
		decoded := make([][]scoredChunk, len(st.runs))
		st.promoteDescribed(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}
