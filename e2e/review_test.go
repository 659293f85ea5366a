package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

// curationFrom runs review mode's curationYAML (explorer/web/src/review.js)
// in Node over decisions and returns the file it writes.
func curationFrom(t *testing.T, node string, decisions []map[string]string) string {
	t.Helper()
	in, _ := json.Marshal(decisions)
	src, _ := filepath.Abs("../explorer/web/src/review.js")
	script := `import { curationYAML } from ` + "'" + src + "'" + `;
const ds = JSON.parse(process.argv[1]) || [];
process.stdout.write(curationYAML(new Map(ds.map((d, i) => [String(i), d]))));`
	cmd := exec.Command(node, "--input-type=module", "-e", script, string(in))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node running curationYAML: %v\n%s", err, stderr.String())
	}
	path := filepath.Join(t.TempDir(), "curation.yaml")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Review mode's curation.yaml, written by its own code from decisions on
// the seeds' nodes, loads through the loader and changes what was decided;
// decisions that would clash (renaming a node merged away) are left out
// rather than making a file the loader refuses; no decision loads too.
func TestCurationFileFromReviewMode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node")
	}
	ctx := context.Background()
	g, _, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var orgs []*partnergraph.Node
	for _, n := range g.Nodes() {
		if n.Kind == partnergraph.KindOrganisation {
			orgs = append(orgs, n)
		}
	}
	if len(orgs) < 5 {
		t.Fatalf("the seeds have %d organisations; need 5", len(orgs))
	}
	into, from, renamed, excluded, sectored := orgs[0], orgs[1], orgs[2], orgs[3], orgs[4]
	path := curationFrom(t, node, []map[string]string{
		{"action": "merge", "into": into.ID, "from": from.ID},
		{"action": "rename", "id": renamed.ID, "name": `Renamed: "quoted" & odd`},
		{"action": "rename", "id": from.ID, "name": "clashes with the merge"},
		{"action": "exclude", "id": excluded.ID},
		{"action": "sector", "id": sectored.ID, "sector": "housing"},
		{"action": "accept", "id": orgs[0].ID, "note": "looks right"},
	})
	got, _, err := loader.Load(ctx, "../seeds", loader.Options{CurationFile: path})
	if err != nil {
		b, _ := os.ReadFile(path)
		t.Fatalf("loading with review mode's curation.yaml: %v\n%s", err, b)
	}
	if got.Node(from.ID) != nil || got.Node(into.ID) == nil {
		t.Errorf("%s was to be merged into %s", from.ID, into.ID)
	}
	if n := got.Node(renamed.ID); n == nil || n.Name != `Renamed: "quoted" & odd` {
		t.Errorf("%s was to be renamed; it is %v", renamed.ID, n)
	}
	if got.Node(excluded.ID) != nil {
		t.Errorf("%s was to be excluded", excluded.ID)
	}
	if n := got.Node(sectored.ID); n == nil || n.Sector != partnergraph.SectorHousing {
		t.Errorf("%s was to be set to housing; it is %v", sectored.ID, n)
	}
	empty := curationFrom(t, node, nil)
	if _, _, err := loader.Load(ctx, "../seeds", loader.Options{CurationFile: empty}); err != nil {
		t.Errorf("loading with review mode's file of no decisions: %v", err)
	}
}
