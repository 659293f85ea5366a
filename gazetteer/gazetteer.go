// Package gazetteer knows every UK local authority (mySociety's "UK Local
// Authority Names and Codes", MIT, built on ONS data under the Open
// Government Licence; see README.md) and resolves the many ways a council is
// written ("Hammersmith & Fulham Council", "Rotherham Council", "Doncaster City
// Council", "London Borough of Havering") to one authority.
package gazetteer

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/partnergraph/partnergraph/textmatch"
)

//go:embed uk_local_authorities.csv
var csvData string

// Authority is one row of the gazetteer.
type Authority struct {
	Code         string // canonical three/four-letter code, e.g. "ROT"
	OfficialName string
	NiceName     string
	GSSCode      string
	Nation       string
	Region       string
	TypeCode     string // e.g. "MD", "NMD", "UA"
	TypeName     string // e.g. "Metropolitan district"
	County       string // code of the county authority a district lies in
	AltNames     []string
	Current      bool
	ReplacedBy   string
	Lat, Lon     *float64
}

// Gazetteer indexes authorities by every normalised form of their names.
type Gazetteer struct {
	byCode map[string]*Authority
	forms  map[string]formHit // normalised form -> authority
	short  map[string]formHit // short names without "Council": only used once a council is in context
}

type formHit struct {
	a        *Authority
	priority int // lower wins when two authorities claim one form
}

var (
	once    sync.Once
	def     *Gazetteer
	loadErr error
)

// Default returns the embedded gazetteer, parsed once.
func Default() *Gazetteer {
	once.Do(func() { def, loadErr = Parse(csvData) })
	if loadErr != nil {
		// The embedded file is part of the build; a parse failure is a build defect.
		panic(fmt.Sprintf("gazetteer: embedded uk_local_authorities.csv: %v", loadErr))
	}
	return def
}

// Parse reads the gazetteer CSV.
func Parse(data string) (*Gazetteer, error) {
	r := csv.NewReader(strings.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("no rows")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, need := range []string{"local-authority-code", "official-name", "nice-name", "gss-code", "nation", "region",
		"local-authority-type", "local-authority-type-name", "county-la", "alt-names", "current-authority", "replaced-by", "lat", "long"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("missing column %q", need)
		}
	}
	g := &Gazetteer{byCode: map[string]*Authority{}, forms: map[string]formHit{}, short: map[string]formHit{}}
	for line, row := range rows[1:] {
		get := func(name string) string { return strings.TrimSpace(row[col[name]]) }
		a := &Authority{
			Code: get("local-authority-code"), OfficialName: get("official-name"), NiceName: get("nice-name"),
			GSSCode: get("gss-code"), Nation: get("nation"), Region: get("region"), TypeCode: get("local-authority-type"),
			TypeName: get("local-authority-type-name"), County: get("county-la"), Current: get("current-authority") == "True",
			ReplacedBy: get("replaced-by"),
		}
		if a.Code == "" || a.OfficialName == "" {
			return nil, fmt.Errorf("line %d: empty code or official name", line+2)
		}
		for _, alt := range strings.Split(get("alt-names"), ",") {
			if alt = strings.TrimSpace(alt); alt != "" {
				a.AltNames = append(a.AltNames, alt)
			}
		}
		a.Lat, a.Lon = parseFloat(get("lat")), parseFloat(get("long"))
		g.byCode[a.Code] = a
		g.index(a)
	}
	return g, nil
}

func parseFloat(s string) *float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return &v
}

// councilSuffixes are the ways a place name becomes a council's name.
var councilSuffixes = []string{"council", "borough council", "district council", "city council", "county council",
	"metropolitan borough council", "metropolitan district council", "city and district council", "unitary council"}

func (g *Gazetteer) index(a *Authority) {
	base := 0
	if !a.Current {
		// A former authority keeps its own names but yields shared forms to current ones.
		base = 10
	}
	official := textmatch.Normalize(a.OfficialName)
	g.add(g.forms, official, a, base)
	cores := []string{textmatch.Normalize(a.NiceName), stripCouncilWords(official)}
	for _, alt := range a.AltNames {
		n := textmatch.Normalize(alt)
		if strings.HasSuffix(n, " council") {
			g.add(g.forms, n, a, base+1)
		}
		cores = append(cores, stripCouncilWords(n))
	}
	for _, core := range cores {
		if core == "" {
			continue
		}
		g.add(g.short, core, a, base+2)
		for _, suf := range councilSuffixes {
			g.add(g.forms, core+" "+suf, a, base+3)
		}
		g.add(g.forms, "city of "+core+" council", a, base+3)
		g.add(g.forms, "london borough of "+core, a, base+3)
		g.add(g.forms, "royal borough of "+core, a, base+3)
		g.add(g.forms, "borough of "+core, a, base+4)
	}
}

func (g *Gazetteer) add(m map[string]formHit, form string, a *Authority, priority int) {
	if form == "" {
		return
	}
	if old, ok := m[form]; ok && (old.priority < priority || (old.priority == priority && old.a.Code < a.Code)) {
		return
	}
	m[form] = formHit{a: a, priority: priority}
}

// stripCouncilWords removes the words that make a place into a council name:
// "rotherham metropolitan borough council" -> "rotherham".
func stripCouncilWords(n string) string {
	n = strings.TrimSuffix(n, " ua")
	for _, prefix := range []string{"london borough of ", "royal borough of ", "city of ", "borough of ", "county of "} {
		n = strings.TrimPrefix(n, prefix)
	}
	for {
		trimmed := n
		for _, w := range []string{" council", " metropolitan", " borough", " district", " city", " county", " unitary"} {
			trimmed = strings.TrimSuffix(trimmed, w)
		}
		if trimmed == n {
			break
		}
		n = trimmed
	}
	n = strings.TrimSuffix(n, " city and district")
	return strings.TrimSpace(n)
}

// Lookup resolves a full council name as written ("Hammersmith & Fulham Council").
func (g *Gazetteer) Lookup(name string) (*Authority, bool) {
	var buf [64]byte // the normalised name, for the look-up only: no allocation
	h, ok := g.forms[string(textmatch.AppendNormalized(buf[:0], name))]
	return h.a, ok
}

// LookupShort resolves a bare place name ("Rotherham", "Southend-on-Sea") to the
// authority of that name; callers use it only once a council is in context.
func (g *Gazetteer) LookupShort(name string) (*Authority, bool) {
	var buf [64]byte
	h, ok := g.short[string(textmatch.AppendNormalized(buf[:0], name))]
	return h.a, ok
}

// ByCode returns the authority with the given code.
func (g *Gazetteer) ByCode(code string) (*Authority, bool) {
	a, ok := g.byCode[code]
	return a, ok
}

// Len is the number of authorities.
func (g *Gazetteer) Len() int { return len(g.byCode) }

// Authorities returns every authority, ordered by code.
func (g *Gazetteer) Authorities() []*Authority {
	out := make([]*Authority, 0, len(g.byCode))
	for _, a := range g.byCode {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
