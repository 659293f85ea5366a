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
	for _, length := range []int64{-1, 0, 1, 100, int64(len(body)) - 1, int64(len(body)), int64(len(body)) + 1, 5000} {
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
