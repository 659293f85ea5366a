package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
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
	later := MentionsInBackground(rep, dir)
	if got := later(); len(got) != len(want) || got[0] != want[0] {
		t.Errorf("MentionsInBackground gave %+v", got)
	}
	for _, tc := range []struct {
		opts      func() []Mention
		available bool
		n         int
	}{{func() []Mention { return ms }, true, 3}, {later, true, 3}, {func() []Mention { return []Mention{} }, true, 0}, {nil, false, 0}} {
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

// findLineRefolding is findLine as it was: every line folded again for
// each mention. findLine over foldLines must answer as it did.
func findLineRefolding(lines []string, m string) (int, string) {
	lm := strings.ToLower(strings.Join(strings.Fields(m), " "))
	quote := func(s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if len(s) > 300 {
			s = s[:300] + "…"
		}
		return s
	}
	for i, l := range lines {
		if strings.Contains(strings.ToLower(strings.Join(strings.Fields(l), " ")), lm) {
			return i + 1, quote(l)
		}
	}
	for i := 0; i+1 < len(lines); i++ {
		two := lines[i] + " " + lines[i+1]
		if strings.Contains(strings.ToLower(strings.Join(strings.Fields(two), " ")), lm) {
			return i + 1, quote(two)
		}
	}
	return 0, ""
}

func TestFindLineAsRefolding(t *testing.T) {
	pieces := []string{"", " ", "\t", "Harbour", "harbour ", " TRUST", "trust and", "the  River", "Group.", "ÉCOLE", "école du", "\xff", "Trust\u00a0Fund", "\u0085İstanbul\u2003ǅx", "Ω\xe2\x82", strings.Repeat("long ", 80)}
	mentions := []string{"istanbul", "i̇stanbul ǆx", "ω\ufffd", "Harbour Trust", "river group", "TRUST AND THE", "école du", "Nowhere", "the river group.", "\xff", "fund", " ", ""}
	// every document of up to three lines drawn from the pieces
	var docs [][]string
	for _, a := range pieces {
		docs = append(docs, []string{a})
		for _, b := range pieces {
			docs = append(docs, []string{a, b})
			for _, c := range pieces[:6] {
				docs = append(docs, []string{c, a, b})
			}
		}
	}
	for _, lines := range docs {
		folded := foldLines(lines)
		for _, m := range mentions {
			gotLine, gotQuote := findLine(lines, folded, m)
			wantLine, wantQuote := findLineRefolding(lines, m)
			if gotLine != wantLine || gotQuote != wantQuote {
				t.Fatalf("lines %q, mention %q: (%d, %q), want (%d, %q)", lines, m, gotLine, gotQuote, wantLine, wantQuote)
			}
		}
	}
}

func TestFoldIsFieldsJoinedLowered(t *testing.T) {
	for _, s := range []string{"", " ", "  a  B\tc\n", "\xff\xfeX", "Ω\xe2\x82 Ab", "\u0085İstanbul\u2003ǅx", "\u00a0Trust\u00a0", "ÉCOLE du NORD"} {
		if got, want := fold(s), strings.ToLower(strings.Join(strings.Fields(s), " ")); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", " a  B ", "\xffX\u00a0y", "İ ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), strings.ToLower(strings.Join(strings.Fields(s), " ")); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}
