package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph"
)

// Cursors are bound to the list that gave them out. Each connection field
// (one with after or before arguments) is a list identified by its type and
// field, the object it hangs from (its id) and its other arguments (order,
// filter, search text...). The cursors it returns are the explore package's
// keyset cursors prefixed with a short hash of that identity; a cursor
// passed as after or before must carry the hash of the list it is given
// to, and is handed to the resolver without it. So a cursor of
// organisations given to councils, or of one order given to another, is
// refused with BAD_USER_INPUT instead of being read as a position.
//
// This lives in a field middleware so that every list, present and future,
// gets it without the resolvers knowing.

const listTagLen = 6

func bindCursors(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Args == nil {
		return next(ctx)
	}
	_, hasAfter := fc.Args["after"]
	_, hasBefore := fc.Args["before"]
	if !hasAfter && !hasBefore {
		return next(ctx)
	}
	if noCursor(fc.Args["after"]) && noCursor(fc.Args["before"]) && !graph.CursorsSelected(ctx) {
		return next(ctx) // no cursor given, none shown: nothing to bind
	}
	tag := listTag(fc)
	for _, name := range []string{"after", "before"} {
		p, ok := fc.Args[name].(*string)
		if !ok || p == nil || *p == "" {
			continue
		}
		inner, err := unbindCursor(tag, *p)
		if err != nil {
			return nil, &explore.InputError{Msg: fmt.Sprintf("%s: %q is not a cursor of this list (%s) in this order", name, trimForMessage(*p), fc.Field.Name)}
		}
		fc.Args[name] = &inner
	}
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	return tagConnection(res, tag), nil
}

func noCursor(arg any) bool {
	p, _ := arg.(*string)
	return p == nil || *p == ""
}

// listTag identifies the list a connection field gives.
func listTag(fc *graphql.FieldContext) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s.%s\x00", fc.Object, fc.Field.Name)
	if fc.Parent != nil && fc.Parent.Result != nil {
		h.Write([]byte(objectID(fc.Parent.Result)))
	}
	h.Write([]byte{0})
	names := make([]string, 0, len(fc.Args))
	for k := range fc.Args {
		switch k {
		case "first", "last", "after", "before":
		default:
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		b, _ := json.Marshal(fc.Args[k])
		fmt.Fprintf(h, "%s=%s\x00", k, b)
	}
	return h.Sum(nil)[:listTagLen]
}

// objectID is the id of a resolved object (its ID field, promoted from an
// embedded node or its own), or "".
func objectID(obj any) (id string) {
	defer func() {
		if recover() != nil {
			id = ""
		}
	}()
	v := reflect.ValueOf(obj)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	f := v.FieldByName("ID")
	if f.IsValid() && f.Kind() == reflect.String {
		return f.String()
	}
	return ""
}

func bindCursor(tag []byte, inner string) string {
	b := make([]byte, 0, len(tag)+len(inner))
	return base64.RawURLEncoding.EncodeToString(append(append(b, tag...), inner...))
}

func unbindCursor(tag []byte, c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < listTagLen || !bytes.Equal(b[:listTagLen], tag) {
		return "", fmt.Errorf("not this list's cursor")
	}
	return string(b[listTagLen:]), nil
}

// tagConnection returns the connection with every cursor (edges' cursor,
// pageInfo's start and end) bound to the list. It copies what it changes:
// the resolver's values may share cursor strings with cached pages.
func tagConnection(res any, tag []byte) any {
	v := reflect.ValueOf(res)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return res
	}
	out := reflect.New(v.Elem().Type())
	out.Elem().Set(v.Elem())
	s := out.Elem()
	touched := false
	if edges := s.FieldByName("Edges"); edges.IsValid() && edges.Kind() == reflect.Slice {
		cp := reflect.MakeSlice(edges.Type(), edges.Len(), edges.Len())
		reflect.Copy(cp, edges)
		for i := 0; i < cp.Len(); i++ {
			e := cp.Index(i)
			if e.Kind() == reflect.Pointer {
				if e.IsNil() {
					continue
				}
				ne := reflect.New(e.Elem().Type())
				ne.Elem().Set(e.Elem())
				cp.Index(i).Set(ne)
				e = ne
			}
			if e.Kind() == reflect.Pointer {
				e = e.Elem()
			}
			if c := e.FieldByName("Cursor"); c.IsValid() && c.Kind() == reflect.String {
				c.SetString(bindCursor(tag, c.String()))
				touched = true
			}
		}
		edges.Set(cp)
	}
	if pi := s.FieldByName("PageInfo"); pi.IsValid() && pi.Kind() == reflect.Pointer && !pi.IsNil() {
		np := reflect.New(pi.Elem().Type())
		np.Elem().Set(pi.Elem())
		for _, name := range []string{"StartCursor", "EndCursor"} {
			f := np.Elem().FieldByName(name)
			if f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.String {
				c := bindCursor(tag, f.Elem().String())
				f.Set(reflect.ValueOf(&c))
				touched = true
			}
		}
		pi.Set(np)
	}
	if !touched && !strings.HasSuffix(s.Type().Name(), "Connection") {
		return res
	}
	return out.Interface()
}
