// Command inlinelists rewrites gqlgen's generated executor (graph/generated.go)
// so that lists whose elements resolve nothing are marshalled in a loop
// instead of a goroutine per element.
//
// gqlgen (v0.17) marshals every list of objects with
// graphql.MarshalSliceConcurrently, which starts a goroutine per element
// whether or not any field below it has a resolver; the goroutine's start
// and its stack growth cost more than the element's fields. Concurrency
// only matters where an element's fields call resolvers (their loaders
// batch across elements), so this tool keeps it there and replaces it
// with graph.marshalSliceInline (same FieldContext, same recovery) where
// the element's whole selection is struct fields: an object whose
// executor runs no field concurrently, calls no resolver and marshals
// only scalars, enums and such objects.
//
// The other lists call ec.marshalSlice (graph/inline.go), which loops too
// when the store's reads are local (its loaders then fetch at once, so
// elements gain nothing by waiting for their siblings) and is gqlgen's
// MarshalSliceConcurrently otherwise.
//
// Every object also gets its group of @defer'd fields from
// graph.deferredGroup, which builds one (gqlgen's NewDeferredGroup: the
// object's path, a field set and a map) only when one of the object's
// fields is deferred.
//
// And every object is written by graph.writeFields, which is FieldSet's
// MarshalGQL without the map and the two iterators it makes per object.
// Every object but the root keeps its values in a graph.objectValues
// instead of a FieldSet: one allocation rather than three, and its
// resolver fields resolved at once over a local store (as lists are looped
// over), concurrently through a FieldSet otherwise.
//
// A field that reads a scalar struct field which cannot fail to marshal
// (a string, an int or a bool: plainScalars; strings, IDs and ints by
// pointer, as graph.plainString and graph.plainInt) is
// written straight from the struct, without graphql.ResolveField's field context, middleware chain
// and closures, which cost more than the value: nothing below a scalar
// reads its field context, and the field middleware (the deadline and
// cursor checks in server) has nothing to do for a value already in
// memory.
//
// Every other struct field (objects, lists, floats, enums) is resolved by
// graph.structValue: the same field context, result and panic recovery as
// graphql.ResolveField, without its closures and the field middleware.
//
// It runs from go generate after gqlgen (see graph/inline.go) and fails
// when it finds nothing to rewrite, so a change in gqlgen's output is seen.
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
)

const (
	newGroup   = "deferred := graphql.NewDeferredGroup(ctx)\n"
	lazyGroup  = "deferred := deferredGroup(ctx, fields)\n"
	newSet     = "out := graphql.NewFieldSet(fields)\n"
	returnSet  = "\n\treturn out\n}\n"
	writeSet   = "\n\treturn writeFields(fields, out)\n}\n"
	concurrent = "graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, "
	inline     = "marshalSliceInline(ctx, len(v), "
	chosen     = "ec.marshalSlice(ctx, len(v), "

	newValues           = "out := newObjectValues(fields)\n"
	returnValues        = "\n\treturn out\n}\n"
	resolveConcurrently = "out.ResolveConcurrently(ec.OperationContext, &deferred, i,"
	resolveField        = "out.resolveField(ec, ctx, &deferred, i,"
)

// plainScalars are the marshallers of struct fields written directly.
var plainScalars = map[string]bool{
	"marshalNString2string": true, "marshalNID2string": true, "marshalNInt2int": true, "marshalNBoolean2bool": true,
	"marshalOString2ᚖstring": true, "marshalOInt2ᚖint": true, "marshalOBoolean2ᚖbool": true,
}

