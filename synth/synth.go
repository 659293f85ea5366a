// Package synth writes a synthetic corpus in the genre of the seed reports:
// network round-ups of councils' case studies, each ending with an "At a
// glance" box, naming partner organisations and funders. Councils are real
// (from the gazetteer); organisations, funders, places and people are made
// up from generic word lists, and their number grows with the corpus, so a
// corpus ten times larger has about ten times as many organisations as well
// as ten times as many documents.
//
// The output is a function of (scale, seed) only: the same pair writes the
// same bytes on every machine. It exists to measure how the loader, the
// stores and the API scale (scripts/bench-scale.sh); it is not training data.
package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph/gazetteer"
)

// BytesPerScale is the size of one unit of scale, about the two seed
// reports together.
const BytesPerScale = 190 << 10

// Options say how large a corpus to write and from which seed.
type Options struct {
	Scale float64 // 1 is about BytesPerScale of text
	Seed  uint64
}

// Doc is one generated document.
type Doc struct {
	Name string // file name, e.g. "synth-0001.txt"
	Text string
}

// Generate returns the documents of a corpus. It fails only on a scale that
// is not positive or too large for its word lists.
func Generate(opt Options) ([]Doc, error) {
	var docs []Doc
	_, err := generate(opt, func(d Doc) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// generate hands each document to emit in order and returns how many.
func generate(opt Options, emit func(Doc) error) (int, error) {
	if !(opt.Scale > 0) || opt.Scale > 100000 {
		return 0, fmt.Errorf("synth: scale %v: want a number above 0 and at most 100000", opt.Scale)
	}
	w, err := newWorld(opt)
	if err != nil {
		return 0, err
	}
	target := int(opt.Scale * BytesPerScale)
	written, count := 0, 0
	for n := 1; written < target; n++ {
		text := w.document(n)
		if count > 0 && written+len(text)/2 > target {
			break // less than half of it would fit
		}
		if err := emit(Doc{Name: fmt.Sprintf("synth-%05d.txt", n), Text: text}); err != nil {
			return count, err
		}
		count++
		written += len(text)
	}
	return count, nil
}

// Write generates a corpus into dir (created if missing) and returns the
// number of documents and bytes written, writing each document as it is
// made; a cancelled ctx stops it between documents. Files already in dir
// named like generated ones are overwritten; others are left alone.
func Write(ctx context.Context, dir string, opt Options) (int, int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	var total int64
	n, err := generate(opt, func(d Doc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		total += int64(len(d.Text))
		return os.WriteFile(filepath.Join(dir, d.Name), []byte(d.Text), 0o644)
	})
	return n, total, err
}

// studiesPerDoc is the number of case studies in one report.
const studiesPerDoc = 12

type org struct {
	name string
}

type world struct {
	rng      *rand.Rand
	councils []*gazetteer.Authority
	orgs     []org    // partner organisations, most popular first
	funders  []string // funding bodies, most popular first
	orgCDF   []float64
	fundCDF  []float64
	local    int // organisations per council neighbourhood
}

func newWorld(opt Options) (*world, error) {
	w := &world{rng: rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))}
	gaz := gazetteer.Default()
	for _, a := range gaz.Authorities() {
		if a.Current && a.OfficialName != "" {
			w.councils = append(w.councils, a)
		}
	}
	places := w.places(gaz)
	nOrgs := int(120*opt.Scale) + 60
	// Funders grow with the corpus up to 4,000, about what their word
	// lists can name.
	nFunders := min(int(12*opt.Scale)+12, 4000)
	seen := map[string]bool{}
	// Draws that repeat a name are retried; a bound on the retries turns a
	// word list too small for the scale into an error, not a hang.
	for tries := 0; len(w.orgs) < nOrgs; tries++ {
		if tries > 20*nOrgs {
			return nil, fmt.Errorf("synth: scale %v: the word lists give fewer than %d organisation names", opt.Scale, nOrgs)
		}
		name := w.orgName(places)
		if !seen[name] {
			seen[name] = true
			w.orgs = append(w.orgs, org{name: name})
		}
	}
	for tries := 0; len(w.funders) < nFunders; tries++ {
		if tries > 20*nFunders {
			return nil, fmt.Errorf("synth: scale %v: the word lists give fewer than %d funder names", opt.Scale, nFunders)
		}
		name := w.funderName(places)
		if !seen[name] {
			seen[name] = true
			w.funders = append(w.funders, name)
		}
	}
	w.orgCDF = zipfCDF(len(w.orgs), 20)
	w.fundCDF = zipfCDF(len(w.funders), 3)
	w.local = max(8, len(w.orgs)/len(w.councils)*2)
	return w, nil
}

