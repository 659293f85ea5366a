// Package e2e drives the explorer page in a real headless Chromium against the
// real server over the seed reports, and checks what the page draws against
// what the GraphQL API answers.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/chromedp/chromedp/remote"

	"github.com/partnergraph/partnergraph/explorer"
	"github.com/partnergraph/partnergraph/inmem"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/server"
)

// startServer serves the API and the explorer over an in-memory store loaded
// from the seed reports.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	g, rep, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		t.Fatalf("loading ../seeds: %v", err)
	}
	store := inmem.New()
	if _, err := store.Replace(ctx, g); err != nil {
		t.Fatalf("filling the store: %v", err)
	}
	h, err := server.New(store, server.Options{Explorer: explorer.Handler(), Unclassified: server.MentionsInBackground(rep, "../seeds")})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// api posts a query to the server and decodes data into out.
func api(t *testing.T, url, query string, vars map[string]any, out any) error {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("decoding the answer to %.40q: %w", query, err)
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("query %.40q: %s", query, r.Errors[0].Message)
	}
	return json.Unmarshal(r.Data, out)
}

func mustAPI(t *testing.T, url, query string, vars map[string]any, out any) {
	t.Helper()
	if err := api(t, url, query, vars, out); err != nil {
		t.Fatal(err)
	}
}

// pageSize is the page size the test reads the API with: the most a
// connection gives at once.
const pageSize = 100

// browserPageSize is the page size the explorer is told to use (?pageSize=),
// one item, so that every list of more than one is read over several pages.
const browserPageSize = 1

type pageInfo struct {
	HasNextPage bool
	EndCursor   *string
}

// connection is one page of a Relay connection with edges of type E.
type connection[E any] struct {
	Edges      []E
	PageInfo   pageInfo
	TotalCount int
}

// collect reads every page of one connection, following pageInfo.endCursor
// while hasNextPage. query takes $first: Int! and $after: String besides
// vars; pick finds the connection in an answer (nil when it is absent). The
// edges read must number the connection's totalCount.
func collect[D, E any](t *testing.T, url, query string, vars map[string]any, pick func(*D) *connection[E]) []E {
	t.Helper()
	var edges []E
	var after *string
	for page := 0; ; page++ {
		if page == 1000 {
			t.Fatalf("query %.40q: still more pages after 1000", query)
		}
		v := map[string]any{"first": pageSize, "after": after}
		for k, x := range vars {
			v[k] = x
		}
		var d D
		mustAPI(t, url, query, v, &d)
		c := pick(&d)
		if c == nil {
			return nil
		}
		edges = append(edges, c.Edges...)
		if !c.PageInfo.HasNextPage {
			if len(edges) != c.TotalCount {
				t.Fatalf("query %.40q %v: read %d edges over %d pages, totalCount says %d", query, vars, len(edges), page+1, c.TotalCount)
			}
			return edges
		}
		if c.PageInfo.EndCursor == nil || len(c.Edges) == 0 || (after != nil && *c.PageInfo.EndCursor == *after) {
			t.Fatalf("query %.40q %v: page %d says there is more but gives no new cursor", query, vars, page+1)
		}
		after = c.PageInfo.EndCursor
	}
}

type council struct {
	ID, Name string
	partners map[string]bool // partner organisations
	total    int             // partners of any kind
}

// pickCouncils returns the two councils that share the most partner
// organisations, read through the API, so the comparison has something to show.
func pickCouncils(t *testing.T, url string) (council, council) {
	t.Helper()
	type councilsPage struct {
		Councils connection[struct{ Node struct{ ID, Name string } }]
	}
	type actorEdge struct {
		Node struct {
			ID       string
			Typename string `json:"__typename"`
		}
	}
	type partnersPage struct {
		Council struct {
			Partners connection[actorEdge]
		}
	}
	all := collect(t, url, `query($first: Int!, $after: String) {
	  councils(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }`,
		nil, func(d *councilsPage) *connection[struct{ Node struct{ ID, Name string } }] { return &d.Councils })
	var cs []council
	for _, e := range all {
		c := council{ID: e.Node.ID, Name: e.Node.Name, partners: map[string]bool{}}
		ps := collect(t, url, `query($id: ID!, $first: Int!, $after: String) { council(id: $id) {
		  partners(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id __typename } } } } }`,
			map[string]any{"id": c.ID}, func(d *partnersPage) *connection[actorEdge] { return &d.Council.Partners })
		c.total = len(ps)
		for _, p := range ps {
			if p.Node.Typename == "Organisation" {
				c.partners[p.Node.ID] = true
			}
		}
		cs = append(cs, c)
	}
	best, bi, bj := 0, -1, -1
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			n := 0
			for p := range cs[i].partners {
				if cs[j].partners[p] {
					n++
				}
			}
			if n > best {
				best, bi, bj = n, i, j
			}
		}
	}
	if bi < 0 {
		t.Fatalf("no two of the %d councils share a partner organisation; the seeds cannot exercise the comparison", len(cs))
	}
	return cs[bi], cs[bj]
}

