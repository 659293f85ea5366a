package nameguard

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// generic are words a name may be made of and still be no one's name: closed-
// class words, the head nouns of bodies and schemes, council types and compass
// words. A name of two or more words is distinctive when one of its words is
// not here ("Bramble Fund", "Covid-19 Doorstep Hub"); one made only of these
// ("the food bank", "Community Fund", "Town Council") is a phrase any
// document could use and may appear in code.
var generic = wordSet(`
	a an the of and for in on to with at by from or as into over under per via
	its their our your my his her this that these those all any every each some
	no not new local more most other others own same such one two three
	everyone everybody anyone someone
	council councils borough boroughs city cities district districts county counties
	metropolitan town towns parish parishes unitary authority authorities royal
	combined region regions ward wards area areas
	fund funds funding grant grants hub hubs support supporting community communities
	food foods bank banks foodbank foodbanks pantry trust trusts partnership partnerships
	network networks group groups service services team teams board boards forum
	health care carers centre centres center project projects programme programmes program
	scheme schemes charity charities association associations housing advice aid mutual
	volunteer volunteers volunteering voluntary sector sectors response responses recovery
	plan plans pack packs kitchen kitchens business businesses growth help helpline line
	foundation government office club clubs society church churches school schools
	university college panel partners partner alliance organisation organisations
	initiative initiatives emergency national regional public social action
	north south east west northern southern eastern western central upper lower greater
	mid full labour conservative run led based party
	clinical commissioning nhs police fire rescue
	people residents older young youth children families family vulnerable
	services shielding shielded meals meal parcels parcel delivery deliveries
	digital online events event day week month year
	`)

// commonWords are place names that are also ordinary English words or given
// names: as a place they count only when capitalised (a council named "Hart", not
// "hart" the deer; a lexicon of lower-case given names may hold "angus").
var commonWords = wordSet(`reading rugby highland bath wells bury hart sutton boston dover angus
	forest hills tower market hamlets vale lakeland chase heath islands`)

// councilTail and councilHead are the words around a council's place name in
// its official or written name: "Northtown Borough Council", "City of X
// Council", "London Borough of X".
var (
	councilTail = wordSet(`council councils borough city district county metropolitan town parish combined authority`)
	councilHead = [][]string{{"the"}, {"city", "of"}, {"council", "of", "the"}, {"council", "of"},
		{"london", "borough", "of"}, {"royal", "borough", "of"}, {"borough", "of"}}
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// token is one word of a text: lower-cased, "&" and "+" read as "and", with
// the line it is on and whether it was written capitalised.
type token struct {
	word string
	line int
	cap  bool
}

// tokenize splits text into words: runs of letters and digits. Hyphens and
// apostrophes split ("Kirk-on-Sea" is three words, "Council’s" two), so a
// name matches however its neighbours are punctuated.
func tokenize(text string) []token {
	var toks []token
	line, start := 1, -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		r, _ := utf8.DecodeRuneInString(w)
		toks = append(toks, token{strings.ToLower(w), line, unicode.IsUpper(r)})
		start = -1
	}
	escaped := false // after a backslash: "\nNorthtown" in a Go string is "Northtown" on a new line
	for i, r := range text {
		if escaped {
			escaped = false
			if r == 'n' || r == 't' || r == 'r' {
				continue
			}
		}
		switch {
		case r == '\\':
			flush(i)
			escaped = true
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			continue
		case r == '&' || r == '+':
			flush(i)
			toks = append(toks, token{"and", line, false})
		default:
			flush(i)
		}
		if r == '\n' {
			line++
		}
	}
	flush(len(text))
	return toks
}

func words(s string) []string {
	var ws []string
	for _, t := range tokenize(s) {
		ws = append(ws, t.word)
	}
	return ws
}

// name is one distinctive name to look for.
type name struct {
	text   string   // as the key writes it
	words  []string // tokenized
	capped bool     // only when its first word is capitalised
	from   string   // the key file it is in
}

// possessive strips a trailing "'s" or "’s": "Westshire Council’s" names
// "Westshire Council".
var possessive = regexp.MustCompile(`['’]s$`)

