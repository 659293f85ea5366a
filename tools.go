//go:build tools

// Package tools pins the code generators `go generate ./...` runs.
package partnergraph

import _ "github.com/99designs/gqlgen"
