package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// APQ cache bounds: at most apqEntries queries of at most apqMaxQuery bytes
// (32 MiB in all); longer queries are run but not remembered.
const (
	apqEntries  = 512
	apqMaxQuery = 64 << 10
)

// persistedQueries is automatic persisted queries (Apollo's protocol): a
// request may send extensions.persistedQuery.sha256Hash in place of its
// query once the query has been sent with its hash. Mistakes carry codes:
// PERSISTED_QUERY_NOT_FOUND (send the query again), PERSISTED_QUERY_HASH_MISMATCH,
// BAD_REQUEST for a malformed extension.
type persistedQueries struct {
	cache *lru.Cache[string, string]
}

func newPersistedQueries() (*persistedQueries, error) {
	c, err := lru.New[string, string](apqEntries)
	if err != nil {
		return nil, err
	}
	return &persistedQueries{cache: c}, nil
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = (*persistedQueries)(nil)

func (*persistedQueries) ExtensionName() string                   { return "AutomaticPersistedQueries" }
func (*persistedQueries) Validate(graphql.ExecutableSchema) error { return nil }

func (a *persistedQueries) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	ext, present := p.Extensions["persistedQuery"]
	if !present || ext == nil {
		return nil
	}
	m, ok := ext.(map[string]any)
	if !ok {
		return codedError(CodeBadRequest, "extensions.persistedQuery must be an object with version and sha256Hash")
	}
	hash, _ := m["sha256Hash"].(string)
	hash = strings.ToLower(hash)
	if v, _ := m["version"].(interface{ String() string }); v == nil || v.String() != "1" {
		return codedError(CodeBadRequest, "extensions.persistedQuery.version must be 1")
	}
	if len(hash) != 64 {
		return codedError(CodeBadRequest, "extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits")
	}
	if p.Query == "" {
		q, ok := a.cache.Get(hash)
		if !ok {
			return codedError(CodePersistedQueryNotFound, "PersistedQueryNotFound")
		}
		p.Query = q
		return nil
	}
	sum := sha256.Sum256([]byte(p.Query))
	if hex.EncodeToString(sum[:]) != hash {
		return codedError(CodePersistedQueryHashMismatch, "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query")
	}
	if len(p.Query) <= apqMaxQuery {
		a.cache.Add(hash, p.Query)
	}
	return nil
}
