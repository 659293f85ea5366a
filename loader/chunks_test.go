package loader

import (
	"reflect"
	"testing"
)

// An "and" between two places, or inside one place's name, joins the area
// one name serves; one after a bare saint joins the saints a body is named
// after; one between common words joins the modifiers of one head, and
// one between two words for a venue names one business: the
// parts cut there are marked, and decoding keeps the name whole. Bodies
// joined by "and" keep their split.
func TestAlternativesMarkJoinedNames(t *testing.T) {
	dc := bareDocContext()
	for _, w := range []string{"garden", "grounds", "food", "trust"} {
		dc.lowerUsed[w] = true // the page writes these in lower case too
	}
	for _, tt := range []struct {
		sentence string
		cut      []string // the run's parts marked joinedCut
		parts    []string // its other parts
	}{
		{"We thank the Tamworth and Redditch Society for the Deaf today.",
			[]string{"Tamworth", "Redditch Society for the Deaf"}, nil},
		{"We thank Northtown Advice Harlow and Crawley today.", []string{"Northtown Advice Harlow", "Crawley"}, nil},
		{"We thank the Tamworth and Redditch Society for the Deaf and Northtown College today.",
			[]string{"Tamworth", "Redditch Society for the Deaf", "Redditch Society for the Deaf and Northtown College"},
			[]string{"Tamworth and Redditch Society for the Deaf", "Northtown College"}},
		// a second "and" after a pair of places joins two bodies
		{"We thank Age Concern Tamworth & Redditch and Harlow Foodbank today.",
			[]string{"Age Concern Tamworth", "Redditch", "Redditch and Harlow Foodbank"},
			[]string{"Age Concern Tamworth & Redditch", "Harlow Foodbank"}},
		// a bare saint before "and": the saints one body is named after
		{"We thank the Northtown Charity and St Agatha and the Apostle Fund today.",
			[]string{"Northtown Charity and St Agatha", "St Agatha", "Apostle Fund"},
			[]string{"Northtown Charity", "St Agatha and the Apostle Fund"}},
		{"We thank St Agatha and St Luke Church today.", []string{"St Agatha", "St Luke Church"}, nil},
		// a saint's body before "and" is a name of its own
		{"We thank St Agatha Hospice and Westshire Mind today.", nil, []string{"St Agatha Hospice", "Westshire Mind"}},
		// common words on both sides of "and", the head on the right only:
		// modifiers of one head
		{"We thank Northtown Arts and Heritage Trust today.",
			[]string{"Northtown Arts", "Heritage Trust"}, nil},
		{"We thank the Northtown Garden and Grounds Society today.",
			[]string{"Northtown Garden", "Grounds Society"}, nil},
		// a head on the left: two bodies
		{"We thank Northtown Food Trust and Heritage Trust today.",
			nil, []string{"Northtown Food Trust", "Heritage Trust"}},
		// a name, not a common word, before "and": two bodies
		{"We thank Northtown and Heritage Trust today.",
			nil, []string{"Northtown", "Heritage Trust"}},
		// two words for one venue, the run's last
		{"We thank the Northtown Bistro and Deli today.", []string{"Northtown Bistro", "Deli"}, nil},
		{"We thank the Northtown Bistro and Westshire Deli today.", nil, []string{"Northtown Bistro", "Westshire Deli"}},
		// one place twice: two bodies of that place
		{"We thank Support Tamworth and Tamworth Mind today.", nil, []string{"Tamworth", "Tamworth Mind"}},
		// bodies on both sides: split as before
		{"We thank Northtown Trust and Westshire Mind today.", nil, []string{"Northtown Trust", "Westshire Mind"}},
		// a place on one side only: split as before
		{"We thank Tamworth and Westshire Mind today.", nil, []string{"Tamworth", "Westshire Mind"}},
	} {
		ps := passageOf(tt.sentence)
		var cut, parts []string
		for _, r := range findRuns(ps.toks, ps.sents[0][0], ps.sents[0][1]) {
			for _, c := range alternatives(ps, r, 0, dc) {
				switch {
				case c.joinedCut:
					cut = append(cut, c.text())
				case c.alt == altPart:
					parts = append(parts, c.text())
				}
			}
		}
		if !reflect.DeepEqual(cut, tt.cut) || !reflect.DeepEqual(parts, tt.parts) {
			t.Errorf("%q: cut %q, parts %q; want %q, %q", tt.sentence, cut, parts, tt.cut, tt.parts)
		}
	}
}

