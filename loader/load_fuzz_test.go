package loader

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoadDocuments runs the whole pipeline on any text: it must not
// panic, must give the same graph twice, and every quote must be valid UTF-8
// and stand (line breaks read as spaces) on the lines it cites.
func FuzzLoadDocuments(f *testing.F) {
	f.Add("Northtown Council – Food Hub\n\nNorthtown Council worked with the Acme Trust, Beta Stores and Gamma CIC (GC). They donated £500.\n")
	f.Add("At a glance\nCouncil: Northtown Council\nContact: A Person\n")
	f.Add("Context\n\nAt a glance\n")
	f.Add("Source: https://example.org/x\n\nBasildon Borough Council Labour Group thanked the Acme Foundation's Fund.\n")
	f.Add("By A Writer, Rotherham Council\n\nA grant of £1,000 from the Acme Trust and Beta and Gamma & Delta / Epsilon.")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 1<<14 {
			return
		}
		src := []Source{{Name: "f.txt", Data: []byte(text)}}
		g, _, err := LoadDocuments(context.Background(), src, Options{})
		g2, _, err2 := LoadDocuments(context.Background(), src, Options{})
		if (err == nil) != (err2 == nil) {
			t.Fatalf("two loads differ: %v / %v", err, err2)
		}
		if err != nil {
			return
		}
		a, _ := json.Marshal(g)
		b, _ := json.Marshal(g2)
		if !bytes.Equal(a, b) {
			t.Fatal("two loads of the same text give different graphs")
		}
		lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(text, "\uFEFF"), "\r\n", "\n"), "\n")
		check := func(what, quote string, from, to int) {
			if !utf8.ValidString(quote) {
				t.Fatalf("%s: quote %q is not UTF-8", what, quote)
			}
			if from < 1 || to > len(lines) || from > to {
				t.Fatalf("%s: lines %d-%d outside the document's %d", what, from, to, len(lines))
			}
			span := strings.Join(strings.Fields(strings.Join(lines[from-1:to], " ")), " ")
			if !strings.Contains(span, strings.Join(strings.Fields(quote), " ")) {
				t.Fatalf("%s: quote %q not on lines %d-%d %q", what, quote, from, to, span)
			}
		}
		for _, n := range g.Nodes() {
			for _, ev := range n.Evidence {
				check(n.ID, ev.Quote, ev.LineStart, ev.LineEnd)
			}
		}
		for _, e := range g.Edges() {
			for _, ev := range e.Evidence {
				check(e.ID, ev.Quote, ev.LineStart, ev.LineEnd)
			}
		}
	})
}
