package server

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/partnergraph/partnergraph/gazetteer"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
)

var (
	seedOnce    sync.Once
	seedHandler http.Handler
	seedStore   *inmem.Store
	seedErr     error
)

// seeded returns the server over the real seed reports, built once.
func seeded(t testing.TB) http.Handler {
	t.Helper()
	seedOnce.Do(func() {
		g, _, err := loader.Load(context.Background(), "../seeds", loader.Options{})
		if err != nil {
			seedErr = err
			return
		}
		seedStore = inmem.New()
		if _, err := seedStore.Replace(context.Background(), g); err != nil {
			seedErr = err
			return
		}
		seedHandler, seedErr = New(seedStore, Options{})
	})
	if seedErr != nil {
		t.Fatal(seedErr)
	}
	return seedHandler
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// post sends a query and returns data and errors, without failing on errors.
func post(t *testing.T, h http.Handler, query string, vars map[string]any) (json.RawMessage, []gqlError) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("status %d, body %s: %v", rec.Code, rec.Body.String(), err)
	}
	return resp.Data, resp.Errors
}

func TestCouncilPartnersThroughGqlgenClient(t *testing.T) {
	h := seeded(t)
	c := client.New(h, client.Path("/graphql"))
	busiest := busiestCouncil(t, h)
	want, ok := gazetteer.Default().Lookup(busiest.Name)
	if !ok {
		t.Fatalf("the gazetteer does not know %q", busiest.Name)
	}
	var resp struct {
		Council struct {
			Name     string
			GssCode  string
			Partners struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID, Name, Sector string
					}
					Initiatives []struct{ Name string }
					Evidence    []struct {
						Quote     string
						LineStart int
						Document  struct{ File string }
					}
				}
			}
		}
	}
	c.MustPost(`query($id: ID!) { council(id: $id) { name gssCode partners(first: 100) { totalCount edges {
		node { id name ... on Organisation { sector } }
		initiatives { name }
		evidence { quote lineStart document { file } } } } } }`, &resp, client.Var("id", busiest.ID))
	// the council by id is the one listed, enriched from the gazetteer
	if resp.Council.Name != busiest.Name || resp.Council.GssCode != want.GSSCode || resp.Council.Partners.TotalCount != busiest.Partners {
		t.Errorf("council = %+v, want %+v with GSS code %s", resp.Council, busiest, want.GSSCode)
	}
	if n := len(resp.Council.Partners.Edges); n == 0 || n != resp.Council.Partners.TotalCount {
		t.Errorf("one page of 100 holds %d of %d partners", n, resp.Council.Partners.TotalCount)
	}
	// every partner comes with the initiatives it shares and, first, a quote
	// from a seed report's cited line that names it (not the heading of the
	// case study the council led)
	for _, p := range resp.Council.Partners.Edges {
		if len(p.Initiatives) == 0 {
			t.Errorf("partner %s shares no initiative", p.Node.ID)
		}
		if len(p.Evidence) == 0 {
			t.Errorf("partner %s has no evidence", p.Node.Name)
			continue
		}
		ev := p.Evidence[0]
		if !strings.Contains(strings.ToLower(ev.Quote), strings.ToLower(p.Node.Name)) || !strings.HasSuffix(ev.Document.File, ".txt") || ev.LineStart <= 0 {
			t.Errorf("the first quote does not name the partner %s: %+v", p.Node.Name, p.Evidence)
		}
	}
}

// anOrganisationPartner is the first organisation among the busiest seed
// council's partners, as the API lists them: the tests below ask about a
// real partner without writing a seed's name into them.
func anOrganisationPartner(t *testing.T, h http.Handler) string {
	t.Helper()
	data, errs := post(t, h, `query($id: ID!) { council(id: $id) { partners(first: 100) { edges { node { id } } } } }`,
		map[string]any{"id": busiestCouncil(t, h).ID})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var resp struct {
		Council struct {
			Partners struct {
				Edges []struct {
					Node struct{ ID string }
				}
			}
		}
	}
	if err := json.Unmarshal(data, &resp); err != nil {
		t.Fatal(err)
	}
	for _, e := range resp.Council.Partners.Edges {
		if strings.HasPrefix(e.Node.ID, "org:") {
			return e.Node.ID
		}
	}
	t.Fatal("the busiest seed council has no organisation partner")
	return ""
}

