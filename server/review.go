package server

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

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
		folded := foldLines(lines)
		for _, m := range d.Unclassified {
			mn := Mention{File: d.File, Mention: m}
			mn.LineStart, mn.Quote = findLine(lines, folded, m)
			out = append(out, mn)
		}
	}
	return out
}

// MentionsInBackground starts MentionsFromReport on a goroutine of its
// own and returns what waits for its answer: serve need not read every
// document again before it answers (at 1000x, ready came 4.5 s after the
// store was filled with this on the way, 0.2 s without), and review mode's
// first request waits for what is left of it.
func MentionsInBackground(rep *loader.Report, dir string) func() []Mention {
	done := make(chan struct{})
	var ms []Mention
	go func() {
		defer close(done)
		ms = MentionsFromReport(rep, dir)
	}()
	return func() []Mention {
		<-done
		return ms
	}
}

// fold is s as findLine compares it: strings.ToLower(strings.Join(
// strings.Fields(s), " ")), its spaces collapsed and lower-cased, built in
// one pass and one allocation (a 1000x corpus folds millions of lines).
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s { // an invalid byte reads as utf8.RuneError, which ToLower writes too
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldLines folds each line once: a document has many unclassified
// mentions, and folding every line again for each (as this did) made the
// mentions of a 1000x corpus 8 % of `serve`'s start-up CPU under perf,
// on one core.
func foldLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = fold(l)
	}
	return out
}

// findLine finds the first line holding m (in any case), or the first of
// two lines that hold it across the break, and returns it as the quote;
// folded is foldLines(lines).
func findLine(lines, folded []string, m string) (int, string) {
	lm := fold(m)
	quote := func(s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if len(s) > 300 {
			s = s[:300] + "…"
		}
		return s
	}
	for i, l := range folded {
		if strings.Contains(l, lm) {
			return i + 1, quote(lines[i])
		}
	}
	for i := 0; i+1 < len(lines); i++ {
		// fold(a + " " + b), as far as a folded mention can tell: it
		// neither starts nor ends with a space
		two := folded[i] + " " + folded[i+1]
		if strings.Contains(two, lm) {
			return i + 1, quote(lines[i] + " " + lines[i+1])
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
// The answer is built on the first request.
func unclassifiedHandler(mentions func() []Mention) http.Handler {
	body := sync.OnceValue(func() []byte {
		var ms []Mention
		if mentions != nil {
			ms = mentions()
		}
		b, _ := json.Marshal(struct {
			Available bool      `json:"available"`
			Mentions  []Mention `json:"mentions"`
		}{mentions != nil, append([]Mention{}, ms...)})
		return b
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		out, finish := compress(w, r)
		out.Write(body())
		finish()
	})
}
