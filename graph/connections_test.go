package graph_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// ids reads the node ids out of a connection at path (dot-separated keys)
// in a decoded response.
func ids(t *testing.T, resp map[string]any, path string) []string {
	t.Helper()
	var v any = resp
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: no %q in %v", path, k, v)
		}
		v = m[k]
	}
	var out []string
	for _, e := range v.(map[string]any)["edges"].([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any)["id"].(string))
	}
	return out
}

func TestNestedConnections(t *testing.T) {
	c, _ := newClient(t, fixture(t, 4))
	for _, tc := range []struct {
		name, query, path, want string
	}{
		// c00's partners by name: its partner organisations and the trust that funded its initiative.
		{"partners, all", `{ council(id: "council:c00") { partners { edges { node { id } } } } }`, "council.partners",
			"org:age-concern org:trust org:food-bank org:local-00"},
		{"partners, first", `{ council(id: "council:c00") { partners(first: 2) { edges { node { id } } } } }`, "council.partners",
			"org:age-concern org:trust"},
		{"partners, last", `{ council(id: "council:c00") { partners(last: 1) { edges { node { id } } } } }`, "council.partners",
			"org:local-00"},
		{"partners, filtered by sector", `{ council(id: "council:c00") { partners(where: {sectorIn: [health]}) { edges { node { id } } } } }`,
			"council.partners", "org:local-00"},
		{"partners, filtered by exact name", `{ council(id: "council:c00") { partners(where: {nameEq: "FOOD BANK"}) { edges { node { id } } } } }`,
			"council.partners", "org:food-bank"},
		{"an initiative's partners, filtered by kind", `{ initiative(id: "initiative:c01:help") { partners(where: {kindIn: [ORGANISATION], nameIn: ["Local 01", "Age Concern"]}) { edges { node { id } } } } }`,
			"initiative.partners", "org:age-concern org:local-01"},
		{"an organisation's initiatives", `{ organisation(id: "org:food-bank") { initiatives { edges { node { id } } } } }`,
			"organisation.initiatives", "initiative:c00:help initiative:c01:help"},
		{"funders filtered by kind", `{ funders(where: {kindIn: [ORGANISATION]}) { edges { node { id } } } }`, "funders", "org:trust"},
		{"funders filtered to councils", `{ funders(where: {kindIn: [COUNCIL]}) { edges { node { id } } } }`, "funders", ""},
		{"councils by id list", `{ councils(where: {idIn: ["council:c03", "council:c01"]}) { edges { node { id } } } }`, "councils",
			"council:c01 council:c03"},
		{"initiatives by funding received", `{ initiatives(first: 1, orderBy: {field: FUNDING_TOTAL, direction: DESC}) { edges { node { id } } } }`,
			"initiatives", "initiative:c00:help"},
		// c00's and c01's initiatives have 4 actors each (lead, age concern, food bank, local), c00's also the trust.
		{"initiatives by partner count", `{ initiatives(first: 2, orderBy: {field: PARTNER_COUNT, direction: DESC}) { edges { node { id } } } }`,
			"initiatives", "initiative:c00:help initiative:c01:help"},
		{"shared partners page", `{ sharedPartners(councilIds: ["council:c00", "council:c01"], first: 1) { edges { node { id } } } }`,
			"sharedPartners", "org:age-concern"},
		{"search hits are a union", `{ search(text: "food bank", kinds: [ORGANISATION]) { edges { node { ... on Organisation { id } } } } }`,
			"search", "org:food-bank"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp map[string]any
			c.MustPost(tc.query, &resp)
			if got := strings.Join(ids(t, resp, tc.path), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNestedCursors(t *testing.T) {
	c, _ := newClient(t, fixture(t, 4))
	const q = `query($after: String) { council(id: "council:c00") { partners(first: 2, after: $after) {
		totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } } }`
	type page struct {
		Council struct {
			Partners struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage, HasPreviousPage bool
					EndCursor                    string
				}
				Edges []struct {
					Cursor string
					Node   struct{ ID string }
				}
			}
		}
	}
	var p1, p2 page
	c.MustPost(q, &p1)
	c.MustPost(q, &p2, client.Var("after", p1.Council.Partners.PageInfo.EndCursor))
	a, b := p1.Council.Partners, p2.Council.Partners
	if a.TotalCount != 4 || !a.PageInfo.HasNextPage || a.PageInfo.HasPreviousPage || len(a.Edges) != 2 {
		t.Errorf("first page %+v", a)
	}
	if b.PageInfo.HasNextPage || !b.PageInfo.HasPreviousPage || len(b.Edges) != 2 || b.Edges[0].Node.ID != "org:food-bank" {
		t.Errorf("second page %+v", b)
	}
	// A partner cursor is not a position in another list.
	var resp map[string]any
	err := c.Post(`query($after: String) { councils(after: $after) { totalCount } }`, &resp, client.Var("after", a.Edges[0].Cursor))
	if err == nil || !strings.Contains(err.Error(), "cursor") {
		t.Errorf("a partner cursor given to councils: %v", err)
	}
	err = c.Post(`query($after: String) { search(text: "age", after: $after) { totalCount } }`, &resp, client.Var("after", a.Edges[0].Cursor))
	if err == nil || !strings.Contains(err.Error(), "cursor") {
		t.Errorf("a partner cursor given to search: %v", err)
	}
}

func TestConnectionCounts(t *testing.T) {
	c, _ := newClient(t, fixture(t, 4))
	for _, tc := range []struct{ query, want string }{
		// Counts cover the whole list, not only the page.
		{`{ councils(first: 1) { counts(by: REGION) { key count } } }`, `[{"count":4,"key":"North East"}]`},
		{`{ organisations(first: 1) { counts(by: SECTOR) { key count } } }`, `[{"count":4,"key":"health"},{"count":3,"key":"voluntary"}]`},
		{`{ council(id: "council:c00") { partners(first: 1) { counts(by: SECTOR) { key count } } } }`, `[{"count":3,"key":"voluntary"},{"count":1,"key":"health"}]`},
		{`{ organisations(where: {sectorIn: [voluntary]}) { counts(by: KIND) { key count } } }`, `[{"count":3,"key":"Organisation"}]`},
		{`{ initiatives { counts(by: THEME) { key count } } }`, `[{"count":4,"key":"Response"}]`},
		{`{ funders { counts(by: REGION) { key count } } }`, `[]`},
	} {
		var resp map[string]any
		c.MustPost(tc.query, &resp)
		var found any
		var walk func(v any)
		walk = func(v any) {
			if m, ok := v.(map[string]any); ok {
				if x, ok := m["counts"]; ok {
					found = x
					return
				}
				for _, x := range m {
					walk(x)
				}
			}
		}
		walk(resp)
		got, _ := json.Marshal(found)
		if string(got) != tc.want {
			t.Errorf("%s: got %s, want %s", tc.query, got, tc.want)
		}
	}
}

// Every type, field, input field and enum value of the schema says what it is.
func TestSchemaIsDescribed(t *testing.T) {
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, gqlErr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gqlErr != nil {
		t.Fatal(gqlErr)
	}
	var missing []string
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			missing = append(missing, name)
		}
		for _, f := range def.Fields {
			if strings.TrimSpace(f.Description) == "" && !strings.HasPrefix(f.Name, "__") {
				missing = append(missing, fmt.Sprintf("%s.%s", name, f.Name))
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				missing = append(missing, fmt.Sprintf("%s.%s", name, v.Name))
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("undescribed in schema.graphqls: %s", strings.Join(missing, ", "))
	}
}

// Cursors are written only when the selection shows one, wherever it does:
// directly, in an inline fragment or in a fragment spread; the page is the
// same either way.
func TestCursorsWhereverSelected(t *testing.T) {
	c, _ := newClient(t, fixture(t, 4))
	queries := []string{
		`{ council(id: "council:c00") { partners(first: 3) { edges { cursor node { id } } pageInfo { endCursor } } } }`,
		`{ council(id: "council:c00") { partners(first: 3) { ... on PartnerConnection { edges { cursor node { id } } pageInfo { endCursor } } } } }`,
		`{ council(id: "council:c00") { partners(first: 3) { ...P } } } fragment P on PartnerConnection { edges { ...E } pageInfo { endCursor } }
		 fragment E on PartnerEdge { cursor node { id } }`,
	}
	var want string
	for i, q := range queries {
		var resp map[string]any
		c.MustPost(q, &resp)
		got, _ := json.Marshal(resp)
		if i == 0 {
			want = string(got)
			if strings.Count(want, `"cursor":"`) != 3 || strings.Contains(want, `"cursor":""`) || strings.Contains(want, `"endCursor":null`) {
				t.Fatalf("cursors missing: %s", want)
			}
		} else if string(got) != want {
			t.Errorf("query %d: %s, want %s", i, got, want)
		}
	}
	var bare, full map[string]any
	c.MustPost(`{ council(id: "council:c00") { partners(first: 3) { edges { node { id } } pageInfo { hasNextPage } } } }`, &bare)
	c.MustPost(queries[0], &full)
	if fmt.Sprint(ids(t, bare, "council.partners")) != fmt.Sprint(ids(t, full, "council.partners")) {
		t.Errorf("page without cursors %v, with %v", ids(t, bare, "council.partners"), ids(t, full, "council.partners"))
	}
}
