package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph"
)

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestHelpAndUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, 2, "", "Usage:"},
		{[]string{"help"}, 0, "partnergraph serve", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"serve", "--help"}, 0, "", "-addr"},
		{[]string{"serve", "--help"}, 0, "", "-no-introspection"},
		{[]string{"serve", "--help"}, 0, "", "-cors-origin"},
		{[]string{"serve", "--help"}, 0, "", "-max-connections"},
		{[]string{"serve", "--help"}, 0, "", "-response-cache-bytes"},
		{[]string{"load", "--help"}, 0, "", "--seeds"},
		{[]string{"export", "--help"}, 0, "", "graphml"},
		{[]string{"export", "--nope"}, 2, "", "flag provided but not defined"},
		{[]string{"export", "stray"}, 2, "", `unexpected argument "stray"`},
	}
	for _, tt := range tests {
		code, out, errOut := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.inStdout) || !strings.Contains(errOut, tt.inStderr) {
			t.Errorf("%v: code %d, stdout %q, stderr %q", tt.args, code, out, errOut)
		}
	}
}

func TestExportJSONIsTheWholeGraph(t *testing.T) {
	code, out, errOut := runCmd("export", "--seeds", "../../seeds", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var g partnergraph.Graph
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	// councils the gazetteer resolved carry their GSS code through the export
	resolved := 0
	for _, n := range g.Nodes() {
		if n.Kind == partnergraph.KindCouncil && n.GSSCode != "" {
			resolved++
		}
	}
	if resolved < 10 || g.NodeCount() < 100 {
		t.Errorf("exported graph has %d nodes, %d councils with a GSS code", g.NodeCount(), resolved)
	}
	if !strings.Contains(errOut, "000_f4759afe0b904a7c.txt") || !strings.Contains(errOut, "case studies") {
		t.Errorf("the extraction report must go to stderr: %q", errOut)
	}
	code, out, _ = runCmd("export", "--seeds", "../../seeds", "--format", "graphml")
	if code != 0 || !strings.HasPrefix(out, "<?xml") {
		t.Errorf("graphml: exit %d, %.60q", code, out)
	}
	if code, _, errOut = runCmd("export", "--seeds", "../../seeds", "--format", "pdf"); code != 1 || !strings.Contains(errOut, `--format "pdf"`) {
		t.Errorf("unknown format: exit %d, %q", code, errOut)
	}
}

func TestBadSeedsFolderIsAClearError(t *testing.T) {
	empty := t.TempDir()
	missing := filepath.Join(empty, "missing")
	for _, dir := range []string{empty, missing} {
		code, _, errOut := runCmd("load", "--seeds", dir)
		if code != 1 || !strings.Contains(errOut, dir) {
			t.Errorf("load --seeds %s: exit %d, %q", dir, code, errOut)
		}
	}
	unreadable := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(unreadable, []byte{0, 1, 2}, 0o644)
	code, _, errOut := runCmd("load", "--seeds", filepath.Dir(unreadable))
	if code != 1 || !strings.Contains(errOut, "bad.txt") || !strings.Contains(errOut, "binary") {
		t.Errorf("a folder with only a binary file: exit %d, %q", code, errOut)
	}
}

func TestLoadReportsPerDocument(t *testing.T) {
	code, out, errOut := runCmd("load", "--seeds", "../../seeds", "--verbose")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"004_0c21b22ad762fdcb.txt", "case studies", "Organisation", "PARTNER_IN", "[model:", "graph:"} {
		if !strings.Contains(out, want) {
			t.Errorf("load output lacks %q", want)
		}
	}
}

func TestServeAnswersAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--seeds", "../../seeds"}, &syncWriter{w: &out}, &syncWriter{w: &errOut})
	}()
	var url string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && url == ""; time.Sleep(20 * time.Millisecond) {
		if s := (&syncWriter{w: &out}).String(); strings.Contains(s, "http://") {
			url = strings.TrimSpace(s[strings.Index(s, "http://"):])
		}
	}
	if url == "" {
		cancel()
		t.Fatalf("serve did not start: %s", errOut.String())
	}
	// the first council listed answers by its id
	resp, err := http.Post(url+"/graphql", "application/json", strings.NewReader(`{"query":"{ councils(first: 1) { edges { node { id name } } } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Data struct {
			Councils struct {
				Edges []struct{ Node struct{ ID, Name string } }
			}
		}
	}
	json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if len(list.Data.Councils.Edges) != 1 || list.Data.Councils.Edges[0].Node.Name == "" {
		t.Fatalf("councils = %+v", list)
	}
	first := list.Data.Councils.Edges[0].Node
	q, _ := json.Marshal(map[string]any{"query": `query($id: ID!) { council(id: $id) { name } }`, "variables": map[string]any{"id": first.ID}})
	resp, err = http.Post(url+"/graphql", "application/json", bytes.NewReader(q))
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Data struct{ Council struct{ Name string } }
	}
	json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if body.Data.Council.Name != first.Name {
		t.Errorf("answer = %+v, want %s", body, first.Name)
	}
	page, err := http.Get(url + "/")
	if err != nil || page.StatusCode != 200 || !strings.Contains(page.Header.Get("Content-Type"), "text/html") {
		t.Errorf("the explorer must be served at /: %v %v", err, page)
	}
	page.Body.Close()
	// A header over the limit is refused (net/http's default allows 1 MiB).
	req, _ := http.NewRequest(http.MethodGet, url+"/healthz", nil)
	req.Header.Set("X-Padding", strings.Repeat("x", 200<<10))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a 200 KiB header: %v %v, want 431", err, resp)
	} else {
		resp.Body.Close()
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after cancel", code)
		}
	case <-time.After(15 * time.Second):
		t.Error("serve did not stop")
	}
}

func TestUnreachableNeo4jIsAClearError(t *testing.T) {
	t.Setenv("NEO4J_CONNECT_TIMEOUT", "1s")
	t.Setenv("NEO4J_PASSWORD", "not-to-be-printed")
	for _, args := range [][]string{
		{"serve", "--addr", "127.0.0.1:0", "--neo4j-uri", "bolt://127.0.0.1:1"},
		{"load", "--seeds", "../../seeds", "--neo4j-uri", "bolt://127.0.0.1:1"},
	} {
		code, _, errOut := runCmd(args...)
		if code != 1 || !strings.Contains(errOut, "bolt://127.0.0.1:1") || !strings.Contains(errOut, "not reachable") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
		if strings.Contains(errOut, "not-to-be-printed") {
			t.Errorf("%v: the password was printed", args)
		}
	}
}

// startServe runs serve with args until the test ends and returns its URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--seeds", "../../seeds"}, args...), &syncWriter{w: &out}, &syncWriter{w: &errOut})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop")
		}
	})
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if s := (&syncWriter{w: &out}).String(); strings.Contains(s, "http://") {
			return strings.TrimSpace(s[strings.Index(s, "http://"):])
		}
	}
	t.Fatalf("serve did not start: %s", (&syncWriter{w: &errOut}).String())
	return ""
}

func TestServeNoResponseCache(t *testing.T) {
	const query = `{"query":"{ councils(first: 3) { edges { node { name } } } }"}`
	// secondXCache asks the same question twice: only the second can be
	// answered from memory.
	secondXCache := func(url string) string {
		var got string
		for range 2 {
			resp, err := http.Post(url+"/graphql", "application/json", strings.NewReader(query))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			got = resp.Header.Get("X-Cache")
		}
		return got
	}
	if got := secondXCache(startServe(t)); got != "hit" {
		t.Errorf("by default a repeated request must be answered from the cache: X-Cache %q", got)
	}
	if got := secondXCache(startServe(t, "--no-response-cache")); got != "" {
		t.Errorf("--no-response-cache must execute every request: X-Cache %q", got)
	}
}
