package server

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/partnergraph/partnergraph/loader"
)

// Mention is a capitalised mention the extractor read in a document but
// no rule took: what review mode lists beside the graph's doubtful nodes.
type Mention struct {
	File      string `json:"file"`
	Mention   string `json:"mention"`
	LineStart int    `json:"lineStart"` // 0 when the mention's line could not be found
	Quote     string `json:"quote"`     // the line it stands in
}

// MentionsFromReport lists the load report's unclassified mentions, each
// with the first line of its document (under dir) that holds it.
func MentionsFromReport(rep *loader.Report, dir string) []Mention {
	out := []Mention{}
	if rep == nil {
		return out
	}
	for _, d := range rep.Documents {
		if len(d.Unclassified) == 0 {
			continue
		}
		lines := readLines(filepath.Join(dir, d.File))
		for _, m := range d.Unclassified {
			mn := Mention{File: d.File, Mention: m}
			mn.LineStart, mn.Quote = findLine(lines, m)
			out = append(out, mn)
		}
	}
	return out
}

// findLine finds the first line holding m (in any case), or the first of
// two lines that hold it across the break, and returns it as the quote.
func findLine(lines []string, m string) (int, string) {
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

func readLines(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// unclassifiedHandler serves the mentions as JSON, read-only;
// "available" is false when the graph was not built here (from Neo4j).
func unclassifiedHandler(ms []Mention) http.Handler {
	body, _ := json.Marshal(struct {
		Available bool      `json:"available"`
		Mentions  []Mention `json:"mentions"`
	}{ms != nil, append([]Mention{}, ms...)})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		out, finish := compress(w, r)
		out.Write(body)
		finish()
	})
}
