package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type reply struct {
	status int
	header http.Header
	body   string
	errors []gqlError
	data   json.RawMessage
	hasKey map[string]bool
}

// send issues one request to h and decodes a GraphQL answer.
func send(t testing.TB, h http.Handler, method, url, contentType, accept, body string) reply {
	t.Helper()
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	var req *http.Request
	if rd != nil {
		req = httptest.NewRequest(method, url, rd)
	} else {
		req = httptest.NewRequest(method, url, nil)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	r := reply{status: rec.Code, header: rec.Header(), body: rec.Body.String(), hasKey: map[string]bool{}}
	var m map[string]json.RawMessage
	if json.Unmarshal(rec.Body.Bytes(), &m) == nil {
		for k := range m {
			r.hasKey[k] = true
		}
		json.Unmarshal(m["errors"], &r.errors)
		r.data = m["data"]
	}
	return r
}

func postJSON(t testing.TB, h http.Handler, body string) reply {
	t.Helper()
	return send(t, h, http.MethodPost, "/graphql", "application/json", "", body)
}

func query(q string, vars any) string {
	b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return string(b)
}

func firstCode(r reply) string {
	if len(r.errors) == 0 {
		return ""
	}
	c, _ := r.errors[0].Extensions["code"].(string)
	return c
}

// fragmentBomb is the probe: F1..F9, each spreading the one
// before ten times, so that F9 expands to 10^9 selections.
func fragmentBomb() string {
	var b strings.Builder
	b.WriteString("query Bomb { ...F9 }\nfragment F0 on Query { __typename }\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query {", i)
		for j := 0; j < 10; j++ {
			fmt.Fprintf(&b, " a%d: __typename ...F%d", j, i-1)
		}
		b.WriteString(" }\n")
	}
	return b.String()
}

func TestFragmentBombRefusedBeforeValidation(t *testing.T) {
	h := seeded(t)
	r := postJSON(t, h, query(fragmentBomb(), nil))
	if firstCode(r) != CodeTooComplex || !strings.Contains(r.errors[0].Message, "once its fragments are expanded") {
		t.Fatalf("fragment bomb: %d %s", r.status, r.body)
	}
	if r.hasKey["data"] {
		t.Errorf("a request refused before execution has a data entry: %s", r.body)
	}
	// Many small selection sets add up: 60 aliases of 99 fields each.
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, " s%d: stats {%s }", i, strings.Repeat(" fundingTotal", 99))
	}
	b.WriteString(" }")
	r = postJSON(t, h, query(b.String(), nil))
	if firstCode(r) != CodeTooComplex || !strings.Contains(r.errors[0].Message, "the document has more than 5000 selections") {
		t.Fatalf("6000 selections: %d %.300s", r.status, r.body)
	}
}

func TestRepeatedFieldRefusedBeforeValidation(t *testing.T) {
	h := seeded(t)
	q := "{ stats {" + strings.Repeat(" fundingTotal", 9900) + " } }"
	r := postJSON(t, h, query(q, nil))
	if firstCode(r) != CodeTooComplex || !strings.Contains(r.errors[0].Message, "a selection set holds more than 100 fields") {
		t.Fatalf("9900 repeated fields: %d %.300s", r.status, r.body)
	}
	// Through a fragment spread many times the same holds.
	q = "{ stats { " + strings.Repeat("...S ", 50) + "} } fragment S on Stats {" + strings.Repeat(" fundingTotal", 50) + " }"
	if r := postJSON(t, h, query(q, nil)); firstCode(r) != CodeTooComplex {
		t.Fatalf("fields repeated through fragments: %d %.300s", r.status, r.body)
	}
}

func nested(depth int) any {
	var v any = map[string]any{"nameContains": "x"}
	for i := 0; i < depth; i++ {
		v = map[string]any{"not": v}
	}
	return v
}

