package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestContract runs the store contract against the real Neo4j named by
// NEO4J_URI (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), such as
// the one scripts/with-neo4j starts. Without NEO4J_URI it skips saying so,
// except under CI=true, where it fails. Each case starts from an empty
// database: it deletes everything in it, so point NEO4J_URI at a database
// for tests only.
func TestContract(t *testing.T) {
	storetest.Run(t, contractStores(t))
}

// TestAPIContract asks the API's questions of Neo4j through the real schema:
// the answers must equal the in-memory store's, byte for byte.
func TestAPIContract(t *testing.T) {
	storetest.RunAPI(t, contractStores(t))
}

// realConfig is the test database's configuration, or a skip (a failure
// under CI) when there is none.
func realConfig(t testing.TB) Config {
	t.Helper()
	cfg := ConfigFromEnv()
	if cfg.URI == "" {
		msg := "the Neo4j tests against a real server were NOT run: NEO4J_URI is not set. " +
			"Run them with scripts/with-neo4j go test ./neo4j/ (needs Java 17 and Maven), or point NEO4J_URI at a test database."
		if os.Getenv("NEO4J_REQUIRED") == "1" {
			t.Fatal("NEO4J_REQUIRED=1 (as .ci/run sets): " + msg)
		}
		t.Skip("SKIPPED: " + msg)
	}
	cfg.ConnectTimeout = 60 * time.Second
	return cfg
}

