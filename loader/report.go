package loader

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// FileError is a document that could not be read; the others still load.
type FileError struct {
	File string
	Err  string
}

func (e FileError) Error() string { return e.File + ": " + e.Err }

// Report says what the loader found in each document.
type Report struct {
	Documents []DocumentReport
	Skipped   []FileError
	Curation  []string // curation rules applied, in order
	Nodes     map[string]int
	Edges     map[string]int
}

// DocumentReport is one document's share of the report.
type DocumentReport struct {
	File         string
	Layout       string
	Warnings     []string // how the file was read when it was not plain UTF-8
	CaseStudies  []CaseStudyReport
	Nodes        map[string]int
	Edges        map[string]int
	Unclassified []string   // capitalised mentions no rule took
	Decisions    []Decision // with Options.Verbose
}

// CaseStudyReport names one case study found.
type CaseStudyReport struct {
	Title     string
	Council   string
	LineStart int
	LineEnd   int
}

// Decision records which rule made an extraction decision, for --verbose.
type Decision struct {
	Line int
	What string
	Rule string
}

// Write prints the report for people: per document, the case studies, the
// entities and relationships by kind and the mentions nothing classified.
func (r *Report) Write(w io.Writer, verbose bool) {
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "skipped %s\n", s.Error())
	}
	for _, d := range r.Documents {
		for _, warn := range d.Warnings {
			fmt.Fprintf(w, "warning %s: %s\n", d.File, warn)
		}
		fmt.Fprintf(w, "%s (%s layout): %d case studies; nodes %s; relationships %s\n",
			d.File, d.Layout, len(d.CaseStudies), counts(d.Nodes), counts(d.Edges))
		for _, cs := range d.CaseStudies {
			fmt.Fprintf(w, "  lines %d-%d  %s — %s\n", cs.LineStart, cs.LineEnd, cs.Council, cs.Title)
		}
		if len(d.Unclassified) > 0 {
			fmt.Fprintf(w, "  unclassified mentions (%d): %s\n", len(d.Unclassified), strings.Join(d.Unclassified, "; "))
		}
		if verbose {
			for _, dec := range d.Decisions {
				fmt.Fprintf(w, "  line %d: %s [%s]\n", dec.Line, dec.What, dec.Rule)
			}
		}
	}
	for _, c := range r.Curation {
		fmt.Fprintf(w, "curation: %s\n", c)
	}
	fmt.Fprintf(w, "total: nodes %s; relationships %s\n", counts(r.Nodes), counts(r.Edges))
}

func counts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