// keyNames reads every council, organisation and initiative name and alias,
// and every contact's name, of the keys in dirs, and keeps the distinctive
// ones: names of two or more words with a word not in generic, and the place
// name of each council ("South Westshire" of "South Westshire Council", and
// its one distinctive word "Westshire").
func keyNames(t *testing.T, dirs ...string) []name {
	type entry struct {
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	}
	var key struct {
		CaseStudies []struct {
			Councils      []entry `json:"councils"`
			Organisations []entry `json:"organisations"`
			Initiatives   []entry `json:"initiatives"`
			Contacts      []entry `json:"contacts"`
		} `json:"case_studies"`
	}
	seen := map[string]bool{}
	var names []name
	add := func(text string, ws []string, capped bool, from string) {
		k := strings.Join(ws, " ")
		if len(ws) == 0 || seen[k] {
			return
		}
		seen[k] = true
		names = append(names, name{text, ws, capped, from})
	}
	distinctive := func(ws []string) bool {
		for _, w := range ws {
			if !generic[w] && strings.Trim(w, "0123456789") != "" {
				return true
			}
		}
		return false
	}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no keys in %s: %v", dir, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			key.CaseStudies = nil
			if err := json.Unmarshal(b, &key); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			from := filepath.Base(f)
			for _, cs := range key.CaseStudies {
				for _, group := range [][]entry{cs.Councils, cs.Organisations, cs.Initiatives, cs.Contacts} {
					for _, e := range group {
						for _, n := range append([]string{e.Name}, e.Aliases...) {
							n = possessive.ReplaceAllString(strings.TrimSpace(n), "")
							if ws := words(n); len(ws) >= 2 && distinctive(ws) {
								add(n, ws, false, from)
							}
						}
					}
				}
				for _, e := range cs.Councils {
					for _, n := range append([]string{e.Name}, e.Aliases...) {
						n = possessive.ReplaceAllString(strings.TrimSpace(n), "")
						for _, p := range places(n) {
							capped := len(p) == 1 && commonWords[p[0]]
							if len(p) > 1 || len(p[0]) >= 4 {
								add(n, p, capped, from)
							}
						}
					}
				}
			}
		}
	}
	return names
}

// places gives the place name of a council's name, and its distinctive words
// one by one: "South Westshire Council" gives "south westshire" and
// "westshire"; "City of Northtown Council" gives "northtown"; a single
// capitalised word ("Westvale") is a place; an acronym ("NTC") or a name
// that is not a council's ("Northtown Independents") gives none.
func places(n string) [][]string {
	ws := words(n)
	if len(ws) == 0 {
		return nil
	}
	if len(ws) == 1 {
		if n == strings.ToUpper(n) || generic[ws[0]] {
			return nil
		}
		return [][]string{ws}
	}
	if !councilTail[ws[len(ws)-1]] {
		return nil
	}
	for _, h := range councilHead {
		if len(ws) > len(h) && slices.Equal(ws[:len(h)], h) {
			ws = ws[len(h):]
			break
		}
	}
	for len(ws) > 0 && councilTail[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	var out [][]string
	var own []string
	for _, w := range ws {
		if !generic[w] && len(w) >= 4 {
			own = append(own, w)
		}
	}
	if len(own) == 0 {
		return nil
	}
	out = append(out, ws)
	if len(ws) > 1 {
		for _, w := range own {
			out = append(out, []string{w})
		}
	}
	return out
}

// documentPlaces gives the place name of every gazetteer authority that a
// seed or corpus document mentions, capitalised, whether or not a key names
// it: the seeds' councils beyond the slices the keys cover ("Northtown" of a
// row "NTN,Northtown Borough Council,Northtown,...").
func documentPlaces(t *testing.T, table string, dirs ...string) []name {
	f, err := os.Open(table)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v", table, err)
	}
	col := slices.Index(rows[0], "nice-name")
	if col < 0 {
		t.Fatalf("%s: no nice-name column", table)
	}
	at := map[string][]int{} // word -> its places in the documents' words
	var docs []token
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		if len(files) == 0 {
			t.Fatalf("no documents in %s", dir)
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, tokenize(string(b))...)
		}
	}
	for i, tk := range docs {
		if tk.cap {
			at[tk.word] = append(at[tk.word], i)
		}
	}
	var names []name
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		ws := words(row[col])
		if len(ws) == 0 || seen[strings.Join(ws, " ")] || !slices.ContainsFunc(ws, func(w string) bool { return !generic[w] }) {
			continue
		}
		seen[strings.Join(ws, " ")] = true
		for _, i := range at[ws[0]] {
			if i+len(ws) <= len(docs) && slices.EqualFunc(docs[i:i+len(ws)], ws, func(tk token, w string) bool { return tk.word == w }) {
				names = append(names, name{row[col], ws, len(ws) == 1 && commonWords[ws[0]], "the seeds or corpus"})
				break
			}
		}
	}
	return names
}

