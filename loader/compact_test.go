package loader

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestCompactedModelsAreTheDecodedOnes: ParseModels moves every
// classifier's names and weights into shared arrays (Classifier.compact);
// the features and weights must be the ones the file holds, and no
// feature's weights may grow into another's.
func TestCompactedModelsAreTheDecodedOnes(t *testing.T) {
	var raw Models
	if err := json.Unmarshal(embeddedModel, &raw); err != nil {
		t.Fatal(err)
	}
	m, err := ParseModels(embeddedModel)
	if err != nil {
		t.Fatal(err)
	}
	for i, pair := range [][2]*Classifier{{raw.Mentions, m.Mentions}, {raw.Lists, m.Lists}, {raw.Funders, m.Funders}} {
		want, got := pair[0], pair[1]
		if !reflect.DeepEqual(got.Weights, want.Weights) {
			t.Fatalf("classifier %d: compacted weights differ from the decoded ones", i)
		}
		for f, w := range got.Weights {
			if cap(w) != len(w) {
				t.Fatalf("classifier %d: feature %q has room to grow into another's weights (len %d, cap %d)", i, f, len(w), cap(w))
			}
		}
	}
}

// TestCompactSmall: a hand-made classifier keeps its features, weights and
// their independence once compacted.
func TestCompactSmall(t *testing.T) {
	c := &Classifier{Classes: []string{"a", "b"}, Weights: map[string][]float64{
		"bias": {0.5, -0.5}, "w=northtown": {1, 2}, "": {3, 4},
	}}
	c.compact()
	want := map[string][]float64{"bias": {0.5, -0.5}, "w=northtown": {1, 2}, "": {3, 4}}
	if !reflect.DeepEqual(c.Weights, want) {
		t.Fatalf("compact: got %v, want %v", c.Weights, want)
	}
	c.Weights["bias"] = append(c.Weights["bias"], 9)
	if !reflect.DeepEqual(c.Weights["w=northtown"], []float64{1, 2}) || !reflect.DeepEqual(c.Weights[""], []float64{3, 4}) {
		t.Fatalf("appending to one feature's weights changed another's: %v", c.Weights)
	}
}