func TestDeepInputRefusedBeforeExecution(t *testing.T) {
	h := seeded(t)
	q := `query($w: OrganisationFilter) { organisations(where: $w) { totalCount } }`
	r := postJSON(t, h, query(q, map[string]any{"w": nested(9000)}))
	if firstCode(r) != CodeBadUserInput || !strings.Contains(r.errors[0].Message, "variable $w is nested more than 10 levels") {
		t.Fatalf("9000-deep variable: %d %.300s", r.status, r.body)
	}
	lit := "{ organisations(where: " + strings.Repeat("{not: ", 40) + "{nameContains: \"x\"}" + strings.Repeat("}", 40) + ") { totalCount } }"
	r = postJSON(t, h, query(lit, nil))
	if firstCode(r) != CodeBadUserInput || !strings.Contains(r.errors[0].Message, "argument where is nested") {
		t.Fatalf("40-deep literal: %d %.300s", r.status, r.body)
	}
	// A shallow filter still runs.
	if r := postJSON(t, h, query(q, map[string]any{"w": nested(3)})); len(r.errors) != 0 {
		t.Fatalf("3-deep filter refused: %s", r.body)
	}
}

func TestOperationNameNamesTheOperations(t *testing.T) {
	h := seeded(t)
	doc := "query B { __typename } query A { __typename }"
	r := postJSON(t, h, query(doc, nil))
	if firstCode(r) != CodeBadUserInput || !strings.Contains(r.errors[0].Message, "(A, B)") {
		t.Fatalf("no operationName: %s", r.body)
	}
	b, _ := json.Marshal(map[string]any{"query": doc, "operationName": "C"})
	if r := postJSON(t, h, string(b)); !strings.Contains(r.body, "it holds A, B") {
		t.Fatalf("unknown operationName: %s", r.body)
	}
	b, _ = json.Marshal(map[string]any{"query": doc, "operationName": "A"})
	if r := postJSON(t, h, string(b)); len(r.errors) != 0 {
		t.Fatalf("operationName A: %s", r.body)
	}
	// The document is now parsed and kept; it is still not run without a
	// name, nor under a name it does not hold.
	if r := postJSON(t, h, query(doc, nil)); firstCode(r) != CodeBadUserInput || !strings.Contains(r.errors[0].Message, "(A, B)") {
		t.Fatalf("no operationName, document kept: %s", r.body)
	}
	b, _ = json.Marshal(map[string]any{"query": doc, "operationName": "C"})
	if r := postJSON(t, h, string(b)); !strings.Contains(r.body, "it holds A, B") {
		t.Fatalf("unknown operationName, document kept: %s", r.body)
	}
}

func TestIncrementalDeliveryNotAdvertised(t *testing.T) {
	h := seeded(t)
	r := postJSON(t, h, query(`{ __schema { directives { name } } }`, nil))
	if len(r.errors) != 0 || strings.Contains(r.body, `"defer"`) || strings.Contains(r.body, `"stream"`) || !strings.Contains(r.body, `"skip"`) {
		t.Fatalf("directives: %s", r.body)
	}
	r = postJSON(t, h, query(`{ stats { ... @defer { fundingTotal } } }`, nil))
	if len(r.errors) == 0 || !strings.Contains(r.errors[0].Message, "Unknown directive") || r.hasKey["data"] {
		t.Fatalf("@defer: %s", r.body)
	}
}

