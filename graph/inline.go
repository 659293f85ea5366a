package graph

import (
	"context"
	"io"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/99designs/gqlgen/graphql"
)

// After gqlgen (go generate in the root package), lists whose elements
// resolve nothing are marshalled inline: see internal/inlinelists.
//go:generate go run ./internal/inlinelists generated.go

// marshalSlice marshals a list whose elements may call resolvers: in a
// loop on the request's goroutine when the store's reads are local (the
// loaders then fetch at once: see pg.LocalStore), with a goroutine per
// element otherwise, so that the elements' loads are batched.
func (ec *executionContext) marshalSlice(ctx context.Context, length int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if r, ok := ec.Resolvers.(*Resolver); ok && localReads(r.Explore.Store) {
		return marshalSliceInline(ctx, length, marshalElement)
	}
	return graphql.MarshalSliceConcurrently(ctx, length, 0, false, marshalElement)
}

// marshalSliceInline is graphql.MarshalSliceConcurrently for lists whose
// elements call no resolver: each element marshalled in turn on the
// caller's goroutine, with the same FieldContext (its index) and the same
// recovery (a panic becomes the element's error and a null).
func marshalSliceInline(ctx context.Context, length int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	ret := make(graphql.Array, length)
	// The elements' field contexts and indexes, two allocations a list
	// rather than two an element.
	fcs := make([]graphql.FieldContext, length)
	index := make([]int, length)
	for i := range length {
		index[i] = i
		fc := &fcs[i]
		fc.Index = &index[i]
		childCtx := graphql.WithFieldContext(ctx, fc)
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(childCtx, graphql.Recover(childCtx, r))
					ret[i] = graphql.Null
				}
			}()
			ret[i] = marshalElement(childCtx, i)
		}()
	}
	return ret
}

// deferredGroup is graphql.NewDeferredGroup for an object one of whose
// fields is deferred. For the others (every object of a query without
// @defer) it is an empty group: ResolveConcurrently reads the group only
// for a deferred field, and the generated code hands it to
// ProcessDeferredGroup only when it holds deferred fields. It spares each
// object NewDeferredGroup's path, field set and map.
func deferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for i := range fields {
		if fields[i].IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{}
}

// writeFields is what an object marshals to: its field set written as
// graphql.FieldSet writes it (an alias met twice written once, the first
// time), without the map and the iterators FieldSet makes for each object.
// Aliases are GraphQL names, which need no escaping.
func writeFields(fields []graphql.CollectedField, out *graphql.FieldSet) graphql.Marshaler {
	return &objectFields{fields: fields, values: out.Values}
}

type objectFields struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

func (o *objectFields) MarshalGQL(w io.Writer) {
	io.WriteString(w, "{")
	first := true
	for i := range o.fields {
		alias := o.fields[i].Alias
		if written(o.fields[:i], alias) {
			continue
		}
		if !first {
			io.WriteString(w, ",")
		}
		first = false
		io.WriteString(w, `"`)
		io.WriteString(w, alias)
		io.WriteString(w, `":`)
		o.values[i].MarshalGQL(w)
	}
	io.WriteString(w, "}")
}

func written(before []graphql.CollectedField, alias string) bool {
	for i := range before {
		if before[i].Alias == alias {
			return true
		}
	}
	return false
}

// structValue resolves a field that reads a struct field (inlinelists
// rewrites such executors to call it): graphql.ResolveField's field
// context, result and panic recovery, without its closures and without the
// field middleware, which has nothing to do for a value already in memory
// (the deadline stops the resolvers below, which read the store).
func structValue[T any](ec *executionContext, ctx context.Context, field graphql.CollectedField,
	fieldContext func(*executionContext, context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
	v T, marshal func(*executionContext, context.Context, ast.SelectionSet, T) graphql.Marshaler) (ret graphql.Marshaler) {
	fc, err := fieldContext(ec, ctx, field)
	if err != nil {
		return graphql.Null
	}
	ctx = graphql.WithFieldContext(ctx, fc)
	defer func() {
		if r := recover(); r != nil {
			ec.Error(ctx, ec.Recover(ctx, r))
			ret = graphql.Null
		}
	}()
	fc.Result = v
	return marshal(ec, ctx, field.Selections, v)
}

// plainInt is an Int written as graphql.MarshalInt writes it, for the
// int struct fields inlinelists writes directly: one allocation fewer a
// value (no closure; small numbers from a table, not strconv.Itoa).
type plainInt int

var smallInts = func() (t [1024]string) {
	for i := range t {
		t[i] = strconv.Itoa(i)
	}
	return t
}()

func (i plainInt) MarshalGQL(w io.Writer) {
	if i >= 0 && int(i) < len(smallInts) {
		io.WriteString(w, smallInts[i])
		return
	}
	io.WriteString(w, strconv.Itoa(int(i)))
}
