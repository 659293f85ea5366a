package server

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// shapeLimits rejects operations that are too deep or that fan out through
// aliases or root fields, before any resolver runs.
type shapeLimits struct {
	maxDepth, maxAliases, maxRootFields int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimits{}

func (shapeLimits) ExtensionName() string                   { return "ShapeLimits" }
func (shapeLimits) Validate(graphql.ExecutableSchema) error { return nil }

func (l shapeLimits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil {
		return nil
	}
	fragments := oc.Doc.Fragments
	if n := countFields(op.SelectionSet, fragments, 0); n > l.maxRootFields && l.maxRootFields > 0 {
		return tooComplex(fmt.Sprintf("the operation has %d root fields; at most %d are allowed", n, l.maxRootFields))
	}
	if d := depth(op.SelectionSet, fragments, 0); d > l.maxDepth && l.maxDepth > 0 {
		return tooComplex(fmt.Sprintf("the operation is %d levels deep; at most %d are allowed", d, l.maxDepth))
	}
	if a := aliases(op.SelectionSet, fragments, 0); a > l.maxAliases && l.maxAliases > 0 {
		return tooComplex(fmt.Sprintf("the operation uses %d aliases; at most %d are allowed", a, l.maxAliases))
	}
	return nil
}

func tooComplex(msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": CodeTooComplex}}
}

// Fragment spreads are followed with a recursion bound, since validation
// has already rejected fragment cycles.
const maxFragmentNesting = 32

func countFields(set ast.SelectionSet, frags ast.FragmentDefinitionList, nest int) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n++
		case *ast.InlineFragment:
			n += countFields(s.SelectionSet, frags, nest)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && nest < maxFragmentNesting {
				n += countFields(f.SelectionSet, frags, nest+1)
			}
		}
	}
	return n
}

func depth(set ast.SelectionSet, frags ast.FragmentDefinitionList, nest int) int {
	best := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) > 0 {
				d = 1 + depth(s.SelectionSet, frags, nest)
			} else {
				d = 1
			}
		case *ast.InlineFragment:
			d = depth(s.SelectionSet, frags, nest)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && nest < maxFragmentNesting {
				d = depth(f.SelectionSet, frags, nest+1)
			}
		}
		best = max(best, d)
	}
	return best
}

func aliases(set ast.SelectionSet, frags ast.FragmentDefinitionList, nest int) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				n++
			}
			n += aliases(s.SelectionSet, frags, nest)
		case *ast.InlineFragment:
			n += aliases(s.SelectionSet, frags, nest)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && nest < maxFragmentNesting {
				n += aliases(f.SelectionSet, frags, nest+1)
			}
		}
	}
	return n
}