func TestClientMistakesAre4xxWithCodes(t *testing.T) {
	var logs bytes.Buffer
	seeded(t)
	h, err := New(seedStore, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "SECRET-BODY-TEXT"
	q := "{ councils(first: 1) { totalCount } }"
	cases := []struct {
		name, method, ct, body string
		status                 int
		code                   string
	}{
		{"bad JSON", "POST", "application/json", `{"query": "` + secret, 400, CodeBadRequest},
		{"not an object", "POST", "application/json", `"` + secret + `"`, 400, CodeBadRequest},
		{"query not a string", "POST", "application/json", `{"query": {"x": "` + secret + `"}}`, 400, CodeBadRequest},
		{"variables not an object", "POST", "application/json", `{"query": "{ __typename }", "variables": ["` + secret + `"]}`, 400, CodeBadRequest},
		{"text/plain", "POST", "text/plain", secret, 415, CodeBadRequest},
		{"no content type", "POST", "", secret, 415, CodeBadRequest},
		{"empty body", "POST", "application/json", "", 400, CodeBadRequest},
		{"no query", "POST", "application/json", `{}`, 400, CodeBadRequest},
		{"PUT", "PUT", "application/json", query(q, nil), 405, CodeBadRequest},
		{"wrong APQ hash", "POST", "application/json", `{"query": "` + q + `", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + strings.Repeat("0", 64) + `"}}}`, 400, CodePersistedQueryHashMismatch},
		{"unknown APQ hash", "POST", "application/json", `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "` + strings.Repeat("1", 64) + `"}}}`, 400, CodePersistedQueryNotFound},
		{"bad APQ extension", "POST", "application/json", `{"extensions": {"persistedQuery": "` + secret + `"}}`, 400, CodeBadRequest},
		{"batch over the limit", "POST", "application/json", "[" + strings.TrimSuffix(strings.Repeat(query(q, nil)+",", 11), ",") + "]", 400, CodeBatchTooLarge},
		{"empty batch", "POST", "application/json", "[]", 400, CodeBadRequest},
	}
	for _, c := range cases {
		r := send(t, h, c.method, "/graphql", c.ct, "", c.body)
		if r.status != c.status || firstCode(r) != c.code {
			t.Errorf("%s: %d %s, want %d with %s", c.name, r.status, r.body, c.status, c.code)
		}
		if strings.Contains(r.body, secret) {
			t.Errorf("%s: the answer echoes the body: %s", c.name, r.body)
		}
		if r.hasKey["data"] {
			t.Errorf("%s: a data entry on a request error", c.name)
		}
	}
	if r := send(t, h, "GET", "/graphql?query="+urlEncode(q), "", "text/html", ""); r.status != 406 || firstCode(r) != CodeBadRequest {
		t.Errorf("Accept text/html: %d %s", r.status, r.body)
	}
	if strings.Contains(logs.String(), secret) || strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("client mistakes were logged as errors or with their bodies:\n%s", logs.String())
	}
}

func TestMediaTypesAndStatus(t *testing.T) {
	h := seeded(t)
	bad := query("{ nope }", nil)
	// application/json: GraphQL request errors are 200, without data.
	r := send(t, h, "POST", "/graphql", "application/json", "application/json", bad)
	if r.status != 200 || r.hasKey["data"] || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("validation error as application/json: %d %v %s", r.status, r.header, r.body)
	}
	// application/graphql-response+json: 400, without data.
	r = send(t, h, "POST", "/graphql", "application/json", "application/graphql-response+json", bad)
	if r.status != 400 || r.hasKey["data"] || !strings.HasPrefix(r.header.Get("Content-Type"), "application/graphql-response+json") {
		t.Errorf("validation error as graphql-response+json: %d %v %s", r.status, r.header, r.body)
	}
	ok := query("{ councils(first: 1) { totalCount } }", nil)
	r = send(t, h, "POST", "/graphql", "application/json", "application/graphql-response+json", ok)
	if r.status != 200 || !strings.Contains(r.body, "totalCount") {
		t.Errorf("a good request as graphql-response+json: %d %s", r.status, r.body)
	}
}

func TestBatchServedUpToTheLimit(t *testing.T) {
	h := seeded(t)
	body := "[" + query("{ councils(first: 1) { totalCount } }", nil) + "," + query("{ nope }", nil) + "," + `{"query": 5}` + "]"
	r := send(t, h, "POST", "/graphql", "application/json", "", body)
	var out []map[string]json.RawMessage
	if r.status != 200 || json.Unmarshal([]byte(r.body), &out) != nil || len(out) != 3 {
		t.Fatalf("batch: %d %s", r.status, r.body)
	}
	if _, ok := out[0]["data"]; !ok || !strings.Contains(string(out[0]["data"]), "totalCount") {
		t.Errorf("batch[0] = %s", out[0])
	}
	if _, ok := out[1]["errors"]; !ok {
		t.Errorf("batch[1] = %s", out[1])
	}
	if !strings.Contains(string(out[2]["errors"]), CodeBadRequest) {
		t.Errorf("batch[2] = %s", out[2])
	}
}