// expectedNeighbourhood asks the API what the page should draw when it
// expands id on an empty view: the network query's nodes, or on servers
// without it the centre and its collaborators (the page's fallback).
func expectedNeighbourhood(t *testing.T, url, id string) (ids []string, source string) {
	t.Helper()
	var net struct {
		Network struct {
			Nodes []struct{ ID string }
		}
	}
	err := api(t, url, `query($c: ID) { network(center: $c, depth: 1) { nodes { id: nodeId } } }`, map[string]any{"c": id}, &net)
	if err == nil {
		for _, n := range net.Network.Nodes {
			ids = append(ids, n.ID)
		}
		return uniq(ids), "network"
	}
	if !strings.Contains(err.Error(), "network") {
		t.Fatal(err)
	}
	type tie struct {
		Node struct{ A, B struct{ ID string } }
	}
	type collabPage struct{ Collaborators connection[tie] }
	ties := collect(t, url, `query($id: ID!, $first: Int!, $after: String) { collaborators(id: $id, depth: 1, first: $first, after: $after) {
	  totalCount pageInfo { hasNextPage endCursor } edges { node { a { id } b { id } } } } }`,
		map[string]any{"id": id}, func(d *collabPage) *connection[tie] { return &d.Collaborators })
	ids = []string{id}
	for _, c := range ties {
		ids = append(ids, c.Node.A.ID, c.Node.B.ID)
	}
	return uniq(ids), "collaborators"
}

func uniq(xs []string) []string {
	sort.Strings(xs)
	return slices.Compact(xs)
}

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("!!! SKIPPING THE BROWSER TEST: no chromium binary on PATH (apt-get install -y chromium) !!!")
	return ""
}

// pageState is what window.__explorer reports.
type pageState struct {
	Busy        bool     `json:"busy"`
	NodeCount   int      `json:"nodeCount"`
	Center      string   `json:"center"`
	Source      string   `json:"source"`
	NodeIDs     []string `json:"nodeIds"`
	Highlighted []string `json:"highlighted"`
	Compare     []string `json:"compare"`
	Details     string   `json:"details"`
	Selected    string   `json:"selected"`
	Layout      string   `json:"layout"`
	Overview    *struct {
		Nodes, Edges, Total int
		Truncated           bool
	} `json:"overview"`
	Status string `json:"status"`
	URL    string `json:"url"`
}

const readState = `(() => {
  const x = window.__explorer;
  if (!x) return { busy: true };
  const le = x.lastExpand || {};
  const h = document.querySelector('[data-testid="details-name"]');
  return { busy: x.busy, nodeCount: x.nodeCount(), center: le.center || '', source: le.source || '',
    nodeIds: x.cy.nodes().map(n => n.id()).sort(), highlighted: x.highlighted(), compare: x.compare,
    details: h ? h.textContent : '', selected: x.selected || '', layout: x.layout, overview: x.overview,
    status: document.querySelector('[data-testid="status"]').textContent, url: location.href };
})()`