// zipfCDF is the cumulative distribution of a Zipf-like law 1/(rank+q).
func zipfCDF(n int, q float64) []float64 {
	cdf := make([]float64, n)
	sum := 0.0
	for i := range n {
		sum += 1 / (float64(i) + q)
		cdf[i] = sum
	}
	for i := range cdf {
		cdf[i] /= sum
	}
	return cdf
}

func (w *world) draw(cdf []float64) int {
	return sort.SearchFloat64s(cdf, w.rng.Float64())
}

func (w *world) pick(words []string) string { return words[w.rng.IntN(len(words))] }

// places are invented place names, none of which the gazetteer knows as a
// council, so that an organisation's name never reads as a council's.
func (w *world) places(gaz *gazetteer.Gazetteer) []string {
	var out []string
	for _, p := range placeHeads {
		for _, s := range placeTails {
			name := p + s
			if _, ok := gaz.Lookup(name); ok {
				continue
			}
			if _, ok := gaz.LookupShort(name); ok {
				continue
			}
			out = append(out, name)
		}
	}
	return out
}

func (w *world) orgName(places []string) string {
	place := w.pick(places)
	switch r := w.rng.IntN(100); {
	case r < 40:
		return place + " " + w.pick(orgKinds)
	case r < 70:
		return place + " " + w.pick(qualifiers) + " " + w.pick(orgKinds)
	case r < 78:
		return place + " and " + w.pick(places) + " " + w.pick(orgKinds)
	case r < 86:
		return place + " " + w.pick(healthKinds)
	case r < 93:
		return w.pick(surnames) + " " + w.pick(trades) + " Ltd"
	default:
		return place + " " + w.pick(schoolKinds)
	}
}

func (w *world) funderName(places []string) string {
	switch w.rng.IntN(4) {
	case 0:
		return "The " + w.pick(surnames) + " Foundation"
	case 1:
		return w.pick(places) + " Community Foundation"
	case 2:
		return "The " + w.pick(surnames) + " " + w.pick(surnames) + " Charitable Trust"
	default:
		return w.pick(places) + " " + w.pick(fundKinds)
	}
}

// partner draws an organisation: mostly from the council's neighbourhood of
// the list, sometimes from the national, Zipf-distributed head.
func (w *world) partner(council int) string {
	if w.rng.IntN(10) < 7 {
		start := (council * w.local / 2) % len(w.orgs)
		return w.orgs[(start+w.rng.IntN(w.local))%len(w.orgs)].name
	}
	return w.orgs[w.draw(w.orgCDF)].name
}