func TestErrorListCapped(t *testing.T) {
	seeded(t)
	h, err := New(seedStore, Options{MaxErrors: 3, MaxAliases: 100})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, ` c%d: council(id: "council:nope%d") { id }`, i, i)
	}
	b.WriteString(" }")
	r := postJSON(t, h, query(b.String(), nil))
	if len(r.errors) != 4 || r.errors[3].Extensions["code"] != CodeTooManyErrors {
		t.Fatalf("errors: %s", r.body)
	}
}

func TestCORS(t *testing.T) {
	seeded(t)
	preflight := func(h http.Handler, origin string) http.Header {
		req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Header()
	}
	off, _ := New(seedStore, Options{})
	if got := preflight(off, "https://example.org").Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("CORS off by default, but Allow-Origin = %q", got)
	}
	on, _ := New(seedStore, Options{CORSOrigins: []string{"https://example.org"}})
	if got := preflight(on, "https://example.org").Get("Access-Control-Allow-Origin"); got != "https://example.org" {
		t.Errorf("allowed origin: Allow-Origin = %q", got)
	}
	if got := preflight(on, "https://evil.example").Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("other origin: Allow-Origin = %q", got)
	}
}

func TestNoIntrospection(t *testing.T) {
	seeded(t)
	h, _ := New(seedStore, Options{DisableIntrospection: true})
	if r := postJSON(t, h, query("{ __schema { types { name } } }", nil)); len(r.errors) == 0 || strings.Contains(r.body, "Council") {
		t.Errorf("introspection answered: %.300s", r.body)
	}
	// No "did you mean" hints either.
	if r := postJSON(t, h, query("{ councill { totalCount } }", nil)); len(r.errors) == 0 || strings.Contains(r.body, "Did you mean") {
		t.Errorf("suggestion given: %s", r.body)
	}
}

