package main

import (
	"strings"
	"testing"
)

func executor(name, obj, field, typ, marshal string) string {
	return "func (ec *executionContext) " + name + "(ctx context.Context, field graphql.CollectedField, obj " + obj + ") (ret graphql.Marshaler) {\n" +
		"\treturn graphql.ResolveField(\n\t\tctx,\n\t\tec.OperationContext,\n\t\tfield,\n" +
		"\t\tfunc(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {\n\t\t\treturn ec.fieldContext" + name + "(ctx, field)\n\t\t},\n" +
		"\t\tfunc(ctx context.Context) (any, error) {\n\t\t\treturn obj." + field + ", nil\n\t\t},\n\t\tnil,\n" +
		"\t\tfunc(ctx context.Context, selections ast.SelectionSet, v " + typ + ") graphql.Marshaler {\n\t\t\treturn ec." + marshal + "(ctx, selections, v)\n\t\t},\n" +
		"\t\ttrue,\n\t\ttrue,\n\t)\n}\n"
}

// A string struct field is written straight from the struct, by pointer
// (a nullable one through optionalString); a float (whose marshaller can
// fail) and an object go through structValue.
func TestDirectFields(t *testing.T) {
	src := executor("_Council_name", "*model.Council", "Name", "string", "marshalNString2string") +
		executor("_Council_lat", "*model.Council", "Lat", "float64", "marshalNFloat2float64") +
		executor("_PartnerEdge_node", "*model.PartnerEdge", "Node", "model.Actor", "marshalNActor2githubᚗcomᚋx") +
		executor("_Council_region", "*model.Council", "Region", "*string", "marshalOString2ᚖstring")
	out, n, m := directFields([]byte(src))
	if n != 2 || m != 2 {
		t.Fatalf("%d fields written directly, %d by structValue, want 2 and 2:\n%s", n, m, out)
	}
	want := "func (ec *executionContext) _Council_name(ctx context.Context, field graphql.CollectedField, obj *model.Council) (ret graphql.Marshaler) {\n" +
		"\treturn (*plainString)(&obj.Name)\n}\n"
	if region := "\treturn optionalString(obj.Region)\n"; !strings.Contains(string(out), region) {
		t.Errorf("no %q in:\n%s", region, out)
	}
	obj := "\treturn structValue[model.Actor](ec, ctx, field, (*executionContext).fieldContext_PartnerEdge_node, obj.Node, (*executionContext).marshalNActor2githubᚗcomᚋx)\n"
	if !strings.HasPrefix(string(out), want) || !strings.Contains(string(out), obj) || strings.Contains(string(out), "graphql.ResolveField(") {
		t.Errorf("rewritten to:\n%s", out)
	}
}

// An object's executor gets objectValues; the root's, whose fields run
// under the root field middleware, keeps its FieldSet.
func TestObjectValues(t *testing.T) {
	object := "func (ec *executionContext) _Council(ctx context.Context, sel ast.SelectionSet, obj *model.Council) graphql.Marshaler {\n" +
		"\tfields := graphql.CollectFields(ec.OperationContext, sel, councilImplementors)\n\n" +
		"\t" + newSet + "\t" + lazyGroup + "\tfor i, field := range fields {\n\t\tswitch field.Name {\n" +
		"\t\tcase \"partners\":\n\t\t\t" + resolveConcurrently + "\n\t\t\t\ttrue, true,\n" +
		"\t\t\t\tfunc(ctx context.Context) graphql.Marshaler {\n\t\t\t\t\treturn ec._Council_partners(ctx, field, obj)\n\t\t\t\t})\n" +
		"\t\t}\n\t}\n\tout.Dispatch(ctx)\n" + writeSet
	root := "func (ec *executionContext) _Query(ctx context.Context, sel ast.SelectionSet) graphql.Marshaler {\n" +
		"\t" + newSet + "\tout.ResolveRootConcurrently(innerCtx, ec.OperationContext, i,\n" + writeSet
	out, n := objectValues([]byte(object + root))
	if n != 1 {
		t.Fatalf("%d objects rewritten, want 1:\n%s", n, out)
	}
	got := string(out)
	for _, want := range []string{newValues, resolveField, "out.Dispatch(ctx)\n" + returnValues, root} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Count(got, newSet) != 1 || strings.Count(got, resolveConcurrently) != 0 {
		t.Errorf("rewritten to:\n%s", got)
	}
}
