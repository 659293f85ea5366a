package server

import (
	"bytes"
	"encoding/json"
	"testing"
)

// needsHTMLEscape must say exactly when json.HTMLEscape changes its input.
func TestNeedsHTMLEscape(t *testing.T) {
	for _, s := range []string{
		``, `{"a":"b"}`, `{"name":"Fenmoor Trust"}`,
		`<`, `>`, `&`, `{"q":"a<b"}`, `{"q":"a>b"}`, `{"q":"R&D"}`,
		"\u2028", "\u2029", "x\u2028", "\u2029x",
		"\xe2", "\xe2\x80", "\xe2\x80\xa7", "\xe2\x80\xaa", "\xe2\xe2\x80\xa8",
		"Fenmoor – Ærø", "Fenmoor — “Trust”", "\xe2\x80\x93\xe2\x80\xa9",
	} {
		var esc bytes.Buffer
		json.HTMLEscape(&esc, []byte(s))
		if want := esc.String() != s; needsHTMLEscape([]byte(s)) != want {
			t.Errorf("needsHTMLEscape(%q) = %v, want %v", s, !want, want)
		}
	}
}

func FuzzNeedsHTMLEscape(f *testing.F) {
	f.Add([]byte("{\"a\":\"\u2028<\"}"))
	f.Add([]byte("\xe2\x80\x93"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var esc bytes.Buffer
		json.HTMLEscape(&esc, b)
		if want := !bytes.Equal(esc.Bytes(), b); needsHTMLEscape(b) != want {
			t.Fatalf("needsHTMLEscape(%q) = %v, want %v", b, !want, want)
		}
	})
}