func TestResponseCacheBudgetAndAccept(t *testing.T) {
	seeded(t)
	const budget = 64 << 10
	inner, err := New(seedStore, Options{DisableResponseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	c := newResponseCache(seedStore, inner, budget)
	for i := 0; i < 200; i++ {
		postJSON(t, c, query(fmt.Sprintf("{ councils(first: %d) { edges { node { id name } } } }", i%100+1), nil))
	}
	if used, n := c.usage(); used > budget || n == 0 {
		t.Errorf("cache holds %d bytes in %d answers; budget %d", used, n, budget)
	}
	q := query("{ councils(first: 2) { totalCount } }", nil)
	a := send(t, c, "POST", "/graphql", "application/json", "application/json", q)
	b := send(t, c, "POST", "/graphql", "application/json", "application/graphql-response+json", q)
	if a.header.Get("Content-Type") == b.header.Get("Content-Type") {
		t.Errorf("both Accepts answered as %s", a.header.Get("Content-Type"))
	}
	b2 := send(t, c, "POST", "/graphql", "application/json", "application/graphql-response+json", q)
	if b2.header.Get("X-Cache") != "hit" || !strings.HasPrefix(b2.header.Get("Content-Type"), mediaGraphQLResponse) {
		t.Errorf("repeat with graphql-response+json: %v", b2.header)
	}
	// Partial answers (data and errors) are not kept.
	p := query(`{ a: councils(first: 1) { totalCount } b: council(id: "council:nope") { name } }`, nil)
	send(t, c, "POST", "/graphql", "application/json", "", p)
	if r := send(t, c, "POST", "/graphql", "application/json", "", p); r.header.Get("X-Cache") == "hit" {
		t.Errorf("a partial answer was cached: %s", r.body)
	}
}

func TestCursorsBelongToTheirList(t *testing.T) {
	h := seeded(t)
	endCursor := func(q string) string {
		t.Helper()
		r := postJSON(t, h, query(q, nil))
		var d map[string]struct {
			PageInfo struct{ EndCursor string }
		}
		if len(r.errors) != 0 || json.Unmarshal(r.data, &d) != nil {
			t.Fatalf("%s: %s", q, r.body)
		}
		for _, v := range d {
			return v.PageInfo.EndCursor
		}
		return ""
	}
	orgs := endCursor(`{ organisations(first: 2) { pageInfo { endCursor } } }`)
	councils := endCursor(`{ councils(first: 2) { pageInfo { endCursor } } }`)
	byDegree := endCursor(`{ councils(first: 2, orderBy: {field: DEGREE, direction: DESC}) { pageInfo { endCursor } } }`)
	refused := []struct{ name, q string }{
		{"organisations' cursor given to councils", `query($c: String) { councils(first: 2, after: $c) { totalCount } }`},
		{"name order's cursor given to degree order", `query($c: String) { councils(first: 2, after: $c, orderBy: {field: DEGREE, direction: DESC}) { totalCount } }`},
		{"degree order's cursor given to name order", `query($c: String) { councils(first: 2, before: $c) { totalCount } }`},
	}
	cursors := []string{orgs, councils, byDegree}
	for i, c := range refused {
		r := postJSON(t, h, query(c.q, map[string]any{"c": cursors[i]}))
		if firstCode(r) != CodeBadUserInput || !strings.Contains(r.errors[0].Message, "not a cursor of this list") {
			t.Errorf("%s: %s", c.name, r.body)
		}
	}
	// Each list takes its own cursors.
	for _, c := range []struct{ q, cursor string }{
		{`query($c: String) { councils(first: 2, after: $c) { edges { node { id } } } }`, councils},
		{`query($c: String) { councils(first: 2, after: $c, orderBy: {field: DEGREE, direction: DESC}) { edges { node { id } } } }`, byDegree},
		{`query($c: String) { organisations(first: 2, after: $c) { edges { node { id } } } }`, orgs},
	} {
		if r := postJSON(t, h, query(c.q, map[string]any{"c": c.cursor})); len(r.errors) != 0 || !strings.Contains(r.body, `"id"`) {
			t.Errorf("%s: %s", c.q, r.body)
		}
	}
}

// A body that does not arrive within the server's read timeout is a
// client mistake: 408 with BAD_REQUEST, not INTERNAL.
func TestSlowBodyIs408(t *testing.T) {
	h := seeded(t)
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ReadTimeout = 300 * time.Millisecond
	srv.Start()
	defer srv.Close()
	conn, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(body), CodeBadRequest) {
		t.Errorf("slow body: %d %s", resp.StatusCode, body)
	}
}

// An answer holding only data is written as json.Marshal writes it.
func TestDataOnlyAsJSONMarshal(t *testing.T) {
	h := seeded(t)
	datas := []string{`{"a":"<b> & c\u2028d\u2029 \u00e9 ' \" \\ \n"}`, `{"x":[1,2.5,true,null,{"y":""}]}`, `{}`,
		"{\"s\":\"\xe2\x80\xa8 \xe2\x80\xa9 \xe2\x80\xaa é\"}"}
	for _, q := range []string{`{ councils(first: 100) { edges { node { id name aliases region } } } }`,
		`{ organisations(first: 100) { edges { node { id name sector } } } }`, `{ stats { fundingTotal nodes { key count } } }`} {
		r := postJSON(t, h, query(q, nil))
		if len(r.errors) != 0 {
			t.Fatalf("%s: %s", q, r.body)
		}
		datas = append(datas, string(r.data))
	}
	for _, d := range datas {
		want, err := json.Marshal(&wireResponse{Data: json.RawMessage(d)})
		if err != nil {
			t.Fatal(err)
		}
		if got := dataOnly([]byte(d)); string(got) != string(want) {
			t.Errorf("dataOnly(%.80s) = %.200s, want %.200s", d, got, want)
		}
	}
}