// structField is a field executor that reads a struct field and marshals
// it, with no middleware of its own.
var structField = regexp.MustCompile(`(?m)^(func \(ec \*executionContext\) _\w+\(ctx context\.Context, field graphql\.CollectedField, obj [\w.*]+\) \(ret graphql\.Marshaler\) )\{
\treturn graphql\.ResolveField\(
\t\tctx,
\t\tec\.OperationContext,
\t\tfield,
\t\tfunc\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{
\t\t\treturn ec\.(fieldContext_\w+)\(ctx, field\)
\t\t\},
\t\tfunc\(ctx context\.Context\) \(any, error\) \{
\t\t\treturn obj\.([\w.]+), nil
\t\t\},
\t\tnil,
\t\tfunc\(ctx context\.Context, selections ast\.SelectionSet, v ([\w.*\[\]]+)\) graphql\.Marshaler \{
\t\t\treturn ec\.([^\s(]+)\(ctx, selections, v\)
\t\t\},
\t\ttrue,
\t\t(?:true|false),
\t\)
\}
`)

// objectExecutor is the executor of an object type: up to its closing brace
// (gofmt'd source: the only unindented one).
var objectExecutor = regexp.MustCompile(`(?ms)^func \(ec \*executionContext\) _\w+\(ctx context\.Context, sel ast\.SelectionSet, obj [^)]*\) graphql\.Marshaler \{\n.*?^\}\n`)

// objectValues gives every object's executor graph.objectValues in place
// of a graphql.FieldSet (the root's, which has no obj, keeps its FieldSet):
// it is made by newObjectValues, resolver fields go through its
// resolveField, and it is its own writer.
func objectValues(src []byte) (out []byte, n int) {
	out = objectExecutor.ReplaceAllFunc(src, func(fn []byte) []byte {
		if !bytes.Contains(fn, []byte(newSet)) || !bytes.Contains(fn, []byte(writeSet)) ||
			bytes.Contains(fn, []byte("ResolveRootConcurrently(")) {
			return fn
		}
		n++
		fn = bytes.Replace(fn, []byte(newSet), []byte(newValues), 1)
		fn = bytes.Replace(fn, []byte(writeSet), []byte(returnValues), 1)
		return bytes.ReplaceAll(fn, []byte(resolveConcurrently), []byte(resolveField))
	})
	return out, n
}

// directFields rewrites the executors of struct fields: plain scalars
// marshalled directly (n), the others through structValue (m).
func directFields(src []byte) (out []byte, n, m int) {
	out = structField.ReplaceAllFunc(src, func(match []byte) []byte {
		g := structField.FindSubmatch(match)
		head, fieldContext, name, typ, marshal := g[1], g[2], g[3], g[4], g[5]
		// By pointer: a pointer fits in an interface without an
		// allocation, where a string, a number over 255 or
		// graphql.MarshalString's closure takes one each value.
		switch string(marshal) {
		case "marshalNInt2int":
			n++
			return fmt.Appendf(nil, "%s{\n\treturn (*plainInt)(&obj.%s)\n}\n", head, name)
		case "marshalNString2string", "marshalNID2string":
			n++
			return fmt.Appendf(nil, "%s{\n\treturn (*plainString)(&obj.%s)\n}\n", head, name)
		case "marshalOString2ᚖstring":
			n++
			return fmt.Appendf(nil, "%s{\n\treturn optionalString(obj.%s)\n}\n", head, name)
		}
		if plainScalars[string(marshal)] {
			n++
			return fmt.Appendf(nil, "%s{\n\treturn ec.%s(ctx, field.Selections, obj.%s)\n}\n", head, marshal, name)
		}
		m++
		return fmt.Appendf(nil, "%s{\n\treturn structValue[%s](ec, ctx, field, (*executionContext).%s, obj.%s, (*executionContext).%s)\n}\n",
			head, typ, fieldContext, name, marshal)
	})
	return out, n, m
}

var (
	calls   = regexp.MustCompile(`ec\.(_[A-Za-z0-9_]+|marshal[^\s(]+)\(`)
	objects = regexp.MustCompile(`^_[A-Z][A-Za-z0-9]*$`)
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: inlinelists generated.go")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "inlinelists:", err)
		os.Exit(1)
	}
}