// waitFor polls the page state until ok holds, for at most 30 seconds.
func waitFor(ctx context.Context, t *testing.T, what string, ok func(pageState) bool) pageState {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](readState))
		if err != nil {
			t.Fatalf("reading the page state while waiting for %s: %v", what, err)
		}
		if !st.Busy && ok(st) {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; page state %+v", what, st)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// searchAndChoose types text into the search box without submitting: the
// hits must be suggested as it is typed. It moves to the hit for id with the
// arrow keys and chooses it with Enter.
func searchAndChoose(ctx context.Context, t *testing.T, text, id string) {
	t.Helper()
	input := chromedp.CSS(`[data-testid="search-input"]`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`(document.querySelector('[data-testid="search-results"]').replaceChildren(), document.querySelector('[data-testid="search-input"]').value = '', true)`)); err != nil {
		t.Fatalf("clearing the search box: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(input), chromedp.SendKeys(input, text)); err != nil {
		t.Fatalf("typing %q: %v", text, err)
	}
	// No Enter: the suggestions must come by themselves.
	var hits []string
	deadline := time.Now().Add(15 * time.Second)
	for {
		var err error
		hits, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`window.__explorer.busy || document.querySelector('[data-testid="search-results"]').hidden ? [] :
			 [...document.querySelectorAll('[data-testid="search-result"]')].map(li => li.dataset.id)`))
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(hits, id) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("typing %q suggested %v, not %s", text, hits, id)
		}
		time.Sleep(100 * time.Millisecond)
	}
	at := slices.Index(hits, id)
	for range at {
		if err := chromedp.Do(ctx, chromedp.SendKeys(input, kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
	}
	active, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
	  const i = document.querySelector('[data-testid="search-input"]');
	  const a = document.getElementById(i.getAttribute('aria-activedescendant') || '');
	  return a && a.getAttribute('aria-selected') === 'true' ? a.dataset.id : ''; })()`))
	if err != nil || active != id {
		t.Fatalf("after %d ArrowDown the combobox's active option is %q, want %s (%v)", at, active, id, err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(input, kb.Enter)); err != nil {
		t.Fatalf("choosing %s: %v", id, err)
	}
}

// overviewIDs asks the API what the first sight must draw: the collaboration
// network of the whole graph, at most 2000 nodes, as the page asks for it.
func overviewIDs(t *testing.T, url string) ([]string, bool) {
	t.Helper()
	var d struct {
		Network struct {
			Nodes     []struct{ ID string }
			Truncated bool
		}
	}
	mustAPI(t, url, `{ network(projection: COLLABORATION, limit: 2000) { nodes { id: nodeId } truncated } }`, nil, &d)
	var ids []string
	for _, n := range d.Network.Nodes {
		ids = append(ids, n.ID)
	}
	return uniq(ids), d.Network.Truncated
}

func newBrowser(t *testing.T, execPath, downloads string) (context.Context, func()) {
	t.Helper()
	// Not t.TempDir: Chromium's crash handler can still be writing there
	// after the browser exits, which would fail the test at cleanup.
	profile, err := os.MkdirTemp("", "explorer-e2e-profile-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		// A websocket rather than chromedp's default pipe: Debian's chromium
		// is a wrapper script, and the browser crashes at start-up in pipe mode.
		chromedp.Flag("remote-debugging-port", "0"),
		remote.WebSocket,
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	ctx, cancel := context.WithTimeout(bctx, 4*time.Minute)
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx, func() { cancel(); cancelBrowser(); cancelAlloc(); os.RemoveAll(profile) }
}

// screenshot saves the page as name in E2E_SCREENSHOT_DIR (or the temp dir).
func screenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := os.Getenv("E2E_SCREENSHOT_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("saving the screenshot: %v", err)
	}
	t.Logf("screenshot: %s", path)
}

func open(ctx context.Context, t *testing.T, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`[data-testid="search-input"]`))); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

func TestExplorerInBrowser(t *testing.T) {
	execPath := chromium(t)
	srv := startServer(t)
	a, b := pickCouncils(t, srv.URL)
	t.Logf("comparing %s (%s, %d partners) and %s (%s, %d partners)", a.Name, a.ID, a.total, b.Name, b.ID, b.total)
	downloads := t.TempDir()
	ctx, done := newBrowser(t, execPath, downloads)
	defer done()
	base := fmt.Sprintf("%s/?pageSize=%d", srv.URL, browserPageSize)

	// First sight: the whole collaboration network, drawn on opening, node
	// for node what the API's network holds, laid out and labelled.
	open(ctx, t, base)
	st := waitFor(ctx, t, "the first sight", func(s pageState) bool { return s.Overview != nil })
	want, truncated := overviewIDs(t, srv.URL)
	if !slices.Equal(st.NodeIDs, want) {
		t.Errorf("first sight drew %d nodes; the API's collaboration network has %d", st.NodeCount, len(want))
	}
	if len(want) < 10 {
		t.Fatalf("the seeds' collaboration network has %d nodes: too few to test the first sight", len(want))
	}
	if st.Overview.Truncated != truncated || !strings.Contains(st.Status, fmt.Sprint(len(want))) {
		t.Errorf("status %q (truncated %v) does not say what is drawn (%d nodes, truncated %v)", st.Status, st.Overview.Truncated, len(want), truncated)
	}
	type drawing struct{ Spread, Labelled, Sizes, Colours int }
	dr, err := chromedp.Run(ctx, chromedp.Evaluate[drawing](`(() => { const cy = window.__explorer.cy;
	  const key = p => Math.round(p.x) + ',' + Math.round(p.y);
	  return { spread: new Set(cy.nodes().map(n => key(n.position()))).size,
	    labelled: cy.nodes().filter(n => n.data('shown')).length,
	    sizes: new Set(cy.nodes().map(n => n.data('size'))).size,
	    colours: new Set(cy.nodes().map(n => n.data('colour'))).size }; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if dr.Spread < len(want)*9/10 || dr.Labelled == 0 || dr.Labelled > 30 || dr.Sizes < 3 || dr.Colours < 3 {
		t.Errorf("first sight is not laid out, sized, coloured and labelled: %+v for %d nodes", dr, len(want))
	}
	checkAccessibility(ctx, t, "first sight")
	checkKeyboard(ctx, t)
	screenshot(ctx, t, "explorer-first-sight.png")

	// Search as you type, and choose with the keyboard: the council is
	// selected and its partners listed with the quotes behind each link.
	searchAndChoose(ctx, t, a.Name, a.ID)
	st = waitFor(ctx, t, "the first council's details", func(s pageState) bool {
		return s.Selected == a.ID && s.Details == a.Name
	})
	type partnerPanel struct {
		Heading string
		Items   []string
		Cites   []string
	}
	panel, err := chromedp.Run(ctx, chromedp.Evaluate[partnerPanel](`({
	  heading: document.querySelector('[data-testid="partners-heading"]').textContent,
	  items: [...document.querySelectorAll('[data-testid="partner-list"] > li')].map(li => li.textContent),
	  cites: [...document.querySelectorAll('[data-testid="partner-list"] > li > blockquote cite')].map(c => c.textContent) })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(panel.Items) == 0 || len(panel.Items) != a.total {
		t.Errorf("the panel lists %d partners for %s, the API %d", len(panel.Items), a.ID, a.total)
	}
	if want := fmt.Sprintf("Partners (%d)", a.total); panel.Heading != want {
		t.Errorf("partner heading %q, want %q", panel.Heading, want)
	}
	if a.total <= browserPageSize {
		t.Logf("%s has %d partners: the panel's paging (%d a page) was not exercised", a.ID, a.total, browserPageSize)
	}
	if !slices.ContainsFunc(panel.Items, func(s string) bool { return strings.Contains(s, " via ") }) {
		t.Errorf("no partner of %s is listed with the initiatives it shares: %q", a.ID, panel.Items)
	}
	if len(panel.Cites) != len(panel.Items) || !slices.ContainsFunc(panel.Cites, func(s string) bool { return strings.Contains(s, ", lines ") }) {
		t.Errorf("%d of %d partners of %s come with a quote, document and lines: %q", len(panel.Cites), len(panel.Items), a.ID, panel.Cites)
	}

	// Its initiatives join the view: the union of the first sight and the
	// council's neighbourhood as the API gives it.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="expand-node"]`))); err != nil {
		t.Fatalf("showing the initiatives of %s: %v", a.ID, err)
	}
	st = waitFor(ctx, t, "the council's initiatives", func(s pageState) bool { return s.Center == a.ID })
	more, source := expectedNeighbourhood(t, srv.URL, a.ID)
	if st.Source != source {
		t.Errorf("page read the neighbourhood with %q, the API offers %q", st.Source, source)
	}
	if union := uniq(append(slices.Clone(want), more...)); !slices.Equal(st.NodeIDs, union) {
		t.Errorf("after showing the initiatives of %s the view has %d nodes; want the union of the first sight and its network, %d", a.ID, len(st.NodeIDs), len(union))
	}

	// A document hit opens too.
	var docs struct {
		Documents connection[struct{ Node struct{ ID, Title string } }]
	}
	mustAPI(t, srv.URL, `{ documents(first: 1) { edges { node { id title } } } }`, nil, &docs)
	if len(docs.Documents.Edges) == 0 {
		t.Fatal("the seeds have no document")
	}
	doc := docs.Documents.Edges[0].Node
	searchAndChoose(ctx, t, doc.Title, doc.ID)
	st = waitFor(ctx, t, "the document", func(s pageState) bool { return s.Selected == doc.ID && s.Details != "" })
	if st.Details != doc.Title || !slices.Contains(st.NodeIDs, doc.ID) || strings.HasPrefix(st.Status, "Could not") {
		t.Errorf("the document hit %s opened as %q (drawn: %v), status %q", doc.ID, st.Details, slices.Contains(st.NodeIDs, doc.ID), st.Status)
	}

	// Compare two councils: exactly their shared partners are highlighted.
	searchAndChoose(ctx, t, a.Name, a.ID)
	waitFor(ctx, t, "the first council's details again", func(s pageState) bool {
		return s.Selected == a.ID && s.Details == a.Name
	})
	tick := chromedp.Click(chromedp.CSS(`[data-testid="compare-checkbox"]`))
	if err := chromedp.Do(ctx, tick); err != nil {
		t.Fatalf("ticking %s: %v", a.ID, err)
	}
	waitFor(ctx, t, "the first council to join the comparison", func(s pageState) bool {
		return slices.Equal(s.Compare, []string{a.ID})
	})
	searchAndChoose(ctx, t, b.Name, b.ID)
	waitFor(ctx, t, "the second council's details", func(s pageState) bool {
		return s.Selected == b.ID && s.Details == b.Name
	})
	if err := chromedp.Do(ctx, tick); err != nil {
		t.Fatalf("ticking %s: %v", b.ID, err)
	}
	type sharedEdge struct{ Node struct{ ID string } }
	type sharedPage struct{ SharedPartners connection[sharedEdge] }
	shared := collect(t, srv.URL, `query($ids: [ID!]!, $first: Int!, $after: String) {
	  sharedPartners(councilIds: $ids, mode: ALL, first: $first, after: $after) {
	    totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
		map[string]any{"ids": []string{a.ID, b.ID}}, func(d *sharedPage) *connection[sharedEdge] { return &d.SharedPartners })
	var wantHL []string
	for _, s := range shared {
		wantHL = append(wantHL, s.Node.ID)
	}
	wantHL = uniq(wantHL)
	if len(wantHL) == 0 {
		t.Fatalf("sharedPartners of %s and %s is empty though their partner lists overlap", a.ID, b.ID)
	}
	st = waitFor(ctx, t, "the shared partners to be highlighted", func(s pageState) bool {
		return len(s.Compare) == 2 && len(s.Highlighted) > 0
	})
	if !slices.Equal(st.Highlighted, wantHL) {
		t.Errorf("highlighted %v; sharedPartners says %v", st.Highlighted, wantHL)
	}
	listed, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`document.querySelectorAll('[data-testid="shared-list"] li[data-id]').length`))
	if err != nil {
		t.Fatal(err)
	}
	if listed != len(wantHL) {
		t.Errorf("the shared-partner list has %d entries, want %d", listed, len(wantHL))
	}
	checkKindFilter(ctx, t)

	// The address holds the view: change layout, colours and kinds, then
	// open the address afresh and find the same view.
	for _, sel := range []string{`[data-testid="layout-geo"]`, `[data-testid="colour-sector"]`, `[data-testid="filter-document"]`} {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("clicking %s: %v", sel, err)
		}
	}
	st = waitFor(ctx, t, "the view in the address", func(s pageState) bool { return strings.Contains(s.URL, "layout=geo") })
	link := st.URL
	t.Logf("deep link: %s", link)
	open(ctx, t, srv.URL+"/")
	waitFor(ctx, t, "a fresh first sight", func(s pageState) bool { return s.Overview != nil && s.Selected == "" })
	open(ctx, t, link)
	st = waitFor(ctx, t, "the deep link's view", func(s pageState) bool { return s.Overview != nil && s.Selected == b.ID && len(s.Compare) == 2 })
	type controls struct {
		Geo, Sector, Documents bool
	}
	c, err := chromedp.Run(ctx, chromedp.Evaluate[controls](`({
	  geo: document.querySelector('[data-testid="layout-geo"]').checked,
	  sector: document.querySelector('[data-testid="colour-sector"]').checked,
	  documents: document.querySelector('[data-testid="filter-document"]').checked })`))
	if err != nil {
		t.Fatal(err)
	}
	if st.Layout != "geo" || !c.Geo || !c.Sector || c.Documents || st.Details != b.Name || !slices.Equal(st.Compare, []string{a.ID, b.ID}) {
		t.Errorf("the deep link %s restored layout %q, controls %+v, details %q, comparison %v", link, st.Layout, c, st.Details, st.Compare)
	}
	checkGeoLayout(ctx, t, srv.URL, a.ID, b.ID)
	screenshot(ctx, t, "explorer-deep-link-geo.png")

	checkGeoAtScale(ctx, t)
	checkReview(ctx, t, srv.URL, downloads)
}

// checkGeoAtScale draws a made-up network of the size the first sight
// draws at 100 times the seeds (2000 nodes, the most it shows: 300
// councils across the UK, 1700 organisations each working with one to
// three of them) in the geographic layout, and checks that nodes are
// spread out enough to be told apart.
func checkGeoAtScale(ctx context.Context, t *testing.T) {
	t.Helper()
	type result struct {
		Nodes, Crowded int
		Millis         float64
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[result](`(() => {
	  const x = window.__explorer, cy = x.cy;
	  let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	  const els = [];
	  for (let i = 0; i < 300; i++) els.push({ group: 'nodes', data: { id: 'c' + i, label: 'Council ' + i, kind: 'Council',
	    lat: 50.2 + rnd() * 8, lon: -5.5 + rnd() * 7, colour: '#0b5cad', size: 12, fontSize: 10, labelWidth: 160, shown: '' } });
	  for (let i = 0; i < 1700; i++) {
	    els.push({ group: 'nodes', data: { id: 'o' + i, label: 'Org ' + i, kind: 'Organisation', colour: '#b35900', size: 8, fontSize: 10, labelWidth: 160, shown: '' } });
	    const k = 1 + Math.floor(rnd() * 3);
	    for (let j = 0; j < k; j++) els.push({ group: 'edges', data: { id: 'e' + i + '-' + j, source: 'o' + i, target: 'c' + Math.floor(rnd() * 300) } });
	  }
	  cy.elements().remove(); cy.add(els);
	  document.querySelector('[data-testid="layout-geo"]').click();
	  const t0 = performance.now(); x.runLayout(); const ms = performance.now() - t0;
	  const ps = cy.nodes().map(n => n.position());
	  // Crowded: nearer another node than 20 units (nodes are 8 to 12 across).
	  const cell = 20, grid = new Map(), key = (a, b) => a + ',' + b;
	  ps.forEach((p, i) => { const k = key(Math.floor(p.x / cell), Math.floor(p.y / cell)); if (!grid.has(k)) grid.set(k, []); grid.get(k).push(i); });
	  let crowded = 0;
	  ps.forEach((p, i) => { const cx = Math.floor(p.x / cell), cy0 = Math.floor(p.y / cell); let near = false;
	    for (let a = -1; a <= 1 && !near; a++) for (let b = -1; b <= 1 && !near; b++)
	      for (const j of grid.get(key(cx + a, cy0 + b)) || []) if (j !== i && Math.hypot(ps[j].x - p.x, ps[j].y - p.y) < cell) { near = true; break; }
	    if (near) crowded++; });
	  return { nodes: ps.length, crowded, millis: ms };
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("geographic layout of %d nodes: %.0f ms in the browser, %d nodes nearer another than 20 units", r.Nodes, r.Millis, r.Crowded)
	if r.Nodes != 2000 || r.Crowded > r.Nodes/20 {
		t.Errorf("geographic layout at 2000 nodes: %d of %d crowded (want at most 5%%)", r.Crowded, r.Nodes)
	}
	screenshot(ctx, t, "explorer-geo-2000.png")
}

// checkAccessibility runs axe-core (pinned in e2e/js) in the page and fails
// on serious or critical violations.
func checkAccessibility(ctx context.Context, t *testing.T, where string) {
	t.Helper()
	src, err := os.ReadFile("js/node_modules/axe-core/axe.min.js")
	if err != nil {
		missing(t, "axe-core (e2e/js/node_modules)")
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(src)+";0")); err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	type violation struct {
		ID, Impact, Help string
		Nodes            []struct{ Target []any }
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	t.Logf("axe-core (%s): %d violations of any impact", where, len(vs))
	for _, v := range vs {
		var targets []string
		for i, n := range v.Nodes {
			if i == 5 {
				targets = append(targets, "…")
				break
			}
			targets = append(targets, fmt.Sprint(n.Target...))
		}
		msg := fmt.Sprintf("axe (%s): %s %s: %s on %d elements: %v", where, v.Impact, v.ID, v.Help, len(v.Nodes), targets)
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// checkKeyboard presses Tab through the page and checks that every visible
// control is reached (a radio group counts once: arrows move within it).
func checkKeyboard(ctx context.Context, t *testing.T) {
	t.Helper()
	const controls = `(() => { let k = 0; const groups = new Set(); const out = [];
	  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
	    if (el.disabled || el.tabIndex < 0 || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
	    if (el.closest('[hidden]')) continue;
	    const key = el.type === 'radio' ? 'radio:' + el.name : 'k' + (k++);
	    el.dataset.kbd = key;
	    if (!groups.has(key)) { groups.add(key); out.push(key); }
	  }
	  return out; })()`
	all, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](controls))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.activeElement && document.activeElement.blur(), window.focus(), true)`)); err != nil {
		t.Fatal(err)
	}
	reached := map[string]bool{}
	for i := 0; i < len(all)+10; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		k, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.activeElement && document.activeElement.dataset.kbd) || ''`))
		if err != nil {
			t.Fatal(err)
		}
		reached[k] = true
	}
	var missed []string
	for _, k := range all {
		if !reached[k] {
			d, _ := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(
				`(e => e.outerHTML.slice(0, 80))(document.querySelector('[data-kbd=%q]'))`, k)))
			missed = append(missed, d)
		}
	}
	if len(missed) > 0 {
		t.Errorf("Tab does not reach %d of %d controls: %q", len(missed), len(all), missed)
	}
	// Leave the page as it was: nothing focused, search suggestions closed.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.activeElement && document.activeElement.blur(), true)`)); err != nil {
		t.Fatal(err)
	}
}

