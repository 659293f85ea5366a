package loader

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestSchemeAcronyms: an acronym defined just before a scheme noun names a
// scheme, and so do the words it abbreviates; before any other word it may
// be a body's.
func TestSchemeAcronyms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The Northtown Lend A Hand (NLAH) scheme began in March.", []string{"NLAH", "Northtown Lend A Hand", "The Northtown Lend A Hand"}},
		{"Towns shared the Westshire Business Recovery (WBR) Fund.", []string{"WBR", "Westshire Business Recovery"}},
		{"The Zorbo Volunteer Trust (ZVT) helped.", nil},
		{"The Zorbo Volunteer Trust (ZVT) volunteers helped.", nil},
		{"Eastvale District Council (EDC) funds the hub.", nil}, // a verb, not the noun
		{"Calls went to the trust (ZVT) scheme.", nil},          // the initials spell nothing before it
		{"Calls went to the Severely Isolated (SI) first.", []string{"SI", "Severely Isolated"}},
		{"Staff needed PPE (Personal Protective Equipment) quickly.", []string{"Personal Protective Equipment"}},
		{"Staff joined the NHS (National Health Service) quickly.", nil}, // a body's head
	}
	for _, tt := range tests {
		ps := passageOf(tt.text)
		acronyms := map[string]string{}
		acronymsOf(ps, acronyms)
		var got []string
		for w := range schemeAcronymsOf(ps, acronyms, nil) {
			got = append(got, w)
		}
		sort.Strings(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("schemeAcronymsOf(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestThingHeadedNameIsAnInitiative: a name ending with a document's or a
// scheme's head noun is an initiative, never an organisation.
func TestThingHeadedNameIsAnInitiative(t *testing.T) {
	for _, tt := range []struct {
		last string
		want bool
	}{
		{"strategy", true}, {"plan", true}, {"portal", true}, {"scheme", true}, {"hub", true},
		{"trust", false}, {"foods", false}, {"partnership", false},
	} {
		if got := setUpThing(tt.last); got != tt.want {
			t.Errorf("setUpThing(%q) = %v, want %v", tt.last, got, tt.want)
		}
	}
	g := loadText(t, "Tamworth Borough Council – Food Hub\n\n"+
		"Tamworth Borough Council worked with the Northtown Community Trust, Zorbo Foods and the Westvale Recovery Strategy on the Food Hub.\n")
	if orgs := organisationNames(g); slices.Contains(orgs, "Westvale Recovery Strategy") {
		t.Errorf("organisations %q hold a strategy", orgs)
	}
}

// TestDropTitleLists: single words in a comma list closed by a plan's or
// strategy's name are a title's words; a list of bodies is left alone.
func TestDropTitleLists(t *testing.T) {
	tests := []struct {
		sentence string
		probs    map[string]float64
		want     []string
	}{
		{"The board published its Recovery: Prepare, Protect, Rebuild, Renewal Plan in May.",
			map[string]float64{"Prepare": 0.7, "Protect": 0.5, "Rebuild": 0.6}, nil},
		// joined by "and": a list of bodies
		{"Boxes came from Acme, Zorbo, Brightstores and Westshire Plan.",
			map[string]float64{"Acme": 0.9, "Zorbo": 0.9}, []string{"Acme", "Zorbo"}},
		// not closed by a thing's name
		{"Boxes came from Acme, Zorbo, Brightstores, Westshire Foods.",
			map[string]float64{"Acme": 0.9, "Zorbo": 0.9}, []string{"Acme", "Zorbo"}},
		// an item of more than one word: names, not a title's words
		{"Help came from Acme, Zorbo Stores, Brightstores, Renewal Plan.",
			map[string]float64{"Acme": 0.9, "Zorbo Stores": 0.9}, []string{"Acme", "Zorbo Stores"}},
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, tt.probs)
		decoded := decodeAll(st)
		st.dropTitleLists(decoded)
		if got := keptTexts(decoded); !slices.Equal(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestPackName: plain capitalised words before "packs" or "hampers" name
// what a scheme hands out, not a body; a body's name keeps its head.
func TestPackName(t *testing.T) {
	for _, tt := range []struct {
		sentence, name string
		want           bool
	}{
		{"Volunteers took Warm Wishes For You packs to older residents.", "Warm Wishes For You", true},
		{"Families were sent Festive Cheer hampers.", "Festive Cheer", true},
		{"The Zorbo Trust packs went out on Monday.", "Zorbo Trust", false},
	} {
		if got := productName(chunkOf(t, tt.sentence, tt.name)); got != tt.want {
			t.Errorf("productName(%q in %q) = %v, want %v", tt.name, tt.sentence, got, tt.want)
		}
	}
}

// TestPrefixedModifier: "post-X" and "non-X" are adjectives, not names.
func TestPrefixedModifier(t *testing.T) {
	for _, tt := range []struct {
		sentence, name string
		want           bool
	}{
		{"Residents helped plan a post-Covid future.", "post-Covid", true},
		{"It funded non-NHS providers.", "non-NHS", true},
		{"The Zorbo-Westvale Trust helped.", "Zorbo-Westvale Trust", false},
		{"Its e-learning Hub opened.", "e-learning Hub", false},
	} {
		if got := prefixedModifier(chunkOf(t, tt.sentence, tt.name)); got != tt.want {
			t.Errorf("prefixedModifier(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestMotionMover: who moves or seconds a motion is a political group, not
// a body taking part.
func TestMotionMover(t *testing.T) {
	for _, tt := range []struct {
		sentence, name string
		want           bool
	}{
		{"A motion was presented by the Westvale Party and seconded by the Greenfield Alliance.", "Westvale Party", true},
		{"A motion was presented by the Westvale Party and seconded by the Greenfield Alliance.", "Greenfield Alliance", true},
		{"The report was presented by the Zorbo Trust.", "Zorbo Trust", false}, // no motion
		{"The motion passed, with help given by the Zorbo Trust.", "Zorbo Trust", false},
	} {
		if got := motionMover(chunkOf(t, tt.sentence, tt.name)); got != tt.want {
			t.Errorf("motionMover(%q in %q) = %v, want %v", tt.name, tt.sentence, got, tt.want)
		}
	}
}

// TestAdverbOpener: a run opening with an adverb is a term for people.
func TestAdverbOpener(t *testing.T) {
	for _, tt := range []struct {
		sentence, name string
		want           bool
	}{
		{"Calls went to the Critically Isolated first.", "Critically Isolated", true},
		{"Help went to the Severely Disabled Group.", "Severely Disabled Group", true},
		{"Help went to the Previously Homeless.", "Previously Homeless", true},
		{"The Ely Food Bank helped.", "Ely Food Bank", false},
		{"The Family Support Trust helped.", "Family Support Trust", false},
		{"The Westvale Rally Club helped.", "Westvale Rally Club", false},
	} {
		if got := adverbOpener(chunkOf(t, tt.sentence, tt.name)); got != tt.want {
			t.Errorf("adverbOpener(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestCouncilsPlace: a place in commas after a council says where it is.
func TestCouncilsPlace(t *testing.T) {
	for _, tt := range []struct {
		sentence, name string
		want           bool
	}{
		{"Eastvale Town Council, Westshire, is working with churches.", "Westshire", true},
		{"Eastvale Town Council, Acme, Zorbo and Brightstores gave food.", "Acme", false},
		{"Eastvale Town Council, Acme and Zorbo gave food.", "Acme", false},
		{"Eastvale Town Council, Zorbo Trust, is working with churches.", "Zorbo Trust", false},
	} {
		if got := councilsPlace(chunkOf(t, tt.sentence, tt.name)); got != tt.want {
			t.Errorf("councilsPlace(%q in %q) = %v, want %v", tt.name, tt.sentence, got, tt.want)
		}
	}
}

// TestTrimDescribers: "the X charity" names X.
func TestTrimDescribers(t *testing.T) {
	tests := []struct {
		sentence string
		probs    map[string]float64
		want     []string
	}{
		{"Parcels came from the Northtown Helpers charity each week.",
			map[string]float64{"Northtown Helpers charity": 0.9}, []string{"Northtown Helpers"}},
		{"Parcels came from the Zorbo union each week.",
			map[string]float64{"Zorbo union": 0.9}, []string{"Zorbo union"}},
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, tt.probs)
		decoded := decodeAll(st)
		st.trimDescribers(decoded)
		if got := keptTexts(decoded); !slices.Equal(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestWidenAcronyms: an acronym defined after a longer name stands for the
// whole name.
func TestWidenAcronyms(t *testing.T) {
	tests := []struct {
		text, acr, want string
	}{
		{"Help came from Northtown Valley University Health Board (UHB) and others.", "UHB", "Northtown Valley University Health Board"},
		{"The Zorbo Volunteer Trust (ZVT) helped.", "ZVT", "The Zorbo Volunteer Trust"},         // as acronymsOf reads it
		{"Eastvale Council Community Team (CCT) helped.", "CCT", "Council Community Team"},      // a council's unit: not widened
		{"Help came from the Westshire Food Alliance (WFA).", "WFA", "Westshire Food Alliance"}, // already whole
	}
	for _, tt := range tests {
		ps := passageOf(tt.text)
		acronyms := map[string]string{}
		acronymsOf(ps, acronyms)
		widenAcronyms(ps, acronyms)
		if got := acronyms[tt.acr]; got != tt.want {
			t.Errorf("%q: %s = %q, want %q", tt.text, tt.acr, got, tt.want)
		}
	}
}

// TestTrimLocations: "the X Centre in Place" names the X Centre.
func TestTrimLocations(t *testing.T) {
	tests := []struct {
		sentence, name, want string
	}{
		{"Grants went to the Eastfield Day Centre in Northtown this year.", "Eastfield Day Centre in Northtown", "Eastfield Day Centre"},
		{"Grants went to Zorbo Rovers in the Community this year.", "Zorbo Rovers in the Community", "Zorbo Rovers in the Community"},
		{"Grants went to Locality Work in Northtown Partnership this year.", "Locality Work in Northtown Partnership", "Locality Work in Northtown Partnership"},
		{"Grants went to Women's Voices in Westvale this year.", "Women's Voices in Westvale", "Women's Voices in Westvale"}, // no head before "in"
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, map[string]float64{tt.name: 0.9})
		decoded := decodeAll(st)
		st.trimLocations(decoded)
		if got := keptTexts(decoded); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestApostrophePlural: "ID's," is a plural, "the ZVA's hub" a possessive.
func TestApostrophePlural(t *testing.T) {
	for _, tt := range []struct {
		sentence, name string
		want           bool
	}{
		{"Volunteers were given ID's, badges and handbooks.", "ID", true},
		{"Patients of local GP's and pharmacies were called.", "GP", true},
		{"Volunteers joined the ZVA's hub.", "ZVA", false},
		{"Volunteers joined the Zorbo Trust's hub, badges and all.", "Zorbo Trust", false},
	} {
		if got := apostrophePlural(chunkOf(t, tt.sentence, tt.name)); got != tt.want {
			t.Errorf("apostrophePlural(%q in %q) = %v, want %v", tt.name, tt.sentence, got, tt.want)
		}
	}
}

// TestShoutedTail: a headline running into words in capitals is no name.
func TestShoutedTail(t *testing.T) {
	for _, tt := range []struct {
		sentence, name string
		want           bool
	}{
		{"Funding Boost for Groups WESTVALE COUNCIL is celebrating.", "Funding Boost for Groups WESTVALE COUNCIL", true},
		{"Help came from Zorbo CVS CIC this week.", "Zorbo CVS CIC", false},
		{"Help came from NORTHTOWN FOOD BANK this week.", "NORTHTOWN FOOD BANK", false}, // capitals throughout
	} {
		if got := shoutedTail(chunkOf(t, tt.sentence, tt.name)); got != tt.want {
			t.Errorf("shoutedTail(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestDropListedLocations: list completion keeps no place an item is "in".
func TestDropListedLocations(t *testing.T) {
	tests := []struct {
		sentence string
		probs    map[string]float64
		want     []string
	}{
		{"Food came from Northmart, Zorbo, Acme's in Westvale, Zestino and Brightmart Eastend.",
			map[string]float64{"Northmart": 0.9, "Zorbo": 0.9, "Brightmart Eastend": 0.9}, []string{"Northmart", "Zorbo", "Acme", "Zestino", "Brightmart Eastend"}},
		// "in" after a lower-case word: the list's own items
		{"Food came from shops in Westvale, Zestino and Brightmart Eastend.",
			map[string]float64{"Brightmart Eastend": 0.9, "Zestino": 0.9}, []string{"Westvale", "Zestino", "Brightmart Eastend"}},
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, tt.probs)
		decoded := decodeAll(st)
		st.completeLists(decoded)
		st.dropListedLocations(decoded)
		if got := keptTexts(decoded); !slices.Equal(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestSectorName: a sector is no body unless a head names one.
func TestSectorName(t *testing.T) {
	for _, tt := range []struct {
		name string
		want bool
	}{
		{"Community and Voluntary Sector", true},
		{"Private Sector", true},
		{"Westvale Council for the Voluntary Sector", false},
		{"Zorbo Sector Trust", false},
	} {
		if got := sectorName(strings.Fields(strings.ToLower(tt.name))); got != tt.want {
			t.Errorf("sectorName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
