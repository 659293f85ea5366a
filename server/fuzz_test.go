package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzGraphQLHandler posts any body (and any Accept) to /graphql: the
// handler must not panic, must never answer 5xx, and must answer JSON.
func FuzzGraphQLHandler(f *testing.F) {
	h := seeded(f)
	council := busiestCouncil(f, h)
	for _, s := range []string{
		`{"query":"{ councils(first: 2) { edges { node { id name } } } }"}`,
		`{"query":"query($w: OrganisationFilter) { organisations(where: $w) { totalCount } }","variables":{"w":{"not":{"nameContains":"a"}}}}`,
		`[{"query":"{ __typename }"},{"query":"{ stats { fundingTotal } }"}]`,
		`{"query":"{ council(id: \"` + council.ID + `\") { partners(first: 3) { pageInfo { endCursor } } } }"}`,
		`{"query":"query A { __typename } query B { __typename }","operationName":"B"}`,
		`{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`,
		`{"query":"{ search(text: \"` + strings.ToLower(strings.Fields(council.Name)[0]) + `\") { edges { node { __typename } } } }"}`,
		`{"query": 1}`, `[]`, `{`, `null`,
	} {
		f.Add(s, "application/json")
		f.Add(s, "application/graphql-response+json")
	}
	f.Fuzz(func(t *testing.T, body, accept string) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("not JSON for %q: %s", body, rec.Body.String())
		}
	})
}
