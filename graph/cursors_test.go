package graph

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// TestSelectsCursor: a selection with no cursor anywhere below says no (so
// the connection writes none); one in a field, an inline fragment or a
// named fragment says yes.
func TestSelectsCursor(t *testing.T) {
	tests := []struct {
		query string
		want  bool
	}{
		{`{ partners { edges { node { id } } pageInfo { hasNextPage } } }`, false},
		{`{ partners { totalCount } }`, false},
		{`{ partners { edges { cursor } } }`, true},
		{`{ partners { pageInfo { endCursor } } }`, true},
		{`{ partners { ... on PartnerConnection { pageInfo { startCursor } } } }`, true},
		{`{ partners { ...P } } fragment P on PartnerConnection { edges { cursor } }`, true},
		{`{ partners { ...P } } fragment P on PartnerConnection { edges { node { id } } }`, false},
	}
	for _, tt := range tests {
		doc, err := parser.ParseQuery(&ast.Source{Input: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		field := doc.Operations[0].SelectionSet[0].(*ast.Field)
		if got := selectsCursor(field.SelectionSet, doc.Fragments, 0); got != tt.want {
			t.Errorf("%s: selectsCursor = %v, want %v", tt.query, got, tt.want)
		}
	}
}
