package loader

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

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
}

// readDir lists the .txt and .md documents in dir. README files describe a
// folder rather than report on councils, so they are skipped.
func readDir(dir string) ([]Source, []FileError, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading documents folder %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if e.IsDir() || (ext != ".txt" && ext != ".md") || strings.HasPrefix(strings.ToUpper(name), "README") || strings.HasPrefix(name, ".") {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("documents folder %s holds no .txt or .md reports", dir)
	}
	var sources []Source
	var bad []FileError
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			bad = append(bad, FileError{File: name, Err: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		sources = append(sources, Source{Name: name, Data: data})
	}
	return sources, bad, nil
}

// validate turns a source into a document, or says why it cannot be read.
func validate(src Source, maxSize int64) (*document, error) {
	switch {
	case int64(len(src.Data)) > maxSize:
		return nil, fmt.Errorf("%d bytes is over the %d-byte limit", len(src.Data), maxSize)
	case len(bytes.TrimSpace(src.Data)) == 0:
		return nil, fmt.Errorf("empty")
	case bytes.IndexByte(src.Data, 0) >= 0:
		return nil, fmt.Errorf("binary (contains NUL bytes), not text")
	case !utf8.Valid(src.Data):
		off := 0
		for off < len(src.Data) {
			r, size := utf8.DecodeRune(src.Data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := bytes.Count(src.Data[:off], []byte("\n")) + 1
		return nil, fmt.Errorf("invalid UTF-8 at byte %d (line %d)", off, line)
	}
	sum := sha256.Sum256(src.Data)
	text := strings.TrimPrefix(string(src.Data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	stem := strings.TrimSuffix(src.Name, filepath.Ext(src.Name))
	return &document{
		id:    partnergraph.DocumentIDPrefix + partnergraph.Slug(stem),
		file:  src.Name,
		sha:   hex.EncodeToString(sum[:]),
		lines: strings.Split(text, "\n"),
		size:  len(src.Data),
	}, nil
}