type reviewItem struct {
	Type, ID string
	Kind     string
}

func countType(items []reviewItem, typ string) int {
	n := 0
	for _, it := range items {
		if it.Type == typ {
			n++
		}
	}
	return n
}

// checkReview opens review mode, decides on items of each kind, downloads
// curation.yaml and loads the seeds with it: the graph must show the change.
func checkReview(ctx context.Context, t *testing.T, url, downloads string) {
	t.Helper()
	open(ctx, t, url+"/?review=1")
	var items []reviewItem
	deadline := time.Now().Add(30 * time.Second)
	for len(items) == 0 {
		var err error
		items, err = chromedp.Run(ctx, chromedp.Evaluate[[]reviewItem](`[...document.querySelectorAll('[data-testid="review-item"]')].map(li => ({
		  type: li.dataset.type, id: li.dataset.id, kind: li.querySelector('[data-testid="decision-sector"]') ? 'Organisation' : '' }))`))
		if err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatal("review mode lists nothing to check")
		}
		time.Sleep(100 * time.Millisecond)
	}
	quotes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('[data-testid="review-item"]')].filter(li => li.querySelector('blockquote cite')).length`))
	if err != nil || quotes != len(items) {
		t.Errorf("%d of %d review items come with their quote (%v)", quotes, len(items), err)
	}
	var unclassified struct{ Mentions []server.Mention }
	resp, err := http.Get(url + "/review/unclassified.json")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&unclassified)
	resp.Body.Close()
	if n := len(unclassified.Mentions); n == 0 || n != countType(items, "unclassified") || countType(items, "low") == 0 {
		t.Errorf("review mode lists %d unclassified mentions (the load report has %d) and %d low-confidence mentions",
			countType(items, "unclassified"), n, countType(items, "low"))
	}
	checkAccessibility(ctx, t, "review mode")
	checkKeyboard(ctx, t)
	// Decide: exclude the first low-confidence mention, rename the second,
	// set the sector of the first organisation, merge the first near-duplicate pair.
	var exclude, rename, sector, merged, into string
	nth := func(i int) string { return fmt.Sprintf(`[data-testid="review-item"]:nth-child(%d) `, i+1) }
	for i, it := range items {
		switch {
		case it.Type == "low" && exclude == "":
			exclude = it.ID
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(nth(i)+`[data-testid="decision-exclude"]`))); err != nil {
				t.Fatal(err)
			}
		case it.Type == "low" && it.Kind == "" && rename == "":
			rename = it.ID
			box := chromedp.CSS(nth(i) + `[data-testid="decision-rename-name"]`)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(document.querySelector(%q).value = '', true)`,
				nth(i)+`[data-testid="decision-rename-name"]`))); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.SendKeys(box, "Renamed In Review")); err != nil {
				t.Fatal(err)
			}
		case it.Type == "low" && it.Kind == "Organisation" && sector == "":
			sector = it.ID
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(nth(i)+`[data-testid="decision-sector"]`))); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(s => (s.value = 'faith', s.dispatchEvent(new Event('change', { bubbles: true }))))(document.querySelector(%q))`,
				nth(i)+`[data-testid="decision-sector-value"]`))); err != nil {
				t.Fatal(err)
			}
		case it.Type == "dup" && merged == "" && !slices.ContainsFunc(strings.Split(it.ID, "|"), func(id string) bool {
			return id == exclude || id == rename || id == sector
		}):
			into, merged, _ = strings.Cut(it.ID, "|")
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(nth(i)+`[data-testid="decision-merge-a"]`))); err != nil {
				t.Fatal(err)
			}
		}
	}
	if exclude == "" || rename == "" {
		t.Fatalf("review mode has too few low-confidence mentions to test: %v", items)
	}
	preview, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="curation-preview"]').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(ctx, t, "explorer-review.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="review-download"]`))); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(downloads, "curation.yaml")
	var got []byte
	for deadline := time.Now().Add(15 * time.Second); ; {
		if got, err = os.ReadFile(file); err == nil && len(got) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no curation.yaml downloaded into %s", downloads)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if string(got) != preview {
		t.Errorf("the download differs from the preview:\n%s\n---\n%s", got, preview)
	}
	t.Logf("curation.yaml from review mode:\n%s", got)
	g, rep, err := loader.Load(context.Background(), "../seeds", loader.Options{CurationFile: file})
	if err != nil {
		t.Fatalf("loading the seeds with the downloaded curation.yaml: %v", err)
	}
	t.Logf("curation applied: %q", rep.Curation)
	if g.Node(exclude) != nil {
		t.Errorf("%s was marked exclude, but is still in the graph", exclude)
	}
	if n := g.Node(rename); n == nil || n.Name != "Renamed In Review" {
		t.Errorf("%s was renamed to %q, the graph has %+v", rename, "Renamed In Review", n)
	}
	if sector != "" && sector != exclude {
		if n := g.Node(sector); n == nil || n.Sector != "faith" {
			t.Errorf("%s was set to sector faith, the graph has %v", sector, n)
		}
	}
	if merged != "" {
		if g.Node(merged) != nil || g.Node(into) == nil {
			t.Errorf("%s was merged into %s; the graph has the first: %v, the second: %v", merged, into, g.Node(merged) != nil, g.Node(into) != nil)
		}
	}
}