// openReal opens a store over the test database, closed at the end of the test.
func openReal(t testing.TB, cfg Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// emptyReal is a store over the emptied test database, with its schema.
func emptyReal(t testing.TB, cfg Config) *Store {
	t.Helper()
	s := openReal(t, cfg)
	if err := s.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replace(context.Background(), pg.NewGraph()); err != nil {
		t.Fatal(err)
	}
	return s
}

// contractStores returns a maker of empty stores over the test database.
func contractStores(t *testing.T) func(t *testing.T) pg.Store {
	cfg := realConfig(t)
	return func(t *testing.T) pg.Store { return emptyReal(t, cfg) }
}

func TestPropsRoundTrip(t *testing.T) {
	g := storetest.Fixture()
	for _, n := range g.Nodes() {
		p, err := nodeProps(n)
		if err != nil {
			t.Fatal(err)
		}
		p["id"] = n.ID
		// What the driver hands back: lists as []any, integers as int64.
		var back map[string]any
		b, _ := json.Marshal(p)
		json.Unmarshal(b, &back)
		if y, ok := back["year"].(float64); ok {
			back["year"] = int64(y)
		}
		got, err := nodeFromProps(n.Kind, back)
		if err != nil {
			t.Fatal(err)
		}
		a, b2 := pg.NewGraph(), pg.NewGraph()
		a.AddNode(n)
		b2.AddNode(got)
		if a.Fingerprint() != b2.Fingerprint() {
			t.Errorf("%s did not round-trip:\n got %+v\nwant %+v", n.ID, got, n)
		}
	}
	for _, e := range g.Edges() {
		p, err := edgeProps(e)
		if err != nil {
			t.Fatal(err)
		}
		p["id"] = e.ID
		got, err := edgeFromProps(e.Source, string(e.Kind), e.Target, p)
		if err != nil {
			t.Fatal(err)
		}
		x, _ := json.Marshal(e)
		y, _ := json.Marshal(got)
		if string(x) != string(y) {
			t.Errorf("%s did not round-trip:\n got %s\nwant %s", e.ID, y, x)
		}
	}
	if _, err := nodeFromProps(pg.KindCouncil, map[string]any{"id": "council:x", "evidence": "{not json"}); err == nil {
		t.Error("corrupt evidence must be an error")
	}
}

func TestLuceneQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Reigate & Banstead", "reigate~1 OR and OR banstead~2"},
		{"St Mary's", "saint~1 OR marys~1"},
		{`a+b (c) "d" title:x`, "a OR and OR b OR c OR d OR title~1 OR x"},
		{"Aldwinkles Society", "aldwinkles~2 OR society~1"},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := LuceneQuery(tt.in); got != tt.want {
			t.Errorf("LuceneQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := luceneEscape(`a:b(c)~`); got != `a\:b\(c\)\~` {
		t.Errorf("luceneEscape = %q", got)
	}
}

func TestCredentialsStayOutOfMessages(t *testing.T) {
	if got := RedactedURI("neo4j://alice:s3cret@db.example:7687"); strings.Contains(got, "s3cret") || !strings.Contains(got, "db.example:7687") {
		t.Errorf("RedactedURI = %q", got)
	}
	cfg := Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "hunter2-secret", ConnectTimeout: 1500 * time.Millisecond}
	var logs strings.Builder
	_, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err == nil {
		t.Fatal("nothing listens on 127.0.0.1:1; Open must fail")
	}
	if !strings.Contains(err.Error(), "bolt://127.0.0.1:1") || !strings.Contains(err.Error(), "not reachable") {
		t.Errorf("the error must name the URI: %v", err)
	}
	if strings.Contains(err.Error()+logs.String(), "hunter2-secret") {
		t.Error("the password leaked into an error or a log line")
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("retries must be logged: %s", logs.String())
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://h:7687")
	t.Setenv("NEO4J_USERNAME", "")
	t.Setenv("NEO4J_PASSWORD", "pw")
	t.Setenv("NEO4J_DATABASE", "")
	c := ConfigFromEnv()
	c.defaults()
	if c.URI != "bolt://h:7687" || c.Username != "neo4j" || c.Password != "pw" || c.Database != "neo4j" || c.BatchSize != DefaultBatchSize {
		t.Errorf("config = %+v", c)
	}
}

func TestPlanLoadBatchesByLabelAndType(t *testing.T) {
	g := storetest.Fixture()
	plan, err := planLoad(g, pg.NewGraph(), 2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, step := range plan {
		for _, b := range step.batches {
			if len(b) > 2 {
				t.Errorf("%s: a batch of %d rows, over the size 2", step.st.Name, len(b))
			}
			rows += len(b)
		}
	}
	if rows != g.NodeCount()+g.EdgeCount() {
		t.Errorf("planned %d rows for %d nodes and %d relationships", rows, g.NodeCount(), g.EdgeCount())
	}
	bad := pg.NewGraph()
	bad.AddNode(&pg.Node{ID: "doc:a", Kind: pg.KindDocument, Name: "a"})
	bad.AddNode(&pg.Node{ID: "council:a", Kind: pg.KindCouncil, Name: "a"})
	bad.AddEdge(&pg.Edge{Kind: pg.EdgeLeads, Source: "council:a", Target: "doc:a"})
	if _, err := planLoad(bad, pg.NewGraph(), 10, nil, nil); err == nil {
		t.Error("a relationship the model does not allow must be refused")
	}
	if got := funderIDs(g); fmt.Sprint(got) != "[council:rei org:creme]" {
		t.Errorf("funders = %v", got)
	}
}

// Statements are fixed text: labels and types come from the model, values
// are parameters, and every parameter a statement uses is declared.
func TestStatementsAreParameterised(t *testing.T) {
	param := regexp.MustCompile(`\$([A-Za-z]+)`)
	names := map[string]bool{}
	for _, st := range Statements() {
		if names[st.Name] {
			t.Errorf("two statements are named %s", st.Name)
		}
		names[st.Name] = true
		if strings.Contains(st.Cypher, "%") {
			t.Errorf("%s: unformatted text: %s", st.Name, st.Cypher)
		}
		for _, m := range param.FindAllStringSubmatch(st.Cypher, -1) {
			if !contains(st.Params, m[1]) {
				t.Errorf("%s uses $%s but does not declare it", st.Name, m[1])
			}
		}
	}
	if len(names) < 40 {
		t.Errorf("only %d statements", len(names))
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
