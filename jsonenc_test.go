package partnergraph

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// sameAsMarshal fails t when appendJSON's bytes (or its error) differ
// from json.Marshal's for v.
func sameAsMarshal(t *testing.T, v any, got []byte, gotErr error) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("error %v, json.Marshal's %v", gotErr, wantErr)
	}
	if gotErr != nil {
		if gotErr.Error() != wantErr.Error() {
			t.Fatalf("error %q, json.Marshal's %q", gotErr, wantErr)
		}
		return
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("wrote\n%s\njson.Marshal writes\n%s", got, want)
	}
}

var oddStrings = []string{"", "plain", `q"uo\te`, "<b>&amp;</b>", "tab\tnew\nline\r\b\f\x00\x1f\x7f", "\xff\xfe", "é ü 中文 🙂",
	"\u2028\u2029", "half \xe2\x82", "\ufffd", "'", "/"}

var oddFloats = []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1.5e-300, 5e-324, 1e20, 1e21, 123456789012345678901234.0,
	-2.5e-9, math.MaxFloat64, 250000, 0.875, math.NaN(), math.Inf(1), math.Inf(-1)}

func TestNodeAndEdgeJSONAsMarshal(t *testing.T) {
	for _, s := range oddStrings {
		for _, f := range oddFloats {
			f := f
			n := &Node{ID: "org:" + s, Kind: KindOrganisation, Name: s, Aliases: []string{s, ""}, OfficialName: s, GSSCode: s, LACode: s,
				CouncilType: s, Region: s, Nation: s, Lat: &f, Lon: &f, Sector: Sector(s), Summary: s, Theme: s, Beneficiaries: s,
				Title: s, Publisher: s, Year: int(f) % 3000, File: s, SHA256: s,
				Evidence: []Evidence{{DocumentID: s, File: s, LineStart: 1, LineEnd: -2, Quote: s, Rule: s, Confidence: f}, {}}}
			got, err := appendNodeJSON(nil, n)
			sameAsMarshal(t, n, got, err)
			e := &Edge{ID: s, Kind: EdgeFunded, Source: s, Target: s, AmountText: s, Amount: &f, Currency: s, InKind: len(s)%2 == 0,
				Confidence: f, Evidence: []Evidence{{Quote: s, Confidence: f}}}
			got, err = appendEdgeJSON(nil, e)
			sameAsMarshal(t, e, got, err)
		}
	}
	for _, n := range []*Node{{}, {Aliases: []string{}, Evidence: []Evidence{}}} {
		got, err := appendNodeJSON(nil, n)
		sameAsMarshal(t, n, got, err)
	}
	for _, e := range []*Edge{{}, {Evidence: []Evidence{}}} {
		got, err := appendEdgeJSON(nil, e)
		sameAsMarshal(t, e, got, err)
	}
}

func FuzzNodeJSONAsMarshal(f *testing.F) {
	f.Add("org:a", "Acme <Trust>", "alias\u2028", "\xff", 1.5, int64(2020), true, 0.9)
	f.Fuzz(func(t *testing.T, id, name, alias, quote string, lat float64, year int64, withAliases bool, conf float64) {
		n := &Node{ID: id, Kind: Kind(name), Name: name, Region: alias, Sector: Sector(quote), Lat: &lat, Year: int(year),
			Evidence: []Evidence{{DocumentID: id, Quote: quote, Rule: alias, LineStart: int(year), Confidence: conf}}}
		if withAliases {
			n.Aliases = []string{alias, quote}
		}
		got, err := appendNodeJSON(nil, n)
		sameAsMarshal(t, n, got, err)
	})
}

func FuzzEdgeJSONAsMarshal(f *testing.F) {
	f.Add("FUNDED:a->b", "£250,000", "\xe2\x80\xa8", 250000.0, true, 1e-7)
	f.Fuzz(func(t *testing.T, id, amountText, quote string, amount float64, inKind bool, conf float64) {
		e := &Edge{ID: id, Kind: EdgeKind(quote), Source: quote, Target: id, AmountText: amountText, Amount: &amount, InKind: inKind,
			Confidence: conf, Evidence: []Evidence{{Quote: quote, Confidence: conf}}}
		if inKind {
			e.Amount = nil
		}
		got, err := appendEdgeJSON(nil, e)
		sameAsMarshal(t, e, got, err)
	})
}
