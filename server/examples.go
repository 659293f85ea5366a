package server

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Example is one GraphiQL tab: a query and, where it asks about particular
// nodes, the JSON of its variables.
type Example struct {
	Name      string `json:"-"`
	Query     string `json:"query"`
	Variables string `json:"variables,omitempty"`
}

// Examples are the queries GraphiQL opens with: one per question the API
// is for. README.md shows the same questions with their answers on the
// seeds. They name no node: a question about a council or an organisation
// takes its id as a variable ($council, $councils, $other, $organisation,
// $text), which ExampleTabs fills from the graph served.
var Examples = examples([]struct{ Name, Query string }{
	// The first tab names no node even as a variable: GraphiQL fills the
	// variables editor from its first tab only when switched back to it.
	{"Partners of a council", `# Who did the council with the most partners work with, on what, and who says so?
query PartnersOfACouncil {
  councils(first: 1, orderBy: {field: PARTNER_COUNT, direction: DESC}) {
    edges {
      node {
        id
        name
        region
        partners(first: 50) {
          totalCount
          counts(by: SECTOR) { key count }
          edges {
            node { id name ... on Organisation { sector } }
            initiatives { name }
            evidence { quote file lineStart lineEnd }
          }
        }
      }
    }
  }
}`},
	{"Search", `# Find a body by name: typos, "&"/"and", "St"/"Saint" are fine.
query Search($text: String!) {
  search(text: $text, first: 5) {
    totalCount
    edges {
      score
      matchedField
      node { __typename ... on Council { id name gssCode } ... on Organisation { id name sector } }
    }
  }
}`},
	{"Shared partners", `# Organisations that partnered with at least two of these councils.
query SharedPartners($councils: [ID!]!) {
  sharedPartners(councilIds: $councils, mode: ANY, minShared: 2) {
    totalCount
    edges {
      node { id name }
      sharedCount
      councils { council { name } initiatives { name } evidence { quote } }
    }
  }
}`},
	{"Funders", `# Who funded what, and how much.
query Funders {
  funders(first: 20) {
    totalCount
    counts(by: KIND) { key count }
    edges { node { name funded { amountTotal edges { node { recipient { id } amountText inKind evidence { quote } } } } } }
  }
}`},
	{"Collaborators", `# Who collaborated with whom around one organisation.
query Collaborators($organisation: ID!) {
  collaborators(id: $organisation, depth: 1) {
    totalCount
    edges { node { a { name } b { name } initiatives { name } distance } }
  }
}`},
	{"Councils, paged", `# Every list is a connection with keyset cursors.
query Councils {
  councils(first: 5) {
    totalCount
    counts(by: REGION) { key count }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name type region nation lat lon } }
  }
}`},
	{"Filtered and ordered lists", `# Councils in the North East that worked with a voluntary-sector partner,
# organisations that partnered with at least two councils,
# and the initiatives with the most partners.
query Filtered {
  councils(where: {regionIn: ["North East"], hasPartnerOfSector: voluntary}) {
    totalCount
    edges { node { name partnerCount pagerank } }
  }
  organisations(first: 10, where: {minCouncils: 2}, orderBy: {field: PARTNER_COUNT, direction: DESC}) {
    totalCount
    edges { node { name sector partnerCount } }
  }
  initiatives(first: 5, orderBy: {field: PARTNER_COUNT, direction: DESC}) {
    edges { node { name theme partnerCount } }
  }
}`},
	{"Network", `# The network around a council, ready to draw, with centrality and communities.
query Network($council: ID!) {
  network(center: $council, depth: 2, projection: BIPARTITE, limit: 200) {
    truncated
    nodes { id label kind sector size degree community lat lon pagerank betweenness }
    edges { id source target kind weight evidenceCount }
  }
}`},
	{"Paths and similar councils", `# How two councils are connected, and which councils share partners with one.
query Connections($council: ID!, $other: ID!) {
  path(from: $council, to: $other, maxLength: 6) {
    length
    hops { from { id } to { id } kind evidence { quote file lineStart } }
  }
  similarCouncils(id: $council, top: 5) {
    totalCount
    edges { node { name } jaccard sharedPartners { name } }
  }
}`},
	{"Funding and totals", `# Who funded whom, totals per funder and per council, and counts by kind.
query Funding {
  fundingFlows {
    total
    byFunder { edges { node { name } total count } }
    byCouncil { edges { node { name } total count } }
  }
  stats { nodes { key count } sectors { key count } fundingTotal }
}`},
})

