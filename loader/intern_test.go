package loader

import (
	"testing"
	"unsafe"

	"github.com/partnergraph/partnergraph"
)

// TestInternKeepsRulesAndSharesThem: the builder's intern gives evidence
// with the same rule one copy of it, and changes no rule's text.
func TestInternKeepsRulesAndSharesThem(t *testing.T) {
	b := newBuilder(nil, nil, false)
	rule := func(s string) string { return string([]byte(s)) } // a copy of its own
	first := []partnergraph.Evidence{{Rule: rule("model:org p=0.97 listItem")}, {Rule: rule("case-study-heading")}, {Rule: ""}}
	second := []partnergraph.Evidence{{Rule: rule("model:org p=0.97 listItem")}, {Rule: rule("model:org p=0.98 listItem")}}
	b.intern(first)
	b.intern(second)
	for i, want := range []string{"model:org p=0.97 listItem", "case-study-heading", ""} {
		if first[i].Rule != want {
			t.Errorf("first[%d].Rule = %q, want %q", i, first[i].Rule, want)
		}
	}
	if second[0].Rule != "model:org p=0.97 listItem" || second[1].Rule != "model:org p=0.98 listItem" {
		t.Errorf("second's rules changed: %q, %q", second[0].Rule, second[1].Rule)
	}
	if unsafe.StringData(second[0].Rule) != unsafe.StringData(first[0].Rule) {
		t.Error("the same rule is held twice")
	}
}
