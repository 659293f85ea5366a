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
    partners {
      actor { id name ... on Organisation { sector } }
      initiatives { name }
      evidence { quote file lineStart lineEnd }
    }
  }
}`},
	{"Search", `# Find a body by name: typos, "&"/"and", "St"/"Saint" are fine.
query Search {
  search(text: "telford and wrekin", first: 5) {
    score
    matchedField
    node { id ... on Council { name gssCode } ... on Organisation { name sector } }
  }
}`},
	{"Shared partners", `# Organisations that partnered with at least two of these councils.
query SharedPartners {
  sharedPartners(councilIds: ["council:sty", "council:tfw", "council:glg"], mode: ANY, minShared: 2) {
    partner { id name }
    councils { council { name } initiatives { name } evidence { quote } }
  }
}`},
	{"Funders", `# Who funded what, and how much.
query Funders {
  funders(first: 20) {
    totalCount
    edges { node { name funded { recipient { id } amountText inKind evidence { quote } } } }
  }
}`},
	{"Collaborators", `# Who collaborated with whom around one organisation.
query Collaborators {
  collaborators(id: "org:westminster-foundation", depth: 1) {
    a { name }
    b { name }
    initiatives { name }
    distance
  }
}`},
	{"Councils, paged", `# Every list is a connection with keyset cursors.
query Councils {
  councils(first: 5) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name type region nation lat lon } }
  }
}`},
	{"Filtered lists", `# Councils in the North East that worked with a voluntary-sector partner,
# and organisations that partnered with at least two councils.
query Filtered {
  councils(where: {regionIn: ["North East"], hasPartnerOfSector: voluntary}) {
    totalCount
    edges { node { name partnerCount: degree pagerank } }
  }
  organisations(first: 10, where: {minCouncils: 2}) {
    totalCount
    edges { node { name sector } }
  }
}`},
	{"Network", `# The network around a council, ready to draw, with centrality and communities.
query Network {
  network(center: "council:sty", depth: 2, projection: BIPARTITE, limit: 200) {
    truncated
    nodes { id label kind sector degree community pagerank betweenness }
    edges { source target kind weight evidenceCount }
  }
}`},
	{"Paths and similar councils", `# How two councils are connected, and which councils share partners with one.
query Connections {
  path(from: "council:sty", to: "council:tfw", maxLength: 6) {
    length
    hops { from { id } to { id } kind evidence { quote file lineStart } }
  }
  similarCouncils(id: "council:sty", top: 5) {
    council { name }
    jaccard
    sharedPartners { name }
  }
}`},
	{"Funding and totals", `# Who funded whom, totals per funder and per council, and counts by kind.
query Funding {
  fundingFlows {
    total
    byFunder { actor { name } total count }
    byCouncil { actor { name } total count }
  }
  stats { nodes { key count } sectors { key count } fundingTotal }
}`},
}