func TestErrorsCarryCodes(t *testing.T) {
	h := seeded(t)
	org := anOrganisationPartner(t, h)
	councils := busiestCouncils(t, h)
	one, other := councils[0].ID, councils[1].ID
	deep := `{ council(id: "` + one + `") { ` + strings.Repeat("partners { edges { node { ... on Council { ", 5) + "id" + strings.Repeat(" } } } }", 5) + " } }"
	var manyAliases, manyRoots strings.Builder
	for i := range 31 {
		fmt.Fprintf(&manyAliases, "a%d: totalCount ", i)
	}
	for range 21 {
		manyRoots.WriteString("__typename ")
	}
	tests := []struct {
		name, query, code, says string
	}{
		{"too many aliases", "{ councils(first: 1) { " + manyAliases.String() + "} }", CodeTooComplex, "aliases"},
		{"too many root fields", "{ " + manyRoots.String() + "}", CodeTooComplex, "root fields"},
		{"unknown council", `{ council(id: "council:nope") { name } }`, CodeNotFound, `no Council has id "council:nope"`},
		{"an organisation asked as a council", `{ council(id: "` + org + `") { name } }`, CodeNotFound, "no Council"},
		{"page too large", `{ councils(first: 101) { totalCount } }`, CodeBadUserInput, "first: 101 is outside 0..100"},
		{"bad cursor", `{ councils(after: "bm9wZQ") { totalCount } }`, CodeBadUserInput, "not a cursor"},
		{"bad shared mode args", `{ sharedPartners(councilIds: []) { totalCount } }`, CodeBadUserInput, "at least one council"},
		{"depth out of range", `{ collaborators(id: "` + one + `", depth: 0) { totalCount } }`, CodeBadUserInput, "depth: 0"},
		{"too deep", deep, CodeTooComplex, "levels deep"},
		{"too costly", `{ councils(first: 100) { edges { node { partners { edges { node { ... on Council { partners { edges { node { id } } } } } } } } } } }`, CodeTooComplex, "complexity"},
		{"unknown field", `{ councils { totl } }`, "GRAPHQL_VALIDATION_FAILED", "Cannot query field"},
		{"first and last", `{ councils(first: 2, last: 2) { totalCount } }`, CodeBadUserInput, "not both"},
		{"network around nothing", `{ network(center: "org:nobody") { truncated } }`, CodeNotFound, `no node has id "org:nobody"`},
		{"path too long", `{ path(from: "` + one + `", to: "` + other + `", maxLength: 50) { length } }`, CodeBadUserInput, "maxLength: 50"},
		{"bad filter", `{ organisations(where: {minCouncils: -1}) { totalCount } }`, CodeBadUserInput, "minCouncils"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := post(t, h, tt.query, nil)
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			if errs[0].Extensions["code"] != tt.code || !strings.Contains(errs[0].Message, tt.says) {
				t.Errorf("error = %+v, want code %s saying %q", errs[0], tt.code, tt.says)
			}
			if strings.Contains(errs[0].Message, "Did you mean") {
				t.Errorf("field suggestions must be off: %s", errs[0].Message)
			}
		})
	}
}

