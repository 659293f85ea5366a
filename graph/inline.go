package graph

import (
	"context"
	"io"
	"strconv"
	"sync/atomic"

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
	if ec.localReads() {
		return marshalSliceInline(ctx, length, marshalElement)
	}
	return graphql.MarshalSliceConcurrently(ctx, length, 0, false, marshalElement)
}

// localReads says whether the operation's store reads from memory (see
// pg.LocalStore): then nothing is gained by resolving fields concurrently.
func (ec *executionContext) localReads() bool {
	r, ok := ec.Resolvers.(*Resolver)
	return ok && localReads(r.Explore.Store)
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

func (o *objectFields) MarshalGQL(w io.Writer) { writeObject(w, o.fields, o.values) }

func writeObject(w io.Writer, fields []graphql.CollectedField, values []graphql.Marshaler) {
	io.WriteString(w, "{")
	first := true
	for i := range fields {
		alias := fields[i].Alias
		if written(fields[:i], alias) {
			continue
		}
		if !first {
			io.WriteString(w, ",")
		}
		first = false
		io.WriteString(w, `"`)
		io.WriteString(w, alias)
		io.WriteString(w, `":`)
		values[i].MarshalGQL(w)
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
// int struct fields inlinelists writes directly, by pointer (the struct's
// own field): no allocation a value (no closure, no boxed number; small
// numbers from a table, not strconv.Itoa).
type plainInt int

// plainString is a String or an ID written as graphql.MarshalString (and
// MarshalID, the same) writes it, for the string struct fields inlinelists
// writes directly, by pointer to the struct's own field: no allocation a
// value where MarshalString's closure is one. The objects behind a
// response do not change while it is written (the store hands out
// snapshots).
type plainString string

func (s *plainString) MarshalGQL(w io.Writer) {
	// gqlgen's own quoting: MarshalString's closure does not escape here
	// (TestPlainStringAllocatesNothing).
	graphql.MarshalString(string(*s)).MarshalGQL(w)
}

// optionalString is graphql's marshalling of a nullable String struct field
// (null for nil), as a plainString.
func optionalString(s *string) graphql.Marshaler {
	if s == nil {
		return graphql.Null
	}
	return (*plainString)(s)
}

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

// objectValues is what inlinelists gives an object's executor in place of
// graphql.NewFieldSet (every object but the root's, whose fields gqlgen
// runs under the root field middleware): the fields' values, filled in as
// FieldSet's are, and written as writeFields writes them, in one
// allocation for an object of up to len(inline) fields rather than three
// (FieldSet, its values and writeFields' writer).
//
// A resolver field is resolved at once, on the caller's goroutine, when the
// store's reads are local (as marshalSlice loops over lists then); it goes
// to a graphql.FieldSet, made for the first such field, to be resolved
// concurrently at Dispatch otherwise (its loaders batch), or when it is
// deferred.
type objectValues struct {
	fields   []graphql.CollectedField
	Values   []graphql.Marshaler
	Invalids uint32
	// concurrent holds the fields resolved at Dispatch; nil when there are
	// none.
	concurrent *graphql.FieldSet
	inline     [6]graphql.Marshaler
}

func newObjectValues(fields []graphql.CollectedField) *objectValues {
	o := &objectValues{fields: fields}
	if len(fields) <= len(o.inline) {
		o.Values = o.inline[:len(fields)]
	} else {
		o.Values = make([]graphql.Marshaler, len(fields))
	}
	return o
}

// resolveField stands for graphql.FieldSet.ResolveConcurrently, whose
// arguments it takes, and gives the same value, panic recovery and count of
// invalid values.
func (o *objectValues) resolveField(ec *executionContext, ctx context.Context, deferred *graphql.DeferredGroup, i int,
	recoverFromPanic, nonNull bool, resolve func(ctx context.Context) graphql.Marshaler) {
	if o.fields[i].IsDeferred() || !ec.localReads() {
		if o.concurrent == nil {
			o.concurrent = graphql.NewFieldSet(o.fields)
		}
		o.concurrent.ResolveConcurrently(ec.OperationContext, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	v := resolveNow(ec, ctx, recoverFromPanic, resolve)
	o.Values[i] = v
	if v == invalidResult(nonNull) {
		atomic.AddUint32(&o.Invalids, 1)
	}
}

// resolveNow is gqlgen's recoverToNull: a panic is reported and resolves to
// Null.
func resolveNow(ec *executionContext, ctx context.Context, recoverFromPanic bool, resolve func(ctx context.Context) graphql.Marshaler) (ret graphql.Marshaler) {
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				ec.Error(ctx, ec.Recover(ctx, r))
				ret = graphql.Null
			}
		}()
	}
	return resolve(ctx)
}

// invalidResult is gqlgen's invalidResultFor: the value that, resolved for
// a field, makes its object invalid.
func invalidResult(nonNull bool) graphql.Marshaler {
	if nonNull {
		return graphql.Null
	}
	return graphql.RequiredNull
}

// Dispatch resolves the fields left to resolve concurrently, if any, and
// takes their values and invalid count.
func (o *objectValues) Dispatch(ctx context.Context) {
	if o.concurrent == nil {
		return
	}
	o.concurrent.Dispatch(ctx)
	for i, v := range o.concurrent.Values {
		if v != nil {
			o.Values[i] = v
		}
	}
	atomic.AddUint32(&o.Invalids, atomic.LoadUint32(&o.concurrent.Invalids))
}

func (o *objectValues) MarshalGQL(w io.Writer) { writeObject(w, o.fields, o.Values) }
