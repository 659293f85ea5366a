package explore

import (
	"context"
	"sync"
)

// versionMemo is the store's version as one request first read it.
type versionMemo struct {
	once sync.Once
	v    string
	err  error
}

type versionKey struct{}

// WithRequestVersion gives ctx a memo of the store's version: every
// question asked with it (one GraphQL operation) reads the version once,
// not once per field, and sees one version of the derived data (metrics,
// snapshot, partners) throughout. Against Neo4j each read is a round trip.
func WithRequestVersion(ctx context.Context) context.Context {
	return context.WithValue(ctx, versionKey{}, &versionMemo{})
}

// version is the store's version, read once per request under
// WithRequestVersion.
func (s *Service) version(ctx context.Context) (string, error) {
	m, ok := ctx.Value(versionKey{}).(*versionMemo)
	if !ok {
		return s.Store.Version(ctx)
	}
	m.once.Do(func() { m.v, m.err = s.Store.Version(ctx) })
	return m.v, m.err
}
