package server

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// budget measures a request before gqlgen parses and validates it: it runs
// as an operation-parameter mutator, which gqlgen calls on the raw
// parameters ahead of its own parsing and validation. Validation's cost
// grows with the number of selections after fragment expansion (and, for
// overlapping-field checks, with their square), so a small document that
// spreads fragments into fragments, or repeats one field thousands of
// times, is refused here, in time proportional to its own size.
//
// Fragments are measured once each (memoised) and multiplied by the number
// of times they are spread, as Apollo Router's max_recursive_selections does.
//
// A document gqlgen has kept in its query cache (parsed) was measured when
// it first came, since every request is measured before gqlgen parses it:
// it is not parsed and measured again.
type budget struct {
	parsed           graphql.Cache[*ast.QueryDocument]
	maxSelections    int // selections after expanding fragments, in all
	maxPerSet        int // selections in one selection set, fragments expanded
	maxInputDepth    int // nesting of input values, in variables and literals
	maxInputValues   int // values in variables and literals, in all
	parserTokenLimit int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = budget{}

func (budget) ExtensionName() string                   { return "Budget" }
func (budget) Validate(graphql.ExecutableSchema) error { return nil }

func (b budget) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if err := b.checkVariables(p.Variables); err != nil {
		return err
	}
	if p.Query == "" {
		return nil // gqlgen says the query is missing
	}
	if b.parsed != nil {
		if doc, ok := b.parsed.Get(ctx, p.Query); ok {
			return operationChoice(doc, p.OperationName)
		}
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, b.parserTokenLimit)
	if err != nil {
		return nil // gqlgen reports the parse error itself, with its code
	}
	if err := operationChoice(doc, p.OperationName); err != nil {
		return err
	}
	m := measurer{ctx: ctx, frags: map[string]*fragCost{}, doc: doc, b: b}
	for _, f := range doc.Fragments {
		if _, err := m.fragment(f.Name); err != nil {
			return err
		}
	}
	var total int
	for _, op := range doc.Operations {
		if err := m.values(op.VariableDefinitions); err != nil {
			return err
		}
		c, err := m.set(op.SelectionSet)
		if err != nil {
			return err
		}
		total = add(total, c.selections)
		if total > b.maxSelections {
			return tooComplex(fmt.Sprintf("the document has more than %d selections once its fragments are expanded", b.maxSelections))
		}
	}
	return nil
}

// operationChoice names the operations when the request does not say which
// of several to run, or names one the document does not hold.
func operationChoice(doc *ast.QueryDocument, name string) *gqlerror.Error {
	if len(doc.Operations) == 0 {
		return nil
	}
	var names []string
	for _, op := range doc.Operations {
		if op.Name == name && (name != "" || len(doc.Operations) == 1) {
			return nil
		}
		if op.Name != "" {
			names = append(names, op.Name)
		}
	}
	sort.Strings(names)
	list := strings.Join(names, ", ")
	if name == "" {
		if len(doc.Operations) == 1 {
			return nil
		}
		e := gqlerror.Errorf("the document holds %d operations (%s): say which to run in operationName", len(doc.Operations), list)
		setCode(e, CodeBadUserInput)
		return e
	}
	e := gqlerror.Errorf("operationName %q is not an operation of the document; it holds %s", name, list)
	if list == "" {
		e = gqlerror.Errorf("operationName %q is not an operation of the document; its operation has no name", name)
	}
	setCode(e, CodeBadUserInput)
	return e
}

// cost of a selection set or fragment once expanded.
type cost struct {
	selections int // every field, inline fragment and spread, recursively
	direct     int // fields merged into the set itself (through fragments)
}

type fragCost struct {
	c        cost
	visiting bool
	done     bool
}

type measurer struct {
	ctx   context.Context
	doc   *ast.QueryDocument
	frags map[string]*fragCost
	b     budget
	steps int
}

func add(a, b int) int {
	if s := a + b; s >= a && s >= b {
		return s
	}
	return int(^uint(0) >> 1)
}

func (m *measurer) fragment(name string) (cost, *gqlerror.Error) {
	fc := m.frags[name]
	if fc == nil {
		f := m.doc.Fragments.ForName(name)
		if f == nil {
			return cost{}, nil // validation names the unknown fragment
		}
		fc = &fragCost{}
		m.frags[name] = fc
		fc.visiting = true
		c, err := m.set(f.SelectionSet)
		if err != nil {
			return cost{}, err
		}
		fc.c, fc.visiting, fc.done = c, false, true
		return c, nil
	}
	if fc.visiting {
		return cost{}, nil // a cycle: validation refuses it
	}
	return fc.c, nil
}

