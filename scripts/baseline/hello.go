package main

import (
	"bytes"
	"context"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// helloSchema is `type Query { hello: String! }` run by gqlgen's handler:
// its transports, parsing, validation and executor, with a field that
// costs nothing. It is the second floor of scripts/bench-http.sh: what
// gqlgen itself costs per request.
type helloSchema struct{ schema *ast.Schema }

func newHello(queryCache bool) *handler.Server {
	s := gqlparser.MustLoadSchema(&ast.Source{Name: "hello.graphqls", Input: "type Query { hello: String! }"})
	srv := handler.New(helloSchema{s})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.GET{})
	if queryCache {
		// a query found here is neither parsed nor validated again, as in
		// the service (server.New)
		srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	}
	return srv
}

func (h helloSchema) Schema() *ast.Schema { return h.schema }

func (helloSchema) Complexity(context.Context, string, string, int, map[string]any) (int, bool) {
	return 1, true
}

func (helloSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	done := false
	return func(ctx context.Context) *graphql.Response {
		if done {
			return nil
		}
		done = true
		var b bytes.Buffer
		b.WriteByte('{')
		for i, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{"Query"}) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(f.Alias))
			if f.Name == "__typename" {
				b.WriteString(`:"Query"`)
			} else {
				b.WriteString(`:"world"`)
			}
		}
		b.WriteByte('}')
		return &graphql.Response{Data: b.Bytes()}
	}
}
