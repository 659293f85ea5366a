// Package neo4j is the production store: the partnership graph in Neo4j,
// behind the same partnergraph.Store interface as the in-memory store.
// Every call names the database, reads are routed to readers, and every
// statement is a fixed, parameterised one from statements.go.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/textmatch"
)

// Config says where the database is and how to talk to it.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
	// BatchSize is how many nodes or relationships one UNWIND writes.
	BatchSize int
	// QueryTimeout bounds every read; a whole load gets ten times as long.
	QueryTimeout time.Duration
	// ConnectTimeout bounds the retries while the database starts.
	ConnectTimeout time.Duration
	// MaxPoolSize bounds the driver's connections; AcquireTimeout bounds
	// the wait for one when all are busy.
	MaxPoolSize    int
	AcquireTimeout time.Duration
	// LoadTimeout bounds a load's write transaction; zero: it grows with
	// the graph (loadTimeout).
	LoadTimeout time.Duration
	// DeadLoadMargin is how long past its write transaction's timeout a
	// load's commit mark (load.go, commitBracket) still tells readers a
	// commit may be becoming visible, when the loader died before clearing
	// it; default DefaultDeadLoadMargin.
	DeadLoadMargin time.Duration
}

// Defaults.
const (
	DefaultDatabase       = "neo4j"
	DefaultBatchSize      = 2000 // 2x faster than 500 at 100x the seeds (scripts/neo4j-load-scale)
	DefaultQueryTimeout   = 10 * time.Second
	DefaultConnectTimeout = 60 * time.Second
	DefaultMaxPoolSize    = 50
	DefaultAcquireTimeout = 15 * time.Second
	DefaultDeadLoadMargin = time.Minute
)

// ConfigFromEnv reads NEO4J_URI, NEO4J_USERNAME (default neo4j),
// NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j) and NEO4J_CONNECT_TIMEOUT
// (a Go duration such as 90s; default 60s).
func ConfigFromEnv() Config {
	c := Config{URI: os.Getenv("NEO4J_URI"), Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
	if c.Username == "" {
		c.Username = "neo4j"
	}
	if d, err := time.ParseDuration(os.Getenv("NEO4J_CONNECT_TIMEOUT")); err == nil {
		c.ConnectTimeout = d
	}
	return c
}

func (c *Config) defaults() {
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if c.BatchSize <= 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.QueryTimeout <= 0 {
		c.QueryTimeout = DefaultQueryTimeout
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.MaxPoolSize <= 0 {
		c.MaxPoolSize = DefaultMaxPoolSize
	}
	if c.AcquireTimeout <= 0 {
		c.AcquireTimeout = DefaultAcquireTimeout
	}
	if c.DeadLoadMargin <= 0 {
		c.DeadLoadMargin = DefaultDeadLoadMargin
	}
}

// credentialsFromURI moves credentials written into the URI
// (bolt://user:pass@host) into the config, so that the driver, every
// message and every log line only ever see the URI without them.
func (c *Config) credentialsFromURI() error {
	u, err := url.Parse(c.URI)
	if err != nil || u.Host == "" {
		return fmt.Errorf("neo4j URI %s is not a URI such as bolt://host:7687", RedactedURI(c.URI))
	}
	if u.User != nil {
		if name := u.User.Username(); name != "" {
			c.Username = name
		}
		if pw, ok := u.User.Password(); ok {
			c.Password = pw
		}
		u.User = nil
		c.URI = u.String()
	}
	return nil
}

// RedactedURI is the URI without any credentials, for messages and logs.
func RedactedURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return "(unparseable URI)"
	}
	u.User = nil
	return u.String()
}

// Store is a partnergraph.Store over Neo4j.
type Store struct {
	cfg    Config
	d      driver.DriverWithContext
	logger *slog.Logger

	secrets []string // never shown: the password

	mu       sync.Mutex
	snapshot *pg.Graph // cached whole graph of version snapshotV
	snapV    string
	counts   *pg.Counts // Counts of version countsV
	countsV  string

	snapshots  atomic.Int64 // Snapshot calls, for tests and logs
	wholeLists atomic.Int64 // List calls without a limit
	tokenReads atomic.Int64 // ReadToken calls

	measures  perVersion[*pg.StoredMeasures] // the last StoredMeasures read
	catalogue perVersion[*pg.Catalogue]      // the last Catalogue read
	// measureReads and catalogueReads count the reads made, for tests.
	measureReads, catalogueReads atomic.Int64
}

