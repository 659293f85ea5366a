package loader

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzValidate feeds validate any bytes under any name: it must not panic,
// must give the same document twice, and a document's lines must be valid
// UTF-8 and hold the text (for UTF-8 input, exactly the input's lines, with
// character references and Unicode spaces read as what they stand for).
func FuzzValidate(f *testing.F) {
	f.Add("a.txt", []byte("Alpha Council\r\nworked with Beta.\n"))
	f.Add("x y.md", []byte("\uFEFFtext"))
	f.Add("日本.txt", []byte{0xFF, 0xFE, 'a', 0, 'b', 0})
	f.Add("b.txt", []byte{0xFE, 0xFF, 0, 'a'})
	f.Add("c.txt", []byte("caf\xe9\x81\x93\n"))
	f.Add("d.txt", []byte{0, 1, 2})
	f.Add("e.txt", []byte("Food &amp; Wellbeing&#10;Hub\u00a0&notx; AT&T\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, err := validate(Source{Name: name, Data: data}, 1<<16)
		again, err2 := validate(Source{Name: name, Data: data}, 1<<16)
		if (err == nil) != (err2 == nil) || (err == nil && !reflect.DeepEqual(doc, again)) {
			t.Fatalf("two validations differ: %v / %v", err, err2)
		}
		if err != nil {
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("error %q is not UTF-8", err)
			}
			return
		}
		if !strings.HasPrefix(doc.id, "doc:") || len(doc.id) <= len("doc:") || doc.id != documentID(name) {
			t.Fatalf("id %q for %q", doc.id, name)
		}
		for i, l := range doc.lines {
			if !utf8.ValidString(l) {
				t.Fatalf("line %d %q is not UTF-8", i+1, l)
			}
			if strings.Contains(l, "\x00") {
				t.Fatalf("line %d holds NUL", i+1)
			}
		}
		if doc.size != len(data) {
			t.Fatalf("size %d of %d bytes", doc.size, len(data))
		}
		if utf8.Valid(data) && len(doc.warnings) == 0 {
			// the input's lines, but for the character references and
			// Unicode spaces read as what they stand for
			raw := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
			want := strings.Split(raw, "\n")
			if len(doc.lines) != len(want) {
				t.Fatalf("%d lines, want %d", len(doc.lines), len(want))
			}
			for i := range want {
				if w := asciiSpaces(decodeEntities(want[i])); doc.lines[i] != w {
					t.Fatalf("line %d %q, want %q", i+1, doc.lines[i], w)
				}
			}
		}
		if !utf8.Valid(data) && !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) && len(doc.warnings) == 0 {
			t.Fatal("bytes that are not UTF-8 read without a warning")
		}
	})
}
