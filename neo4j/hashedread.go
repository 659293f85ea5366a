package neo4j

import (
	"context"
	"errors"
	"fmt"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// hashedRead describes a read of something a load records a hash of on the
// meta node (the stored measures, the catalogue), for readHashed.
type hashedRead[T any] struct {
	what string // named in errors: "stored measures", "catalogue"
	key  string // the meta node's property holding the hash
	// checkable reports a recorded hash this reader can check; with none
	// (a graph loaded without it, or by another version of this store) the
	// read gives T's zero value.
	checkable func(recorded any) bool
	// read reads the thing as the answer for version, and says whether it
	// hashes to recorded.
	read func(run func(Statement, map[string]any) ([]*driver.Record, error), version string, recorded any) (v T, matches bool, err error)
}

// readHashed reads h in one read transaction: the meta node, the thing, and
// the meta node again. What it read is kept only if it hashes to what the
// meta node records and no load committed in between (a commit's changes
// become visible one by one); otherwise it reads again, up to 8 times. It
// returns the version read.
func readHashed[T any](ctx context.Context, s *Store, h hashedRead[T]) (T, string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*s.cfg.QueryTimeout)
	defer cancel()
	session := s.d.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: driver.AccessModeRead})
	defer session.Close(context.Background())
	type read struct {
		v        T
		version  string
		stable   bool
		mismatch bool // no load committed during the read, but it did not hash to the record
	}
	var zero T
	for attempt := 1; ; attempt++ {
		out, err := session.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) {
			run := runner(ctx, tx, "neo4j ")
			before, err := run(stmtReadMeta, nil)
			if err != nil {
				return nil, err
			}
			version, loadID := metaOf(before)
			if version == "" {
				version = pg.NewGraph().Fingerprint()
			}
			if len(before) == 0 {
				return read{version: version, stable: true}, nil
			}
			recorded, _ := before[0].Get(h.key)
			if !h.checkable(recorded) {
				return read{version: version, stable: true}, nil
			}
			v, matches, err := h.read(run, version, recorded)
			if err != nil {
				return nil, err
			}
			after, err := run(stmtReadMeta, nil)
			if err != nil {
				return nil, err
			}
			if _, loadID2 := metaOf(after); loadID != loadID2 || !matches {
				return read{mismatch: loadID == loadID2}, nil
			}
			return read{v: v, version: version, stable: true}, nil
		}, driver.WithTxTimeout(2*s.cfg.QueryTimeout))
		if err != nil {
			return zero, "", fmt.Errorf("neo4j %s: %s", h.what, redact(err, s.secrets...))
		}
		r := out.(read)
		if r.stable {
			return r.v, r.version, nil
		}
		if attempt == 8 && r.mismatch {
			return zero, "", errors.New("neo4j " + h.what + ": what was read did not hash to what the meta node records, 8 reads running (a load still becoming visible, or the database edited by hand)")
		}
		if attempt == 8 {
			return zero, "", errors.New("neo4j " + h.what + ": a load committed during each of 8 reads")
		}
		time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
	}
}