// perVersion keeps the last value read of something read once per loaded
// version (the stored measures, the catalogue), and makes concurrent
// callers (the fields of one request, all asking at once after a load)
// wait for one read and share it, instead of each reading it all.
type perVersion[T any] struct {
	sem     chan struct{} // held while one caller checks or reads
	version string
	val     T
	have    bool
}

// get returns the value kept for the current version, or reads it with
// read, which returns the value and the version it was read from.
func (p *perVersion[T]) get(ctx context.Context, s *Store, read func(context.Context) (T, string, error)) (T, error) {
	var zero T
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	defer func() { <-p.sem }()
	v, err := s.Version(ctx)
	if err != nil {
		return zero, err
	}
	if p.have && p.version == v {
		return p.val, nil
	}
	val, readV, err := read(ctx)
	if err != nil {
		return zero, err
	}
	p.version, p.val, p.have = readV, val, true
	return val, nil
}

// WholeListCalls is how many times List was asked for every node of its
// kinds (no limit): lists cut from the catalogue keep it at 0.
func (s *Store) WholeListCalls() int64 { return s.wholeLists.Load() }

// SnapshotCalls is how many times Snapshot was called (whole-graph reads,
// cached or not): serving questions from stored measures keeps it at 0.
func (s *Store) SnapshotCalls() int64 { return s.snapshots.Load() }

var _ pg.Store = (*Store)(nil)

// Open connects, retrying with exponential backoff while the database
// starts, and fails with a message naming the URI (never the password).
func Open(ctx context.Context, cfg Config, logger *slog.Logger) (*Store, error) {
	cfg.defaults()
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if cfg.URI == "" {
		return nil, errors.New("no Neo4j URI: set --neo4j-uri or NEO4J_URI")
	}
	if err := cfg.credentialsFromURI(); err != nil {
		return nil, err
	}
	where := RedactedURI(cfg.URI)
	d, err := driver.NewDriverWithContext(cfg.URI, driver.BasicAuth(cfg.Username, cfg.Password, ""), func(c *config.Config) {
		c.MaxConnectionPoolSize = cfg.MaxPoolSize
		c.ConnectionAcquisitionTimeout = cfg.AcquireTimeout
		c.SocketConnectTimeout = 5 * time.Second
		c.MaxTransactionRetryTime = 30 * time.Second
		c.ConnectionLivenessCheckTimeout = 30 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j at %s: %v", where, redact(err, cfg.Password))
	}
	deadline := time.Now().Add(cfg.ConnectTimeout)
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err = d.VerifyConnectivity(cctx)
		cancel()
		if err == nil {
			break
		}
		if ctx.Err() != nil || time.Now().Add(wait).After(deadline) {
			d.Close(context.Background())
			return nil, fmt.Errorf("neo4j at %s not reachable after %d attempts in %s: %v", where, attempt, cfg.ConnectTimeout, redact(err, cfg.Password))
		}
		logger.Warn("neo4j not reachable yet; retrying", "uri", where, "attempt", attempt, "in", wait, "err", redact(err, cfg.Password))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			d.Close(context.Background())
			return nil, ctx.Err()
		}
		wait = min(2*wait, 8*time.Second)
	}
	logger.Info("connected to neo4j", "uri", where, "database", cfg.Database)
	s := &Store{cfg: cfg, d: d, logger: logger, secrets: []string{cfg.Password}}
	s.measures.sem, s.catalogue.sem = make(chan struct{}, 1), make(chan struct{}, 1)
	return s, nil
}

// redact keeps secrets out of an error's text.
func redact(err error, secrets ...string) string {
	msg := err.Error()
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "****")
		}
	}
	return msg
}

// SetBatchSize changes how many rows one UNWIND writes.
func (s *Store) SetBatchSize(n int) {
	if n > 0 {
		s.cfg.BatchSize = n
	}
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.d.Close(ctx) }

func (s *Store) read(ctx context.Context, st Statement, params map[string]any) ([]*driver.Record, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.QueryTimeout)
	defer cancel()
	res, err := driver.ExecuteQuery(ctx, s.d, st.Cypher, params, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(s.cfg.Database), driver.ExecuteQueryWithReadersRouting(),
		driver.ExecuteQueryWithTransactionConfig(driver.WithTxTimeout(s.cfg.QueryTimeout)))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("neo4j %s: %w", st.Name, ctx.Err())
		}
		return nil, fmt.Errorf("neo4j %s: %s", st.Name, redact(err, s.secrets...))
	}
	return res.Records, nil
}

