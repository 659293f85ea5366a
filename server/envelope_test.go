package server

import (
	"reflect"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// readByEncodingJSON reads one request's body as the transport does when
// plainEnvelope declines it: splitBody, then paramsFromJSON.
func readByEncodingJSON(body []byte) (*graphql.RawParams, bool) {
	reqs, batch, err := splitBody(body, 10)
	if err != nil || batch {
		return nil, false
	}
	p, err := paramsFromJSON(reqs[0])
	return p, err == nil
}

func TestPlainEnvelope(t *testing.T) {
	empty := map[string]any{}
	for _, c := range []struct {
		name, body string
		want       *graphql.RawParams // nil: declined, left to encoding/json
	}{
		{"query", `{"query":"{ hello }"}`, &graphql.RawParams{Query: "{ hello }"}},
		{"empty object", `{}`, &graphql.RawParams{}},
		{"whitespace everywhere", " \t\r\n{ \"query\" :\n\"q\" ,\t\"operationName\" : \"A\" } \n", &graphql.RawParams{Query: "q", OperationName: "A"}},
		{"all four", `{"query":"q","operationName":"Op","variables":{},"extensions":{ }}`,
			&graphql.RawParams{Query: "q", OperationName: "Op", Variables: empty, Extensions: empty}},
		{"nulls", `{"query":null,"operationName":null,"variables":null,"extensions":null}`, &graphql.RawParams{}},
		{"members in any order", `{"variables":{},"query":"q"}`, &graphql.RawParams{Query: "q", Variables: empty}},
		{"escaped quotes", `{"query":"{ council(id: \"council:fenmoor\") { name } }"}`,
			&graphql.RawParams{Query: `{ council(id: "council:fenmoor") { name } }`}},
		{"every short escape", `{"query":"\"\\\/\b\f\n\r\t"}`, &graphql.RawParams{Query: "\"\\/\b\f\n\r\t"}},
		{"unicode escapes", `{"query":"\u0041\u00e9\u20AC\u0000"}`, &graphql.RawParams{Query: "Aé€\x00"}},
		{"raw UTF-8", `{"query":"Fenmoor Trust – Ærø ✓ 🦉"}`, &graphql.RawParams{Query: "Fenmoor Trust – Ærø ✓ 🦉"}},
		{"raw UTF-8 after an escape", `{"query":"\"Ærø\" 🦉"}`, &graphql.RawParams{Query: `"Ærø" 🦉`}},
		{"U+2028 kept", "{\"query\":\"a\u2028b\"}", &graphql.RawParams{Query: "a\u2028b"}},
		{"replacement character as sent", "{\"query\":\"\uFFFD\"}", &graphql.RawParams{Query: "\uFFFD"}},

		// Declined: encoding/json decides, and names the mistake if any.
		{"variables with members", `{"query":"q","variables":{"id":"x"}}`, nil},
		{"extensions with members", `{"extensions":{"persistedQuery":{"version":1}}}`, nil},
		{"unknown member", `{"query":"q","foo":1}`, nil},
		{"member in another case", `{"Query":"q"}`, nil},
		{"escaped member name", `{"\u0071uery":"q"}`, nil},
		{"repeated member", `{"query":"a","query":"b"}`, nil},
		{"batch", `[{"query":"q"}]`, nil},
		{"not a string", `{"query":1}`, nil},
		{"variables not an object", `{"variables":[]}`, nil},
		{"lone surrogate", `{"query":"\ud83e"}`, nil},
		{"surrogate pair", `{"query":"\ud83e\udd89"}`, nil},
		{"invalid UTF-8", "{\"query\":\"\xff\"}", nil},
		{"invalid UTF-8 after an escape", "{\"query\":\"\\n\xc3\"}", nil},
		{"control character", "{\"query\":\"a\nb\"}", nil},
		{"bad escape", `{"query":"\x"}`, nil},
		{"short unicode escape", `{"query":"\u12"}`, nil},
		{"unterminated string", `{"query":"abc`, nil},
		{"unterminated escape", `{"query":"abc\`, nil},
		{"unterminated object", `{"query":"q"`, nil},
		{"trailing comma", `{"query":"q",}`, nil},
		{"missing colon", `{"query" "q"}`, nil},
		{"trailing text", `{"query":"q"} x`, nil},
		{"two objects", `{"query":"q"}{"query":"q"}`, nil},
		{"nul", `nul`, nil},
		{"nothing", ``, nil},
		{"form feed is not JSON space", "\f{\"query\":\"q\"}", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := plainEnvelope([]byte(c.body))
			if c.want == nil {
				if ok {
					t.Fatalf("read %q as %+v; want it left to encoding/json", c.body, got)
				}
				return
			}
			if !ok || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("plainEnvelope(%q) = %+v, %v; want %+v", c.body, got, ok, c.want)
			}
			if ref, ok := readByEncodingJSON([]byte(c.body)); !ok || !reflect.DeepEqual(got, ref) {
				t.Fatalf("encoding/json reads %q as %+v, %v; plainEnvelope as %+v", c.body, ref, ok, got)
			}
		})
	}
}

// TestPlainEnvelopeHostile: long, deep or broken bodies are declined (or
// read) without panicking, in time proportional to their length.
func TestPlainEnvelopeHostile(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("{", 100000),
		`{"query":"` + strings.Repeat(`\"`, 100000) + `"}`,
		`{"query":"` + strings.Repeat(`\`, 100001),
		`{"variables":{` + strings.Repeat(" ", 100000),
		`{"query":"` + strings.Repeat("\xe2\x82", 1000) + `"}`,
	} {
		got, ok := plainEnvelope([]byte(body))
		ref, refOK := readByEncodingJSON([]byte(body))
		if ok && (!refOK || !reflect.DeepEqual(got, ref)) {
			t.Fatalf("%.40q: plainEnvelope %+v, encoding/json %+v (%v)", body, got, ref, refOK)
		}
	}
}

// FuzzPlainEnvelope holds plainEnvelope to encoding/json: whatever it
// reads, splitBody and paramsFromJSON read alike.
func FuzzPlainEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"query":"{ hello }"}`,
		`{"query":"{ council(id: \"council:fenmoor\") { name } }","operationName":null,"variables":{},"extensions":null}`,
		`{"query":"\u00e9\n\t\\","operationName":"A"}`,
		"{\"query\":\"Ærø 🦉\"}",
		`{"query":"q","variables":{"a":1}}`,
		`{"QUERY":"q"}`, `[]`, `{`, `null`, ` {} `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, ok := plainEnvelope(body)
		if !ok {
			return
		}
		ref, refOK := readByEncodingJSON(body)
		if !refOK {
			t.Fatalf("plainEnvelope read %q as %+v; encoding/json refuses it", body, got)
		}
		if !reflect.DeepEqual(got, ref) {
			t.Fatalf("%q: plainEnvelope %+v, encoding/json %+v", body, got, ref)
		}
	})
}
