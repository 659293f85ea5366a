package loader

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Every fixed feature is named as the features were spelt before they had
// numbers: prefix+bucket(n, cuts...) for each bucket family and n, and the
// tables by value. A family registered with other cuts or another prefix
// than the one it replaced would give the models features they never saw.
func TestFixedFeaturesAreSpeltAsBefore(t *testing.T) {
	families := []struct {
		f      bucketFeat
		prefix string
		cuts   []int
	}{
		{fN, "n=", []int{1, 2, 3, 4, 6}},
		{fPersonTitleN, "personTitleFirst|n=", []int{2, 3}},
		{fAcronym, "acronym", []int{3, 5}},
		{fCount, "count=", []int{0, 1, 2, 4}},
		{fAllCommonN, "allCommon|n=", []int{1, 2, 3}},
		{fSentStartN, "sentStart|n=", []int{1, 2}},
		{fFirstNameN, "firstName|n=", []int{1, 2, 3}},
		{fListMates, "listMates=", []int{0, 1, 3}},
		{fSingleListMates, "single|listMates=", []int{0, 1, 3}},
	}
	for _, fam := range families {
		for n := -1; n <= 20; n++ {
			if got, want := fixedNames[fam.f.of(n)], fam.prefix+bucket(n, fam.cuts...); got != want {
				t.Errorf("%s of %d is %q, want %q", fam.prefix, n, got, want)
			}
		}
	}
	for a := range altNames {
		if got := fixedNames[fAlt[a]]; got != "alt="+altNames[a] {
			t.Errorf("alt %d is %q", a, got)
		}
	}
	for i, x := range shapeNames {
		for j, y := range shapeNames {
			if got := fixedNames[fShape1[i][j]]; got != "shape1="+x+"|"+y {
				t.Errorf("shape1 %d %d is %q", i, j, got)
			}
		}
	}
	for i, x := range headClassNames {
		if got := fixedNames[fHeadClass[i]]; got != "headClass="+x {
			t.Errorf("headClass %d is %q", i, got)
		}
		if got := fixedNames[fGazFirstLast[i]]; got != "gaz=first|last="+x {
			t.Errorf("gaz=first|last %d is %q", i, got)
		}
		for j, y := range headClassNames {
			if got := fixedNames[fAndSplit[i][j]]; got != "andSplit="+x+"|"+y {
				t.Errorf("andSplit %d %d is %q", i, j, got)
			}
		}
	}
	for k := range 2 {
		if got := fixedNames[fPrevStart[k]]; got != "prev"+strconv.Itoa(k+1)+"=<s>" {
			t.Errorf("prev start %d is %q", k, got)
		}
		if got := fixedNames[fNextEnd[k]]; got != "next"+strconv.Itoa(k+1)+"=</s>" {
			t.Errorf("next end %d is %q", k, got)
		}
	}
}

// headClass answers from one table as it did from the word sets in turn.
func TestHeadClassAsTheSetsInTurn(t *testing.T) {
	bySets := func(w string) string {
		switch {
		case orgHeads[w]:
			return "org"
		case initiativeHeads[w] || thingHeads[w]:
			return "thing"
		case peopleHeads[w]:
			return "people"
		case personTitles[w] || personRoles[w] || roleWords[w]:
			return "role"
		case placeHeads[w]:
			return "place"
		}
		return ""
	}
	words := []string{"", "acme", "the"}
	for _, set := range []map[string]bool{orgHeads, initiativeHeads, thingHeads, peopleHeads, personTitles, personRoles, roleWords, placeHeads} {
		for w := range set {
			words = append(words, w)
		}
	}
	for _, w := range words {
		if got, want := headClass(w), bySets(w); got != want {
			t.Errorf("headClass(%q) = %q, the sets say %q", w, got, want)
		}
	}
}

// closedID finds every closed-class word's id (the first of a repeated
// word's, as the features number it) and none for other words.
func TestClosedID(t *testing.T) {
	first := map[string]uint16{}
	for i, w := range closedClass {
		if _, ok := first[w]; !ok {
			first[w] = uint16(i + 1)
		}
	}
	for w, id := range first {
		if got := closedID(w); got != id {
			t.Errorf("closedID(%q) = %d, want %d", w, got, id)
		}
	}
	for _, w := range []string{"", "acme", "th", "thee", "donatedly", "£5", "trust", "councils'", strings.Repeat("a", 40)} {
		if got := closedID(w); got != first[w] {
			t.Errorf("closedID(%q) = %d, want %d", w, got, first[w])
		}
	}
}

