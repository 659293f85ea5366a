package server

import (
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// plainEnvelope reads the request body most clients send, one JSON object
// such as {"query":"{ hello }","operationName":null,"variables":{}}, in a
// single pass, without the validation, reflection and two decodings of
// splitBody and paramsFromJSON. It accepts only what it can decode exactly
// as those do:
//
//   - members named, byte for byte, query, operationName, variables or
//     extensions, each at most once (encoding/json also matches names
//     case-insensitively and lets a repeated member win: left to it);
//   - query and operationName a string or null;
//   - variables and extensions null or the empty object;
//   - strings of valid UTF-8 whose escapes are not surrogates (encoding/json
//     turns invalid UTF-8 and lone surrogates into U+FFFD: left to it).
//
// Anything else (variables with members, a batch, a mistake) gives ok ==
// false, and the body is read by splitBody and paramsFromJSON as before, so
// every error is named as it was. FuzzPlainEnvelope holds the two to the
// same answer.
func plainEnvelope(body []byte) (p *graphql.RawParams, ok bool) {
	d := envelopeReader{b: body}
	d.space()
	if !d.take('{') {
		return nil, false
	}
	p = &graphql.RawParams{}
	var seen [4]bool
	d.space()
	if d.take('}') {
		return p, d.end()
	}
	for {
		d.space()
		member := d.memberName()
		if member < 0 || seen[member] {
			return nil, false
		}
		seen[member] = true
		d.space()
		if !d.take(':') {
			return nil, false
		}
		d.space()
		switch member {
		case memberQuery, memberOperationName:
			s, ok := d.stringOrNull()
			if !ok {
				return nil, false
			}
			if member == memberQuery {
				p.Query = s
			} else {
				p.OperationName = s
			}
		case memberVariables, memberExtensions:
			m, ok := d.emptyObjectOrNull()
			if !ok {
				return nil, false
			}
			if member == memberVariables {
				p.Variables = m
			} else {
				p.Extensions = m
			}
		}
		d.space()
		if d.take('}') {
			return p, d.end()
		}
		if !d.take(',') {
			return nil, false
		}
	}
}

// The members plainEnvelope reads, as indexes of its seen array.
const (
	memberQuery = iota
	memberOperationName
	memberVariables
	memberExtensions
)

// envelopeReader is a cursor over a request body.
type envelopeReader struct {
	b []byte
	i int
}

// space skips JSON's whitespace (and nothing else: bytes.TrimSpace would).
func (d *envelopeReader) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *envelopeReader) take(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *envelopeReader) takeWord(w string) bool {
	if len(d.b)-d.i >= len(w) && string(d.b[d.i:d.i+len(w)]) == w {
		d.i += len(w)
		return true
	}
	return false
}

// end reports whether only whitespace is left.
func (d *envelopeReader) end() bool {
	d.space()
	return d.i == len(d.b)
}

// memberName reads a quoted member name and returns which of the four it
// is, or -1 for any other (escaped names included).
func (d *envelopeReader) memberName() int {
	for member, name := range [...]string{
		memberQuery:         `"query"`,
		memberOperationName: `"operationName"`,
		memberVariables:     `"variables"`,
		memberExtensions:    `"extensions"`,
	} {
		if d.takeWord(name) {
			return member
		}
	}
	return -1
}

func (d *envelopeReader) emptyObjectOrNull() (map[string]any, bool) {
	if d.takeWord("null") {
		return nil, true
	}
	if !d.take('{') {
		return nil, false
	}
	d.space()
	if !d.take('}') {
		return nil, false
	}
	// decodeObject gives an empty map, not nil, for {}.
	return map[string]any{}, true
}

func (d *envelopeReader) stringOrNull() (string, bool) {
	if d.takeWord("null") {
		return "", true
	}
	return d.str()
}

// str reads a JSON string. Without escapes (most queries) it is copied
// once; with them it is written into a builder the size of its raw text,
// which the decoded text never exceeds.
func (d *envelopeReader) str() (string, bool) {
	if !d.take('"') {
		return "", false
	}
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			s := string(d.b[start:d.i])
			d.i++
			return s, true
		case c == '\\':
			return d.escapedStr(start)
		case c < 0x20:
			return "", false // a control character must be escaped
		case c < utf8.RuneSelf:
			d.i++
		default:
			r, size := utf8.DecodeRune(d.b[d.i:])
			if r == utf8.RuneError && size == 1 {
				return "", false
			}
			d.i += size
		}
	}
	return "", false
}

// escapedStr goes on reading the string begun at start, d.i at its first
// backslash.
func (d *envelopeReader) escapedStr(start int) (string, bool) {
	var sb strings.Builder
	end := d.i
	for end < len(d.b) && d.b[end] != '"' {
		if d.b[end] == '\\' {
			end++ // an escaped quote does not end the string
		}
		end++
	}
	sb.Grow(end - start)
	sb.Write(d.b[start:d.i])
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return sb.String(), true
		case c == '\\':
			if d.i+1 >= len(d.b) {
				return "", false
			}
			d.i += 2
			switch e := d.b[d.i-1]; e {
			case '"', '\\', '/':
				sb.WriteByte(e)
			case 'b':
				sb.WriteByte('\b')
			case 'f':
				sb.WriteByte('\f')
			case 'n':
				sb.WriteByte('\n')
			case 'r':
				sb.WriteByte('\r')
			case 't':
				sb.WriteByte('\t')
			case 'u':
				r, ok := hex4(d.b[d.i:])
				if !ok || utf8.RuneLen(r) < 0 { // RuneLen is -1 for a surrogate half
					return "", false
				}
				d.i += 4
				sb.WriteRune(r)
			default:
				return "", false
			}
		case c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			sb.WriteByte(c)
			d.i++
		default:
			r, size := utf8.DecodeRune(d.b[d.i:])
			if r == utf8.RuneError && size == 1 {
				return "", false
			}
			sb.Write(d.b[d.i : d.i+size])
			d.i += size
		}
	}
	return "", false
}

// hex4 reads the four hexadecimal digits of a \u escape.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