func run(file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0)
	if err != nil {
		return err
	}
	bodies := map[string]string{}
	type span struct{ start, end int }
	spans := map[string]span{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Body == nil {
			continue
		}
		s, e := fset.Position(fd.Body.Pos()).Offset, fset.Position(fd.Body.End()).Offset
		bodies[fd.Name.Name] = string(src[s:e])
		spans[fd.Name.Name] = span{s, e}
	}
	memo := map[string]int{} // 0 unknown, 1 in progress, 2 pure, 3 not
	var pure func(name string) bool
	pure = func(name string) bool {
		switch memo[name] {
		case 1:
			return false // a cycle: be safe
		case 2:
			return true
		case 3:
			return false
		}
		memo[name] = 1
		body, ok := bodies[name]
		ok = ok && !strings.Contains(body, "ec.Resolvers.") && !strings.Contains(body, ".Concurrently(") &&
			!strings.Contains(body, "Deferrable")
		if ok && objects.MatchString(name) && !strings.Contains(body, "graphql.CollectFields(") {
			ok = false // an interface or union dispatching on the value's type
		}
		if ok {
			for _, m := range calls.FindAllStringSubmatch(body, -1) {
				if callee := m[1]; callee != name && !pure(callee) {
					ok = false
					break
				}
			}
		}
		memo[name] = 3
		if ok {
			memo[name] = 2
		}
		return ok
	}
	var out bytes.Buffer
	last, rewritten, kept := 0, 0, 0
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || !strings.HasPrefix(fd.Name.Name, "marshal") {
			continue
		}
		body := bodies[fd.Name.Name]
		i := strings.Index(body, concurrent)
		if i < 0 {
			continue
		}
		// The element marshaller the list calls.
		elems := calls.FindAllStringSubmatch(body[i:], -1)
		sp := spans[fd.Name.Name]
		out.Write(src[last : sp.start+i])
		if len(elems) != 1 || !pure(elems[0][1]) {
			out.WriteString(chosen)
			kept++
		} else {
			out.WriteString(inline)
			rewritten++
		}
		last = sp.start + i + len(concurrent)
	}
	out.Write(src[last:])
	if rewritten == 0 {
		return fmt.Errorf("%s: no list marshalled with %q over elements without resolvers (gqlgen's output changed?)", file, strings.TrimSpace(concurrent))
	}
	groups := bytes.Count(out.Bytes(), []byte(newGroup))
	if groups == 0 {
		return fmt.Errorf("%s: no object starts its fields with %q (gqlgen's output changed?)", file, strings.TrimSpace(newGroup))
	}
	sets := bytes.Count(out.Bytes(), []byte(newSet))
	if n := bytes.Count(out.Bytes(), []byte(returnSet)); n != sets || sets == 0 {
		return fmt.Errorf("%s: %d objects make a field set, %d return one (gqlgen's output changed?)", file, sets, n)
	}
	source := bytes.ReplaceAll(out.Bytes(), []byte(newGroup), []byte(lazyGroup))
	source = bytes.ReplaceAll(source, []byte(returnSet), []byte(writeSet))
	source, objs := objectValues(source)
	if objs == 0 {
		return fmt.Errorf("%s: no object's executor to give objectValues (gqlgen's output changed?)", file)
	}
	source, direct, values := directFields(source)
	if direct == 0 || values == 0 {
		return fmt.Errorf("%s: no scalar struct field written through graphql.ResolveField (gqlgen's output changed?)", file)
	}
	res, err := format.Source(source)
	if err != nil {
		return err
	}
	fmt.Printf("inlinelists: %d lists marshalled inline, %d inline over a local store; %d objects' deferred groups made when needed, %d with objectValues, %d written by writeFields; %d scalar struct fields written directly, %d other struct fields by structValue\n", rewritten, kept, groups, objs, sets-objs, direct, values)
	return os.WriteFile(file, res, 0o644)
}