// Decoding keeps no part cut between joined places, however well it
// scores: what the model finds of a name in both halves keeps the name
// they make together; with one half unlikely, list completion takes the
// run as one item.
func TestDecodeKeepsPlacesJoinedWhole(t *testing.T) {
	for _, tt := range []struct {
		halves          [2]float64
		decoded, listed []string
	}{
		{[2]float64{0.8, 0.9}, []string{"Tamworth and Redditch Deaf Society", "Northtown Trust", "Westshire Mind"}, nil},
		{[2]float64{0.1, 0.9}, []string{"Northtown Trust", "Westshire Mind"}, []string{"Tamworth and Redditch Deaf Society"}},
	} {
		st := studyOf("We thank Tamworth and Redditch Deaf Society, Northtown Trust and Westshire Mind.",
			map[string]float64{"Tamworth": tt.halves[0], "Redditch Deaf Society": tt.halves[1],
				"Tamworth and Redditch Deaf Society": 0.2, "Northtown Trust": 0.9, "Westshire Mind": 0.9})
		decoded := decodeAll(st)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.decoded) {
			t.Errorf("halves %v: decoded %q, want %q", tt.halves, got, tt.decoded)
		}
		if d := decoded[0]; len(d) > 0 && !d[0].halves {
			t.Errorf("halves %v: %q kept without the halves' mark", tt.halves, d[0].text())
		}
		st.completeLists(decoded)
		var listed []string
		for _, d := range decoded {
			for _, a := range d {
				if a.listed {
					listed = append(listed, a.text())
				}
			}
		}
		if !reflect.DeepEqual(listed, tt.listed) {
			t.Errorf("halves %v: listed %q, want %q", tt.halves, listed, tt.listed)
		}
	}
}

