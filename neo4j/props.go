package neo4j

import (
	"encoding/json"
	"fmt"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Neo4j properties hold scalars and lists of scalars, not maps, so
// evidence is kept as a JSON string in `evidence` (round-trippable to
// partnergraph.Evidence) and, for people browsing in Neo4j Browser or
// Bloom, its quotes again as the list `quotes`. `aliasText` joins the
// aliases for the full-text index; `sortKey` orders lists.

func nodeProps(n *pg.Node) (map[string]any, error) {
	ev, err := json.Marshal(n.Evidence)
	if err != nil {
		return nil, err
	}
	p := n.Properties()
	p["name"], p["aliases"], p["aliasText"] = n.Name, nonNilStrings(n.Aliases), strings.Join(n.Aliases, " | ")
	p["sortKey"], p["evidence"], p["quotes"] = pg.SortKey(n.Name), string(ev), quotes(n.Evidence)
	return p, nil
}

func edgeProps(e *pg.Edge) (map[string]any, error) {
	ev, err := json.Marshal(e.Evidence)
	if err != nil {
		return nil, err
	}
	p := map[string]any{"evidence": string(ev), "quotes": quotes(e.Evidence), "confidence": e.Confidence}
	if e.Kind == pg.EdgeFunded {
		p["inKind"] = e.InKind
	}
	if e.AmountText != "" {
		p["amountText"] = e.AmountText
	}
	if e.Amount != nil {
		p["amount"] = *e.Amount
	}
	if e.Currency != "" {
		p["currency"] = e.Currency
	}
	return p, nil
}

func quotes(evs []pg.Evidence) []string {
	out := make([]string, 0, len(evs))
	for _, e := range evs {
		out = append(out, e.Quote)
	}
	return out
}

func nonNilStrings(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// nodeFromProps rebuilds a node from its label and properties.
func nodeFromProps(kind pg.Kind, p map[string]any) (*pg.Node, error) {
	n := &pg.Node{Kind: kind, ID: str(p["id"]), Name: str(p["name"]), Aliases: strs(p["aliases"]),
		OfficialName: str(p["officialName"]), GSSCode: str(p["gssCode"]), LACode: str(p["laCode"]),
		CouncilType: str(p["type"]), Region: str(p["region"]), Nation: str(p["nation"]),
		Sector: pg.Sector(str(p["sector"])), Summary: str(p["summary"]), Theme: str(p["theme"]),
		Beneficiaries: str(p["beneficiaries"]), Title: str(p["title"]), Publisher: str(p["publisher"]),
		File: str(p["file"]), SHA256: str(p["sha256"]), Lat: float(p["lat"]), Lon: float(p["lon"])}
	if y, ok := p["year"].(int64); ok {
		n.Year = int(y)
	}
	if n.ID == "" {
		return nil, fmt.Errorf("a %s node has no id", kind)
	}
	if err := unmarshalEvidence(p["evidence"], &n.Evidence); err != nil {
		return nil, fmt.Errorf("node %s: %w", n.ID, err)
	}
	return n, nil
}

// edgeFromProps rebuilds a relationship from its ends, type and properties.
func edgeFromProps(source, kind, target string, p map[string]any) (*pg.Edge, error) {
	e := &pg.Edge{ID: str(p["id"]), Kind: pg.EdgeKind(kind), Source: source, Target: target,
		AmountText: str(p["amountText"]), Amount: float(p["amount"]), Currency: str(p["currency"])}
	if b, ok := p["inKind"].(bool); ok {
		e.InKind = b
	}
	if c := float(p["confidence"]); c != nil {
		e.Confidence = *c
	}
	if e.ID == "" {
		e.ID = pg.EdgeID(e.Kind, source, target)
	}
	if err := unmarshalEvidence(p["evidence"], &e.Evidence); err != nil {
		return nil, fmt.Errorf("relationship %s: %w", e.ID, err)
	}
	return e, nil
}

func unmarshalEvidence(v any, dst *[]pg.Evidence) error {
	s, _ := v.(string)
	if s == "" {
		*dst = []pg.Evidence{}
		return nil
	}
	if err := json.Unmarshal([]byte(s), dst); err != nil {
		return fmt.Errorf("evidence property is not valid JSON: %w", err)
	}
	return nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	out := []string{}
	switch xs := v.(type) {
	case []any:
		for _, x := range xs {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = append(out, xs...)
	}
	return out
}

func float(v any) *float64 {
	switch x := v.(type) {
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	}
	return nil
}
