package partnergraph

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Hand-written JSON for the graph's nodes and relationships: the bytes
// json.Marshal gives for *Node and *Edge (field order, omitempty, HTML-safe
// string escaping, ES6 number formatting), without reflection. The version
// fingerprint hashes the whole graph's JSON (over a gigabyte at 1000x) and
// is compared with the one stored by earlier loads, so the bytes must stay
// exactly encoding/json's: FuzzNodeJSONAsMarshal and FuzzEdgeJSONAsMarshal
// hold them to it.

// unsupportedValue is the error json.Marshal gives for NaN and infinities
// (its message too).
type unsupportedValue string

func (u unsupportedValue) Error() string { return "json: unsupported value: " + string(u) }

func appendNodeJSON(b []byte, n *Node) ([]byte, error) {
	var err error
	b = append(b, `{"id":`...)
	b = appendJSONString(b, n.ID)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(n.Kind))
	b = append(b, `,"name":`...)
	b = appendJSONString(b, n.Name)
	b = append(b, `,"aliases":`...)
	b = appendJSONStrings(b, n.Aliases)
	b = appendOmitString(b, `,"officialName":`, n.OfficialName)
	b = appendOmitString(b, `,"gssCode":`, n.GSSCode)
	b = appendOmitString(b, `,"laCode":`, n.LACode)
	b = appendOmitString(b, `,"type":`, n.CouncilType)
	b = appendOmitString(b, `,"region":`, n.Region)
	b = appendOmitString(b, `,"nation":`, n.Nation)
	if n.Lat != nil {
		b = append(b, `,"lat":`...)
		if b, err = appendJSONFloat(b, *n.Lat); err != nil {
			return b, err
		}
	}
	if n.Lon != nil {
		b = append(b, `,"lon":`...)
		if b, err = appendJSONFloat(b, *n.Lon); err != nil {
			return b, err
		}
	}
	b = appendOmitString(b, `,"sector":`, string(n.Sector))
	b = appendOmitString(b, `,"summary":`, n.Summary)
	b = appendOmitString(b, `,"theme":`, n.Theme)
	b = appendOmitString(b, `,"beneficiaries":`, n.Beneficiaries)
	b = appendOmitString(b, `,"title":`, n.Title)
	b = appendOmitString(b, `,"publisher":`, n.Publisher)
	if n.Year != 0 {
		b = append(b, `,"year":`...)
		b = strconv.AppendInt(b, int64(n.Year), 10)
	}
	b = appendOmitString(b, `,"file":`, n.File)
	b = appendOmitString(b, `,"sha256":`, n.SHA256)
	b = append(b, `,"evidence":`...)
	if b, err = appendEvidenceListJSON(b, n.Evidence); err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

func appendEdgeJSON(b []byte, e *Edge) ([]byte, error) {
	var err error
	b = append(b, `{"id":`...)
	b = appendJSONString(b, e.ID)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(e.Kind))
	b = append(b, `,"source":`...)
	b = appendJSONString(b, e.Source)
	b = append(b, `,"target":`...)
	b = appendJSONString(b, e.Target)
	b = appendOmitString(b, `,"amountText":`, e.AmountText)
	if e.Amount != nil {
		b = append(b, `,"amount":`...)
		if b, err = appendJSONFloat(b, *e.Amount); err != nil {
			return b, err
		}
	}
	b = appendOmitString(b, `,"currency":`, e.Currency)
	if e.InKind {
		b = append(b, `,"inKind":true`...)
	}
	if e.Confidence != 0 {
		b = append(b, `,"confidence":`...)
		if b, err = appendJSONFloat(b, e.Confidence); err != nil {
			return b, err
		}
	}
	b = append(b, `,"evidence":`...)
	if b, err = appendEvidenceListJSON(b, e.Evidence); err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

func appendEvidenceListJSON(b []byte, evs []Evidence) ([]byte, error) {
	if evs == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	for i := range evs {
		if i > 0 {
			b = append(b, ',')
		}
		ev := &evs[i]
		b = append(b, `{"documentId":`...)
		b = appendJSONString(b, ev.DocumentID)
		b = append(b, `,"file":`...)
		b = appendJSONString(b, ev.File)
		b = append(b, `,"lineStart":`...)
		b = strconv.AppendInt(b, int64(ev.LineStart), 10)
		b = append(b, `,"lineEnd":`...)
		b = strconv.AppendInt(b, int64(ev.LineEnd), 10)
		b = append(b, `,"quote":`...)
		b = appendJSONString(b, ev.Quote)
		b = appendOmitString(b, `,"rule":`, ev.Rule)
		if ev.Confidence != 0 {
			b = append(b, `,"confidence":`...)
			var err error
			if b, err = appendJSONFloat(b, ev.Confidence); err != nil {
				return b, err
			}
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

func appendOmitString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendJSONString(append(b, key...), s)
}

func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONFloat writes f as encoding/json writes a float64: the
// shortest decimal that reads back as f, in exponent form below 1e-6 and
// from 1e21, with a one-digit negative exponent kept short ("1e-7").
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, unsupportedValue(strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s quoted as encoding/json does with HTML
// escaping: ", \ and the control characters escaped (\b \f \n \r \t by
// name), <, > and & as \u003c \u003e \u0026, invalid UTF-8 as \ufffd, and
// U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