// EnsureSchema creates the id constraints and the full-text index if missing.
func (s *Store) EnsureSchema(ctx context.Context) error {
	for _, st := range schemaStatements() {
		ctx, cancel := context.WithTimeout(ctx, s.cfg.QueryTimeout*6)
		_, err := driver.ExecuteQuery(ctx, s.d, st.Cypher, nil, driver.EagerResultTransformer,
			driver.ExecuteQueryWithDatabase(s.cfg.Database), driver.ExecuteQueryWithWritersRouting())
		cancel()
		if err != nil {
			return fmt.Errorf("neo4j %s: %w", st.Name, err)
		}
	}
	return nil
}

// Version is the fingerprint of the loaded graph, from the meta node; an
// empty database has the empty graph's fingerprint, as the in-memory store.
// Under a read token (pg.WithReadToken: one attempt of a question, checked
// by a second token after it) it is the token's, without a read: what the
// store keeps per version (measures, catalogue, snapshot) is then the
// version the question reads, and an answer that read another graph is
// thrown away by that check.
func (s *Store) Version(ctx context.Context) (string, error) {
	if t, ok := pg.ReadTokenOf(ctx); ok {
		return t.Version, nil
	}
	recs, err := s.read(ctx, stmtReadMeta, nil)
	if err != nil {
		return "", err
	}
	if len(recs) == 0 {
		return pg.NewGraph().Fingerprint(), nil
	}
	v, _ := metaOf(recs)
	if v == "" {
		return pg.NewGraph().Fingerprint(), nil
	}
	return v, nil
}

var _ pg.ConsistentStore = (*Store)(nil)

// ReadToken reads the consistency token in one statement over the two meta
// nodes: the version, the load sequence, and whether a load's commit may be
// becoming visible (see commitBracket in load.go for why two tokens that
// bracket a question prove it read one graph).
func (s *Store) ReadToken(ctx context.Context) (pg.ReadToken, error) {
	s.tokenReads.Add(1)
	recs, err := s.read(ctx, stmtReadToken, nil)
	if err != nil {
		return pg.ReadToken{}, err
	}
	t := pg.ReadToken{Version: pg.NewGraph().Fingerprint()}
	if len(recs) == 0 {
		return t, nil
	}
	if v, _ := recs[0].Get("version"); str(v) != "" {
		t.Version = str(v)
	}
	seq, _ := recs[0].Get("seq")
	t.Seq, _ = seq.(int64)
	loading, _ := recs[0].Get("loading")
	t.Loading, _ = loading.(bool)
	return t, nil
}

// TokenReads is how many times ReadToken was called, for tests.
func (s *Store) TokenReads() int64 { return s.tokenReads.Load() }

// Snapshot reads the whole graph, once per version. It reads the meta
// node before and after the nodes and relationships, in one transaction,
// and keeps what it read only if no load committed in between and it hashes
// to the version the meta node records; otherwise it reads again (Neo4j
// reads are read committed, not a snapshot, and a commit's changes become
// visible one by one), so it is the old graph or the new, never a mix.
func (s *Store) Snapshot(ctx context.Context) (*pg.Graph, error) {
	s.snapshots.Add(1)
	v, err := s.Version(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.snapshot != nil && s.snapV == v {
		g := s.snapshot
		s.mu.Unlock()
		return g, nil
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, 6*s.cfg.QueryTimeout)
	defer cancel()
	session := s.d.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: driver.AccessModeRead})
	defer session.Close(context.Background())
	for attempt := 1; ; attempt++ {
		type read struct {
			g       *pg.Graph
			version string
			stable  bool
			err     error
		}
		out, err := session.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) {
			run := runner(ctx, tx, "neo4j ")
			before, err := run(stmtReadMeta, nil)
			if err != nil {
				return nil, err
			}
			g, readErr := readAll(run)
			after, err := run(stmtReadMeta, nil)
			if err != nil {
				return nil, err
			}
			version, loadID := metaOf(before)
			_, loadID2 := metaOf(after)
			if readErr != nil {
				// Relationships read after a load changed their nodes need
				// not fit the nodes read before it: read again (a graph
				// that never fits fails after the last attempt).
				return read{stable: false, err: readErr}, nil
			}
			if version == "" {
				version = pg.NewGraph().Fingerprint()
			}
			// A commit's changes do not all become visible to a reader at
			// once, so the meta node alone cannot vouch for what was read:
			// the graph read must also be the one the meta node names.
			return read{g: g, version: version, stable: loadID == loadID2 && g.Fingerprint() == version}, nil
		}, driver.WithTxTimeout(6*s.cfg.QueryTimeout))
		if err != nil {
			return nil, fmt.Errorf("neo4j snapshot: %s", redact(err, s.secrets...))
		}
		r := out.(read)
		if !r.stable {
			if attempt == 8 {
				if r.err != nil {
					return nil, fmt.Errorf("neo4j snapshot: %w", r.err)
				}
				return nil, errors.New("neo4j snapshot: a load committed during each of 8 reads of the whole graph")
			}
			time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
			continue
		}
		s.mu.Lock()
		s.snapshot, s.snapV = r.g, r.version
		s.mu.Unlock()
		if t, ok := pg.ReadTokenOf(ctx); ok && t.Version != r.version {
			// A question reading t's graph would key this one under t's
			// version: refused (its answer is thrown away and asked again).
			return nil, errors.New("neo4j snapshot: a load committed during the request; ask again")
		}
		return r.g, nil
	}
}

