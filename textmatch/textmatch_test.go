package textmatch

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"St Mary’s & Co.", "saint marys and co"},
		{"Reigate & Banstead", "reigate and banstead"},
		{"  Crème  UK ", "creme uk"},
		{"Barlow + Finch", "barlow and finch"},
		{"Aldwinkle's Society", "aldwinkles society"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	ix := NewIndex()
	ix.Add("council:rei", "Reigate & Banstead Council", []string{"Reigate and Banstead"})
	ix.Add("org:alz", "Aldwinkle’s Society", nil)
	ix.Add("org:stm", "Saint Mungo's", []string{"St Mungos"})
	ix.Add("org:age", "Age Forum Hartlepool Network", nil)
	ix.Add("council:hpl", "Hartlepool Borough Council", nil)

	tests := []struct {
		query     string
		wantFirst string
		wantField string
		wantAll   []string
	}{
		{"reigate and banstead council", "council:rei", "name", nil},
		{"Reigate and Banstead", "council:rei", "alias", nil},
		{"aldwinkles", "org:alz", "name", nil},
		{"Aldwinles Socety", "org:alz", "name", nil}, // two typos
		{"St Mungo's", "org:stm", "name", nil},
		{"hartlepool", "council:hpl", "name", []string{"council:hpl", "org:age"}},
		{"hartlepol", "", "", []string{"council:hpl", "org:age"}}, // a typo; the tighter match first
		{"zzzz", "", "", []string{}},
		{"   ", "", "", []string{}},
	}
	for _, tt := range tests {
		got := ix.Search(tt.query)
		if tt.wantFirst != "" {
			if len(got) == 0 || got[0].ID != tt.wantFirst || got[0].Field != tt.wantField {
				t.Errorf("Search(%q) = %+v, want first %s via %s", tt.query, got, tt.wantFirst, tt.wantField)
			}
		}
		if tt.wantAll != nil {
			ids := []string{}
			for _, m := range got {
				ids = append(ids, m.ID)
			}
			if !slices.Equal(ids, tt.wantAll) {
				t.Errorf("Search(%q) ids = %v, want %v", tt.query, ids, tt.wantAll)
			}
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score > got[i-1].Score {
				t.Errorf("Search(%q) not sorted by score: %+v", tt.query, got)
			}
		}
	}
}

// The ASCII fast path of Normalize gives what the general path gives.
func TestNormalizeFastAsGeneral(t *testing.T) {
	for _, s := range []string{"", " ", "St Mary's & Co.", "st", "St", "ST.", "first", "a+b", "&", "&&x", "x&", "Acme UK/Acme",
		"  Reigate & Banstead Council ", "Aldwinkle's", "'s", "Covid-19 Response", "O'Neill st", "1,000 st st", "foo  bar",
		"saint marys and co", "abc'", "'abc", "Heart of the Northtown LEP", "x+st", "st+", "---", "A.B.C."} {
		want := strings.Join(Tokens(s), " ")
		if got, ok := normalizeFast(s); !ok || got != want {
			t.Errorf("normalizeFast(%q) = %q, %v; Tokens joined give %q", s, got, ok, want)
		}
	}
	for _, s := range []string{"Caf\u00e9 Ren\u00e9e", "St Mary\u2019s", "\u2018St\u2019", "Food \u2013 Hub", "\u00a3500 Fund", "\u00c9cole St\u00a0Anne", "\u201cst\u201d"} {
		want := strings.Join(Tokens(s), " ")
		if got, ok := normalizeFast(s); !ok || got != want {
			t.Errorf("normalizeFast(%q) = %q, %v; Tokens joined give %q", s, got, ok, want)
		}
	}
	// runes the fast path does not know take the general path
	for _, s := range []string{"\u0141\u00f3d\u017a", "Caf\u0065\u0301", "\u00d8stfold", "Stra\u00dfe", "\u0664\u0662"} {
		if got, ok := normalizeFast(s); ok {
			t.Errorf("normalizeFast(%q) = %q: took a rune it does not know", s, got)
		}
	}
}

// Every rune of the fast path's table, alone and inside and around
// words, normalises as the general path does.
func TestFastRunesAsGeneral(t *testing.T) {
	for r := range fastRunes {
		for _, s := range []string{string(r), "a" + string(r) + "b", "st" + string(r), string(r) + "st", "St" + string(r) + "s x", "x " + string(r) + "&"} {
			want := strings.Join(Tokens(s), " ")
			if got, ok := normalizeFast(s); !ok || got != want {
				t.Errorf("normalizeFast(%q) = %q, %v; Tokens joined give %q", s, got, ok, want)
			}
		}
	}
}

// Whatever the text, the fast path gives what the general path gives, or
// declines it.
func FuzzNormalizeFastAsGeneral(f *testing.F) {
	for _, s := range []string{"St Mary\u2019s & Co.", "Caf\u00e9 \u2013 st", "\u00a3 1,000", "\xff\xfe", "\u00c5ngstr\u00f6m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := normalizeFast(s); ok && got != strings.Join(Tokens(s), " ") {
			t.Fatalf("normalizeFast(%q) = %q, want %q", s, got, strings.Join(Tokens(s), " "))
		}
	})
}

// Random text from the characters that matter to Normalize, ASCII and
// runes of the fast path's table: the fast path takes it all.
func TestNormalizeFastRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	chars := []rune("aSsTt '&+.-,9é’–£É")
	for range 20000 {
		b := make([]rune, r.IntN(12))
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		s := string(b)
		if got, ok := normalizeFast(s); !ok || got != strings.Join(Tokens(s), " ") {
			t.Fatalf("normalizeFast(%q) = %q, %v, want %q", s, got, ok, strings.Join(Tokens(s), " "))
		}
	}
}

// AppendNormalized appends what Normalize gives, after what the buffer
// holds already (a word at the start of the appended text takes no space
// before it), for ASCII text and any other.
func TestAppendNormalized(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const chars = "aSsTt '&+.-,9é’"
	for range 5000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		s := string(b)
		for _, prefix := range []string{"", "x", "ab "} {
			if got, want := string(AppendNormalized([]byte(prefix), s)), prefix+Normalize(s); got != want {
				t.Fatalf("AppendNormalized(%q, %q) = %q, want %q", prefix, s, got, want)
			}
		}
	}
}