// A chunk's lower-cased text, read from its passage's lower-cased text, is
// strings.ToLower of its text: ASCII or not, and after letters whose lower
// case is longer than they are ("Ⱥ"), where the passage's text and its
// lower-cased form no longer line up.
func TestChunkLowerText(t *testing.T) {
	for _, tt := range []struct{ sentence, name string }{
		{"Funds came from the Acme TRUST and others.", "Acme TRUST"},
		{"Thanks to Café Zorbo Ltd for the food.", "Café Zorbo Ltd"},
		{"Ⱥ note: the Acme Trust gave £5.", "Acme Trust"},
		{"ȺȺȺ İİ the NORTHTOWN Food Bank gave bread.", "NORTHTOWN Food Bank"},
	} {
		c := chunkOf(t, tt.sentence, tt.name)
		if got, want := c.lowerText(), strings.ToLower(c.text()); got != want {
			t.Errorf("%q: lowerText %q, want %q", tt.sentence, got, want)
		}
	}
}

// No character beyond ASCII lower-cases to a letter of nameAbbreviations,
// so only a word of their length can be one (maxAbbreviationLen).
func TestAbbreviationsLowerFromASCIIOnly(t *testing.T) {
	letters := ""
	for w := range nameAbbreviations {
		letters += w
	}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if l := strings.ToLower(string(r)); len(l) == 1 && strings.Contains(letters, l) {
			t.Errorf("%U lower-cases to %q, a letter of an abbreviation", r, l)
		}
	}
}

// modelRule writes what fmt.Sprintf("model:%s p=%.2f %s", ...) writes.
func TestModelRuleAsSprintf(t *testing.T) {
	for _, p := range []float64{0, 0.005, 0.125, 0.349999, 0.35, 0.995, 0.9951, 1, 0.7 - 1e-12} {
		for _, why := range []string{"", "headClass=org listItem prev1=,"} {
			if got, want := modelRule("org", p, why), fmt.Sprintf("model:%s p=%.2f %s", "org", p, why); got != want {
				t.Errorf("modelRule(%v, %q) = %q, want %q", p, why, got, want)
			}
		}
	}
}

// The list model's fixed features are named as they were concatenated,
// and probBucketOf buckets as the thresholds say.
func TestMateFeaturesAreSpeltAsBefore(t *testing.T) {
	bucket := func(p float64) string {
		switch {
		case p < 0.1:
			return "0"
		case p < 0.3:
			return "1"
		case p < 0.5:
			return "3"
		case p < 0.7:
			return "5"
		case p < 0.9:
			return "7"
		}
		return "9"
	}
	for _, p := range []float64{0, 0.0999, 0.1, 0.2999, 0.3, 0.4999, 0.5, 0.6999, 0.7, 0.8999, 0.9, 1} {
		if got := probBuckets[probBucketOf(p)]; got != bucket(p) {
			t.Errorf("bucket of %v is %q, want %q", p, got, bucket(p))
		}
	}
	check := func(id fixedFeat, want string) {
		if fixedNames[id] != want {
			t.Errorf("feature %q, want %q", fixedNames[id], want)
		}
	}
	check(fMatesNone, "mates=none")
	for i, b := range probBuckets {
		check(fMates[i], "mates="+b)
		check(fSelf[i], "self="+b)
		check(fSides[i], "sides="+b)
		check(fMatesNoneSelf[i], "mates=none|self="+b)
		for j, s := range probBuckets {
			check(fMatesSelf[i][j], "mates="+b+"|self="+s)
			check(fSidesSelf[i][j], "sides="+b+"|self="+s)
		}
	}
}

// The funding frame's fixed features are named as they were spelt.
func TestFrameFeaturesAreSpeltAsBefore(t *testing.T) {
	for d := 0; d <= 12; d++ {
		for _, side := range []struct {
			f    bucketFeat
			name string
		}{{fMoneyAfter, "after"}, {fMoneyBefore, "before"}} {
			if got, want := fixedNames[side.f.of(d)], "money="+side.name+bucket(d, 2, 5, 10); got != want {
				t.Errorf("money %s %d is %q, want %q", side.name, d, got, want)
			}
		}
	}
	for n := 1; n <= 6; n++ {
		if got, want := fixedNames[fGiveBefore[min(n, 4)-1]], "giveBefore"+strconv.Itoa(min(n, 4)); got != want {
			t.Errorf("giveBefore %d is %q, want %q", n, got, want)
		}
		if got, want := fixedNames[fGiveAfter[min(n, 4)-1]], "giveAfter"+strconv.Itoa(min(n, 4)); got != want {
			t.Errorf("giveAfter %d is %q, want %q", n, got, want)
		}
	}
	for i, hc := range headClassNames {
		if got := fixedNames[fHead[i]]; got != "head="+hc {
			t.Errorf("head %d is %q", i, got)
		}
	}
	for i, w := range fundHeadwords {
		if got := fixedNames[fHeadword[i]]; got != "headword="+w {
			t.Errorf("headword %d is %q", i, got)
		}
	}
	for id, want := range map[fixedFeat]string{fNoMoney: "noMoney", fGiving: "giving", fInKind: "inKind"} {
		if fixedNames[id] != want {
			t.Errorf("feature %q, want %q", fixedNames[id], want)
		}
	}
}
