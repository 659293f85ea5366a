package server

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// readAll reads what io.ReadAll reads, with the same error, whatever
// length the request claims.
func TestReadAll(t *testing.T) {
	body := strings.Repeat("Fenmoor Trust ", 100)
	boom := errors.New("boom")
	for _, length := range []int64{-1, 0, 1, 100, int64(len(body)) - 1, int64(len(body)), int64(len(body)) + 1, 5000, 1 << 40} {
		for name, r := range map[string]func() io.Reader{
			"whole":    func() io.Reader { return strings.NewReader(body) },
			"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(body)) },
			"data+EOF": func() io.Reader { return iotest.DataErrReader(strings.NewReader(body)) },
			"failing":  func() io.Reader { return io.MultiReader(strings.NewReader(body[:300]), iotest.ErrReader(boom)) },
		} {
			want, wantErr := io.ReadAll(r())
			got, err := readAll(r(), length)
			if !bytes.Equal(got, want) || !errors.Is(err, wantErr) && err != wantErr {
				t.Errorf("length %d, %s: read %d bytes, %v; io.ReadAll %d, %v", length, name, len(got), err, len(want), wantErr)
			}
		}
	}
}

// A body that claims a great length makes no buffer of that length before
// its bytes arrive: what a connection can make the server hold is what it
// sends, and a little more.
func TestReadAllTrustsNoClaimedLength(t *testing.T) {
	got, err := readAll(strings.NewReader("{}"), 1<<40)
	if err != nil || string(got) != "{}" {
		t.Fatalf("readAll = %q, %v", got, err)
	}
	if cap(got) > maxPresized+1 {
		t.Errorf("a 2-byte body claiming 1 TiB got a buffer of %d bytes", cap(got))
	}
	body := strings.Repeat("x", 3*maxPresized)
	if got, err := readAll(strings.NewReader(body), int64(len(body))); err != nil || string(got) != body {
		t.Errorf("a body past the presized buffer read %d bytes, %v", len(got), err)
	}
}
