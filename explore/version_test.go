package explore

import (
	"context"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/inmem"
)

// versionCounter counts the store's Version reads.
type versionCounter struct {
	pg.Store
	reads int
}

func (c *versionCounter) Version(ctx context.Context) (string, error) {
	c.reads++
	return c.Store.Version(ctx)
}

// A request's memo reads the version once however often it is asked, a
// memo given by the request (WithRequestVersionIn) as one WithRequestVersion
// makes, and a context without a memo reads it each time.
func TestRequestVersionIsReadOncePerMemo(t *testing.T) {
	tests := []struct {
		name      string
		withMemo  func(context.Context) context.Context
		wantReads int
	}{
		{"no memo", func(ctx context.Context) context.Context { return ctx }, 3},
		{"WithRequestVersion", WithRequestVersion, 1},
		{"WithRequestVersionIn", func(ctx context.Context) context.Context {
			var held struct{ version RequestVersion }
			return WithRequestVersionIn(ctx, &held.version)
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &versionCounter{Store: inmem.New()}
			s := &Service{Store: store}
			ctx := tt.withMemo(context.Background())
			want, _ := store.Store.Version(ctx)
			for range 3 {
				got, err := s.version(ctx)
				if err != nil || got != want {
					t.Fatalf("version = %q, %v; want %q", got, err, want)
				}
			}
			if store.reads != tt.wantReads {
				t.Errorf("the store's version was read %d times, want %d", store.reads, tt.wantReads)
			}
		})
	}
}
