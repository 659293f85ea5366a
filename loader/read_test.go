//go:build unix

package loader

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func skipped(bad []FileError) map[string]string {
	m := map[string]string{}
	for _, b := range bad {
		m[b.File] = b.Err
	}
	return m
}

func TestReadDirReadsOnlyRegularFilesInTheFolder(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write(t, dir, "good.txt", "Alpha Council worked with Beta.\n")
	write(t, outside, "secret.txt", "not a report of this folder\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	links := map[string]string{
		"zero.txt":    "/dev/zero",
		"away.txt":    filepath.Join(outside, "secret.txt"),
		"nowhere.txt": filepath.Join(dir, "missing.txt"),
		"inside.md":   filepath.Join(dir, "good.txt"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if ln, err := net.Listen("unix", filepath.Join(dir, "sock.txt")); err == nil {
		defer ln.Close()
	}

	type result struct {
		sources []Source
		bad     []FileError
		err     error
	}
	done := make(chan result, 1)
	go func() {
		s, b, err := readDir(dir)
		done <- result{s, b, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading the folder hangs (on the FIFO?)")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	var read []string
	for _, s := range r.sources {
		read = append(read, s.Name)
	}
	if strings.Join(read, ",") != "good.txt,inside.md" {
		t.Errorf("read %v, want good.txt and the link to it inside the folder", read)
	}
	got := skipped(r.bad)
	want := map[string]string{
		"fifo.txt":    "named pipe",
		"zero.txt":    "out of the documents folder",
		"away.txt":    "out of the documents folder",
		"nowhere.txt": "leads nowhere",
	}
	if _, err := os.Lstat(filepath.Join(dir, "sock.txt")); err == nil {
		want["sock.txt"] = "socket"
	}
	for f, msg := range want {
		if !strings.Contains(got[f], msg) {
			t.Errorf("%s: %q, want it to say %q", f, got[f], msg)
		}
	}
	if len(got) != len(want) {
		t.Errorf("skipped %v", r.bad)
	}
}

func TestLoadSkipsAFIFOWithoutHanging(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../seeds/004_0c21b22ad762fdcb.txt")
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "good.txt", string(good))
	if err := syscall.Mkfifo(filepath.Join(dir, "x.txt"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan *Report, 1)
	go func() {
		_, rep, _ := Load(context.Background(), dir, Options{})
		done <- rep
	}()
	select {
	case rep := <-done:
		if rep == nil || len(rep.Documents) != 1 || !strings.Contains(skipped(rep.Skipped)["x.txt"], "named pipe") {
			t.Errorf("report %+v", rep)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Load hangs on a FIFO named x.txt")
	}
}

func TestReadLimitedStopsAtTheLimit(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "big.txt", strings.Repeat("x", 2000))
	if _, err := readLimited(filepath.Join(dir, "big.txt"), 1000); err == nil || !strings.Contains(err.Error(), "2000 bytes is over the 1000-byte limit") {
		t.Errorf("err = %v", err)
	}
	if data, err := readLimited(filepath.Join(dir, "big.txt"), 2000); err != nil || len(data) != 2000 {
		t.Errorf("at the limit: %d bytes, %v", len(data), err)
	}
	if _, err := readLimited("/dev/zero", 1000); err == nil || !strings.Contains(err.Error(), "device") {
		t.Errorf("/dev/zero: %v", err)
	}
}

func TestReadDirStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "text\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := readDirContext(ctx, dir, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestDistinctFilesGetDistinctDocumentIDs(t *testing.T) {
	names := []string{"x y.txt", "x-y.txt", "x_y.txt", "X-Y.txt", "x-y.md", "日本.txt", "中文.md", "a.txt", "a.md", "a.TXT", "x y.md"}
	seen := map[string]string{}
	for _, n := range names {
		id := documentID(n)
		if prev, ok := seen[id]; ok {
			t.Errorf("%s and %s share the id %s", prev, n, id)
		}
		seen[id] = n
		if id != documentID(n) {
			t.Errorf("%s: id not stable", n)
		}
		if !strings.HasPrefix(id, "doc:") || len(id) <= len("doc:") {
			t.Errorf("%s: id %q", n, id)
		}
	}
	for n, want := range map[string]string{"x-y.txt": "doc:x-y", "000_f4759afe0b904a7c.txt": "doc:000_f4759afe0b904a7c", "notes.md": "doc:notes.md"} {
		if got := documentID(n); got != want {
			t.Errorf("%s: id %s, want %s", n, got, want)
		}
	}
	if id := documentID("x y.txt"); !strings.HasPrefix(id, "doc:x-y.") {
		t.Errorf("x y.txt: id %s, want its slug and a hash", id)
	}
	// Through validate, the id is the one above.
	doc, err := validate(Source{Name: "日本.txt", Data: []byte("text\n")}, 100)
	if err != nil || doc.id != documentID("日本.txt") || doc.id == "doc:" {
		t.Errorf("validate: %+v %v", doc, err)
	}
}

func TestEncodings(t *testing.T) {
	text := "Café Council\nworked with Zoë\n"
	var le, be []byte
	le = append(le, 0xFF, 0xFE)
	be = append(be, 0xFE, 0xFF)
	for _, r := range text {
		le = append(le, byte(r), byte(r>>8))
		be = append(be, byte(r>>8), byte(r))
	}
	for name, data := range map[string][]byte{"le.txt": le, "be.txt": be} {
		doc, err := validate(Source{Name: name, Data: data}, 1<<20)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := strings.Join(doc.lines, "\n"); got != text {
			t.Errorf("%s: text %q", name, got)
		}
		if len(doc.warnings) != 1 || !strings.Contains(doc.warnings[0], "UTF-16") {
			t.Errorf("%s: warnings %v", name, doc.warnings)
		}
	}
	doc, err := validate(Source{Name: "cp.txt", Data: []byte("Caf\xe9 Council \x93quoted\x94\n")}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if doc.lines[0] != "Café Council “quoted”" || len(doc.warnings) != 1 || !strings.Contains(doc.warnings[0], "Windows-1252") {
		t.Errorf("Windows-1252: %q %v", doc.lines, doc.warnings)
	}
	if _, err := validate(Source{Name: "odd.txt", Data: []byte{0xFF, 0xFE, 'a'}}, 100); err == nil {
		t.Error("UTF-16 with an odd number of bytes was read")
	}
	for _, l := range doc.lines {
		if !utf8.ValidString(l) {
			t.Errorf("line %q is not UTF-8", l)
		}
	}
}
