package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph/export"
)

var (
	emailPattern   = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	ukPhonePattern = regexp.MustCompile(`(?:^|[^\d.,])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b`) // not inside a number ("0.00922…")
)

// contactNames are the contact people the answer keys beside the repository
// record for the seeds' "At a glance" boxes (none when the keys are absent).
func contactNames(t *testing.T) []string {
	files, _ := filepath.Glob("../../shared/eval/gold/*.json")
	var names []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var key struct {
			CaseStudies []struct {
				Contacts []struct{ Name string } `json:"contacts"`
			} `json:"case_studies"`
		}
		if err := json.Unmarshal(data, &key); err != nil {
			t.Fatal(err)
		}
		for _, cs := range key.CaseStudies {
			for _, c := range cs.Contacts {
				if len(c.Name) > 4 {
					names = append(names, c.Name)
				}
			}
		}
	}
	return names
}

// TestNoPersonalDataOut scans every export format and the API's evidence for
// e-mail addresses, UK phone numbers and the names of the seeds' contact
// people: none of them may leave the service.
func TestNoPersonalDataOut(t *testing.T) {
	h := seeded(t)
	names := contactNames(t)
	scan := func(where, body string) {
		if m := emailPattern.FindString(body); m != "" {
			t.Errorf("%s carries an e-mail address: %q", where, m)
		}
		if m := ukPhonePattern.FindString(body); m != "" {
			t.Errorf("%s carries a phone number: %q", where, m)
		}
		for _, n := range names {
			if strings.Contains(body, n) {
				t.Errorf("%s names the contact person %q", where, n)
			}
		}
	}
	for _, f := range export.Formats {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/export/"+f.File, nil))
		if rec.Code != http.StatusOK || rec.Body.Len() < 1000 {
			t.Fatalf("/export/%s: %d, %d bytes", f.File, rec.Code, rec.Body.Len())
		}
		scan("/export/"+f.File, rec.Body.String())
	}
	data, errs := post(t, h, `{ councils(first: 100) { edges { node { partners(first: 100) { edges { evidence { quote } } } } } }
		initiatives(first: 100) { edges { node { name summary beneficiaries } } } }`, nil)
	if len(errs) > 0 || len(data) < 1000 {
		t.Fatalf("evidence query: %v, %d bytes", errs, len(data))
	}
	scan("the API's evidence", string(data))
}
