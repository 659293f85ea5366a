package graph

import "github.com/vektah/gqlparser/v2/ast"

// withoutIncrementalDelivery is the schema without the @defer and @stream
// directives gqlparser's prelude declares: the API does not serve the
// incremental-delivery (multipart) responses they ask for, so it does not
// advertise them in introspection, and validation refuses a query that
// uses them ("Unknown directive") instead of answering it in part.
func withoutIncrementalDelivery(s *ast.Schema) *ast.Schema {
	out := *s
	out.Directives = make(map[string]*ast.DirectiveDefinition, len(s.Directives))
	for name, d := range s.Directives {
		if name != "defer" && name != "stream" {
			out.Directives[name] = d
		}
	}
	return &out
}
