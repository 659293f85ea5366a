package partnergraph

// The GraphQL layer in graph/ is generated from schema.graphqls (schema first).
//go:generate go run github.com/99designs/gqlgen generate --config gqlgen.yml
