package loader

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/partnergraph/partnergraph"
)

// DefaultMaxFileSize bounds one document; PDF text of a long report is a few
// hundred kilobytes, so 10 MiB leaves ample room while refusing stray dumps.
const DefaultMaxFileSize = 10 << 20

// Source is one document's name and bytes.
type Source struct {
	Name string
	Data []byte
}

// document is a source that passed validation, split into lines.
type document struct {
	id    string
	file  string
	sha   string
	lines []string // original lines, 1-based line n is lines[n-1]
	size  int
	// warnings say how the document was read when it was not plain UTF-8
	// (UTF-16 decoded, Windows-1252 assumed); it was read all the same.
	warnings []string
}

// readDir lists the .txt and .md documents in dir, reading each through a
// reader limited to DefaultMaxFileSize+1 bytes. See readDirContext.
func readDir(dir string) ([]Source, []FileError, error) {
	return readDirContext(context.Background(), dir, DefaultMaxFileSize)
}

// readDirContext lists the .txt and .md documents in dir and reads them,
// stopping when ctx is done. README files describe a folder rather than
// report on councils, so they are skipped, as are folders and dot files.
// Only regular files are read: named pipes, devices and sockets, links that
// lead out of the folder (or nowhere) and files over maxSize bytes are
// reported and skipped. Files are opened without blocking (a FIFO named
// x.txt cannot hang the load) and read through a reader limited to
// maxSize+1 bytes (a file growing while it is read, or /dev/zero behind a
// link, cannot use up memory).
func readDirContext(ctx context.Context, dir string, maxSize int64) ([]Source, []FileError, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading documents folder %s: %w", dir, err)
	}
	root, err := filepath.EvalSymlinks(dir)
	if err == nil {
		root, err = filepath.Abs(root)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading documents folder %s: %w", dir, err)
	}
	var names []string
	types := map[string]fs.FileMode{}
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if e.IsDir() || (ext != ".txt" && ext != ".md") || strings.HasPrefix(strings.ToUpper(name), "README") || strings.HasPrefix(name, ".") {
			continue
		}
		names = append(names, name)
		types[name] = e.Type()
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("documents folder %s holds no .txt or .md reports", dir)
	}
	var sources []Source
	var bad []FileError
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		path := filepath.Join(dir, name)
		if why := notRegular(root, path, types[name]); why != "" {
			bad = append(bad, FileError{File: name, Err: why})
			continue
		}
		data, err := readLimited(path, maxSize)
		if err != nil {
			bad = append(bad, FileError{File: name, Err: err.Error()})
			continue
		}
		sources = append(sources, Source{Name: name, Data: data})
	}
	return sources, bad, nil
}

// notRegular says why the entry at path (of the given type, from the
// directory listing) is not a regular file inside root, or "" if it is.
func notRegular(root, path string, mode fs.FileMode) string {
	if mode&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "a link that leads nowhere; skipped"
		}
		abs, err := filepath.Abs(target)
		if err != nil {
			return "a link that cannot be followed; skipped"
		}
		if rel, err := filepath.Rel(root, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "a link leading out of the documents folder; skipped"
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return fmt.Sprintf("cannot read: %v", err)
		}
		mode = fi.Mode()
	}
	return kindOf(mode)
}

// kindOf is "" for a regular file, or says what else it is.
func kindOf(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return ""
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a regular file; skipped"
	case mode&fs.ModeSocket != 0:
		return "a socket, not a regular file; skipped"
	case mode&fs.ModeDevice != 0:
		return "a device, not a regular file; skipped"
	case mode.IsDir():
		return "a folder, not a regular file; skipped"
	default:
		return "not a regular file; skipped"
	}
}

// readLimited reads a regular file of at most maxSize bytes. It opens the
// file without blocking and checks, on the open file, that it is regular
// (the entry may have been replaced since it was listed).
func readLimited(path string, maxSize int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, fmt.Errorf("cannot read: permission denied")
		}
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	if why := kindOf(fi.Mode()); why != "" {
		return nil, errors.New(why)
	}
	if fi.Size() > maxSize {
		return nil, fmt.Errorf("%d bytes is over the %d-byte limit", fi.Size(), maxSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	if int64(len(data)) > maxSize {
		return nil, fmt.Errorf("over the %d-byte limit (the file grew while it was read)", maxSize)
	}
	return data, nil
}

// validate turns a source into a document, or says why it cannot be read.
// UTF-8 (with or without a byte-order mark) is read as is; UTF-16 with a
// byte-order mark is decoded; other bytes that are not UTF-8 are read as
// Windows-1252, with a warning.
func validate(src Source, maxSize int64) (*document, error) {
	if int64(len(src.Data)) > maxSize {
		return nil, fmt.Errorf("%d bytes is over the %d-byte limit", len(src.Data), maxSize)
	}
	data, warnings, err := decode(src.Data)
	if err != nil {
		return nil, err
	}
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, fmt.Errorf("empty")
	case bytes.IndexByte(data, 0) >= 0:
		return nil, fmt.Errorf("binary (contains NUL bytes), not text")
	}
	sum := sha256.Sum256(src.Data)
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = asciiSpaces(decodeEntities(text))
	return &document{
		id:       documentID(src.Name),
		file:     src.Name,
		sha:      hex.EncodeToString(sum[:]),
		lines:    strings.Split(text, "\n"),
		size:     len(src.Data),
		warnings: warnings,
	}, nil
}