func TestPagingWalksEveryCouncilOnce(t *testing.T) {
	h := seeded(t)
	seen := map[string]bool{}
	after := ""
	total := -1
	for range 50 {
		data, errs := post(t, h, `query($after: String) { councils(first: 7, after: $after) {
			totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, map[string]any{"after": after})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var resp struct {
			Councils struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node struct{ ID string } }
			}
		}
		json.Unmarshal(data, &resp)
		total = resp.Councils.TotalCount
		for _, e := range resp.Councils.Edges {
			if seen[e.Node.ID] {
				t.Fatalf("%s came twice", e.Node.ID)
			}
			seen[e.Node.ID] = true
		}
		if !resp.Councils.PageInfo.HasNextPage {
			break
		}
		after = resp.Councils.PageInfo.EndCursor
	}
	if len(seen) != total || total < 30 {
		t.Errorf("walked %d councils of %d", len(seen), total)
	}
}

// ampersandCouncil is a seed council whose name is written with "&" ("X & Y
// Council"), found by walking the councils: the search test asks for it in
// other spellings without writing its name.
func ampersandCouncil(t *testing.T, h http.Handler) (id, place string) {
	t.Helper()
	after := ""
	for {
		data, errs := post(t, h, `query($after: String) { councils(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } } }`,
			map[string]any{"after": after})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var resp struct {
			Councils struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node struct{ ID, Name string } }
			}
		}
		if err := json.Unmarshal(data, &resp); err != nil {
			t.Fatal(err)
		}
		for _, e := range resp.Councils.Edges {
			if place, ok := strings.CutSuffix(e.Node.Name, " Council"); ok && strings.Contains(place, " & ") && !strings.Contains(place, "Council") {
				return e.Node.ID, place
			}
		}
		if !resp.Councils.PageInfo.HasNextPage {
			t.Fatal("no seed council is written with \"&\": the search test needs one")
		}
		after = resp.Councils.PageInfo.EndCursor
	}
}

func TestSearchToleratesAmpersandAndTypos(t *testing.T) {
	h := seeded(t)
	id, place := ampersandCouncil(t, h)
	// a typo: the first word's last letter changed
	first, rest, _ := strings.Cut(place, " ")
	typo := first[:len(first)-1] + map[bool]string{true: "z", false: "x"}[strings.HasSuffix(first, "x")]
	for _, q := range []string{
		strings.ToLower(strings.ReplaceAll(place, "&", "and")), // "x and y"
		place, // "X & Y"
		strings.ToLower(typo + " " + rest + " council"), // "xz & y council"
	} {
		data, errs := post(t, h, `query($q: String!) { search(text: $q, kinds: [COUNCIL], first: 3) { edges { score matchedField node { ... on Council { id } } } } }`, map[string]any{"q": q})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var resp struct {
			Search struct {
				Edges []struct {
					Score float64
					Node  struct{ ID string }
				}
			}
		}
		json.Unmarshal(data, &resp)
		if len(resp.Search.Edges) == 0 || resp.Search.Edges[0].Node.ID != id {
			t.Errorf("search(%q) = %+v, want %s first", q, resp.Search, id)
		}
	}
}

// plainPounds is an amount written as whole pounds ("£250,000").
var plainPounds = regexp.MustCompile(`^£\d{1,3}(,\d{3})*$`)

// An organisation of the seeds that funded something with an amount written
// as whole pounds (the first such funder in the API's list): its FUNDED
// relationships carry the amount as written and as parsed, and it is among
// the funders.
func TestFundersAndFunding(t *testing.T) {
	h := seeded(t)
	data, errs := post(t, h, `{ funders(first: 100) { totalCount edges { node { id } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var list struct {
		Funders struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	type funded struct {
		AmountTotal float64
		Edges       []struct {
			Node struct {
				AmountText string
				Amount     float64
				Currency   string
				Evidence   []struct{ Quote string }
			}
		}
	}
	checked := 0
	for _, f := range list.Funders.Edges {
		if !strings.HasPrefix(f.Node.ID, "org:") {
			continue
		}
		data, errs := post(t, h, `query($id: ID!) { organisation(id: $id) { name funded { amountTotal edges { node { amountText amount currency inKind recipient { id } evidence { quote } } } } } }`,
			map[string]any{"id": f.Node.ID})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var resp struct{ Organisation struct{ Funded funded } }
		json.Unmarshal(data, &resp)
		fd := resp.Organisation.Funded
		if len(fd.Edges) == 0 {
			t.Errorf("funder %s funded nothing", f.Node.ID)
		}
		sum := 0.0
		for _, e := range fd.Edges {
			sum += e.Node.Amount
			if !plainPounds.MatchString(e.Node.AmountText) {
				continue
			}
			want, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimPrefix(e.Node.AmountText, "£"), ",", ""), 64)
			if err != nil || e.Node.Amount != want || e.Node.Currency != "GBP" || len(e.Node.Evidence) == 0 {
				t.Errorf("%s funded %+v: amount %v, want %v in GBP with evidence", f.Node.ID, e.Node, e.Node.Amount, want)
			}
			checked++
		}
		if math.Abs(fd.AmountTotal-sum) > 0.01 {
			t.Errorf("%s: amountTotal %v, its amounts add to %v", f.Node.ID, fd.AmountTotal, sum)
		}
		if checked > 0 {
			return
		}
	}
	t.Fatal("no organisation of the seeds funded an amount written in whole pounds")
}

func TestBodyLimit(t *testing.T) {
	h := seeded(t)
	big := `{"query":"{ councils { totalCount } }","pad":"` + strings.Repeat("x", 1<<20) + `"}`
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(big))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status = %d, want 413", rec.Code)
	}
}

func TestAutomaticPersistedQueries(t *testing.T) {
	h := seeded(t)
	// The handler (and its query cache) is shared by the package's tests and
	// by repeated runs (-count), so the query must be one it has not seen.
	q := fmt.Sprintf("{ councils(first: 1) { totalCount } } # %d", time.Now().UnixNano())
	ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + sha(q) + `"}}`
	get := func(withQuery bool) string {
		url := "/graphql?extensions=" + urlEncode(ext)
		if withQuery {
			url += "&query=" + urlEncode(q)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
		return rec.Body.String()
	}
	if body := get(false); !strings.Contains(body, "PersistedQueryNotFound") {
		t.Errorf("unknown hash: %s", body)
	}
	if body := get(true); !strings.Contains(body, "totalCount") {
		t.Errorf("register: %s", body)
	}
	if body := get(false); !strings.Contains(body, "totalCount") {
		t.Errorf("by hash alone after registering: %s", body)
	}
}

func TestExportsParseBack(t *testing.T) {
	h := seeded(t)
	fetch := func(path string) []byte {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, rec.Code, rec.Body.String())
		}
		b, _ := io.ReadAll(rec.Body)
		return b
	}
	var ours struct{ Nodes, Edges []map[string]any }
	if err := json.Unmarshal(fetch("/export/graph.json"), &ours); err != nil || len(ours.Nodes) < 100 || len(ours.Edges) < 100 {
		t.Fatalf("graph.json: %v, %d nodes", err, len(ours.Nodes))
	}
	var cy struct {
		Elements struct {
			Nodes, Edges []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(fetch("/export/cytoscape.json"), &cy); err != nil || len(cy.Elements.Nodes) != len(ours.Nodes) || len(cy.Elements.Edges) != len(ours.Edges) {
		t.Errorf("cytoscape.json: %v", err)
	}
	var gy struct {
		Options map[string]any
		Nodes   []struct{ Key string }
		Edges   []struct{ Key, Source, Target string }
	}
	if err := json.Unmarshal(fetch("/export/graphology.json"), &gy); err != nil || len(gy.Nodes) != len(ours.Nodes) || gy.Options["type"] != "directed" {
		t.Errorf("graphology.json: %v", err)
	}
	var gml struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(fetch("/export/graph.graphml"), &gml); err != nil || len(gml.Graph.Nodes) != len(ours.Nodes) || len(gml.Graph.Edges) != len(ours.Edges) {
		t.Errorf("graph.graphml: %v", err)
	}
	var gexf struct {
		Graph struct {
			Nodes []struct {
				Label string `xml:"label,attr"`
			} `xml:"nodes>node"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(fetch("/export/graph.gexf"), &gexf); err != nil || len(gexf.Graph.Nodes) != len(ours.Nodes) {
		t.Errorf("graph.gexf: %v", err)
	}
	var councils struct{ Nodes []map[string]any }
	json.Unmarshal(fetch("/export/graph.json?kind=Council"), &councils)
	for _, n := range councils.Nodes {
		if n["kind"] != "Council" {
			t.Errorf("kind filter let %v through", n["kind"])
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/export/graph.json?sector=nope", nil))
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `sector "nope"`) {
		t.Errorf("bad filter: %d %s", rec.Code, rec.Body.String())
	}
}

// The page's tabs are the examples with the seeds' nodes as variables.
func TestGraphiQLHasExamples(t *testing.T) {
	h := seeded(t)
	waitMetrics(t, h)
	council := busiestCouncil(t, h).ID
	for _, path := range []string{"/", "/graphiql"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "PartnersOfACouncil") || !strings.Contains(body, "graphiql") {
			t.Errorf("%s: %d", path, rec.Code)
		}
		if !strings.Contains(body, `\"council\": \"`+council+`\"`) {
			t.Errorf("%s: the tabs do not ask about %s:\n%s", path, council, body)
		}
	}
}

// Every GraphiQL example must answer on the seeds without errors, with the
// variables ExampleTabs chose from the seeds.
func TestExamplesRun(t *testing.T) {
	h := seeded(t)
	waitMetrics(t, h)
	tabs, err := ExampleTabs(context.Background(), askHandler(h))
	if err != nil {
		t.Fatal(err)
	}
	for i, ex := range tabs {
		if Examples[i].Variables != "" || ex.Query != Examples[i].Query {
			t.Fatalf("ExampleTabs changed Examples or their queries: %+v", Examples[i])
		}
		t.Run(ex.Name, func(t *testing.T) {
			var vars map[string]any
			if ex.Variables != "" {
				if err := json.Unmarshal([]byte(ex.Variables), &vars); err != nil {
					t.Fatal(err)
				}
			}
			if want := exampleVariable.FindAllStringSubmatch(ex.Query, -1); len(want) != len(vars) {
				t.Errorf("variables %s for a query that declares %v", ex.Variables, want)
			}
			data, errs := post(t, h, ex.Query, vars)
			if len(errs) > 0 {
				t.Fatalf("errors: %+v", errs)
			}
			// every root field answers something on the seeds: an example
			// that shows an empty answer teaches nothing
			var roots map[string]any
			if err := json.Unmarshal(data, &roots); err != nil {
				t.Fatal(err)
			}
			for name, v := range roots {
				switch v := v.(type) {
				case nil:
					t.Errorf("%s is null", name)
				case []any:
					if len(v) == 0 {
						t.Errorf("%s is empty", name)
					}
				case map[string]any:
					if n, ok := v["totalCount"].(float64); ok && n == 0 {
						t.Errorf("%s has totalCount 0", name)
					}
				}
			}
		})
	}
}

// The real seeds: the busiest council's network reaches one of its
// organisation partners through an initiative, and the path between them
// cites a quote.
func TestNetworkAndPathOnSeeds(t *testing.T) {
	h := seeded(t)
	org := anOrganisationPartner(t, h)
	council := busiestCouncil(t, h).ID
	data, errs := post(t, h, `{ network(center: "`+council+`", depth: 2) { nodes { id: nodeId kind } edges { source target } truncated }
		path(from: "`+council+`", to: "`+org+`") { length hops { kind evidence { quote } } } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var resp struct {
		Network struct {
			Nodes []struct{ ID, Kind string }
			Edges []struct{ Source, Target string }
		}
		Path []struct {
			Length int
			Hops   []struct {
				Kind     string
				Evidence []struct{ Quote string }
			}
		}
	}
	if err := json.Unmarshal(data, &resp); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range resp.Network.Nodes {
		found = found || n.ID == org
	}
	if !found {
		t.Errorf("network around %s lacks its partner %s: %d nodes", council, org, len(resp.Network.Nodes))
	}
	if len(resp.Path) == 0 || resp.Path[0].Length != 2 {
		t.Fatalf("paths %+v", resp.Path)
	}
	for _, hop := range resp.Path[0].Hops {
		if len(hop.Evidence) == 0 || hop.Evidence[0].Quote == "" {
			t.Errorf("hop %+v has no quote", hop)
		}
	}
}

// A request that outlives its deadline answers TIMEOUT, not Go's error text.
func TestTimeout(t *testing.T) {
	h, err := New(inmem.New(), Options{RequestTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	_, errs := post(t, h, `{ stats { fundingTotal } }`, nil)
	if len(errs) == 0 || errs[0].Extensions["code"] != CodeTimeout || strings.Contains(errs[0].Message, "deadline") {
		t.Errorf("errors %+v, want TIMEOUT without Go's error text", errs)
	}
}

// The limits leave room for the whole partnership list in one request
// (every council, up to 100 partners each) while refusing nesting that
// multiplies out (partners of partners of partners), as the cases above show.
func TestWholeGraphQueryWithinLimits(t *testing.T) {
	data, errs := post(t, seeded(t), `{ councils(first: 100) { totalCount edges { node { id
		partners(first: 100) { totalCount edges { node { id name } initiatives { id } } } } } } }`, nil)
	if len(errs) > 0 {
		t.Fatalf("refused: %+v", errs)
	}
	if !strings.Contains(string(data), `"partners"`) {
		t.Errorf("no partners in %s", data)
	}
}

// TestReadmeQueries runs every GraphQL block in README.md against the
// seeds, so that the README's questions stay answerable as the schema moves.
func TestReadmeQueries(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 10 {
		t.Fatalf("found %d graphql blocks in README.md, want one per question", len(blocks))
	}
	h := seeded(t)
	for i, b := range blocks {
		data, errs := post(t, h, b[1], nil)
		if len(errs) > 0 || len(data) == 0 || string(data) == "null" {
			t.Errorf("README query %d:\n%s\nerrors: %+v", i+1, b[1], errs)
		}
	}
}

// Exports carry each node's metrics, the same the API gives, so a drawing
// tool can size and colour by them as it opens the file.
func TestExportsCarryMetrics(t *testing.T) {
	h := seeded(t)
	org := anOrganisationPartner(t, h)
	data, errs := post(t, h, `{ organisation(id: "`+org+`") { degree community pagerank } }`, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var want struct {
		Organisation struct {
			Degree, Community int
			Pagerank          float64
		}
	}
	json.Unmarshal(data, &want)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/export/graphology.json?kind=Organisation", nil))
	var doc struct {
		Nodes []struct {
			Key        string
			Attributes struct {
				Degree, Community *int
				Pagerank          *float64
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		if n.Key != org {
			continue
		}
		a, w := n.Attributes, want.Organisation
		// Exports round measures to 6 significant digits.
		if a.Degree == nil || *a.Degree != w.Degree || *a.Community != w.Community || math.Abs(*a.Pagerank-w.Pagerank) > 1e-5*w.Pagerank {
			t.Errorf("exported %+v, API says %+v", a, w)
		}
		return
	}
	t.Error("the organisation is not in the export")
}
