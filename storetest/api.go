package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
)

var update = flag.Bool("update-api", false, "rewrite storetest/testdata/api from this store's answers")

// APIQuestions are the questions the API is for, asked of the contract
// fixture. Every store must give the answers stored beside this file.
var APIQuestions = []struct{ Name, Query string }{
	{"partners", `{ council(id: "council:hpl") { name partners { totalCount counts(by: SECTOR) { key count }
		edges { cursor node { id name } initiatives { id } evidence { quote lineStart document { file } } direct } } } }`},
	{"partners-paged", `{ organisation(id: "org:age") { partners(first: 1) { pageInfo { hasNextPage endCursor } edges { node { id } } }
		last: partners(last: 1) { pageInfo { hasPreviousPage startCursor } edges { node { id } } } } }`},
	{"initiatives-of-an-actor", `{ council(id: "council:hpl") { initiatives { edges { node { id name theme } roles evidence { quote } } } } }`},
	{"shared-partners", `{ sharedPartners(councilIds: ["council:hpl", "council:rei"], mode: ANY, minShared: 1) { totalCount
		edges { node { id } sharedCount councils { council { id } initiatives { id } evidence { quote } } } } }`},
	{"collaborators", `{ collaborators(id: "org:age", depth: 2) { totalCount edges { node { a { id } b { id } initiatives { id } distance } } } }`},
	{"path", `{ path(from: "council:rei", to: "org:creme", maxLength: 6) { length nodes { id } hops { kind forward evidence { quote } } } }`},
	{"similar-councils", `{ similarCouncils(id: "council:hpl") { totalCount edges { node { id } jaccard sharedPartners { id } } } }`},
	{"funding-flows", `{ fundingFlows { total flows { amountTotal edges { node { funder { id } recipient { id } amount amountText currency inKind } } }
		byFunder { edges { node { id } total count } } byCouncil { edges { node { id } total count } } } }`},
	{"network-bipartite", `{ network { truncated nodes { id label kind size degree community lat lon pagerank betweenness }
		edges { id source target kind weight evidenceCount } } }`},
	{"network-collaboration", `{ network(projection: COLLABORATION) { nodes { id degree community pagerank betweenness }
		edges { id source target weight evidenceCount } } }`},
	{"stats", `{ stats { nodes { key count } relationships { key count } sectors { key count } regions { key count } themes { key count }
		fundingTotal fundingCount } }`},
	{"search", `{ search(text: "reigate and banstead") { totalCount edges { matchedField matched score node { __typename ... on Council { id } } } } }`},
	{"filters-and-order", `{ councils(where: {or: [{regionIn: ["north east"]}, {nameEq: "Reigate and Banstead"}]}) { totalCount edges { node { id } } }
		organisations(where: {sectorIn: [voluntary]}, orderBy: {field: PARTNER_COUNT, direction: DESC}) { totalCount
			counts(by: SECTOR) { key count } edges { node { id partnerCount degree pagerank betweenness community } } }
		initiatives(orderBy: {field: FUNDING_TOTAL, direction: DESC}) { edges { node { id fundingTotal partnerCount community
			leads { edges { node { id } } } partners { edges { node { id } } } funders { edges { node { funder { id } } } } parts { edges { node { id } } } } } }
		funders(where: {kindIn: [COUNCIL]}) { edges { node { id } } } }`},
}

// RunAPI asks every API question of a store holding the fixture, through
// the real schema and loaders, and compares each answer with its golden
// file. With -update-api it writes the golden files instead (do so from
// the in-memory store, then check that the others agree).
func RunAPI(t *testing.T, newStore func(t *testing.T) pg.Store) {
	s := newStore(t)
	if _, err := s.Replace(context.Background(), Fixture()); err != nil {
		t.Fatal(err)
	}
	r := graph.NewResolver(s)
	srv := handler.New(graph.NewSchema(r))
	srv.AddTransport(transport.POST{})
	srv.AroundOperations(graph.WithLoaders(r))
	c := client.New(srv)
	for _, q := range APIQuestions {
		t.Run(q.Name, func(t *testing.T) {
			resp, err := c.RawPost(q.Query)
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
				t.Fatalf("errors: %s", resp.Errors)
			}
			b, err := json.MarshalIndent(rounded(resp.Data), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got := bytes.NewBuffer(append(b, '\n'))
			path := filepath.Join(apiTestdata(), q.Name+".json")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (write it with go test ./inmem -run TestAPIContract -update-api)", err)
			}
			var g, w any
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			json.Unmarshal(got.Bytes(), &g)
			if where := Differs(g, w, "$"); where != "" {
				t.Errorf("answer differs from %s at %s:\n%s", path, where, got.String())
			}
		})
	}
}

// apiTestdata is this package's testdata/api, wherever the test runs from.
func apiTestdata() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", "api")
}

// Differs returns where two decoded answers differ, or "". Numbers agree
// within 1e-9: PageRank comes from a power iteration that stops within a
// tolerance, from a random start, so its last digits vary between runs.
func Differs(got, want any, at string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return at
		}
		for k := range w {
			if d := Differs(g[k], w[k], at+"."+k); d != "" {
				return d
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return at
		}
		for i := range w {
			if d := Differs(g[i], w[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
	case float64:
		if g, ok := got.(float64); !ok || math.Abs(g-w) > 1e-9 {
			return at
		}
	default:
		if got != want {
			return at
		}
	}
	return ""
}

// rounded rounds every number to the 1e-9 answers are compared at, so that
// rewriting the golden files does not churn their last digits.
func rounded(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k := range x {
			x[k] = rounded(x[k])
		}
	case []any:
		for i := range x {
			x[i] = rounded(x[i])
		}
	case float64:
		return math.Round(x*1e9) / 1e9
	}
	return v
}
