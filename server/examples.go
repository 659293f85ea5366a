package server

// Examples are the queries GraphiQL opens with: one per question the API
// is for. README.md shows the same queries with their answers on the seeds.
var Examples = []struct {
	Name  string `json:"-"`
	Query string `json:"query"`
}{
	{"Partners of a council", `# Who did South Tyneside Council work with, on what, and who says so?
query PartnersOfACouncil {
  council(id: "council:sty") {
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
}`},
	{"Search", `# Find a body by name: typos, "&"/"and", "St"/"Saint" are fine.
query Search {
  search(text: "telford and wrekin", first: 5) {
    totalCount
    edges {
      score
      matchedField
      node { __typename ... on Council { id name gssCode } ... on Organisation { id name sector } }
    }
  }
}`},
	{"Shared partners", `# Organisations that partnered with at least two of these councils.
query SharedPartners {
  sharedPartners(councilIds: ["council:crf", "council:glg", "council:sty"], mode: ANY, minShared: 2) {
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
query Collaborators {
  collaborators(id: "org:westminster-foundation", depth: 1) {
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
query Network {
  network(center: "council:sty", depth: 2, projection: BIPARTITE, limit: 200) {
    truncated
    nodes { id label kind sector size degree community lat lon pagerank betweenness }
    edges { id source target kind weight evidenceCount }
  }
}`},
	{"Paths and similar councils", `# How two councils are connected, and which councils share partners with one.
query Connections {
  path(from: "council:crf", to: "council:glg", maxLength: 6) {
    length
    hops { from { id } to { id } kind evidence { quote file lineStart } }
  }
  similarCouncils(id: "council:crf", top: 5) {
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
}
