package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// seedCouncil is a council of the seed graph that a test asks about. Tests
// choose it by what the loaded graph holds (the councils with the most
// partners), never by a seed's name or id, so that no name from the seeds is
// written into them and they still ask about real answers.
type seedCouncil struct {
	ID, Name, GssCode string
	Partners          int
}

// busiestCouncils lists the seed graph's councils the gazetteer resolved (they
// have a GSS code), most partners first, ties by name as the API orders them.
func busiestCouncils(t testing.TB, h http.Handler) []seedCouncil {
	t.Helper()
	waitMetrics(t, h) // the order by partners is the metrics' degree
	body, _ := json.Marshal(map[string]any{"query": `{ councils(first: 20, orderBy: {field: PARTNER_COUNT, direction: DESC}) {
		edges { node { id name gssCode partners { totalCount } } } } }`})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data struct {
			Councils struct {
				Edges []struct {
					Node struct {
						ID, Name, GssCode string
						Partners          struct{ TotalCount int }
					}
				}
			}
		}
		Errors []gqlError
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Errors) > 0 {
		t.Fatalf("councils by partners: %v %+v %s", err, resp.Errors, rec.Body.String())
	}
	var out []seedCouncil
	for _, e := range resp.Data.Councils.Edges {
		if n := e.Node; n.GssCode != "" && n.Partners.TotalCount > 0 {
			out = append(out, seedCouncil{n.ID, n.Name, n.GssCode, n.Partners.TotalCount})
		}
	}
	if len(out) < 2 {
		t.Fatalf("the seeds have %d councils with partners and a GSS code, want 2 or more", len(out))
	}
	for i := 1; i < len(out); i++ {
		if out[i].Partners > out[i-1].Partners {
			t.Fatalf("councils not ordered by partners: %+v", out)
		}
	}
	return out
}

// busiestCouncil is the seed council with the most partners.
func busiestCouncil(t testing.TB, h http.Handler) seedCouncil {
	t.Helper()
	return busiestCouncils(t, h)[0]
}

// waitMetrics waits until the server has computed the graph's metrics (at
// most two minutes).
func waitMetrics(t testing.TB, h http.Handler) {
	t.Helper()
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ metricsReady }"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if strings.Contains(rec.Body.String(), `"metricsReady":true`) {
			return
		}
		if time.Since(start) > 2*time.Minute {
			t.Fatalf("metrics not ready after 2 minutes: %s", rec.Body.String())
		}
	}
}
