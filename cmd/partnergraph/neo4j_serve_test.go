//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/server"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestRealServeNeo4jAnswersLikeEmbedded builds the partnergraph binary,
// loads the seeds into the real Neo4j named by NEO4J_URI with `partnergraph
// load --neo4j-uri`, starts `partnergraph serve --neo4j-uri` and the
// embedded `partnergraph serve --seeds`, and asks both every README query
// (server.Examples, which GraphiQL opens with) over HTTP: the answers must
// be the same (numbers within 1e-9, as the API goldens compare them).
// scripts/with-neo4j runs it: scripts/with-neo4j go test ./cmd/partnergraph -run RealServe
func TestRealServeNeo4jAnswersLikeEmbedded(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		msg := "the serve --neo4j-uri test against a real server was NOT run: NEO4J_URI is not set. " +
			"Run it with scripts/with-neo4j go test ./cmd/partnergraph -run RealServe (needs Java 17 and Maven)."
		if os.Getenv("NEO4J_REQUIRED") == "1" {
			t.Fatal("NEO4J_REQUIRED=1 (as .ci/run sets): " + msg)
		}
		t.Skip("SKIPPED: " + msg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	bin := filepath.Join(t.TempDir(), "partnergraph")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	load := exec.CommandContext(ctx, bin, "load", "--seeds", "../../seeds", "--neo4j-uri", uri)
	if out, err := load.CombinedOutput(); err != nil {
		t.Fatalf("partnergraph load --neo4j-uri: %v\n%s", err, out)
	} else if !strings.Contains(string(out), "neo4j:") {
		t.Fatalf("the load did not report what it wrote to Neo4j:\n%s", out)
	}
	neo := startBinary(ctx, t, bin, "--neo4j-uri", uri)
	mem := startBinary(ctx, t, bin, "--seeds", "../../seeds")
	// The examples' variables (the nodes they ask about) as the embedded
	// serve chooses them from the seeds.
	tabs, err := server.ExampleTabs(ctx, func(ctx context.Context, query string, vars map[string]any) (json.RawMessage, error) {
		var resp struct {
			Data   json.RawMessage
			Errors []struct{ Message string }
		}
		if err := json.Unmarshal(postVars(t, mem, query, vars), &resp); err != nil {
			return nil, err
		}
		if len(resp.Errors) > 0 {
			return nil, errors.New(resp.Errors[0].Message)
		}
		return resp.Data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, ex := range tabs {
		var vars map[string]any
		if ex.Variables != "" {
			if err := json.Unmarshal([]byte(ex.Variables), &vars); err != nil {
				t.Fatal(err)
			}
		}
		got, want := postVars(t, neo, ex.Query, vars), postVars(t, mem, ex.Query, vars)
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("%s: %v: %s", ex.Name, err, got)
		}
		json.Unmarshal(want, &w)
		if at := storetest.Differs(g, w, "$"); at != "" {
			t.Errorf("%s: serve --neo4j-uri answers differently at %s:\n%s\nserve --seeds:\n%s", ex.Name, at, got, want)
		}
		if m, ok := w.(map[string]any); !ok || m["errors"] != nil || m["data"] == nil {
			t.Errorf("%s: the embedded answer is not an answer: %s", ex.Name, want)
		}
		if strings.Contains(string(want), `"name":`) {
			named++
		}
	}
	// Some examples find nothing in the seeds (no path within the bound);
	// most must name bodies, or the comparison tells the stores apart in nothing.
	if named < len(server.Examples)*2/3 {
		t.Errorf("only %d of %d README answers name a body", named, len(server.Examples))
	}
}

// startBinary runs the built `partnergraph serve` on a free port of 127.0.0.1 until
// the test ends (SIGTERM, then a kill after 10 s) and returns its URL.
func startBinary(ctx context.Context, t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--no-response-cache"}, args...)...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &syncWriter{w: &stderr}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if i := strings.Index(sc.Text(), "http://"); i >= 0 {
				urls <- strings.TrimSpace(sc.Text()[i:])
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case url := <-urls:
		return url
	case <-time.After(90 * time.Second):
		t.Fatalf("serve %v did not start: %s", args, (&syncWriter{w: &stderr}).String())
	}
	return ""
}

// postVars asks one GraphQL query with variables and returns the response body.
func postVars(t *testing.T, url, query string, vars map[string]any) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	c := &http.Client{Timeout: 30 * time.Second}
	resp, err := c.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %v %s", url, resp.StatusCode, err, b)
	}
	return b
}