func (m *measurer) set(set ast.SelectionSet) (cost, *gqlerror.Error) {
	m.steps++
	if m.steps%1024 == 0 {
		if err := m.ctx.Err(); err != nil {
			e := gqlerror.Errorf("the request took longer than the server allows")
			setCode(e, CodeTimeout)
			return cost{}, e
		}
	}
	var c cost
	for _, sel := range set {
		var sub cost
		var err *gqlerror.Error
		switch s := sel.(type) {
		case *ast.Field:
			if err := m.arguments(s.Arguments); err != nil {
				return cost{}, err
			}
			if sub, err = m.set(s.SelectionSet); err != nil {
				return cost{}, err
			}
			c.selections = add(c.selections, add(1, sub.selections))
			c.direct = add(c.direct, 1)
		case *ast.InlineFragment:
			if sub, err = m.set(s.SelectionSet); err != nil {
				return cost{}, err
			}
			c.selections = add(c.selections, add(1, sub.selections))
			c.direct = add(c.direct, sub.direct)
		case *ast.FragmentSpread:
			if sub, err = m.fragment(s.Name); err != nil {
				return cost{}, err
			}
			c.selections = add(c.selections, add(1, sub.selections))
			c.direct = add(c.direct, sub.direct)
		}
		for _, d := range directivesOf(sel) {
			if err := m.arguments(d.Arguments); err != nil {
				return cost{}, err
			}
		}
		if c.selections > m.b.maxSelections {
			return cost{}, tooComplex(fmt.Sprintf("the document has more than %d selections once its fragments are expanded", m.b.maxSelections))
		}
		if c.direct > m.b.maxPerSet {
			return cost{}, tooComplex(fmt.Sprintf("a selection set holds more than %d fields once its fragments are expanded", m.b.maxPerSet))
		}
	}
	return c, nil
}

func directivesOf(sel ast.Selection) ast.DirectiveList {
	switch s := sel.(type) {
	case *ast.Field:
		return s.Directives
	case *ast.InlineFragment:
		return s.Directives
	case *ast.FragmentSpread:
		return s.Directives
	}
	return nil
}

func (m *measurer) arguments(args ast.ArgumentList) *gqlerror.Error {
	for _, a := range args {
		if err := m.literal(a.Value, "argument "+a.Name); err != nil {
			return err
		}
	}
	return nil
}

func (m *measurer) values(defs ast.VariableDefinitionList) *gqlerror.Error {
	for _, d := range defs {
		if d.DefaultValue != nil {
			if err := m.literal(d.DefaultValue, "default of $"+d.Variable); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *measurer) literal(v *ast.Value, where string) *gqlerror.Error {
	if v == nil {
		return nil
	}
	n := 0
	if d := valueDepth(v, 0, &n); d > m.b.maxInputDepth {
		return inputTooDeep(where, d, m.b.maxInputDepth)
	}
	if n > m.b.maxInputValues {
		return inputTooLarge(where, n, m.b.maxInputValues)
	}
	return nil
}

func valueDepth(v *ast.Value, d int, n *int) int {
	*n++
	best := d
	for _, ch := range v.Children {
		best = max(best, valueDepth(ch.Value, d+1, n))
	}
	return best
}

// checkVariables refuses variables nested deeper than the limit, walking
// at most limit levels (so a deep value costs no more than a shallow one).
func (b budget) checkVariables(vars map[string]any) *gqlerror.Error {
	n := 0
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if d := jsonDepth(vars[k], 0, b.maxInputDepth, &n); d > b.maxInputDepth {
			return inputTooDeep("variable $"+k, d, b.maxInputDepth)
		}
		if n > b.maxInputValues {
			return inputTooLarge("variables", n, b.maxInputValues)
		}
	}
	return nil
}

// jsonDepth is the nesting of a decoded JSON value, counted up to limit+1.
func jsonDepth(v any, d, limit int, n *int) int {
	*n++
	if d > limit {
		return d
	}
	best := d
	switch x := v.(type) {
	case map[string]any:
		for _, ch := range x {
			best = max(best, jsonDepth(ch, d+1, limit, n))
			if best > limit {
				return best
			}
		}
	case []any:
		for _, ch := range x {
			best = max(best, jsonDepth(ch, d+1, limit, n))
			if best > limit {
				return best
			}
		}
	}
	return best
}

func inputTooDeep(where string, d, limit int) *gqlerror.Error {
	e := gqlerror.Errorf("%s is nested more than %d levels deep (at least %d)", where, limit, d)
	setCode(e, CodeBadUserInput)
	return e
}

func inputTooLarge(where string, n, limit int) *gqlerror.Error {
	e := gqlerror.Errorf("%s: more than %d input values (%d)", where, limit, n)
	setCode(e, CodeBadUserInput)
	return e
}