// examples makes the list of Examples, whose variables ExampleTabs fills.
func examples(list []struct{ Name, Query string }) []Example {
	out := make([]Example, len(list))
	for i, e := range list {
		out[i] = Example{Name: e.Name, Query: e.Query}
	}
	return out
}

// Ask answers a GraphQL query with variables: its data, or an error (the
// first of the answer's errors).
type Ask func(ctx context.Context, query string, vars map[string]any) (json.RawMessage, error)

// The nodes the examples ask about, chosen by what the graph holds: the
// council with the most partners ($council), the councils most like it
// ($other; $councils is the three), the organisation with the most
// partners ($organisation), and the council's name in lower case, "&"
// written "and" ($text), for the search.
const (
	exampleCouncilQuery = `{ councils(first: 1, orderBy: {field: PARTNER_COUNT, direction: DESC}) { edges { node { id name } } }
  organisations(first: 1, orderBy: {field: PARTNER_COUNT, direction: DESC}) { edges { node { id } } } }`
	exampleSimilarQuery = `query($council: ID!) { similarCouncils(id: $council, top: 2) { edges { node { id } } } }`
)

// exampleVariable finds the variables a query declares: "$council: ID!".
var exampleVariable = regexp.MustCompile(`\$(\w+):`)

// ExampleTabs gives Examples with the variables each declares filled with
// nodes of the graph ask answers from. A variable the graph has no node for
// (an empty graph, a council without similar ones) is left out, and GraphiQL
// shows the question unanswered.
func ExampleTabs(ctx context.Context, ask Ask) ([]Example, error) {
	vars := map[string]any{}
	type ids struct {
		Edges []struct{ Node struct{ ID, Name string } }
	}
	data, err := ask(ctx, exampleCouncilQuery, nil)
	if err != nil {
		return nil, err
	}
	var first struct{ Councils, Organisations ids }
	if err := json.Unmarshal(data, &first); err != nil {
		return nil, fmt.Errorf("the examples' councils: %w", err)
	}
	if e := first.Organisations.Edges; len(e) > 0 {
		vars["organisation"] = e[0].Node.ID
	}
	if e := first.Councils.Edges; len(e) > 0 {
		council := e[0].Node
		vars["council"] = council.ID
		vars["text"] = strings.ReplaceAll(strings.ToLower(council.Name), "&", "and")
		data, err := ask(ctx, exampleSimilarQuery, map[string]any{"council": council.ID})
		if err != nil {
			return nil, err
		}
		var similar struct{ SimilarCouncils ids }
		if err := json.Unmarshal(data, &similar); err != nil {
			return nil, fmt.Errorf("the examples' similar councils: %w", err)
		}
		councils := []string{council.ID}
		for _, e := range similar.SimilarCouncils.Edges {
			councils = append(councils, e.Node.ID)
		}
		if len(councils) > 1 {
			vars["other"] = councils[1]
			vars["councils"] = councils
		}
	}
	tabs := make([]Example, len(Examples))
	for i, ex := range Examples {
		tabs[i] = ex
		mine := map[string]any{}
		for _, m := range exampleVariable.FindAllStringSubmatch(ex.Query, -1) {
			if v, ok := vars[m[1]]; ok {
				mine[m[1]] = v
			}
		}
		if len(mine) > 0 {
			b, err := json.MarshalIndent(mine, "", "  ")
			if err != nil {
				return nil, err
			}
			tabs[i].Variables = string(b)
		}
	}
	return tabs, nil
}
