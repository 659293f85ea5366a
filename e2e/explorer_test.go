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
	g, _, err := loader.Load(ctx, "../seeds", loader.Options{})
	if err != nil {
		t.Fatalf("loading ../seeds: %v", err)
	}
	store := inmem.New()
	if _, err := store.Replace(ctx, g); err != nil {
		t.Fatalf("filling the store: %v", err)
	}
	h, err := server.New(store, server.Options{Explorer: explorer.Handler()})
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
}

const readState = `(() => {
  const x = window.__explorer;
  const le = x.lastExpand || {};
  const h = document.querySelector('[data-testid="details-name"]');
  return { busy: x.busy, nodeCount: x.nodeCount(), center: le.center || '', source: le.source || '',
    nodeIds: x.cy.nodes().map(n => n.id()).sort(), highlighted: x.highlighted(), compare: x.compare,
    details: h ? h.textContent : '' };
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

// searchAndChoose types text into the search box, submits with Enter, moves
// to the hit for id with the arrow keys and chooses it with Enter.
func searchAndChoose(ctx context.Context, t *testing.T, text, id string) {
	t.Helper()
	input := chromedp.CSS(`[data-testid="search-input"]`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector('[data-testid="search-input"]').value = ''`)); err != nil {
		t.Fatalf("clearing the search box: %v", err)
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(input, text),
		chromedp.SendKeys(input, kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="search-result"]`)),
	)
	if err != nil {
		t.Fatalf("searching for %q: %v", text, err)
	}
	hits, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('[data-testid="search-result"]')].map(li => li.dataset.id)`))
	if err != nil {
		t.Fatal(err)
	}
	at := slices.Index(hits, id)
	if at < 0 {
		t.Fatalf("searching for %q: %s not among the hits %v", text, id, hits)
	}
	for range at {
		if err := chromedp.Do(ctx, chromedp.SendKeys(input, kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(input, kb.Enter)); err != nil {
		t.Fatalf("choosing %s: %v", id, err)
	}
}

func TestExplorerInBrowser(t *testing.T) {
	execPath := chromium(t)
	srv := startServer(t)
	a, b := pickCouncils(t, srv.URL)
	t.Logf("comparing %s (%s, %d partners) and %s (%s, %d partners)", a.Name, a.ID, a.total, b.Name, b.ID, b.total)

	// Not t.TempDir: Chromium's crash handler can still be writing there
	// after the browser exits, which would fail the test at cleanup.
	profile, err := os.MkdirTemp("", "explorer-e2e-profile-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(profile)
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
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()

	if err := chromedp.Do(ctx,
		chromedp.Navigate(fmt.Sprintf("%s/?pageSize=%d", srv.URL, browserPageSize)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="search-input"]`)),
	); err != nil {
		t.Fatalf("opening the explorer: %v", err)
	}

	// Search for a council and expand it: the view must hold exactly the
	// neighbourhood the API returns for that centre.
	searchAndChoose(ctx, t, a.Name, a.ID)
	st := waitFor(ctx, t, "the first council's neighbourhood", func(s pageState) bool {
		return s.Center == a.ID && s.Details == a.Name
	})
	want, source := expectedNeighbourhood(t, srv.URL, a.ID)
	if st.Source != source {
		t.Errorf("page read the neighbourhood with %q, the API offers %q", st.Source, source)
	}
	if st.NodeCount != len(want) || !slices.Equal(st.NodeIDs, want) {
		t.Errorf("rendered %d nodes %v; the API's %s for %s has %d: %v", st.NodeCount, st.NodeIDs, source, a.ID, len(want), want)
	}
	// The panel lists every partner, read over several pages.
	type partnerPanel struct {
		Heading string
		Items   []string
	}
	panel, err := chromedp.Run(ctx, chromedp.Evaluate[partnerPanel](`({
	  heading: document.querySelector('[data-testid="partners-heading"]').textContent,
	  items: [...document.querySelectorAll('[data-testid="partner-list"] li')].map(li => li.textContent) })`))
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
	cite, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`(document.querySelector('[data-testid="evidence"] cite') || {}).textContent || ''`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cite, ", lines ") {
		t.Errorf("the panel shows no evidence with its document and lines for %s (first citation %q)", a.ID, cite)
	}

	// Click an initiative of the council: its neighbourhood is merged into
	// the view, which then holds the union of both networks.
	var initiative string
	for _, id := range want {
		if strings.HasPrefix(id, "initiative:") {
			initiative = id
			break
		}
	}
	if initiative == "" {
		t.Fatalf("the network of %s has no initiative to expand: %v", a.ID, want)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(
		`(window.__explorer.cy.getElementById(%q).emit('tap'), true)`, initiative))); err != nil {
		t.Fatalf("clicking %s: %v", initiative, err)
	}
	st = waitFor(ctx, t, "the initiative's neighbourhood and details", func(s pageState) bool {
		return s.Center == initiative && s.Details != "" && s.Details != a.Name
	})
	more, _ := expectedNeighbourhood(t, srv.URL, initiative)
	union := uniq(append(slices.Clone(want), more...))
	if !slices.Equal(st.NodeIDs, union) {
		t.Errorf("after expanding %s the view has %v; want the union of both networks %v", initiative, st.NodeIDs, union)
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('[data-testid="status"]').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(status, "Could not") {
		t.Errorf("status after expanding %s: %s", initiative, status)
	}

	// Tick both councils for comparison in the panel: exactly their shared
	// partners, per sharedPartners, must be highlighted.
	searchAndChoose(ctx, t, a.Name, a.ID)
	waitFor(ctx, t, "the first council's details again", func(s pageState) bool {
		return s.Center == a.ID && s.Details == a.Name
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
		return s.Center == b.ID && s.Details == b.Name
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

	checkGeoLayout(ctx, t, srv.URL, a.ID, b.ID)
	checkKindFilter(ctx, t)

	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := os.Getenv("E2E_SCREENSHOT_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, "explorer-e2e.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("saving the screenshot: %v", err)
	}
	t.Logf("screenshot: %s", path)
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
