package partnergraph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a name into the lower-case, hyphen-separated ASCII form used in
// stable ids: "Women’s Health in Northtown" -> "womens-health-in-northtown".
// Accents are folded, "&" reads as "and", apostrophes vanish.
func Slug(s string) string {
	if IsASCII(s) {
		return asciiSlug(s)
	}
	return slugRunes(FoldAccents(s))
}

// slugRunes is Slug of a name whose accents are folded.
func slugRunes(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			continue
		case r == '&':
			if b.Len() > 0 && !hyphen {
				b.WriteByte('-')
			}
			b.WriteString("and")
			hyphen = false
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			hyphen = false
		default:
			if b.Len() > 0 && !hyphen {
				b.WriteByte('-')
				hyphen = true
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

// asciiSlug is Slug of an ASCII name, in one pass and one allocation
// (every mention of a load is slugged): the same bytes as slugRunes,
// FoldAccents leaving ASCII as it is (TestASCIISlugIsSlugRunes).
func asciiSlug(s string) string {
	var buf [64]byte
	b := buf[:0]
	hyphen := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c == '\'':
			continue
		case c == '&':
			if len(b) > 0 && !hyphen {
				b = append(b, '-')
			}
			b = append(b, "and"...)
			hyphen = false
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b = append(b, c)
			hyphen = false
		default:
			if len(b) > 0 && !hyphen {
				b = append(b, '-')
				hyphen = true
			}
		}
	}
	for len(b) > 0 && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// FoldAccents removes combining marks: "Crème" -> "Creme".
func FoldAccents(s string) string {
	if IsASCII(s) {
		return s // no marks to remove, and NFD and NFC leave ASCII as it is
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// Id prefixes for each node kind.
const (
	CouncilIDPrefix      = "council:"
	OrganisationIDPrefix = "org:"
	InitiativeIDPrefix   = "initiative:"
	DocumentIDPrefix     = "doc:"
)

// KindOfID returns the kind an id's prefix names, or "" when it names none.
func KindOfID(id string) Kind {
	switch {
	case strings.HasPrefix(id, CouncilIDPrefix):
		return KindCouncil
	case strings.HasPrefix(id, OrganisationIDPrefix):
		return KindOrganisation
	case strings.HasPrefix(id, InitiativeIDPrefix):
		return KindInitiative
	case strings.HasPrefix(id, DocumentIDPrefix):
		return KindDocument
	}
	return ""
}

// SortKey is the key lists are ordered by: accents folded, lower case,
// punctuation dropped, a leading "the" ignored. Stores order by it so that
// both give the same pages.
func SortKey(name string) string {
	if k, ok := asciiSortKey(name); ok {
		return k
	}
	return slugSortKey(name)
}

// slugSortKey is SortKey by its definition: the slug, "the-" dropped,
// hyphens read as spaces.
func slugSortKey(name string) string {
	s := Slug(name)
	s = strings.TrimPrefix(s, "the-")
	return strings.ReplaceAll(s, "-", " ")
}

// IsASCII reports a string with no byte outside ASCII (the fast paths of
// the name and text functions here and in the loader).
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiSortKey is SortKey of an ASCII name, in one pass and one
// allocation (lists and cursors compute keys on every request); ok is
// false when name is not ASCII. For ASCII, folding accents changes
// nothing, so this is Slug's loop writing spaces for its hyphens.
func asciiSortKey(name string) (key string, ok bool) {
	buf := make([]byte, 0, len(name)+4)
	space := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case c == '\'':
		case c == '&':
			if len(buf) > 0 && !space {
				buf = append(buf, ' ')
			}
			buf = append(buf, "and"...)
			space = false
		case 'A' <= c && c <= 'Z':
			buf = append(buf, c+'a'-'A')
			space = false
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			buf = append(buf, c)
			space = false
		default:
			if len(buf) > 0 && !space {
				buf = append(buf, ' ')
				space = true
			}
		}
	}
	if space {
		buf = buf[:len(buf)-1]
	}
	if len(buf) > 4 && string(buf[:4]) == "the " {
		buf = buf[4:]
	}
	return string(buf), true
}
