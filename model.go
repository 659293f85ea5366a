// Package partnergraph holds the domain of the partnership graph: the kinds of
// node and relationship, their provenance, the in-memory Graph value that the
// loader builds and the stores hold, and the Store interface that every storage
// backend implements. It depends on nothing but the standard library so that
// every other package can depend on it.
package partnergraph

// Kind is a node label, spelled exactly as the Neo4j label.
type Kind string

const (
	KindCouncil      Kind = "Council"
	KindOrganisation Kind = "Organisation"
	KindInitiative   Kind = "Initiative"
	KindDocument     Kind = "Document"
)

// Kinds lists every node kind in a fixed order.
var Kinds = []Kind{KindCouncil, KindOrganisation, KindInitiative, KindDocument}

// Valid reports whether k is one of the known node kinds.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// IsActor reports whether nodes of this kind can lead, partner in or fund.
func (k Kind) IsActor() bool { return k == KindCouncil || k == KindOrganisation }

// EdgeKind is a relationship type, spelled exactly as the Neo4j type.
type EdgeKind string

const (
	EdgeLeads     EdgeKind = "LEADS"
	EdgePartnerIn EdgeKind = "PARTNER_IN"
	EdgeFunded    EdgeKind = "FUNDED"
	EdgePartOf    EdgeKind = "PART_OF"
)

// EdgeKinds lists every relationship type in a fixed order.
var EdgeKinds = []EdgeKind{EdgeLeads, EdgePartnerIn, EdgeFunded, EdgePartOf}

// Valid reports whether k is one of the known relationship types.
func (k EdgeKind) Valid() bool {
	for _, known := range EdgeKinds {
		if k == known {
			return true
		}
	}
	return false
}

// Sector classifies an organisation.
type Sector string

const (
	SectorVoluntary  Sector = "voluntary"
	SectorHealth     Sector = "health"
	SectorPublic     Sector = "public"
	SectorGovernment Sector = "government"
	SectorBusiness   Sector = "business"
	SectorEducation  Sector = "education"
	SectorFaith      Sector = "faith"
	SectorHousing    Sector = "housing"
	SectorOther      Sector = "other"
)

// Sectors lists every sector in a fixed order.
var Sectors = []Sector{SectorVoluntary, SectorHealth, SectorPublic, SectorGovernment,
	SectorBusiness, SectorEducation, SectorFaith, SectorHousing, SectorOther}

// Valid reports whether s is one of the known sectors.
func (s Sector) Valid() bool {
	for _, known := range Sectors {
		if s == known {
			return true
		}
	}
	return false
}

// Evidence is where a node or relationship was read from: the document, the
// 1-based inclusive line span, and a verbatim quote from those lines.
type Evidence struct {
	DocumentID string  `json:"documentId"`
	File       string  `json:"file"`
	LineStart  int     `json:"lineStart"`
	LineEnd    int     `json:"lineEnd"`
	Quote      string  `json:"quote"`
	Rule       string  `json:"rule,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// Node is one vertex of the graph. Fields that do not apply to its Kind are
// left at their zero value; keeping one struct (rather than one per kind) lets
// stores, exports and graph algorithms treat every node alike.
type Node struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`

	// Council (gazetteer fields are empty for town and parish councils and
	// political groups, which the gazetteer does not list).
	OfficialName string   `json:"officialName,omitempty"`
	GSSCode      string   `json:"gssCode,omitempty"`
	LACode       string   `json:"laCode,omitempty"`
	CouncilType  string   `json:"type,omitempty"`
	Region       string   `json:"region,omitempty"`
	Nation       string   `json:"nation,omitempty"`
	Lat          *float64 `json:"lat,omitempty"`
	Lon          *float64 `json:"lon,omitempty"`

	// Organisation.
	Sector Sector `json:"sector,omitempty"`

	// Initiative.
	Summary       string `json:"summary,omitempty"`
	Theme         string `json:"theme,omitempty"`
	Beneficiaries string `json:"beneficiaries,omitempty"`

	// Document.
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Year      int    `json:"year,omitempty"`
	File      string `json:"file,omitempty"`
	SHA256    string `json:"sha256,omitempty"`

	Evidence []Evidence `json:"evidence"`
}

// Edge is one relationship. Amount fields apply to FUNDED only.
type Edge struct {
	ID     string   `json:"id"`
	Kind   EdgeKind `json:"kind"`
	Source string   `json:"source"`
	Target string   `json:"target"`

	// AmountText is the amount as printed ("£250,000", "up to £3,000");
	// Amount and Currency are parsed from it when it can be parsed.
	AmountText string   `json:"amountText,omitempty"`
	Amount     *float64 `json:"amount,omitempty"`
	Currency   string   `json:"currency,omitempty"`
	InKind     bool     `json:"inKind,omitempty"`

	Confidence float64    `json:"confidence,omitempty"`
	Evidence   []Evidence `json:"evidence"`
}

// Properties returns the kind-specific fields that are set, keyed as in
// the JSON format (year as int64, lat and lon as float64). Stores and
// export formats that hold flat key-value properties start from it.
func (n *Node) Properties() map[string]any {
	p := map[string]any{}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("officialName", n.OfficialName)
	set("gssCode", n.GSSCode)
	set("laCode", n.LACode)
	set("type", n.CouncilType)
	set("region", n.Region)
	set("nation", n.Nation)
	set("sector", string(n.Sector))
	set("summary", n.Summary)
	set("theme", n.Theme)
	set("beneficiaries", n.Beneficiaries)
	set("title", n.Title)
	set("publisher", n.Publisher)
	set("file", n.File)
	set("sha256", n.SHA256)
	if n.Lat != nil {
		p["lat"] = *n.Lat
	}
	if n.Lon != nil {
		p["lon"] = *n.Lon
	}
	if n.Year != 0 {
		p["year"] = int64(n.Year)
	}
	return p
}
