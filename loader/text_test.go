package loader

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in    string
		text  string
		value float64
	}{
		{"a grant of £1,000 to", "£1,000", 1000},
		{"funding of £10k to", "£10k", 10000},
		{"Northtown’s £25million town deal", "£25million", 25e6},
		{"Grants of up to £4,500 are", "up to £4,500", 4500},
		{"£2.5m", "£2.5m", 2.5e6},
	}
	for _, tt := range tests {
		text, v, ok := parseMoney(tt.in)
		if !ok || text != tt.text || v != tt.value {
			t.Errorf("parseMoney(%q) = %q %v %v", tt.in, text, v, ok)
		}
	}
	if _, _, ok := parseMoney("no money here"); ok {
		t.Error("no amount must parse as none")
	}
}

func TestUnspace(t *testing.T) {
	vocab := map[string]bool{"volunteer": true, "and": true, "food": true, "for": true, "older": true, "people": true, "the": true}
	tests := []struct{ in, want string }{
		{"VOL U N T E E R D E L I V E R I E S A ND F O O D", "Volunteer Deliveries and Food"}, // one word not in the vocabulary
		{"F O O D F O R O LD ER PEO P LE", "Food for Older People"},
	}
	for _, tt := range tests {
		if got := unspace(tt.in, vocab); got != tt.want {
			t.Errorf("unspace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentencesAndParagraphs(t *testing.T) {
	doc := &document{id: "doc:t", file: "t.txt", lines: []string{
		"First sentence about Cllr. Smith and the", "Council. Second one e.g. this and", "", "continues here after a break.", "", "New paragraph.",
	}}
	ps := paragraphs(doc)
	if len(ps) != 2 {
		t.Fatalf("paragraphs = %d, want 2 (a lower-case line after a blank carries on the sentence)", len(ps))
	}
	ss := sentences(ps[0])
	if len(ss) != 2 || ss[0].quote() != "First sentence about Cllr. Smith and the Council." {
		for _, s := range ss {
			t.Logf("%q", s.quote())
		}
		t.Fatalf("sentences = %d", len(ss))
	}
	ev := ps[0].evidence(ss[1].start, ss[1].end, "r", 1)
	if ev.LineStart != 2 || ev.LineEnd != 4 {
		t.Errorf("second sentence spans lines %d-%d, want 2-4", ev.LineStart, ev.LineEnd)
	}
}

func TestIsSpacedHeading(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"F O O D F O R O LD ER", true},
		{"KEEP ING S ERV ICES RUNNING", false}, // few short pieces: left to isCapsHeading
		{"  C O N C L U S I O N  ", true},
		{"RESPONSE", true},                       // one token
		{"COUNCIL SUPPORT FOR RESIDENTS", false}, // capitals, but whole words
		{"Southend-on-Sea Borough Council – Covid-19 Community", false},
		{"S U p p o r t", false}, // lower case
		{"A B", false},           // too short
		{"1 2 3 4 5", false},     // no letters
	}
	for _, tt := range tests {
		if got := isSpacedHeading(tt.line); got != tt.want {
			t.Errorf("isSpacedHeading(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// eachField visits the fields strings.FieldsFunc returns, invalid UTF-8
// included.
func TestEachFieldAsFieldsFunc(t *testing.T) {
	for _, hyphen := range []bool{false, true} {
		sep := func(r rune) bool { return !unicode.IsLetter(r) && !(hyphen && r == '-') }
		for _, s := range []string{"", " ", "a", " a ", "Food-bank, the  Trust's café\xff\xfeend", "--", "£500 to X", "é", "\xffa\xff", "Zoë-Ann ÉCOLE_x1y"} {
			var got []string
			eachField(s, hyphen, func(f string) { got = append(got, f) })
			if want := strings.FieldsFunc(s, sep); !slices.Equal(got, want) {
				t.Errorf("eachField(%q, %v) = %q, FieldsFunc gives %q", s, hyphen, got, want)
			}
		}
	}
}

// A paragraph's text joins its lines with one space, across a blank line
// the next line continues; starts are where each line begins in it.
func TestParagraphText(t *testing.T) {
	doc := &document{id: "doc:t", file: "t.txt", lines: []string{
		"  A line that stops,", "", "goes on here ", "and here", "", "", "Another.", "", "Last one", "", "lower case, but after a full line",
	}}
	ps := paragraphs(doc)
	want := []struct {
		text   string
		starts []int
		lines  []int
	}{
		{"A line that stops, goes on here and here", []int{0, 19, 32}, []int{1, 3, 4}},
		{"Another.", []int{0}, []int{7}},
		{"Last one lower case, but after a full line", []int{0, 9}, []int{9, 11}},
	}
	if len(ps) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(ps), len(want))
	}
	for i, w := range want {
		if ps[i].text != w.text || !slices.Equal(ps[i].starts, w.starts) || !slices.Equal(ps[i].lines, w.lines) {
			t.Errorf("paragraph %d = %q %v %v, want %q %v %v", i, ps[i].text, ps[i].starts, ps[i].lines, w.text, w.starts, w.lines)
		}
	}
}

func TestJoinFieldsAsFieldsJoin(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "é b", "Published 3 May 2021", "x\r\ny", "a\vb\fc"} {
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// fieldsHead is a start of joinFields long enough for what documentMeta
// reads (its first 32 bytes, cut on a character), and countFields counts
// and ends as strings.Fields does, for lines short and long, spaced every
// way.
func TestFieldsHeadAndCountFields(t *testing.T) {
	long := strings.Repeat("word  \t", 40) + "Last"
	for _, s := range []string{"", " ", "a", "a  b", "  Published   3 May 2021 by the Northtown Press office", "©\u00a0 2021  Acme",
		long, strings.Repeat(" ", 100) + "late words " + strings.Repeat("x", 80), "Zoë  ’s   café\xff end", strings.Repeat("é ", 60)} {
		full := joinFields(s)
		head := fieldsHead(s, 33)
		if !strings.HasPrefix(full, head) || len(head) < min(len(full), 33) {
			t.Errorf("fieldsHead(%q) = %q: not a start of %q of 33 bytes or more", s, head, full)
		}
		if headOf(head, 32) != headOf(full, 32) {
			t.Errorf("fieldsHead(%q): first words %q, want %q", s, headOf(head, 32), headOf(full, 32))
		}
		fields := strings.Fields(s)
		for _, limit := range []int{1, 3, 13, 1000} {
			n, last := countFields(s, limit)
			want, wantLast := min(len(fields), limit), ""
			if len(fields) > 0 && len(fields) < limit {
				wantLast = fields[len(fields)-1]
			}
			if n != want || (len(fields) < limit && last != wantLast) {
				t.Errorf("countFields(%q, %d) = %d %q, want %d %q", s, limit, n, last, want, wantLast)
			}
		}
	}
}

func TestGluedSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Food went to families.Volunteers from the Acme Trust helped.", []string{"Food went to families.", "Volunteers from the Acme Trust helped."}},
		{"Visit www.example.Com today.", []string{"Visit www.example.Com today."}},
		{"Written in node.JS by them.", []string{"Written in node.JS by them."}},
		{"Staff in St.Helens helped.", []string{"Staff in St.Helens helped."}},
		{"Some things, etc.Then more.", []string{"Some things, etc.Then more."}},
		{"It is an.Example of two letters.", []string{"It is an.Example of two letters."}},
		{"Mail info.Team@example.org now.", []string{"Mail info.Team@example.org now."}},
		{"See acme.Trust/page for more.", []string{"See acme.Trust/page for more."}},
		{"The end.", []string{"The end."}},
	}
	for _, tc := range tests {
		doc := &document{id: "doc:t", file: "t.txt", lines: []string{tc.text}}
		ps := paragraphs(doc)
		if len(ps) != 1 {
			t.Fatalf("%q: %d paragraphs", tc.text, len(ps))
		}
		var got []string
		for _, s := range sentences(ps[0]) {
			got = append(got, s.quote())
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: sentences %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestBlankMarkupLinks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"with [Acme Trust](https://acme.example/x) and", "with  Acme Trust" + strings.Repeat(" ", 26) + "and"},
		{"see ![Logo](logo.png) here", "see   Logo            here"},
		{"**[Acme](u)** too", "   Acme" + strings.Repeat(" ", 7) + "too"},
		{"brackets [1] stay", "brackets [1] stay"},
		{"[a b](has space) stays", "[a b](has space) stays"},
		{"[unclosed text (x)", "[unclosed text (x)"},
		{"[]() empty", "[]() empty"},
	}
	for _, tc := range tests {
		got := blankMarkup(tc.in)
		if got != tc.want {
			t.Errorf("blankMarkup(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("blankMarkup(%q) changed the length", tc.in)
		}
	}
}
