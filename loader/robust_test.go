package loader

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCorpusReadsTheSameWrittenDifferently loads the training corpus beside
// the repository as it is and as the same text written another way —
// Windows line ends, a byte-order mark, no-break spaces (every third space
// between two words), tabs for double spaces, HTML character references for
// ampersands and apostrophes — and wants the same graph:
// the same nodes with the same names and the same relationships. Web pages
// copied by hand reach users in all these forms.
func TestCorpusReadsTheSameWrittenDifferently(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/docs/*.txt")
	if len(files) == 0 {
		t.Skip("SKIPPED: no corpus beside the repository: reading variants NOT checked")
	}
	var sources []Source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, Source{Name: filepath.Base(f), Data: data})
	}
	variants := map[string]func(string) string{
		"CRLF":            func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		"byte-order mark": func(s string) string { return "\uFEFF" + s },
		"no-break spaces": everyThirdSpaceNoBreak,
		"tabs":            func(s string) string { return strings.ReplaceAll(s, "  ", "\t") },
		"HTML entities":   strings.NewReplacer("&", "&amp;", "’", "&rsquo;", "'", "&#39;").Replace,
	}
	want := graphShape(t, sources)
	for name, rewrite := range variants {
		changed := make([]Source, len(sources))
		for i, s := range sources {
			changed[i] = Source{Name: s.Name, Data: []byte(rewrite(string(s.Data)))}
		}
		got := graphShape(t, changed)
		if lost, gained := difference(want, got), difference(got, want); len(lost)+len(gained) > 0 {
			t.Errorf("%s: %d nodes or relationships lost, %d gained; first lost %q, first gained %q",
				name, len(lost), len(gained), first(lost), first(gained))
		}
	}
	// Hard-wrapped as a PDF's text is (no corpus page is), a page's first
	// line, its title, is cut, so its initiatives change; its bodies may not.
	wrapped := make([]Source, len(sources))
	for i, s := range sources {
		wrapped[i] = Source{Name: s.Name, Data: []byte(wrapAt(string(s.Data), 80))}
	}
	wantBodies, gotBodies := bodiesOf(want), bodiesOf(graphShape(t, wrapped))
	if lost, gained := difference(wantBodies, gotBodies), difference(gotBodies, wantBodies); len(lost)+len(gained) > 0 {
		t.Errorf("wrapped at 80 columns: %d bodies lost, %d gained; first lost %q, first gained %q",
			len(lost), len(gained), first(lost), first(gained))
	}
}

// wrapAt breaks lines longer than width at spaces, as text taken from a PDF
// is; lines holding an address are left whole.
func wrapAt(s string, width int) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if len(line) <= width || strings.Contains(line, "://") {
			b.WriteString(line)
			continue
		}
		n := 0
		for j, w := range strings.Fields(line) {
			if j > 0 && n+1+len(w) > width {
				b.WriteByte('\n')
				n = 0
			} else if j > 0 {
				b.WriteByte(' ')
				n++
			}
			b.WriteString(w)
			n += len(w)
		}
	}
	return b.String()
}

// bodiesOf keeps the councils and organisations of a graphShape.
func bodiesOf(shape []string) []string {
	var out []string
	for _, x := range shape {
		if f := strings.Fields(x); len(f) > 1 && (f[1] == "Council" || f[1] == "Organisation") {
			out = append(out, x)
		}
	}
	return out
}

// everyThirdSpaceNoBreak makes every third single space a no-break space.
func everyThirdSpaceNoBreak(s string) string {
	var b strings.Builder
	n := 0
	for i, r := range s {
		if r == ' ' && i > 0 && i+1 < len(s) && s[i-1] != ' ' && s[i+1] != ' ' {
			if n++; n%3 == 0 {
				b.WriteRune('\u00a0')
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// graphShape is every node's id, kind and name and every relationship's id,
// sorted: what a reader of the graph sees, without the files' hashes.
func graphShape(t *testing.T, sources []Source) []string {
	t.Helper()
	g, _, err := LoadDocuments(context.Background(), sources, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range g.Nodes() {
		out = append(out, n.ID+" "+string(n.Kind)+" "+n.Name)
	}
	for _, e := range g.Edges() {
		out = append(out, e.ID)
	}
	slices.Sort(out)
	return out
}

func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