// decode returns the document's text as UTF-8.
func decode(data []byte) ([]byte, []string, error) {
	var enc *unicode.Endianness
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		e := unicode.LittleEndian
		enc = &e
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		e := unicode.BigEndian
		enc = &e
	}
	if enc != nil {
		name := map[unicode.Endianness]string{unicode.LittleEndian: "UTF-16LE", unicode.BigEndian: "UTF-16BE"}[*enc]
		if len(data)%2 != 0 {
			return nil, nil, fmt.Errorf("%s (by its byte-order mark) with an odd number of bytes", name)
		}
		out, err := unicode.UTF16(*enc, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s (by its byte-order mark) that cannot be decoded: %v", name, err)
		}
		return out, []string{"decoded from " + name}, nil
	}
	if utf8.Valid(data) {
		return data, nil, nil
	}
	off := 0
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	line := bytes.Count(data[:off], []byte("\n")) + 1
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, nil, fmt.Errorf("invalid UTF-8 at byte %d (line %d), and not Windows-1252 either", off, line)
	}
	return out, []string{fmt.Sprintf("invalid UTF-8 at byte %d (line %d): read as Windows-1252", off, line)}, nil
}

// documentID is the id of the document read from the file of that name. It
// is a function of the name alone, so it is the same on every load and
// machine whatever else the folder holds, and distinct names get distinct
// ids:
//
//   - a .txt file whose name (before the extension) is made of lower-case
//     ASCII letters, digits, "-" and "_" keeps its name: doc:<name>;
//   - such a name with .md keeps its extension: doc:<name>.md;
//   - any other name gets its slug and a hash of the whole file name,
//     after a dot (which the two forms above never hold there):
//     doc:<slug>.<10 hex digits>, or doc:<10 hex digits> when the name has
//     no letter or digit a slug keeps ("日本.txt").
func documentID(file string) string {
	ext := filepath.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	if plainStem(stem) {
		switch ext {
		case ".txt":
			return partnergraph.DocumentIDPrefix + stem
		case ".md":
			return partnergraph.DocumentIDPrefix + stem + ".md"
		}
	}
	sum := sha256.Sum256([]byte(file))
	h := hex.EncodeToString(sum[:5])
	if slug := partnergraph.Slug(stem); slug != "" {
		return partnergraph.DocumentIDPrefix + slug + "." + h
	}
	return partnergraph.DocumentIDPrefix + h
}

func plainStem(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// asciiSpaces reads the fixed-width Unicode spaces that text copied from web
// pages carries (no-break U+00A0, U+2000–U+200A, narrow no-break U+202F,
// U+205F, ideographic U+3000) as ASCII spaces, as line ends are read as
// "\n" whatever they were: later stages take names as spans of the text
// and look them up, so with no-break spaces around it "Members
// of<NBSP>Newark and Sherwood District Council<NBSP>have" named a body
// "Members of Newark" and lost the council. Zero-width spaces are not
// spaces between words and are kept. A text without any is returned as is.
func asciiSpaces(text string) string {
	if !strings.ContainsFunc(text, isWideSpace) {
		return text
	}
	return strings.Map(func(r rune) rune {
		if isWideSpace(r) {
			return ' '
		}
		return r
	}, text)
}

func isWideSpace(r rune) bool {
	return r == '\u00a0' || (r >= '\u2000' && r <= '\u200a') || r == '\u202f' || r == '\u205f' || r == '\u3000'
}

// entity is an HTML character reference ended by its semicolon: named
// ("&amp;", "&rsquo;") or numeric ("&#39;", "&#x2019;").
var entity = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// decodeEntities reads the HTML character references that text taken from
// a page's source carries ("Food &amp; Wellbeing", "Citizen&#39;s Advice")
// as the characters they stand for, as a Markdown reader does: else "&"
// and "'" were a token of their own and split names ("Citizen", "B"). Only
// references ended by a semicolon are read (so "AT&T" stays), a name no
// entity has stays as written, and one standing for a line end or
// another control character becomes a space, so that lines keep their
// numbers.
func decodeEntities(text string) string {
	if !strings.Contains(text, "&") || !strings.Contains(text, ";") {
		return text
	}
	return entity.ReplaceAllStringFunc(text, func(ref string) string {
		s := html.UnescapeString(ref)
		if s == ref || strings.HasSuffix(s, ";") {
			return ref // not an entity, or a longer name read as a legacy one ("&notx;")
		}
		return strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				return ' '
			}
			return r
		}, s)
	})
}
