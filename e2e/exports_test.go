package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// inCI says whether a missing consumer must fail the test rather than skip.
func inCI() bool { return os.Getenv("CI") != "" }

func missing(t *testing.T, what string) {
	t.Helper()
	msg := fmt.Sprintf("!!! SKIPPING: %s is not installed (run scripts/setup-export-consumers) !!!", what)
	if inCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// download fetches an export asking for gzip, checks the encoding and the
// file name offered, and returns the decompressed body.
func download(t *testing.T, url, path string) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", url+path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	c := &http.Client{Timeout: 30 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s: %s", path, resp.Status, b)
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "gzip" {
		t.Fatalf("GET %s with Accept-Encoding gzip: Content-Encoding %q", path, ce)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="partnergraph-`) {
		t.Errorf("GET %s: Content-Disposition %q names no file", path, cd)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return b
}

type consumerCounts struct {
	Nodes, Edges, Positioned int
	Multi                    bool
}

// runConsumer runs a consumer script on a file and decodes what it printed.
func runConsumer(t *testing.T, bin string, args ...string) consumerCounts {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = "js"
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, stderr.String())
	}
	var c consumerCounts
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatalf("%s %v printed %q: %v", bin, args, out, err)
	}
	return c
}

// Every export, in both projections, opens unchanged in the tool it is for,
// holds what the API holds, and comes out byte for byte the same from the
// export command run in another process over the same documents.
func TestExportsOpenInTheirTools(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node")
	}
	if _, err := os.Stat("js/node_modules/graphology"); err != nil {
		missing(t, "graphology (e2e/js/node_modules)")
	}
	python, _ := filepath.Abs("js/.venv/bin/python")
	if p := os.Getenv("PARTNERGRAPH_PYTHON"); p != "" {
		python = p
	}
	haveNetworkX := exec.Command(python, "-c", "import networkx").Run() == nil
	if !haveNetworkX {
		missing(t, "networkx (e2e/js/.venv)")
	}

	one := startServer(t)
	// The command-line export, in a process of its own (so nothing is shared
	// with this one, the layout cache included), must write the same bytes.
	bin := filepath.Join(t.TempDir(), "partnergraph")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/partnergraph").CombinedOutput(); err != nil {
		t.Fatalf("building the command: %v\n%s", err, out)
	}
	var whole struct {
		Network struct {
			Nodes []struct{ ID string }
			Edges []struct{ ID string }
		}
	}
	mustAPI(t, one.URL, `{ network(projection: COLLABORATION, limit: 5000) { nodes { id } edges { id } } }`, nil, &whole)
	var plain struct{ Nodes, Edges []json.RawMessage }
	if err := json.Unmarshal(download(t, one.URL, "/export/graph.json"), &plain); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		"":              {len(plain.Nodes), len(plain.Edges)},
		"collaboration": {len(whole.Network.Nodes), len(whole.Network.Edges)},
	}
	dir := t.TempDir()
	for _, proj := range []string{"", "collaboration"} {
		for _, file := range []string{"graph.json", "cytoscape.json", "graphology.json", "graph.graphml", "graph.gexf"} {
			if proj != "" && file == "graph.json" {
				continue
			}
			path := "/export/" + file
			if proj != "" {
				// Upper case, as GraphQL spells the enum: parameters are read in any case.
				path += "?Projection=" + strings.ToUpper(proj)
			}
			t.Run(strings.TrimPrefix(path, "/export/"), func(t *testing.T) {
				a := download(t, one.URL, path)
				format := map[string]string{"graph.json": "json", "cytoscape.json": "cytoscape", "graphology.json": "graphology",
					"graph.graphml": "graphml", "graph.gexf": "gexf"}[file]
				cmd := exec.Command(bin, "export", "--seeds", "../seeds", "--format", format, "--projection", "bipartite")
				if proj != "" {
					cmd.Args[len(cmd.Args)-1] = proj
				}
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				b, err := cmd.Output()
				if err != nil {
					t.Fatalf("%v: %v\n%s", cmd.Args, err, stderr.String())
				}
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs from %v, another process loading the same documents (%d and %d bytes)", path, cmd.Args[1:], len(a), len(b))
				}
				local := filepath.Join(dir, strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(path))
				if err := os.WriteFile(local, a, 0o644); err != nil {
					t.Fatal(err)
				}
				var got consumerCounts
				switch file {
				case "graph.json":
					return
				case "graphology.json":
					got = runConsumer(t, node, "consumers.mjs", "graphology", local)
				case "cytoscape.json":
					got = runConsumer(t, node, "consumers.mjs", "cytoscape", local)
				case "graph.graphml":
					got = runConsumer(t, python, "networkx_read.py", "graphml", local)
				case "graph.gexf":
					got = runConsumer(t, python, "networkx_read.py", "gexf", local)
				}
				w := want[proj]
				if got.Nodes != w[0] || got.Edges != w[1] {
					t.Errorf("%s read %d nodes and %d edges; the API has %d and %d", path, got.Nodes, got.Edges, w[0], w[1])
				}
				// Cytoscape counts a node at exactly (0, 0) as unplaced; at most one can be there.
				if got.Positioned < got.Nodes-1 {
					t.Errorf("%s: only %d of %d nodes have a position", path, got.Positioned, got.Nodes)
				}
				t.Logf("%s: %+v", path, got)
			})
		}
	}
}
