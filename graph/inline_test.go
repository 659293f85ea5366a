package graph

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Elements are marshalled in order, each with its index in its
// FieldContext; a panicking one becomes null and an error, as gqlgen's
// concurrent marshalling does, and the others are kept.
func TestMarshalSliceInline(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(ctx context.Context, err any) error { return errors.New("recovered") })
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{}})
	var seen []int
	got := marshalSliceInline(ctx, 3, func(ctx context.Context, i int) graphql.Marshaler {
		seen = append(seen, *graphql.GetFieldContext(ctx).Index)
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	var buf bytes.Buffer
	got.MarshalGQL(&buf)
	if buf.String() != "[0,null,2]" {
		t.Errorf("marshalled %s, want [0,null,2]", buf.String())
	}
	if len(seen) != 3 || seen[0] != 0 || seen[1] != 1 || seen[2] != 2 {
		t.Errorf("indexes %v", seen)
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 || errs[0].Message != "recovered" {
		t.Errorf("errors %v, want the recovered panic", errs)
	}
}

// An object's fields are written as graphql.FieldSet writes them, a
// repeated alias once.
func TestWriteFieldsAsFieldSet(t *testing.T) {
	fields := []graphql.CollectedField{{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "b"}},
		{Field: &ast.Field{Alias: "a"}}, {Field: &ast.Field{Alias: "c_1"}}}
	for _, fs := range [][]graphql.CollectedField{fields, fields[:1], nil} {
		out := graphql.NewFieldSet(fs)
		for i := range out.Values {
			out.Values[i] = graphql.MarshalInt(i)
		}
		var want, got bytes.Buffer
		out.MarshalGQL(&want)
		writeFields(fs, out).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("wrote %s, FieldSet writes %s", got.String(), want.String())
		}
	}
}

// plainInt writes what graphql.MarshalInt writes.
func TestPlainIntAsMarshalInt(t *testing.T) {
	for _, i := range []int{0, 7, 255, 1023, 1024, 99999, -1, -1024, 1 << 40} {
		var want, got bytes.Buffer
		graphql.MarshalInt(i).MarshalGQL(&want)
		plainInt(i).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("plainInt(%d) wrote %s, want %s", i, got.String(), want.String())
		}
	}
}

// A plainString (and a nullable one) is written as gqlgen writes a
// String or an ID: quotes, escapes and control characters alike.
func TestPlainStringAsMarshalString(t *testing.T) {
	for _, s := range []string{"", "Fenmoor Trust", `a "quoted" \ name`, "tab\there\nnew\rline", "\x00\x01\x1f\x7f", "Café – £5 “x”", "\xff\xfe broken"} {
		var want, got, id, opt bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		v := s
		(*plainString)(&v).MarshalGQL(&got)
		graphql.MarshalID(s).MarshalGQL(&id)
		optionalString(&v).MarshalGQL(&opt)
		if got.String() != want.String() || id.String() != want.String() || opt.String() != want.String() {
			t.Errorf("%q: plainString wrote %s, optionalString %s, want %s (ID %s)", s, got.String(), opt.String(), want.String(), id.String())
		}
	}
	if optionalString(nil) != graphql.Null {
		t.Errorf("optionalString(nil) is not graphql.Null")
	}
}

// Writing a string struct field allocates nothing: the pointer fits in the
// interface and MarshalString's closure stays on the stack.
func TestPlainStringAllocatesNothing(t *testing.T) {
	type council struct{ Name string }
	c := &council{Name: "Fenmoor Borough Council"}
	n := 512 // from the table: larger numbers take strconv.Itoa's string
	var w bytes.Buffer
	w.Grow(64)
	allocs := testing.AllocsPerRun(100, func() {
		w.Reset()
		var m graphql.Marshaler = (*plainString)(&c.Name)
		m.MarshalGQL(&w)
		m = (*plainInt)(&n)
		m.MarshalGQL(&w)
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations a string and an int, want 0", allocs)
	}
}