// A slash between two headed names joins two bodies: decoding keeps the
// sides, not the pair, however well the pair scores. A side with no head
// of its own leaves one name.
func TestDecodeSplitsSlashPairs(t *testing.T) {
	for _, tt := range []struct {
		sentence string
		probs    map[string]float64
		want     []string
	}{
		{"Grants went to Northtown Advice Bureau/Westshire Advice Centre this year.",
			map[string]float64{"Northtown Advice Bureau/Westshire Advice Centre": 0.7,
				"Northtown Advice Bureau": 0.5, "Westshire Advice Centre": 0.7},
			[]string{"Northtown Advice Bureau", "Westshire Advice Centre"}},
		{"Grants went to the Northtown Health/Social Care Board this year.",
			map[string]float64{"Northtown Health/Social Care Board": 0.7, "Northtown Health": 0.4, "Social Care Board": 0.6},
			[]string{"Northtown Health/Social Care Board"}},
	} {
		st := studyOf(tt.sentence, tt.probs)
		decoded := decodeAll(st)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// A group of people is never a body: decoding and list completion keep
// none of "Pupils", "Parents & Carers"; a body of theirs, with a head
// or a name, stays.
func TestDecodeKeepsNoGroupOfPeople(t *testing.T) {
	st := studyOf("Help came from Northtown Trust, Pupils, Parents & Carers and the Tenants Association.",
		map[string]float64{"Northtown Trust": 0.9, "Pupils": 0.8, "Parents & Carers": 0.6, "Tenants Association": 0.7})
	decoded := decodeAll(st)
	st.completeLists(decoded)
	if got, want := keptTexts(decoded), []string{"Northtown Trust", "Tenants Association"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
}

// A study names one body the same way throughout: a chunk kept short where
// a longer alternative of its run is a name kept elsewhere takes the
// longer form.
func TestWidenKnownTakesTheFullName(t *testing.T) {
	st := studyOf("The head of Northtown Rovers in the Community spoke.", nil)
	alts := st.runs[len(st.runs)-1]
	var short scoredChunk
	for _, a := range alts {
		if a.text() == "Northtown Rovers" {
			short = a
		}
	}
	if short.ps == nil {
		t.Fatalf("no alternative %q among %d", "Northtown Rovers", len(alts))
	}
	for _, tt := range []struct {
		known map[string]bool
		want  string
	}{
		{map[string]bool{normName("Northtown Rovers in the Community"): true, normName("Northtown Rovers"): true}, "Northtown Rovers in the Community"},
		{map[string]bool{normName("Northtown Rovers"): true}, "Northtown Rovers"},
	} {
		kept := []scoredChunk{short}
		widenKnown(alts, kept, tt.known)
		if got := kept[0].text(); got != tt.want {
			t.Errorf("known %v: kept %q, want %q", tt.known, got, tt.want)
		}
	}
}

// "X for Y" or "X at Y" is narrowed to Y when the study keeps Y elsewhere
// and X names no body: a headline's phrase, or a post after a role.
func TestKnownAfterPreposition(t *testing.T) {
	known := map[string]bool{normName("Northtown Foodbank"): true, normName("Westshire Homes"): true}
	for _, tt := range []struct {
		sentence, kept string
		alt            altKind
		want           string
	}{
		{"Funding Lift for Northtown Foodbank", "Funding Lift for Northtown Foodbank", altWhole, "Northtown Foodbank"},
		{"Jo Bloggs, Director of Lettings at the Westshire Homes, said it.", "Lettings at the Westshire Homes", altAfterRole, "Westshire Homes"},
		{"Jo Bloggs, Director of Lettings at the Westshire Homes, said it.", "Lettings at the Westshire Homes", altStripLead, "Westshire Homes"},
		// a body of its own before the preposition: its remit, kept whole
		{"The Society for Northtown Foodbank met.", "Society for Northtown Foodbank", altWhole, "Society for Northtown Foodbank"},
		// Y not named elsewhere: kept whole
		{"Funding Lift for Eastbury Pantry", "Funding Lift for Eastbury Pantry", altWhole, "Funding Lift for Eastbury Pantry"},
	} {
		ps := passageOf(tt.sentence)
		var a scoredChunk
		for _, r := range findRuns(ps.toks, ps.sents[0][0], ps.sents[0][1]) {
			for _, c := range alternatives(ps, r, 0, nil) {
				if c.text() == tt.kept {
					a = scoredChunk{chunk: c, class: 1}
					a.alt = tt.alt
				}
			}
		}
		if a.ps == nil {
			t.Fatalf("%q: no alternative %q", tt.sentence, tt.kept)
		}
		if got := knownAfterPreposition(a, known).text(); got != tt.want {
			t.Errorf("%q: narrowed to %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// A comma list of groups of people between two kept names is the
// membership one name spells out: the names are joined over it.
func TestMergePeopleLists(t *testing.T) {
	for _, tt := range []struct {
		sentence string
		want     []string
	}{
		{"Thanks to Northtown School Parents, Pupils, and Carers Forum and Westshire Mind.",
			[]string{"Northtown School Parents, Pupils, and Carers Forum", "Westshire Mind"}},
		{"Thanks to Northtown School Parents, Pupils and Carers Forum and Westshire Mind.",
			[]string{"Northtown School Parents, Pupils and Carers Forum", "Westshire Mind"}},
		// bodies in a list stay apart
		{"Thanks to Northtown Trust, Westshire Mind, and Carers Forum.",
			[]string{"Northtown Trust", "Westshire Mind", "Carers Forum"}},
	} {
		st := studyOf(tt.sentence, map[string]float64{"Northtown School Parents": 0.9, "Pupils": 0.8,
			"Carers Forum": 0.8, "Westshire Mind": 0.9, "Northtown Trust": 0.9})
		decoded := decodeAll(st)
		st.mergePeopleLists(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}
