package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
)

// The load report's unclassified mentions are served read-only with the
// line each stands in, found in any case and across a line break.
func TestUnclassifiedMentions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Intro\nWe met the Harbour\nTrust and the RIVER GROUP.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := &loader.Report{Documents: []loader.DocumentReport{{File: "a.txt", Unclassified: []string{"River Group", "Harbour Trust", "Nowhere Body"}}}}
	ms := MentionsFromReport(rep, dir)
	want := []Mention{
		{File: "a.txt", Mention: "River Group", LineStart: 3, Quote: "Trust and the RIVER GROUP."},
		{File: "a.txt", Mention: "Harbour Trust", LineStart: 2, Quote: "We met the Harbour Trust and the RIVER GROUP."},
		{File: "a.txt", Mention: "Nowhere Body"},
	}
	if len(ms) != len(want) {
		t.Fatalf("got %+v", ms)
	}
	for i := range want {
		if ms[i] != want[i] {
			t.Errorf("mention %d: %+v, want %+v", i, ms[i], want[i])
		}
	}
	for _, tc := range []struct {
		opts      []Mention
		available bool
		n         int
	}{{ms, true, 3}, {nil, false, 0}} {
		h, err := New(inmem.New(), Options{Unclassified: tc.opts})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/review/unclassified.json", nil))
		var got struct {
			Available bool
			Mentions  []Mention
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
			t.Fatalf("%d %q: %v", rec.Code, rec.Body.String(), err)
		}
		if got.Available != tc.available || len(got.Mentions) != tc.n {
			t.Errorf("served %+v, want available %v and %d mentions", got, tc.available, tc.n)
		}
	}
}