func (w *world) partners(council, n int) []string {
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < n && tries < 4*n; tries++ {
		p := w.partner(council)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func (w *world) funder() string { return w.funders[w.draw(w.fundCDF)] }

func (w *world) person() string { return w.pick(firstNames) + " " + w.pick(surnames) }

func (w *world) amount() string {
	n := (w.rng.IntN(400) + 1) * 250
	return "£" + thousands(n)
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

type study struct {
	council int
	title   string
}

func (w *world) document(n int) string {
	var b strings.Builder
	network := w.pick(networks)
	year := 2020 + w.rng.IntN(3)
	fmt.Fprintf(&b, "%s %d: %s\n\n\n\n", network, year, w.pick(reportTitles))
	studies := make([]study, studiesPerDoc)
	for i := range studies {
		studies[i] = study{council: w.rng.IntN(len(w.councils)), title: w.initiativeTitle()}
	}
	b.WriteString("Contents\n\n")
	for i, s := range studies {
		fmt.Fprintf(&b, "- %d %s – *%s*\n", 10+4*i, s.title, w.councils[s.council].OfficialName)
	}
	b.WriteString("\n\n\n")
	for c, chapter := range chapters {
		fmt.Fprintf(&b, "Chapter %d: %s\n\nIntroduction\n\n", c+1, chapter)
		fmt.Fprintf(&b, "%s\n\n", w.pick(introParas))
		for i := c * studiesPerDoc / len(chapters); i < (c+1)*studiesPerDoc/len(chapters); i++ {
			w.caseStudy(&b, studies[i])
		}
	}
	fmt.Fprintf(&b, "Acknowledgements\n\nThis report was compiled by %s for %s, with thanks to every council that contributed.\n", w.person(), network)
	return b.String()
}

func (w *world) initiativeTitle() string {
	return w.pick(titleHeads) + " " + w.pick(titleTails)
}

func (w *world) caseStudy(b *strings.Builder, s study) {
	a := w.councils[s.council]
	council := a.OfficialName
	place := a.NiceName
	if place == "" {
		place = council
	}
	fmt.Fprintf(b, "%s\n\n%s\n\n%s\n\nContext\n\n", council, s.title, w.pick(subtitles))
	fmt.Fprintf(b, "%s The Council wanted to reach residents in %s who %s.\n\n",
		strings.ReplaceAll(w.pick(contextParas), "{place}", place), place, w.pick(needs))
	n := 2 + w.rng.IntN(5)
	if w.rng.IntN(40) == 0 {
		n = 60 + w.rng.IntN(240) // a borough-wide alliance naming every group
	}
	ps := w.partners(s.council, n)
	b.WriteString("Development\n\n")
	if len(ps) > 0 {
		fmt.Fprintf(b, "%s worked with %s to %s.", council, join(ps[:min(2, len(ps))], ", ", " and "), w.pick(aims))
	}
	if len(ps) > 2 {
		fmt.Fprintf(b, " The steering group consisted of a range of organisations including: %s.", join(ps[2:], "; ", "; and "))
	}
	fmt.Fprintf(b, " %s\n\n", w.pick(fillers))
	b.WriteString("Implementation\n\n")
	f := w.funder()
	fmt.Fprintf(b, "The scheme was funded by %s, which awarded a grant of %s. ", f, w.amount())
	if w.rng.IntN(2) == 0 && len(ps) > 0 {
		fmt.Fprintf(b, "%s received %s from %s to run %s. ", ps[0], w.amount(), w.funder(), w.pick(activities))
	}
	fmt.Fprintf(b, "%s %s\n\n", w.pick(fillers), w.pick(fillers))
	b.WriteString("Review\n\n")
	fmt.Fprintf(b, "Over %s residents were supported in the first %d months, and %d volunteers gave their time. %s\n\n",
		thousands((w.rng.IntN(200)+1)*25), 2+w.rng.IntN(10), 10+w.rng.IntN(400), w.pick(reviews))
	contact := w.person()
	fmt.Fprintf(b, "At a glance\n\nCouncil:\t%s\nActivity:\t%s\nBeneficiaries:\t%s in %s\nContact:\t%s\nE:\t%s@example.org\n\n",
		council, s.title, w.pick(beneficiaries), place, contact, strings.ReplaceAll(contact, " ", "."))
}

func join(xs []string, sep, last string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], sep) + last + xs[len(xs)-1]
}