// checkGeoLayout switches to the geographic layout and checks that the two
// councils are drawn in the same compass order as their coordinates.
func checkGeoLayout(ctx context.Context, t *testing.T, url, a, b string) {
	t.Helper()
	var d struct {
		Nodes []struct {
			ID       string
			Lat, Lon *float64
		}
	}
	mustAPI(t, url, `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Council { lat lon } } }`,
		map[string]any{"ids": []string{a, b}}, &d)
	if len(d.Nodes) != 2 || d.Nodes[0].Lat == nil || d.Nodes[1].Lat == nil {
		t.Logf("geographic layout not checked: %s or %s has no coordinates", a, b)
		return
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="layout-geo"]`))); err != nil {
		t.Fatalf("choosing the geographic layout: %v", err)
	}
	type pos struct{ X, Y float64 }
	ps, err := chromedp.Run(ctx, chromedp.Evaluate[[]pos](fmt.Sprintf(
		`[%q, %q].map(id => window.__explorer.cy.getElementById(id).position())`, a, b)))
	if err != nil {
		t.Fatal(err)
	}
	na, nb := d.Nodes[0], d.Nodes[1]
	// East is +x; north is -y on screen.
	if (*na.Lon-*nb.Lon)*(ps[0].X-ps[1].X) < 0 {
		t.Errorf("geographic layout: %s (lon %v) and %s (lon %v) drawn at x %v and %v", a, *na.Lon, b, *nb.Lon, ps[0].X, ps[1].X)
	}
	if (*na.Lat-*nb.Lat)*(ps[1].Y-ps[0].Y) < 0 {
		t.Errorf("geographic layout: %s (lat %v) and %s (lat %v) drawn at y %v and %v", a, *na.Lat, b, *nb.Lat, ps[0].Y, ps[1].Y)
	}
}

// checkKindFilter hides initiatives and checks that none stays visible, that
// the rest do, and that the JSON export holds exactly what is visible.
func checkKindFilter(ctx context.Context, t *testing.T) {
	t.Helper()
	const count = `(() => { const cy = window.__explorer.cy; return {
	  all: cy.nodes().length, visible: cy.nodes(':visible').length,
	  initiatives: cy.nodes('[kind = "Initiative"]').length,
	  visibleInitiatives: cy.nodes('[kind = "Initiative"]:visible').length,
	  exported: window.__explorer.viewJSON().nodes.length }; })()`
	type counts struct{ All, Visible, Initiatives, VisibleInitiatives, Exported int }
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="filter-initiative"]`))); err != nil {
		t.Fatalf("unticking initiatives: %v", err)
	}
	c, err := chromedp.Run(ctx, chromedp.Evaluate[counts](count))
	if err != nil {
		t.Fatal(err)
	}
	if c.VisibleInitiatives != 0 || c.Visible != c.All-c.Initiatives || c.Exported != c.Visible {
		t.Errorf("with initiatives hidden: %+v", c)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-testid="filter-initiative"]`))); err != nil {
		t.Fatalf("ticking initiatives: %v", err)
	}
	c, err = chromedp.Run(ctx, chromedp.Evaluate[counts](count))
	if err != nil {
		t.Fatal(err)
	}
	if c.Visible != c.All {
		t.Errorf("with every kind shown: %+v", c)
	}
	png, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__explorer.cy.png({ full: true })`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(png, "data:image/png;base64,") || len(png) < 1000 {
		t.Errorf("the PNG export gave %.60q (%d bytes)", png, len(png))
	}
}