// generatedCode is Go's mark of a generated file.
var generatedCode = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// scanned tells whether a tracked file is one the rule covers: Go code (not
// generated), the schema the generated code comes from, scripts and their
// Lua and JavaScript, and every file under a testdata folder. Never the
// README (it documents answers of the real seed graph), the seeds, the
// gazetteer's table, the trained model, lock files or built bundles.
func scanned(path string) bool {
	base := filepath.Base(path)
	switch {
	case strings.HasSuffix(base, ".md"), strings.HasPrefix(path, "seeds/"),
		base == "package-lock.json", base == "model.json", strings.HasSuffix(base, ".csv"),
		strings.Contains(path, "/dist/"), strings.Contains(path, "node_modules/"):
		return false
	case strings.Contains("/"+path, "/testdata/"), strings.HasPrefix(path, "scripts/"), strings.HasPrefix(path, ".ci/"):
		return true
	}
	switch filepath.Ext(base) {
	case ".go", ".graphqls", ".sh", ".lua", ".js", ".mjs", ".py", ".yml", ".yaml", ".html":
		return true
	}
	return false
}

// trackedFiles lists the repository's files: git's list where git is there,
// else every file below root.
func trackedFiles(t *testing.T, root string) []string {
	if out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output(); err == nil && len(out) > 0 {
		var files []string
		for _, f := range bytes.Split(bytes.TrimRight(out, "\x00"), []byte{0}) {
			files = append(files, string(f))
		}
		return files
	}
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files
}

// TestNoKeyNamesInSources fails listing file:line for every distinctive
// name of the answer keys, and every gazetteer place the seeds or corpus
// mention, found in a scanned file of the repository. It skips only where
// the shared data is absent (CI has it at ../shared).
func TestNoKeyNamesInSources(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	shared := os.Getenv("SHARED_DIR")
	if shared == "" {
		shared = filepath.Join(root, "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(shared, "corpus")); err != nil {
		t.Skipf("no shared data at %s: %v", shared, err)
	}
	names := keyNames(t, filepath.Join(shared, "corpus", "gold"), filepath.Join(shared, "eval", "gold"))
	names = append(names, documentPlaces(t, filepath.Join(root, "gazetteer", "uk_local_authorities.csv"),
		filepath.Join(shared, "seeds"), filepath.Join(shared, "corpus", "docs"))...)
	byFirst := map[string][]name{}
	for _, n := range names {
		byFirst[n.words[0]] = append(byFirst[n.words[0]], n)
	}
	var found []string
	reported := map[string]bool{} // file:line: name, once whatever its sources
	files := 0
	for _, f := range trackedFiles(t, root) {
		if !scanned(f) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			continue // listed but gone from the work tree
		}
		if strings.HasSuffix(f, ".go") && generatedCode.Match(b) {
			continue
		}
		files++
		toks := tokenize(string(b))
		for i, tk := range toks {
			for _, n := range byFirst[tk.word] {
				if i+len(n.words) > len(toks) || (n.capped && !tk.cap) {
					continue
				}
				match := true
				for j, w := range n.words[1:] {
					if toks[i+1+j].word != w {
						match = false
						break
					}
				}
				at := fmt.Sprintf("%s:%d: %q", f, tk.line, strings.Join(n.words, " "))
				if match && !reported[at] {
					reported[at] = true
					found = append(found, fmt.Sprintf("%s (%s in %s)", at, n.text, n.from))
				}
			}
		}
	}
	if files < 50 {
		t.Fatalf("only %d files scanned under %s: the list of files is wrong", files, root)
	}
	sort.Strings(found)
	if len(found) > 0 {
		t.Errorf("%d names from the answer keys, seeds or corpus in the repository (use invented names, or gazetteer councils no seed, document or key mentions):\n%s",
			len(found), strings.Join(found, "\n"))
	}
}

// The guard's own pieces, on invented text.
func TestPlacesAndTokens(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"Northtown Borough Council", "[[northtown]]"},
		{"City of Northtown Council", "[[northtown]]"},
		{"South Westshire District Council", "[[south westshire] [westshire]]"},
		{"Northtown & Southvale Council", "[[northtown and southvale] [northtown] [southvale]]"},
		{"The County Council", "[]"},
		{"NTC", "[]"},
		{"Westshire", "[[westshire]]"},
		{"Northtown Independents", "[]"},
	} {
		if got := fmt.Sprint(places(tt.in)); got != tt.want {
			t.Errorf("places(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	toks := tokenize("Kirk-upon-Northtown’s\nfood & aid\\nWestshire")
	if got := fmt.Sprint(toks); got != "[{kirk 1 true} {upon 1 false} {northtown 1 true} {s 1 false} {food 2 false} {and 2 false} {aid 2 false} {westshire 2 true}]" {
		t.Errorf("tokenize: %s", got)
	}
	for path, want := range map[string]bool{"README.md": false, "loader/x.go": true, "export/testdata/graph.gexf": true,
		"scripts/bench-http.sh": true, "seeds/a.txt": false, "gazetteer/uk_local_authorities.csv": false, "loader/model.json": false} {
		if scanned(path) != want {
			t.Errorf("scanned(%q) = %v", path, !want)
		}
	}
}
