package server

import (
	"context"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	lru "github.com/hashicorp/golang-lru/v2"
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

// complexityLimit is gqlgen's FixedComplexityLimit (the same cost, the
// same ComplexityStats, its message) with the TOO_COMPLEX code, and the
// cost of an operation that declares no variables kept by its query text
// and name: its arguments are all literals, so it costs the same each
// time it is sent.
type complexityLimit struct {
	limit int
	es    graphql.ExecutableSchema
	costs *lru.Cache[operationKey, int]
}

type operationKey struct{ query, name string }

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = (*complexityLimit)(nil)

func newComplexityLimit(limit int) (*complexityLimit, error) {
	c, err := lru.New[operationKey, int](1000)
	if err != nil {
		return nil, err
	}
	return &complexityLimit{limit: limit, costs: c}, nil
}

// ExtensionName is gqlgen's, so that its GetComplexityStats finds the stats.
func (*complexityLimit) ExtensionName() string { return "ComplexityLimit" }

func (c *complexityLimit) Validate(schema graphql.ExecutableSchema) error {
	if schema == nil {
		return errors.New("complexity limit: no schema")
	}
	c.es = schema
	return nil
}

func (c *complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	key := operationKey{oc.RawQuery, oc.OperationName}
	keep := op != nil && len(op.VariableDefinitions) == 0 && len(oc.RawQuery) <= maxCachedQuery
	cost, ok := 0, false
	if keep {
		cost, ok = c.costs.Get(key)
	}
	if !ok {
		cost = complexity.Calculate(ctx, c.es, op, oc.Variables)
		if keep {
			c.costs.Add(key, cost)
		}
	}
	oc.Stats.SetExtension(c.ExtensionName(), &extension.ComplexityStats{Complexity: cost, ComplexityLimit: c.limit})
	if cost > c.limit {
		return tooComplex(fmt.Sprintf("operation has complexity %d, which exceeds the limit of %d", cost, c.limit))
	}
	return nil
}
