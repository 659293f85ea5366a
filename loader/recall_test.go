package loader

import (
	"reflect"
	"testing"
)

// TestPromoteDescribedKindIntroduces: a kind of body before a name, through
// a comma, "such as", "including" or "like", says the name is a body's, and
// a plural kind introduces each item of the list after it.
func TestPromoteDescribedKindIntroduces(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"The food came from local suppliers, Zorbo Harwick and Brightmoor Foods.", []string{"Zorbo Harwick", "Brightmoor Foods"}},
		{"We worked with retailers such as Zorbo on the parcels.", []string{"Zorbo"}},
		{"Help came from voluntary organisations including Northtown Cares this spring.", []string{"Northtown Cares"}},
		{"We thanked the charity, Northtown Cares, for its help.", []string{"Northtown Cares"}},
		{"The team rang housing provider Zorbo Homes.", []string{"Zorbo Homes"}},                                                             // the kind right before, as before
		{"The board agreed to give £900 to the Brightmoor Lifeboat Crew and the Zorbo Winter Appeal.", []string{"Brightmoor Lifeboat Crew"}}, // a sum's recipients; an appeal is a thing
		{"We met partners, Town and Parish Councils among them.", nil},                                                                       // a plural kind names no body
		{"We met partners, John Smith among them.", nil},                                                                                     // a person
		{"The food came from local shops, Zorbo among them.", nil},                                                                           // "shops" is no describing noun here
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, nil)
		decoded := make([][]scoredChunk, len(st.runs))
		st.promoteDescribed(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestPromoteAppositive: a gloss after a name that says what kind of body
// it is keeps the name, even when it opens its sentence.
func TestPromoteAppositive(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"Zorbo Dial-a-Bus, one of our key strategic partners, delivered medicines.", []string{"Zorbo Dial-a-Bus"}},
		{"We worked with Northtown Cares, a local charity, on the parcels.", []string{"Northtown Cares"}},
		{"Help came from Brightmoor Hands, another community group.", []string{"Brightmoor Hands"}},
		{"Help came from Brightmoor Hands, which is new.", nil},                    // no kind in the gloss
		{"We thanked John Smith, a local business owner.", nil},                    // a person
		{"Food came from Town and Parish Councils, one of our partners.", nil},     // a plural kind
		{"Help came from Brightmoor Hands, a welcome boost for the charity.", nil}, // the kind is too far off
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, nil)
		decoded := make([][]scoredChunk, len(st.runs))
		st.promoteAppositive(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestPromotePartnered: the partner of a verb of working together is a body
// or a person; the person and a mere modifier stay out.
func TestPromotePartnered(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"The hub worked with Zorbopad to adapt its platform.", []string{"Zorbopad"}},
		{"Food was packed in partnership with Northtown Cares and Brightmoor Larder.", []string{"Northtown Cares", "Brightmoor Larder"}},
		{"The council teamed up with the Zorbo Riders last year.", []string{"Zorbo Riders"}},
		{"The hub worked with John Smith on the rota.", nil},               // a person
		{"Working with the Zorbo-run council, groups stepped up.", nil},    // a modifier of the noun after it
		{"The hub worked with Zorbo community groups on the rota.", nil},   // the run only modifies the noun
		{"The hub was pleased with Zorbopad and its platform.", nil},       // no verb of working together
		{"The hub worked with Town and Parish Councils on the rota.", nil}, // a plural kind
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, nil)
		decoded := make([][]scoredChunk, len(st.runs))
		st.promotePartnered(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestPromoteDoers: the subject of a verb of doing the work is a body or a
// person; people, places, schemes and the passive stay out.
func TestPromoteDoers(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"Zorbo Events is supporting volunteer coordination.", []string{"Zorbo Events"}},
		{"We thanked Brightmoor Larder and Zorbotec who have provided distribution points.", []string{"Brightmoor Larder", "Zorbotec"}},
		{"Zorbotec also delivered meals to residents.", []string{"Zorbotec"}},
		{"John Smith delivered meals to residents.", nil},                 // a person
		{"Zorbotec has been supported by the council.", nil},              // the passive
		{"The Northtown Meals Scheme delivered meals to residents.", nil}, // a scheme
		{"Zorbotec is a new name in the town.", nil},                      // no verb of doing the work
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, nil)
		decoded := make([][]scoredChunk, len(st.runs))
		st.promoteDoers(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// councilStudyOf is a one-passage study of the sentence with its councils
// found and masked from the runs, every alternative scored as nothing.
func councilStudyOf(sentence string) *studyText {
	doc := &document{id: "doc:t", file: "t.txt", lines: []string{sentence}}
	dc := bareDocContext()
	st := prepareStudy(&caseStudy{paras: paragraphs(doc)}, dc)
	for _, alts := range st.runs {
		for x := range alts {
			alts[x].feats, alts[x].probs, alts[x].class = chunkFeatures(alts[x].chunk, dc), []float64{1, 0, 0}, 1
		}
	}
	return st
}

// TestPromoteCouncilMates: a council's list mates are bodies it worked
// with; places, people and schemes stay out, and so does a run with no
// separator between it and the council (the council's own unit).
func TestPromoteCouncilMates(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"The scheme has been set up by Torridge District Council and Wellbeing Zorbo.", []string{"Wellbeing Zorbo"}},
		{"Funds came from Brightmoor Larder and Torridge District Council this spring.", []string{"Brightmoor Larder"}},
		{"The scheme was run by Torridge District Council and the Zorbo Helpline Scheme.", nil}, // a scheme
		{"The scheme was run by Torridge District Council and John Smith.", nil},                // a person
		{"The scheme was run by Torridge District Council Zorbo Team.", nil},                    // the council's own unit
		{"The scheme was run by Torridge District Council with help from Zorbo Cares.", nil},    // no list
	}
	for _, tt := range tests {
		st := councilStudyOf(tt.sentence)
		if len(st.councils) == 0 {
			t.Fatalf("%q: no council found", tt.sentence)
		}
		decoded := make([][]scoredChunk, len(st.runs))
		st.promoteCouncilMates(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestCompleteListsReadsThroughBrackets: a gloss or a short name in
// brackets after an item does not end the list, and the bracketed short
// name is no item of its own.
func TestCompleteListsReadsThroughBrackets(t *testing.T) {
	tests := []struct {
		sentence string
		probs    map[string]float64
		want     []string
	}{
		{"Members include Brightmoor Larder; Zorbo Hands (which speaks for carers); Northtown Women's Aid (NWA); Zorbo-ability.",
			map[string]float64{"Brightmoor Larder": 0.9, "Northtown Women's Aid": 0.9},
			[]string{"Brightmoor Larder", "Zorbo Hands", "Northtown Women's Aid", "Zorbo-ability"}},
		{"Members include Brightmoor Larder; Zorbo Hands; Northtown Women's Aid (NWA).",
			map[string]float64{"Brightmoor Larder": 0.9, "Northtown Women's Aid": 0.9},
			[]string{"Brightmoor Larder", "Zorbo Hands", "Northtown Women's Aid"}}, // NWA left to the acronym stage
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, tt.probs)
		decoded := make([][]scoredChunk, len(st.runs))
		for i, alts := range st.runs {
			decoded[i] = decodeRun(alts, []string{classNone, classOrg, classInitiative})
		}
		st.completeLists(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestPromoteMembersOf: whose volunteers, staff or members did something
// names a body; a name with a head noun and a workplace stay with the model.
func TestPromoteMembersOf(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"Zorbo Kinship Circle volunteers helped residents buy essentials.", []string{"Zorbo Kinship Circle"}},
		{"Volunteers from Kindly Zorbo Folk packed the parcels.", []string{"Kindly Zorbo Folk"}},
		{"We trained the Zorbo Family Centre staff this year.", nil}, // a head noun: the model's call
		{"The scheme feeds staff at Zorbo Infirmary.", nil},          // a workplace
		{"Volunteers from Torridge packed the parcels.", nil},        // a place's people
	}
	for _, tt := range tests {
		st := studyOf(tt.sentence, nil)
		decoded := make([][]scoredChunk, len(st.runs))
		st.promoteMembersOf(decoded)
		if got := keptTexts(decoded); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: kept %q, want %q", tt.sentence, got, tt.want)
		}
	}
}