func metaOf(recs []*driver.Record) (version, loadID string) {
	if len(recs) == 0 {
		return "", ""
	}
	v, _ := recs[0].Get("version")
	l, _ := recs[0].Get("loadId")
	return str(v), str(l)
}

// readAll reads every node and relationship of the model through run.
func readAll(run func(Statement, map[string]any) ([]*driver.Record, error)) (*pg.Graph, error) {
	g := pg.NewGraph()
	recs, err := run(stmtAllNodes, nil)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		n, err := recordNode(r, "n")
		if err != nil {
			return nil, err
		}
		if _, err := g.AddNode(n); err != nil {
			return nil, err
		}
	}
	recs, err = run(stmtAllEdges, nil)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		e, err := recordEdge(r)
		if err != nil {
			return nil, err
		}
		if _, err := g.AddEdge(e); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func recordNode(r *driver.Record, key string) (*pg.Node, error) {
	v, _ := r.Get(key)
	n, ok := v.(dbtype.Node)
	if !ok {
		return nil, fmt.Errorf("neo4j: %q is not a node", key)
	}
	for _, l := range n.Labels {
		if k := pg.Kind(l); k.Valid() {
			return nodeFromProps(k, n.Props)
		}
	}
	return nil, fmt.Errorf("neo4j: node with labels %v is not of the model", n.Labels)
}

func recordEdge(r *driver.Record) (*pg.Edge, error) {
	src, _ := r.Get("source")
	kind, _ := r.Get("kind")
	tgt, _ := r.Get("target")
	v, _ := r.Get("r")
	rel, ok := v.(dbtype.Relationship)
	if !ok {
		return nil, errors.New("neo4j: r is not a relationship")
	}
	return edgeFromProps(str(src), str(kind), str(tgt), rel.Props)
}

// Nodes reads nodes by id, one statement per label asked for.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*pg.Node, error) {
	byKind := idsByKind(ids)
	found := map[string]*pg.Node{}
	for _, l := range labels {
		if len(byKind[l]) == 0 {
			continue
		}
		recs, err := s.read(ctx, nodesByID(l), map[string]any{"ids": byKind[l]})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			n, err := recordNode(r, "n")
			if err != nil {
				return nil, err
			}
			found[n.ID] = n
		}
	}
	out := make([]*pg.Node, len(ids))
	for i, id := range ids {
		if n := found[id]; n != nil {
			out[i] = pg.CloneNode(n)
		}
	}
	return out, nil
}

// Edges reads the relationships touching the given nodes.
func (s *Store) Edges(ctx context.Context, q pg.EdgeQuery) ([]*pg.Edge, error) {
	kinds := q.Kinds
	if len(kinds) == 0 {
		kinds = pg.EdgeKinds
	}
	kindNames := make([]string, 0, len(kinds))
	for _, k := range kinds {
		kindNames = append(kindNames, string(k))
	}
	byKind := idsByKind(q.NodeIDs)
	seen := map[string]*pg.Edge{}
	for _, l := range labels {
		if len(byKind[l]) == 0 {
			continue
		}
		for _, out := range []bool{true, false} {
			if (out && q.Direction == pg.Incoming) || (!out && q.Direction == pg.Outgoing) {
				continue
			}
			recs, err := s.read(ctx, edgesOf(l, out), map[string]any{"ids": byKind[l], "kinds": kindNames})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				e, err := recordEdge(r)
				if err != nil {
					return nil, err
				}
				seen[e.ID] = e
			}
		}
	}
	return sortedEdges(seen), nil
}