// GraphiQL comes from the server itself: it renders offline with the
// example queries as tabs, loads nothing from elsewhere, and runs a query.
func TestGraphiQLInBrowser(t *testing.T) {
	execPath := chromium(t)
	srv := startServer(t)
	ctx, done := newBrowser(t, execPath, t.TempDir())
	defer done()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/graphiql"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-execute-button`))); err != nil {
		t.Fatalf("opening /graphiql: %v", err)
	}
	type page struct {
		Tabs      []string
		Resources []string
	}
	pg, err := chromedp.Run(ctx, chromedp.Evaluate[page](`({
	  tabs: [...document.querySelectorAll('.graphiql-tab')].map(t => t.textContent.trim()),
	  resources: performance.getEntriesByType('resource').map(e => e.name) })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Tabs) != len(server.Examples) {
		t.Errorf("GraphiQL shows %d tabs %q; the server has %d example queries", len(pg.Tabs), pg.Tabs, len(server.Examples))
	}
	for _, r := range pg.Resources {
		if !strings.HasPrefix(r, srv.URL+"/") && !strings.HasPrefix(r, "data:") {
			t.Errorf("GraphiQL loaded %s from elsewhere", r)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.graphiql-execute-button`))); err != nil {
		t.Fatalf("running the first example: %v", err)
	}
	var answer string
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(answer, `"data"`); time.Sleep(100 * time.Millisecond) {
		if answer, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.graphiql-response') || {}).textContent || ''`)); err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the first example gave no data in GraphiQL: %.300q", answer)
		}
	}
	if strings.Contains(answer, `"errors"`) {
		t.Errorf("the first example answered with errors in GraphiQL: %.300q", answer)
	}
	screenshot(ctx, t, "graphiql.png")
}
