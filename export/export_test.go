package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Every format is written from the contract fixture, compared with its
// golden file, and parsed back.
func TestFormatsMatchGoldenAndParseBack(t *testing.T) {
	g := storetest.Fixture()
	// Measures as the server computes them; fixed here so that the golden
	// files test the writing, not the arithmetic.
	m := Measures{
		"council:hpl":        {"degree": 3, "community": 0, "pagerank": 0.2, "betweenness": 0.5},
		"org:age":            {"degree": 2, "community": 0, "pagerank": 0.25, "betweenness": 0.0},
		"initiative:hpl:hub": {"degree": 2, "community": 0},
	}
	for _, f := range Formats {
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.Write(&buf, &Input{Graph: g, Measures: m}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", f.File)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./export -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s (run with -update if the change is intended)", f.Name, golden)
			}
			nodes, edges := parseBack(t, f.Name, buf.Bytes())
			if nodes != g.NodeCount() || edges != g.EdgeCount() {
				t.Errorf("%s parsed back to %d nodes and %d edges, want %d and %d", f.Name, nodes, edges, g.NodeCount(), g.EdgeCount())
			}
		})
	}
}

func parseBack(t *testing.T, format string, b []byte) (nodes, edges int) {
	t.Helper()
	var err error
	switch format {
	case "json":
		var v struct{ Nodes, Edges []map[string]any }
		err = json.Unmarshal(b, &v)
		nodes, edges = len(v.Nodes), len(v.Edges)
	case "cytoscape":
		var v struct {
			Elements struct {
				Nodes, Edges []struct{ Data map[string]any }
			}
		}
		err = json.Unmarshal(b, &v)
		nodes, edges = len(v.Elements.Nodes), len(v.Elements.Edges)
	case "graphology":
		var v struct {
			Nodes []struct{ Key string }
			Edges []struct{ Source, Target string }
		}
		err = json.Unmarshal(b, &v)
		nodes, edges = len(v.Nodes), len(v.Edges)
	case "graphml":
		var v struct {
			Graph struct {
				Nodes []struct{} `xml:"node"`
				Edges []struct{} `xml:"edge"`
			} `xml:"graph"`
		}
		err = xml.Unmarshal(b, &v)
		nodes, edges = len(v.Graph.Nodes), len(v.Graph.Edges)
	case "gexf":
		var v struct {
			Graph struct {
				Nodes []struct{} `xml:"nodes>node"`
				Edges []struct{} `xml:"edges>edge"`
			} `xml:"graph"`
		}
		err = xml.Unmarshal(b, &v)
		nodes, edges = len(v.Graph.Nodes), len(v.Graph.Edges)
	default:
		t.Fatalf("no parser for %s", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return nodes, edges
}

func TestFilter(t *testing.T) {
	g := storetest.Fixture()
	tests := []struct {
		query        string
		nodes, edges int
		bad          bool
	}{
		{"", 9, 7, false},
		{"kind=Council", 3, 1, false},
		{"kind=Organisation,Initiative", 5, 4, false},
		{"sector=voluntary", 2, 0, false},
		{"region=north+east", 1, 0, false},
		{"theme=Response", 1, 0, false},
		{"kind=COUNCIL", 3, 1, false},
		{"KIND=council&Sector=VOLUNTARY", 0, 0, false},
		{"kind=ORGANISATION&sector=Voluntary", 2, 0, false},
		{"projection=COLLABORATION", 9, 7, false},
		{"projection=sideways", 0, 0, true},
		{"kind=Planet", 0, 0, true},
		{"sector=charity", 0, 0, true},
		{"colour=red", 0, 0, true},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		f, err := FilterFromQuery(q)
		if tt.bad {
			if err == nil {
				t.Errorf("%q: want an error", tt.query)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		out := f.Apply(g)
		if out.NodeCount() != tt.nodes || out.EdgeCount() != tt.edges {
			t.Errorf("%q: %d nodes, %d edges; want %d, %d", tt.query, out.NodeCount(), out.EdgeCount(), tt.nodes, tt.edges)
		}
	}
}

// TestWriteJSONIsTheIndentedGraph: WriteJSON streams a node at a time; it
// must write what an indenting json.Encoder writes for the whole graph,
// for an empty graph and one holding text that JSON escapes.
func TestWriteJSONIsTheIndentedGraph(t *testing.T) {
	escapes := storetest.Fixture()
	escapes.Node("org:age").Name = `Acme <"Quoted"> & Sons`
	for name, g := range map[string]*partnergraph.Graph{"empty": partnergraph.NewGraph(), "fixture": storetest.Fixture(), "escapes": escapes} {
		var got, want bytes.Buffer
		if err := WriteJSON(&got, &Input{Graph: g}); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(g); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: WriteJSON wrote\n%s\nan indenting encoder writes\n%s", name, got.String(), want.String())
		}
	}
}