// recordEdges reads one relationship per record.
func recordEdges(recs []*driver.Record) ([]*pg.Edge, error) {
	out := make([]*pg.Edge, 0, len(recs))
	for _, r := range recs {
		e, err := recordEdge(r)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// sortedEdges are the relationships of a set, by id.
func sortedEdges(set map[string]*pg.Edge) []*pg.Edge {
	out := make([]*pg.Edge, 0, len(set))
	for _, e := range set {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// List reads one keyset page.
func (s *Store) List(ctx context.Context, q pg.ListQuery) ([]*pg.Node, int, error) {
	var kinds []pg.Kind
	for _, l := range labels {
		if len(q.Kinds) == 0 || slices.Contains(q.Kinds, l) {
			kinds = append(kinds, l)
		}
	}
	if len(kinds) == 0 {
		return nil, 0, nil
	}
	limit := int64(q.Limit)
	if limit <= 0 {
		s.wholeLists.Add(1)
		limit = 1 << 40
	}
	recs, err := s.read(ctx, listPage(kinds), map[string]any{"afterKey": q.AfterKey, "afterId": q.AfterID, "limit": limit})
	if err != nil {
		return nil, 0, err
	}
	out := make([]*pg.Node, 0, len(recs))
	for _, r := range recs {
		n, err := recordNode(r, "n")
		if err != nil {
			return nil, 0, err
		}
		out = append(out, n)
	}
	recs, err = s.read(ctx, listCount(kinds), nil)
	if err != nil {
		return nil, 0, err
	}
	total := 0
	if len(recs) > 0 {
		v, _ := recs[0].Get("total")
		if t, ok := v.(int64); ok {
			total = int(t)
		}
	}
	return out, total, nil
}

// Search asks the full-text index for candidates (fuzzy terms), then ranks
// them with the same matcher as the in-memory store, so both stores agree
// on what matched and how well.
func (s *Store) Search(ctx context.Context, text string, kinds []pg.Kind, limit int) ([]pg.SearchHit, error) {
	query := LuceneQuery(text)
	if query == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 10
	}
	// Fuzzy index scores rank differently from the matcher, so it is asked
	// for more candidates than hits, but not ten times a long list's worth.
	recs, err := s.read(ctx, stmtSearch, map[string]any{"query": query, "limit": int64(min(limit*10, limit+500))})
	if err != nil {
		return nil, err
	}
	ix := textmatch.NewIndex()
	nodes := map[string]*pg.Node{}
	for _, r := range recs {
		n, err := recordNode(r, "node")
		if err != nil {
			return nil, err
		}
		if len(kinds) > 0 && !slices.Contains(kinds, n.Kind) {
			continue
		}
		nodes[n.ID] = n
		ix.Add(n.ID, n.Name, n.Aliases)
	}
	var hits []pg.SearchHit
	for _, m := range ix.Search(text) {
		hits = append(hits, pg.SearchHit{Node: nodes[m.ID], Field: m.Field, Matched: m.Matched, Score: m.Score})
		if len(hits) == limit {
			break
		}
	}
	return hits, nil
}

// LuceneQuery turns what a person typed into a full-text query: each word
// escaped, fuzzy when long enough for a typo, any word may match.
func LuceneQuery(text string) string {
	var terms []string
	for _, w := range textmatch.Tokens(text) {
		w = luceneEscape(w)
		switch {
		case len(w) >= 8:
			terms = append(terms, w+"~2")
		case len(w) >= 4:
			terms = append(terms, w+"~1")
		default:
			terms = append(terms, w)
		}
	}
	return strings.Join(terms, " OR ")
}

// luceneEscape escapes Lucene's special characters (the tokens are
// already letters and digits, but the escape keeps that an invariant of
// this function rather than of its callers).
func luceneEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// idsByKind groups ids by the label their prefix names, so that each read
// uses one label's id index; ids of no known kind are dropped.
func idsByKind(ids []string) map[pg.Kind][]string {
	out := map[pg.Kind][]string{}
	for _, id := range ids {
		if k := pg.KindOfID(id); k != "" {
			out[k] = append(out[k], id)
		}
	}
	return out
}

// runner runs fixed statements inside one transaction and collects their
// records; an error names the statement, after prefix.
func runner(ctx context.Context, tx driver.ManagedTransaction, prefix string) func(Statement, map[string]any) ([]*driver.Record, error) {
	return func(st Statement, params map[string]any) ([]*driver.Record, error) {
		res, err := tx.Run(ctx, st.Cypher, params)
		if err != nil {
			return nil, fmt.Errorf("%s%s: %w", prefix, st.Name, err)
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s%s: %w", prefix, st.Name, err)
		}
		return recs, nil
	}
}
