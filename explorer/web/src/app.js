// The partnership network explorer. It talks to the server only through the
// public GraphQL API, so anything it shows can be reproduced with a query.
import cytoscape from 'cytoscape';
import { SECTORS, nearDuplicates, curationYAML } from './review.js';


const endpoint = document.body.dataset.endpoint || '/graphql';

// Colours chosen for at least 3:1 contrast against the white canvas so that
// nodes stay distinguishable (WCAG non-text contrast).
const KIND_COLOURS = {
  Council: '#0b5cad', Organisation: '#b35900', Initiative: '#2e7d32', Document: '#6a4c93',
};
const SECTOR_COLOURS = {
  voluntary: '#c2185b', health: '#00796b', public: '#0b5cad', government: '#37474f',
  business: '#b35900', education: '#6a4c93', faith: '#8d6e00', housing: '#2e7d32', other: '#616161',
};
// Communities (0 is the largest) in colours of at least 3:1 against white;
// the rest share grey.
const COMMUNITY_COLOURS = ['#0b5cad', '#b35900', '#2e7d32', '#c2185b', '#6a4c93', '#00796b', '#8d6e00',
  '#37474f', '#5d4037', '#c62828'];
const OTHER_COLOUR = '#7a838c';
// The network query spells kinds as the NodeKind enum; everything else uses
// GraphQL type names, which the view keeps.
const KIND_FROM_ENUM = { COUNCIL: 'Council', ORGANISATION: 'Organisation', INITIATIVE: 'Initiative', DOCUMENT: 'Document' };

const state = {
  colourBy: 'community',
  sizeBy: 'degree',
  layout: 'force',
  placed: new Map(), // where merge put nodes the shared layout does not place
  selected: null,
  restoring: false,
  reviewOpen: false,
  overview: null, // what the first sight drew: { nodes, edges, truncated, total }
  positions: null, // the shared layout's positions, by node id (from the graphology export)
  projection: 'BIPARTITE',
  compare: [], // council ids selected for the shared-partner comparison, in click order
  highlighted: [],
  shared: [],
  hasNetwork: null, // whether the API offers the network query; learnt on first use
  pending: 0,
  lastExpand: null,
  focus: null,
};

// ---------------------------------------------------------------- API

async function gql(query, variables = {}) {
  state.pending++;
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    let body;
    try { body = await res.json(); } catch { throw new Error(`the API answered ${res.status} without JSON`); }
    if (body.errors && body.errors.length) {
      const err = new Error(body.errors.map((e) => e.message).join('; '));
      err.graphql = body.errors;
      throw err;
    }
    if (!res.ok) throw new Error(`the API answered ${res.status}`);
    return body.data;
  } finally {
    state.pending--;
  }
}

const EVIDENCE = 'fragment Ev on Evidence { quote file lineStart lineEnd document { id title } }';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

// Every list the API returns is a Relay connection of at most 100 items a
// page. Lists the page shows in full are read page by page (PAGE items at a
// time, following pageInfo.endCursor) up to MAX_PAGES pages; ?pageSize=N in
// the page's address asks for smaller pages, which the browser test uses to
// exercise the paging.
const PAGE = (() => {
  const n = Number.parseInt(new URLSearchParams(window.location.search).get('pageSize'), 10);
  return n >= 1 && n <= 100 ? n : 100;
})();
const MAX_PAGES = 50;
const SEARCH_HITS = 10;

const SEARCH_Q = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    totalCount
    edges { matchedField matched score
      node { __typename
        ... on Council { id name region }
        ... on Organisation { id name sector }
        ... on Initiative { id name theme }
        ... on Document { id title } } }
  }
}`;

const NETWORK_Q = `query Network($center: ID, $depth: Int, $projection: Projection, $kinds: [NodeKind!]) {
  network(center: $center, depth: $depth, projection: $projection, kinds: $kinds) {
    nodes { id nodeId label kind sector region theme lat lon community pagerank betweenness }
    edges { id source target kind weight }
    truncated
  }
}`;

// First sight: the whole collaboration network, or its FIRST_SIGHT most
// central councils and organisations.
const FIRST_SIGHT = 2000;
const OVERVIEW_Q = `query Overview($limit: Int) {
  network(projection: COLLABORATION, limit: $limit) {
    nodes { id nodeId label kind sector region theme lat lon community pagerank betweenness }
    edges { id source target kind weight }
    truncated
  }
  stats { nodes { key count } }
}`;

const COLLAB_Q = `query Collaborators($id: ID!, $first: Int!, $after: String) {
  collaborators(id: $id, depth: 1, first: $first, after: $after) {
    totalCount ${PAGE_INFO}
    edges { node {
      a { id name __typename }
      b { id name __typename }
      initiatives { id } } }
  }
}`;

const CENTER_Q = `query Center($id: ID!) {
  node(id: $id) { id __typename ... on Council { name } ... on Organisation { name } ... on Initiative { name } ... on Document { title } }
}`;

const ATTRS_Q = `query Attrs($ids: [ID!]!) {
  nodes(ids: $ids) { id __typename
    ... on Council { region lat lon }
    ... on Organisation { sector }
    ... on Initiative { theme } }
}`;

const NODE_Q = `query Node($id: ID!) {
  node(id: $id) { id __typename
    ... on Council { name officialName type region nation lat lon evidence { ...Ev } }
    ... on Organisation { name aliases sector evidence { ...Ev } }
    ... on Initiative { name summary theme beneficiaries evidence { ...Ev } }
    ... on Document { title publisher year file }
  }
}
${EVIDENCE}`;

// An actor's partners, each with the initiatives that link the two.
const PARTNERS_Q = `query Partners($id: ID!, $first: Int!, $after: String) {
  node(id: $id) { id
    ... on Actor { partners(first: $first, after: $after) {
      totalCount ${PAGE_INFO}
      edges { node { id name __typename } initiatives { id name } direct evidence { ...Ev } } } }
  }
}
${EVIDENCE}`;

// An initiative's leads, and its partners.
const LEADS_Q = `query Leads($id: ID!, $first: Int!, $after: String) {
  node(id: $id) { id
    ... on Initiative { leads(first: $first, after: $after) {
      totalCount ${PAGE_INFO}
      edges { node { id name __typename } } } }
  }
}`;
const INITIATIVE_PARTNERS_Q = `query InitiativePartners($id: ID!, $first: Int!, $after: String) {
  node(id: $id) { id
    ... on Initiative { partners(first: $first, after: $after) {
      totalCount ${PAGE_INFO}
      edges { node { id name __typename } } } }
  }
}`;

const SHARED_Q = `query Shared($ids: [ID!]!, $first: Int!, $after: String) {
  sharedPartners(councilIds: $ids, mode: ALL, first: $first, after: $after) {
    totalCount ${PAGE_INFO}
    edges { node { id name __typename } sharedCount
      councils { council { id name } initiatives { id name } evidence { quote file lineStart lineEnd } } }
  }
}`;

// pageAll reads every page of the connection that pick finds in query's
// answer, following pageInfo.endCursor while hasNextPage, and returns all its
// edges with its totalCount. It stops after MAX_PAGES pages, in which case
// edges.length < totalCount tells the caller that the list is partial. A
// connection pick cannot find (null node) gives no edges.
async function pageAll(query, variables, pick) {
  const edges = [];
  let totalCount = 0;
  let after = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const conn = pick(await gql(query, { ...variables, first: PAGE, after }));
    if (!conn) break;
    edges.push(...conn.edges);
    totalCount = conn.totalCount;
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    after = conn.pageInfo.endCursor;
  }
  return { edges, totalCount: Math.max(totalCount, edges.length) };
}

// counted says how many of a list are shown: "12", or "100 of 130" when the
// list was cut short.
function counted(shown, total) {
  return shown < total ? `${shown} of ${total}` : `${total}`;
}

// realId is the node's id in the graph, read from a network's node. The
// network query may give its nodes ids of their own (distinct per network)
// beside the node's real id: read it here and only here.
function realId(n) { return n.nodeId || n.id; }

// fromNetwork turns the network query's answer into the view's shape,
// mapping edge ends through realId.
function fromNetwork(net) {
  const ids = new Map(net.nodes.map((n) => [n.id, realId(n)]));
  return {
    source: 'network',
    nodes: net.nodes.map((n) => ({
      id: realId(n), label: n.label, kind: KIND_FROM_ENUM[n.kind] || n.kind, sector: n.sector || '',
      region: n.region || '', theme: n.theme || '', lat: n.lat, lon: n.lon, community: n.community,
      pagerank: n.pagerank, betweenness: n.betweenness,
    })),
    edges: net.edges.map((e) => ({ id: e.id, source: ids.get(e.source) || e.source, target: ids.get(e.target) || e.target,
      kind: e.kind, weight: e.weight })),
    truncated: net.truncated,
  };
}

const ALL_KINDS = ['COUNCIL', 'ORGANISATION', 'INITIATIVE', 'DOCUMENT'];

// Network returns the neighbourhood of center as {nodes, edges} in the shape
// the view uses. It prefers the API's network query and falls back to
// collaborators (the actor-to-actor projection) on servers without it.
async function fetchNetwork(center, kind) {
  if (state.hasNetwork !== false) {
    try {
      // A document is drawn only when documents are asked for; so is a
      // document's neighbourhood.
      const kinds = kind === 'Document' ? ALL_KINDS : null;
      const projection = kind === 'Document' || kind === 'Initiative' ? 'BIPARTITE' : state.projection;
      const d = await gql(NETWORK_Q, { center, depth: 1, projection, kinds });
      state.hasNetwork = true;
      return fromNetwork(d.network);
    } catch (err) {
      // Only a schema without network sends us to the fallback; any other
      // failure is the user's to see.
      if (!(err.graphql && /network/i.test(err.message) && /field|cannot query/i.test(err.message))) throw err;
      state.hasNetwork = false;
    }
  }
  const [c, collab] = await Promise.all([
    gql(CENTER_Q, { id: center }).then((d) => d.node),
    pageAll(COLLAB_Q, { id: center }, (d) => d.collaborators),
  ]);
  const nodes = new Map();
  if (c) nodes.set(c.id, { id: c.id, label: c.name || c.title, kind: c.__typename });
  const edges = [];
  for (const { node: col } of collab.edges) {
    for (const a of [col.a, col.b]) if (!nodes.has(a.id)) nodes.set(a.id, { id: a.id, label: a.name, kind: a.__typename });
    const [s, t] = [col.a.id, col.b.id].sort();
    edges.push({ id: `collab:${s}|${t}`, source: s, target: t, kind: 'PARTNERS', weight: col.initiatives.length });
  }
  return { source: 'collaborators', nodes: [...nodes.values()], edges, truncated: collab.edges.length < collab.totalCount };
}

// ---------------------------------------------------------------- graph view

const cy = cytoscape({
  container: document.getElementById('cy'),
  wheelSensitivity: 0.3,
  minZoom: 0.1,
  maxZoom: 4,
  style: [
    { selector: 'node', style: {
      'background-color': 'data(colour)', label: 'data(shown)', width: 'data(size)', height: 'data(size)',
      'font-size': 'data(fontSize)', color: '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-wrap': 'ellipsis', 'text-max-width': 'data(labelWidth)', 'text-background-color': '#ffffff',
      'text-background-opacity': 0.8, 'text-background-padding': 1, 'border-width': 1, 'border-color': '#ffffff',
      'min-zoomed-font-size': 6 } },
    { selector: 'node.labelled', style: { label: 'data(label)', 'z-index': 9 } },
    { selector: 'node[kind = "Council"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[kind = "Initiative"]', style: { shape: 'diamond' } },
    { selector: 'node[kind = "Document"]', style: { shape: 'round-tag' } },
    { selector: 'edge', style: { width: 1, 'line-color': '#9aa5b1', 'curve-style': 'haystack', opacity: 0.55 } },
    { selector: 'edge.near', style: { width: 2, 'line-color': '#4a5360', opacity: 1 } },
    { selector: 'edge[kind = "FUNDED"]', style: { 'line-color': '#8d6e00', 'line-style': 'dashed' } },
    { selector: 'edge.shared', style: { 'line-color': '#b3261e', width: 3, opacity: 1, 'curve-style': 'straight' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f2a900' } },
    { selector: 'node.compare', style: { 'border-width': 4, 'border-color': '#1b1f24' } },
    { selector: 'node.highlighted', style: { 'border-width': 4, 'border-color': '#b3261e', 'font-weight': 'bold', 'z-index': 10 } },
    { selector: 'node.faded', style: { opacity: 0.25 } },
    { selector: 'edge.faded', style: { opacity: 0.1 } },
  ],
});

function colourOf(d) {
  if (state.colourBy === 'community') return COMMUNITY_COLOURS[d.community] || OTHER_COLOUR;
  if (state.colourBy === 'sector' && d.kind === 'Organisation') return SECTOR_COLOURS[d.sector] || SECTOR_COLOURS.other;
  if (state.colourBy === 'sector') return '#b0b7bf';
  return KIND_COLOURS[d.kind] || '#616161';
}

// fitLabels keeps labels readable (about 11 px on screen) at the zoom a
// fit of a big network chooses, growing no bigger than 10 units when zoomed in.
function fitLabels() {
  const size = Math.max(10, Math.min(40, 11 / cy.zoom()));
  cy.batch(() => cy.nodes().forEach((n) => {
    if (n.data('fontSize') !== size) { n.data('fontSize', size); n.data('labelWidth', size * 16); }
  }));
}
let labelTimer = null;
cy.on('zoom', () => { clearTimeout(labelTimer); labelTimer = setTimeout(fitLabels, 120); });

// LABELLED nodes, the biggest, carry their names at every zoom; the
// selected node and its partners are labelled too.
const LABELLED = 14;

function restyle() {
  const visible = cy.elements(':visible');
  let score = (n) => n.degree(false);
  if (state.sizeBy !== 'degree' && visible.nodes().length > 0) {
    const key = state.sizeBy;
    // The API's whole-graph centrality when every drawn node has it (nodes
    // added by a comparison may not); otherwise centrality within the view.
    if (visible.nodes().every((n) => typeof n.data(key) === 'number')) {
      score = (n) => n.data(key);
    } else if (key === 'pagerank') {
      const pr = visible.pageRank();
      score = (n) => pr.rank(n);
    } else {
      const bc = visible.betweennessCentrality({ directed: false });
      score = (n) => bc.betweennessNormalized(n);
    }
  }
  const max = Math.max(1e-9, ...visible.nodes().map(score));
  // Labelled: the biggest node of each community drawn, then the biggest
  // of the rest, LABELLED in all.
  const ranked = visible.nodes().sort((a, b) => score(b) - score(a) || (a.id() < b.id() ? -1 : 1));
  const big = new Set();
  const seen = new Set();
  ranked.forEach((n) => {
    const c = n.data('community');
    if (big.size < LABELLED && c >= 0 && !seen.has(c)) { seen.add(c); big.add(n.id()); }
  });
  ranked.forEach((n) => { if (big.size < LABELLED * 1.5) big.add(n.id()); });

  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const s = n.visible() ? score(n) : 0;
      n.data('colour', colourOf(n.data()));
      n.data('size', 8 + 28 * Math.sqrt(s / max));
      n.data('shown', big.has(n.id()) ? n.data('label') : '');
    });
  });
  fitLabels();
  renderLegend();
}

// renderLegend lists what each colour stands for in the view: for
// communities, the ones drawn, each named after its best connected member.
function renderLegend() {
  const el = document.getElementById('legend');
  let entries;
  if (state.colourBy === 'community') {
    const members = new Map();
    cy.nodes(':visible').forEach((n) => {
      const c = n.data('community');
      if (!(c >= 0 && c < COMMUNITY_COLOURS.length)) return;
      if (!members.has(c)) members.set(c, []);
      members.get(c).push(n);
    });
    entries = [...members.entries()].sort((a, b) => a[0] - b[0]).map(([c, ns]) => {
      const top = ns.sort((a, b) => b.degree(false) - a.degree(false))[0];
      return [`${top.data('label')} and ${ns.length - 1} more`, COMMUNITY_COLOURS[c]];
    });
    entries.push(['Smaller communities', OTHER_COLOUR]);
  } else {
    entries = state.colourBy === 'sector' ? Object.entries(SECTOR_COLOURS) : Object.entries(KIND_COLOURS);
  }
  const h = document.createElement('h2');
  h.textContent = state.colourBy === 'community' ? 'Communities' : state.colourBy === 'sector' ? 'Sectors' : 'Kinds';
  const ul = document.createElement('ul');
  ul.append(...entries.map(([name, colour]) => {
    const item = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'sw';
    sw.style.background = colour;
    const label = document.createElement('span');
    label.textContent = name;
    item.title = name;
    item.append(sw, label);
    return item;
  }));
  el.replaceChildren(h, ul);
}

// merge adds a network to the view, keeping what is already drawn. New
// nodes start around the centre they were expanded from so that the layout
// grows the drawing outwards instead of reshuffling it.
function merge(net, center) {
  const added = [];
  const c = center ? cy.getElementById(center) : cy.collection();
  let origin = c.nonempty() ? c.position() : null;
  if (!origin && cy.nodes().nonempty()) {
    // The centre is new: put it beside the drawn nodes it is tied to.
    const drawn = net.nodes.map((n) => cy.getElementById(n.id)).filter((x) => x.nonempty());
    if (drawn.length) {
      origin = { x: drawn.reduce((a, x) => a + x.position('x'), 0) / drawn.length + 30,
        y: drawn.reduce((a, x) => a + x.position('y'), 0) / drawn.length + 30 };
    } else {
      const bb = cy.nodes().boundingBox();
      origin = { x: bb.x2 + 80, y: (bb.y1 + bb.y2) / 2 };
    }
  }
  cy.batch(() => {
    for (const n of net.nodes) {
      const existing = cy.getElementById(n.id);
      if (existing.nonempty()) {
        for (const k of ['sector', 'region', 'theme', 'lat', 'lon', 'pagerank', 'betweenness']) if (n[k] != null && n[k] !== '') existing.data(k, n[k]);
        continue;
      }
      const el = { group: 'nodes', data: { ...n, label: n.label || n.id, colour: '#616161', size: 20, fontSize: 10, labelWidth: 160, shown: '' } };
      if (origin) {
        const a = (hash(n.id) % 360) * Math.PI / 180;
        const r = n.id === center ? 0 : 40 + (hash(n.id) % 30);
        el.position = { x: origin.x + r * Math.cos(a), y: origin.y + r * Math.sin(a) };
      }
      if (el.position) state.placed.set(n.id, el.position);
      added.push(cy.add(el));
    }
    for (const e of net.edges) {
      if (cy.getElementById(e.id).nonempty()) continue;
      if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) continue;
      cy.add({ group: 'edges', data: e });
    }
  });
  return added;
}

// enrich fetches the attributes the filters, colours and geographic layout
// need for nodes that arrived without them (the collaborators fallback).
async function enrich(nodes) {
  const ids = nodes.filter((n) => n.data('kind') !== 'Document' && !n.data('enriched')).map((n) => n.id());
  for (let i = 0; i < ids.length; i += 100) {
    const d = await gql(ATTRS_Q, { ids: ids.slice(i, i + 100) });
    cy.batch(() => {
      for (const n of d.nodes) {
        if (!n) continue;
        const el = cy.getElementById(n.id);
        el.data('enriched', true);
        for (const k of ['region', 'lat', 'lon', 'sector', 'theme']) if (n[k] != null) el.data(k, n[k]);
      }
    });
  }
}

function runLayout(incremental = false) {
  const visible = cy.elements(':visible');
  if (visible.nodes().length === 0) return;
  if (state.layout === 'geo') {
    geoLayout(visible);
    return;
  }
  if (state.positions) {
    // The shared layout, the x/y every export carries; nodes it does not
    // place (initiatives, documents) stay where they were put beside the
    // node they were reached from.
    const P = state.positions;
    runCapped(visible.layout({ name: 'preset', positions: (n) => P.get(n.id()) || state.placed.get(n.id()) || n.position(),
      fit: !incremental, padding: 30, animate: false }), visible);
    return;
  }
  // Without the shared layout (the export could not be read): Cytoscape's own
  // force-directed layout.
  runCapped(visible.layout({
    name: 'cose', animate: false, randomize: !incremental, nodeRepulsion: () => 6000,
    idealEdgeLength: () => 80, fit: true, padding: 30,
  }), visible);
}

// MAX_FIT_ZOOM caps the zoom a layout's fit may choose: a few nodes close
// together (two neighbouring councils on the map) would otherwise be blown
// up to maxZoom, their labels overlapping.
const MAX_FIT_ZOOM = 1.5;

function runCapped(layout, eles) {
  layout.one('layoutstop', () => {
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(eles);
    }
    fitLabels();
  });
  layout.run();
}

// geoLayout places councils at their lat/lon (an equirectangular projection
// scaled by cos(54°), the middle of the UK) and everything else beside the
// mean of its placed neighbours, so partners sit near the councils they
// serve; then nodes closer than they can be read are pushed apart, over a
// grid so that it stays quick at thousands of nodes.
function geoLayout(eles) {
  const k = 400;
  const pos = new Map();
  const fixed = new Set();
  eles.nodes().forEach((n) => {
    const { lat, lon } = n.data();
    if (typeof lat === 'number' && typeof lon === 'number') {
      pos.set(n.id(), { x: lon * k * Math.cos(54 * Math.PI / 180), y: -lat * k });
      fixed.add(n.id());
    }
  });
  let unplaced = eles.nodes().filter((n) => !pos.has(n.id()));
  for (let round = 0; round < 3 && unplaced.length; round++) {
    const next = new Map();
    unplaced.forEach((n) => {
      const ps = n.neighborhood('node').map((m) => pos.get(m.id())).filter(Boolean);
      if (!ps.length) return;
      const angle = (hash(n.id()) % 360) * Math.PI / 180;
      const r = 30 + (hash(n.id()) % 50);
      next.set(n.id(), {
        x: ps.reduce((a, p) => a + p.x, 0) / ps.length + r * Math.cos(angle),
        y: ps.reduce((a, p) => a + p.y, 0) / ps.length + r * Math.sin(angle),
      });
    });
    for (const [id, p] of next) pos.set(id, p);
    unplaced = unplaced.filter((n) => !pos.has(n.id()));
  }
  // Whatever is not connected to a placed node goes in rows beneath the map.
  const ys = [...pos.values()].map((p) => p.y);
  const xs = [...pos.values()].map((p) => p.x);
  const bottom = (ys.length ? Math.max(...ys) : 0) + 60;
  const left = xs.length ? Math.min(...xs) : 0;
  const perRow = 40;
  unplaced.forEach((n, i) => pos.set(n.id(), { x: left + (i % perRow) * 44, y: bottom + Math.floor(i / perRow) * 44 }));
  spread(pos, fixed, 34);
  runCapped(eles.layout({ name: 'preset', positions: (n) => pos.get(n.id()), fit: true, padding: 30, animate: false }), eles);
}

// spread pushes apart nodes nearer than gap, councils (fixed) moving a
// quarter as much as the rest, for a few rounds.
function spread(pos, fixed, gap) {
  const ids = [...pos.keys()].sort();
  for (let round = 0; round < 12; round++) {
    const grid = new Map();
    const cell = (p) => `${Math.floor(p.x / gap)},${Math.floor(p.y / gap)}`;
    for (const id of ids) {
      const key = cell(pos.get(id));
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(id);
    }
    let moved = 0;
    for (const id of ids) {
      const p = pos.get(id);
      const cx = Math.floor(p.x / gap);
      const cy0 = Math.floor(p.y / gap);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const other of grid.get(`${cx + dx},${cy0 + dy}`) || []) {
            if (other <= id) continue;
            const q = pos.get(other);
            let ddx = q.x - p.x;
            let ddy = q.y - p.y;
            let d = Math.hypot(ddx, ddy);
            if (d >= gap) continue;
            if (d < 1e-6) { const a = (hash(id + other) % 360) * Math.PI / 180; ddx = Math.cos(a); ddy = Math.sin(a); d = 1; }
            const push = (gap - d) / 2;
            const wp = fixed.has(id) ? 0.25 : 1;
            const wq = fixed.has(other) ? 0.25 : 1;
            p.x -= (ddx / d) * push * wp; p.y -= (ddy / d) * push * wp;
            q.x += (ddx / d) * push * wq; q.y += (ddy / d) * push * wq;
            moved++;
          }
        }
      }
    }
    if (!moved) break;
  }
}

function hash(s) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

// ---------------------------------------------------------------- filters

function applyFilters() {
  const kinds = new Set([...document.querySelectorAll('input[name="kind"]:checked')].map((i) => i.value));
  const region = document.getElementById('filter-region').value;
  const theme = document.getElementById('filter-theme').value;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const d = n.data();
      let show = kinds.has(d.kind);
      if (show && region && d.kind === 'Council') show = d.region === region;
      if (show && theme && d.kind === 'Initiative') show = d.theme === theme;
      n.style('display', show ? 'element' : 'none');
    });
  });
  restyle();
}

function refreshFilterOptions() {
  fillSelect('filter-region', 'All regions', cy.nodes('[kind = "Council"]').map((n) => n.data('region')));
  fillSelect('filter-theme', 'All themes', cy.nodes('[kind = "Initiative"]').map((n) => n.data('theme')));
}

function fillSelect(id, allLabel, values) {
  const sel = document.getElementById(id);
  const current = sel.value;
  const opts = [...new Set(values.filter(Boolean))].sort();
  const all = new Option(allLabel, '');
  sel.replaceChildren(all, ...opts.map((v) => new Option(v, v)));
  const want = sel.dataset.want;
  sel.value = want && opts.includes(want) ? want : opts.includes(current) ? current : '';
  if (want && opts.includes(want)) delete sel.dataset.want;
}

// ---------------------------------------------------------------- actions

function setStatus(msg) { document.getElementById('status').textContent = msg; }

async function expand(id, kind) {
  setStatus(`Loading the neighbourhood of ${id}…`);
  try {
    const net = await fetchNetwork(id, kind || cy.getElementById(id).data('kind'));
    const before = cy.nodes().length;
    const added = merge(net, id);
    state.lastExpand = { center: id, source: net.source, nodeIds: net.nodes.map((n) => n.id), edgeIds: net.edges.map((e) => e.id) };
    await enrich(cy.nodes());
    refreshFilterOptions();
    applyFilters();
    runLayout(before > 0);
    const c = cy.getElementById(id);
    setStatus(`${c.data('label') || id}: ${net.nodes.length} nodes, ${net.edges.length} ties` +
      `${added.length ? `, ${added.length} new` : ''}${net.truncated ? ' (truncated)' : ''}. View: ${cy.nodes().length} nodes.`);
    await select(id);
  } catch (err) {
    setStatus(`Could not load ${id}: ${err.message}`);
  }
}

// openNode shows a node: selected where it is drawn, otherwise its
// neighbourhood added to the view first. Every kind of node opens.
async function openNode(id, kind) {
  if (cy.getElementById(id).nonempty()) return select(id);
  return expand(id, kind);
}

// select marks a node, labels it and its partners, and shows its details.
async function select(id) {
  state.selected = id;
  cy.batch(() => {
    cy.elements().removeClass('near labelled');
    const n = cy.getElementById(id);
    if (n.nonempty()) {
      n.closedNeighborhood().nodes().addClass('labelled');
      n.connectedEdges().addClass('near');
      const ext = cy.extent();
      const p = n.position();
      if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) cy.center(n);
    }
  });
  writeURL();
  return showDetails(id);
}

async function showDetails(id) {
  state.focus = id;
  cy.nodes(':selected').unselect();
  cy.getElementById(id).select();
  const box = document.getElementById('details');
  const partnerList = document.getElementById('partner-list');
  let n;
  let partners;
  try {
    n = (await gql(NODE_Q, { id })).node;
    if (n) partners = await fetchPartners(n).catch((err) => ({ error: err }));
  } catch (err) {
    if (state.focus !== id) return;
    box.replaceChildren(p(`Could not load details: ${err.message}`, 'muted'));
    return;
  }
  if (state.focus !== id) return;
  if (!n) { box.replaceChildren(p(`No node has id ${id}.`, 'muted')); return; }
  const parts = [];
  const h = document.createElement('h2');
  h.textContent = n.name || n.title;
  h.dataset.testid = 'details-name';
  parts.push(h);
  const facts = [['Kind', n.__typename], ['Id', n.id]];
  if (n.__typename === 'Council') {
    facts.push(['Official name', n.officialName], ['Type', n.type], ['Region', n.region], ['Nation', n.nation]);
  } else if (n.__typename === 'Organisation') {
    facts.push(['Sector', n.sector], ['Also known as', (n.aliases || []).join(', ')]);
  } else if (n.__typename === 'Initiative') {
    facts.push(['Theme', n.theme], ['Summary', n.summary], ['For', n.beneficiaries]);
  } else if (n.__typename === 'Document') {
    facts.push(['Publisher', n.publisher], ['Year', n.year], ['File', n.file]);
  }
  const dl = document.createElement('dl');
  for (const [k, v] of facts) {
    if (v == null || v === '') continue;
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = String(v);
    dl.append(dt, dd);
  }
  parts.push(dl);
  if (n.__typename === 'Council') {
    const lab = document.createElement('label');
    const cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.checked = state.compare.includes(n.id);
    cb.dataset.testid = 'compare-checkbox';
    cb.addEventListener('change', () => toggleCompare(n.id, cb.checked));
    lab.append(cb, ' Compare this council’s partners');
    parts.push(lab);
  }
  if (['Council', 'Organisation', 'Initiative', 'Document'].includes(n.__typename)) {
    const more = document.createElement('button');
    more.type = 'button';
    more.dataset.testid = 'expand-node';
    more.textContent = n.__typename === 'Initiative' || n.__typename === 'Document' ? 'Add what it links to the view' : 'Show its initiatives';
    more.addEventListener('click', () => expand(n.id, n.__typename));
    parts.push(more);
  }
  box.replaceChildren(...parts);
  const heading = document.getElementById('partners-h');
  const what = n.__typename === 'Initiative' ? 'Leads and partners' : 'Partners';
  if (partners.error) {
    heading.textContent = what;
    partnerList.replaceChildren(li(`Could not load the ${what.toLowerCase()}: ${partners.error.message}`));
  } else {
    heading.textContent = `${what} (${counted(partners.items.length, partners.totalCount)})`;
    partnerList.replaceChildren(...partners.items.map((x) => {
      const item = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'linklike';
      b.textContent = x.actor.name;
      b.addEventListener('click', () => openNode(x.actor.id, x.actor.__typename));
      item.append(b, ` (${x.actor.__typename}${x.role ? `, ${x.role}` : ''})`);
      if (x.via.length) item.append(` via ${x.via.map((i) => i.name).join('; ')}`);
      else if (x.direct) item.append(' by direct funding');
      // The quotes behind the link, each with its document and lines: the
      // first shown, the rest a click away.
      const evs = x.evidence || [];
      if (evs.length) item.append(quote(evs[0]));
      if (evs.length > 1) {
        const more = document.createElement('details');
        const sum = document.createElement('summary');
        sum.textContent = `${evs.length - 1} more quote${evs.length > 2 ? 's' : ''}`;
        more.append(sum, ...evs.slice(1).map(quote));
        item.append(more);
      }
      return item;
    }));
  }
  const evs = n.evidence || [];
  const evBox = document.getElementById('evidence');
  if (!evs.length) { evBox.replaceChildren(); return; }
  const h3 = document.createElement('h3');
  h3.textContent = `Evidence (${evs.length})`;
  evBox.replaceChildren(h3, ...evs.map(quote));
}

// fetchPartners reads every partner of actor n (each with the initiatives
// they share), or every lead and partner of initiative n, as
// { items: [{ actor, via, role, direct }], totalCount }. Other nodes have none.
async function fetchPartners(n) {
  const { id, __typename: kind } = n;
  if (kind !== 'Initiative' && kind !== 'Council' && kind !== 'Organisation') return { items: [], totalCount: 0 };
  if (kind === 'Initiative') {
    const pick = (field) => (d) => d.node && d.node[field];
    const [leads, partners] = await Promise.all([
      pageAll(LEADS_Q, { id }, pick('leads')),
      pageAll(INITIATIVE_PARTNERS_Q, { id }, pick('partners')),
    ]);
    return {
      items: [
        ...leads.edges.map((e) => ({ actor: e.node, via: [], role: 'leads' })),
        ...partners.edges.map((e) => ({ actor: e.node, via: [], role: 'partner' })),
      ],
      totalCount: leads.totalCount + partners.totalCount,
    };
  }
  const all = await pageAll(PARTNERS_Q, { id }, (d) => d.node && d.node.partners);
  return {
    items: all.edges.map((e) => ({ actor: e.node, via: e.initiatives, direct: e.direct, evidence: e.evidence })),
    totalCount: all.totalCount,
  };
}

function quote(ev) {
  const bq = document.createElement('blockquote');
  bq.dataset.testid = 'evidence';
  bq.textContent = `“${ev.quote}”`;
  const cite = document.createElement('cite');
  const title = ev.document && ev.document.title ? `${ev.document.title} — ` : '';
  cite.textContent = `${title}${ev.file}, lines ${ev.lineStart}–${ev.lineEnd}`;
  bq.append(cite);
  return bq;
}

function p(text, cls) {
  const el = document.createElement('p');
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function toggleCompare(id, on) {
  const i = state.compare.indexOf(id);
  if (on && i < 0) state.compare.push(id);
  if (!on && i >= 0) state.compare.splice(i, 1);
  cy.nodes().removeClass('compare');
  for (const c of state.compare) cy.getElementById(c).addClass('compare');
  document.getElementById('compare-list').textContent =
    state.compare.length ? state.compare.map((c) => cy.getElementById(c).data('label') || c).join(', ') : 'none';
  writeURL();
  return updateShared();
}

// updateShared highlights exactly the organisations that every compared
// council partnered with, adding them to the view when they are not drawn.
async function updateShared() {
  const list = document.getElementById('shared-list');
  cy.elements().removeClass('highlighted faded');
  cy.edges('.shared').remove();
  state.highlighted = [];
  state.shared = [];
  if (state.compare.length < 2) {
    list.replaceChildren();
    return;
  }
  const ids = [...state.compare];
  let shared;
  let totalCount;
  try {
    ({ edges: shared, totalCount } = await pageAll(SHARED_Q, { ids }, (d) => d.sharedPartners));
  } catch (err) {
    list.replaceChildren(li(`Could not compare: ${err.message}`));
    return;
  }
  if (ids.join() !== state.compare.join()) return; // a newer comparison is on its way
  state.shared = shared;
  cy.batch(() => {
    for (const s of shared) {
      if (cy.getElementById(s.node.id).empty()) {
        const ends = cy.collection(s.councils.map((c) => cy.getElementById(c.council.id)).filter((e) => e.nonempty()));
        const bb = ends.nonempty() ? ends.boundingBox() : { x1: 0, x2: 0, y1: 0, y2: 0 };
        cy.add({ group: 'nodes', position: { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 + 60 },
          data: { id: s.node.id, label: s.node.name, kind: s.node.__typename, colour: '#616161', size: 20, fontSize: 10, labelWidth: 160, shown: '' } });
      }
      for (const c of s.councils) {
        const eid = `shared:${c.council.id}|${s.node.id}`;
        if (cy.getElementById(eid).empty()) cy.add({ group: 'edges', classes: 'shared', data: { id: eid, source: c.council.id, target: s.node.id, kind: 'SHARED' } });
      }
    }
  });
  await enrich(cy.nodes());
  const hl = new Set(shared.map((s) => s.node.id));
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      if (hl.has(n.id())) n.addClass('highlighted');
      else if (!state.compare.includes(n.id())) n.addClass('faded');
    });
    cy.edges().not('.shared').addClass('faded');
  });
  state.highlighted = [...hl].sort();
  refreshFilterOptions();
  applyFilters();
  runLayout(true);
  if (!shared.length) {
    list.replaceChildren(li('These councils share no partner organisation.'));
  } else {
    list.replaceChildren(...shared.map((s) => {
      const item = li('');
      const name = document.createElement('span');
      name.className = 'hl';
      name.textContent = s.node.name;
      item.append(name, ` — with ${s.councils.map((c) => `${c.council.name} via ${c.initiatives.map((i) => i.name).join('; ') || 'direct funding'}`).join(', ')}`);
      item.dataset.id = s.node.id;
      return item;
    }));
  }
  setStatus(`${counted(shared.length, totalCount)} shared partner${totalCount === 1 ? '' : 's'} of ${ids.length} councils highlighted.`);
}

function li(text) {
  const el = document.createElement('li');
  el.textContent = text;
  return el;
}

// ---------------------------------------------------------------- search box

// The search box is an ARIA combobox: hits are suggested as you type (after
// a short pause), ArrowUp/ArrowDown move through them, Enter opens the one
// marked, Escape closes the list; the count is announced politely.
const input = document.getElementById('search-input');
const results = document.getElementById('search-results');
const searchCount = document.getElementById('search-count');
let hits = [];
let active = -1;
let searchTimer = null;
let searchSeq = 0;
let searchWaiting = false;
const SEARCH_DELAY = 150;

async function search(text) {
  const seq = ++searchSeq;
  if (!text.trim()) { closeResults(); return; }
  let found;
  try {
    found = (await gql(SEARCH_Q, { text, first: SEARCH_HITS })).search;
  } catch (err) {
    if (seq === searchSeq) searchCount.textContent = `Search failed: ${err.message}`;
    return;
  }
  if (seq !== searchSeq || input.value !== text) return; // typed on since
  hits = found.edges;
  const n = found.totalCount;
  searchCount.textContent = `${n} match${n === 1 ? '' : 'es'} for “${text}”${hits.length < n ? `, the best ${hits.length} listed` : ''}.`;
  active = hits.length ? 0 : -1;
  renderResults();
}

function renderResults() {
  results.replaceChildren(...hits.map((h, i) => {
    const el = document.createElement('li');
    el.id = `hit-${i}`;
    el.setAttribute('role', 'option');
    el.setAttribute('aria-selected', String(i === active));
    el.dataset.testid = 'search-result';
    el.dataset.id = h.node.id;
    el.dataset.kind = h.node.__typename;
    const name = document.createElement('span');
    name.textContent = h.node.name || h.node.title;
    const tag = document.createElement('span');
    tag.className = 'kind-tag';
    tag.textContent = h.node.__typename + (h.matchedField === 'alias' ? ` · “${h.matched}”` : '');
    el.append(name, tag);
    el.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
    return el;
  }));
  if (!hits.length) {
    const none = li('No matches.');
    none.setAttribute('role', 'option');
    none.setAttribute('aria-disabled', 'true');
    none.setAttribute('aria-selected', 'false');
    results.replaceChildren(none);
  }
  results.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  if (active >= 0) {
    input.setAttribute('aria-activedescendant', `hit-${active}`);
    document.getElementById(`hit-${active}`).scrollIntoView({ block: 'nearest' });
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}

function closeResults() {
  results.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function choose(i) {
  const h = hits[i];
  if (!h) return;
  stopWaiting();
  closeResults();
  input.value = h.node.name || h.node.title;
  openNode(h.node.id, h.node.__typename);
}

// stopWaiting cancels a suggestion not yet asked for.
function stopWaiting() {
  clearTimeout(searchTimer);
  if (searchWaiting) { searchWaiting = false; state.pending--; }
}

document.getElementById('search-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  stopWaiting();
  if (!results.hidden && active >= 0 && hits[active]) { choose(active); return; }
  await search(input.value);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { closeResults(); return; }
  if (results.hidden || !hits.length) {
    if (e.key === 'ArrowDown' && hits.length) { renderResults(); e.preventDefault(); }
    return;
  }
  if (e.key === 'ArrowDown') { active = (active + 1) % hits.length; renderResults(); e.preventDefault(); }
  else if (e.key === 'ArrowUp') { active = (active - 1 + hits.length) % hits.length; renderResults(); e.preventDefault(); }
});
input.addEventListener('input', () => {
  clearTimeout(searchTimer);
  const text = input.value;
  if (!text.trim()) {
    stopWaiting();
    searchSeq++; hits = []; closeResults(); searchCount.textContent = ''; return;
  }
  // Busy (for the test hooks) from the keystroke until the suggestion is in.
  if (!searchWaiting) { searchWaiting = true; state.pending++; }
  searchTimer = setTimeout(() => { searchWaiting = false; state.pending--; search(text); }, SEARCH_DELAY);
});
input.addEventListener('blur', () => setTimeout(closeResults, 150));

// ---------------------------------------------------------------- controls

cy.on('tap', 'node', (e) => {
  const n = e.target;
  const oe = e.originalEvent || {};
  if ((oe.shiftKey || oe.ctrlKey || oe.metaKey) && n.data('kind') === 'Council') {
    toggleCompare(n.id(), !state.compare.includes(n.id()));
    return;
  }
  select(n.id());
});

for (const el of document.querySelectorAll('input[name="colour"]')) el.addEventListener('change', () => { state.colourBy = el.value; restyle(); writeURL(); });
for (const el of document.querySelectorAll('input[name="size"]')) el.addEventListener('change', () => { state.sizeBy = el.value; restyle(); writeURL(); });
for (const el of document.querySelectorAll('input[name="projection"]')) el.addEventListener('change', () => { state.projection = el.value; writeURL(); });
for (const el of document.querySelectorAll('input[name="layout"]')) el.addEventListener('change', () => { state.layout = el.value; runLayout(); writeURL(); });
for (const el of document.querySelectorAll('input[name="kind"]')) el.addEventListener('change', () => { applyFilters(); runLayout(true); writeURL(); });
for (const id of ['filter-region', 'filter-theme']) document.getElementById(id).addEventListener('change', () => { applyFilters(); runLayout(true); writeURL(); });

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function viewJSON() {
  return {
    nodes: cy.nodes(':visible').map((n) => {
      const { colour, size, enriched, shown, ...d } = n.data();
      return { ...d, x: n.position('x'), y: n.position('y') };
    }),
    edges: cy.edges(':visible').map((e) => ({ ...e.data() })),
    compare: [...state.compare],
    highlighted: [...state.highlighted],
  };
}

document.getElementById('export-png').addEventListener('click', () => {
  download('partnership-network.png', cy.png({ full: true, output: 'blob', bg: '#ffffff', scale: 2 }));
});
document.getElementById('export-json').addEventListener('click', () => {
  download('partnership-network.json', new Blob([JSON.stringify(viewJSON(), null, 2)], { type: 'application/json' }));
});
document.getElementById('clear-view').addEventListener('click', async () => {
  cy.elements().remove();
  state.placed.clear();
  state.selected = null;
  state.compare = [];
  toggleCompare('', false);
  document.getElementById('details').replaceChildren(p('No node selected.', 'muted'));
  document.getElementById('partner-list').replaceChildren();
  document.getElementById('evidence').replaceChildren();
  await loadOverview();
  writeURL();
});
document.getElementById('compare-clear').addEventListener('click', () => {
  state.compare = [];
  toggleCompare('', false);
  writeURL();
});

// ---------------------------------------------------------------- first sight

// fetchPositions reads the shared layout from the graphology export (the
// positions every export carries), by node id; null when it cannot.
async function fetchPositions() {
  try {
    const res = await fetch('export/graphology.json?projection=collaboration');
    if (!res.ok) return null;
    const g = await res.json();
    return new Map(g.nodes.map((n) => [n.key, { x: n.attributes.x, y: n.attributes.y }]));
  } catch {
    return null;
  }
}

// loadOverview draws the collaboration network of the whole graph, or its
// FIRST_SIGHT most central councils and organisations, saying which.
async function loadOverview() {
  setStatus('Loading the collaboration network…');
  let d;
  let positions;
  try {
    [d, positions] = await Promise.all([gql(OVERVIEW_Q, { limit: FIRST_SIGHT }), fetchPositions()]);
  } catch (err) {
    setStatus(`Could not load the network: ${err.message}. Search for a council to begin.`);
    return;
  }
  state.positions = positions;
  const net = fromNetwork(d.network);
  const actors = d.stats.nodes.filter((c) => /^(council|organisation)$/i.test(c.key)).reduce((a, c) => a + c.count, 0);
  merge(net, null);
  state.overview = { nodes: net.nodes.length, edges: net.edges.length, truncated: net.truncated, total: actors };
  refreshFilterOptions();
  applyFilters();
  runLayout();
  setStatus(net.truncated
    ? `The ${net.nodes.length} most central of ${actors} councils and organisations and the ${net.edges.length} ties among them: the whole network is too big to draw at once; search to reach the rest.`
    : `The whole collaboration network: ${net.nodes.length} councils and organisations, ${net.edges.length} ties (two are tied when they took part in one initiative). Click a node or search.`);
}

// ---------------------------------------------------------------- the view in the address

function setRadio(name, value) {
  const el = document.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
  if (el) el.checked = true;
  return !!el;
}

// writeURL puts the view in the address (replacing, not adding, history):
// selection, comparison, colours, sizes, layout, kinds hidden, region and
// theme, review mode. Defaults are left out.
function writeURL() {
  if (state.restoring) return;
  const u = new URLSearchParams(window.location.search);
  const set = (k, v, d = '') => { if (v && v !== d) u.set(k, v); else u.delete(k); };
  set('node', state.selected || '');
  set('compare', state.compare.join(','));
  set('colour', state.colourBy, 'community');
  set('size', state.sizeBy, 'degree');
  set('layout', state.layout, 'force');
  set('expand', state.projection, 'BIPARTITE');
  set('hide', [...document.querySelectorAll('input[name="kind"]:not(:checked)')].map((i) => i.value).join(','));
  set('region', document.getElementById('filter-region').value || document.getElementById('filter-region').dataset.want || '');
  set('theme', document.getElementById('filter-theme').value || document.getElementById('filter-theme').dataset.want || '');
  set('review', state.reviewOpen ? '1' : '');
  const qs = u.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
}

// readURL sets the controls from the address, before anything is drawn.
function readURL() {
  const u = new URLSearchParams(window.location.search);
  if (u.get('colour') && setRadio('colour', u.get('colour'))) state.colourBy = u.get('colour');
  if (u.get('size') && setRadio('size', u.get('size'))) state.sizeBy = u.get('size');
  if (u.get('layout') && setRadio('layout', u.get('layout'))) state.layout = u.get('layout');
  if (u.get('expand') && setRadio('projection', u.get('expand'))) state.projection = u.get('expand');
  const hide = new Set((u.get('hide') || '').split(',').filter(Boolean));
  for (const el of document.querySelectorAll('input[name="kind"]')) el.checked = !hide.has(el.value);
  if (u.get('region')) document.getElementById('filter-region').dataset.want = u.get('region');
  if (u.get('theme')) document.getElementById('filter-theme').dataset.want = u.get('theme');
  return { node: u.get('node'), compare: (u.get('compare') || '').split(',').filter(Boolean), review: u.get('review') === '1' };
}

// ---------------------------------------------------------------- review mode

const REVIEW_EV = 'fragment REv on Evidence { quote file lineStart lineEnd confidence rule document { id title } }';
const REVIEW_ORGS_Q = `query ReviewOrgs($first: Int!, $after: String) {
  organisations(first: $first, after: $after) { totalCount ${PAGE_INFO}
    edges { node { id name sector evidence { ...REv } } } }
}
${REVIEW_EV}`;
const REVIEW_INITIATIVES_Q = `query ReviewInitiatives($first: Int!, $after: String) {
  initiatives(first: $first, after: $after) { totalCount ${PAGE_INFO}
    edges { node { id name evidence { ...REv } } } }
}
${REVIEW_EV}`;

const review = {
  loaded: null, // [{ id, kind, name, sector, evidence }]
  unclassified: [], // the load report's mentions no rule took: [{ file, mention, lineStart, quote }]
  items: [],
  decisions: new Map(), // item key -> decision
};

async function loadReview() {
  if (review.loaded) return review.loaded;
  const [orgs, inits] = await Promise.all([
    pageAll(REVIEW_ORGS_Q, {}, (d) => d.organisations),
    pageAll(REVIEW_INITIATIVES_Q, {}, (d) => d.initiatives),
  ]);
  review.loaded = [
    ...orgs.edges.map((e) => ({ ...e.node, kind: 'Organisation' })),
    ...inits.edges.map((e) => ({ ...e.node, kind: 'Initiative' })),
  ];
  // The load report's unclassified mentions, when the server built the
  // graph itself (a read-only JSON file beside the API).
  try {
    const res = await fetch('review/unclassified.json');
    if (res.ok) review.unclassified = (await res.json()).mentions || [];
  } catch {
    review.unclassified = [];
  }
  return review.loaded;
}

// reviewItems lists what to check: mentions whose best evidence is below
// the threshold (lowest first), then pairs of names that look like one body.
function reviewItems(nodes, threshold) {
  const items = [];
  for (const n of nodes) {
    const evs = (n.evidence || []).filter((e) => typeof e.confidence === 'number');
    if (!evs.length) continue;
    const best = evs.reduce((a, e) => (e.confidence > a.confidence ? e : a));
    if (best.confidence < threshold) items.push({ key: `low:${n.id}`, type: 'low', node: n, ev: best });
  }
  items.sort((a, b) => a.ev.confidence - b.ev.confidence || (a.node.id < b.node.id ? -1 : 1));
  for (const [a, b] of nearDuplicates(nodes)) {
    items.push({ key: `dup:${a.id}|${b.id}`, type: 'dup', a: nodes.find((n) => n.id === a.id), b: nodes.find((n) => n.id === b.id) });
  }
  review.unclassified.forEach((m, i) => items.push({ key: `unclassified:${i}`, type: 'unclassified', mention: m }));
  return items;
}

function radio(name, value, text, testid, checked) {
  const lab = document.createElement('label');
  const r = document.createElement('input');
  r.type = 'radio';
  r.name = name;
  r.value = value;
  r.checked = !!checked;
  r.dataset.testid = testid;
  lab.append(r, ` ${text}`);
  return lab;
}

function renderReviewItem(item, i) {
  const el = document.createElement('li');
  el.dataset.testid = 'review-item';
  el.dataset.type = item.type;
  const fs = document.createElement('fieldset');
  const lg = document.createElement('legend');
  const name = `decision-${i}`;
  const decide = () => {
    const chosen = fs.querySelector(`input[name="${name}"]:checked`);
    if (!chosen) { review.decisions.delete(item.key); renderCuration(); return; }
    const v = chosen.value;
    if (item.type === 'dup') {
      if (v === 'accept') review.decisions.set(item.key, { action: 'accept', id: `${item.a.id} and ${item.b.id}`, note: 'kept apart' });
      else {
        const [into, from] = v === 'into-a' ? [item.a.id, item.b.id] : [item.b.id, item.a.id];
        review.decisions.set(item.key, { action: 'merge', into, from });
      }
    } else {
      const id = item.node.id;
      const d = { action: v, id, note: `${item.ev.rule}, confidence ${item.ev.confidence}` };
      if (v === 'rename') d.name = fs.querySelector('[data-testid="decision-rename-name"]').value;
      if (v === 'sector') d.sector = fs.querySelector('[data-testid="decision-sector-value"]').value;
      review.decisions.set(item.key, d);
    }
    renderCuration();
  };
  if (item.type === 'unclassified') {
    const m = item.mention;
    el.dataset.id = `${m.file}:${m.lineStart}:${m.mention}`;
    lg.textContent = `“${m.mention}”: a capitalised mention no rule took (not in the graph)`;
    fs.append(lg, quote({ quote: m.quote || m.mention, file: m.file, lineStart: m.lineStart || '?', lineEnd: m.lineStart || '?' }));
    const lab = document.createElement('label');
    const cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.dataset.testid = 'decision-accept';
    cb.addEventListener('change', () => {
      if (cb.checked) review.decisions.set(item.key, { action: 'accept', id: `unclassified “${m.mention}”`, note: `${m.file}, line ${m.lineStart}` });
      else review.decisions.delete(item.key);
      renderCuration();
    });
    lab.append(cb, ' Right to leave out (curation cannot add a node; a body missed here is one for the lexicon)');
    fs.append(lab);
    el.append(fs);
    return el;
  }
  if (item.type === 'low') {
    const n = item.node;
    el.dataset.id = n.id;
    lg.textContent = `${n.name} (${n.kind}): confidence ${item.ev.confidence}, rule ${item.ev.rule}`;
    fs.append(lg, quote(item.ev));
    fs.append(radio(name, 'accept', 'Accept', 'decision-accept'), radio(name, 'exclude', 'Exclude', 'decision-exclude'));
    const ren = radio(name, 'rename', 'Rename to', 'decision-rename');
    const text = document.createElement('input');
    text.type = 'text';
    text.value = n.name;
    text.dataset.testid = 'decision-rename-name';
    text.setAttribute('aria-label', `New name for ${n.name}`);
    text.addEventListener('input', () => { ren.querySelector('input').checked = true; decide(); });
    ren.append(' ', text);
    fs.append(ren);
    if (n.kind === 'Organisation') {
      const sec = radio(name, 'sector', 'Set sector', 'decision-sector');
      const sel = document.createElement('select');
      sel.dataset.testid = 'decision-sector-value';
      sel.setAttribute('aria-label', `Sector for ${n.name}`);
      sel.append(...SECTORS.map((x) => new Option(x, x)));
      sel.value = n.sector || 'other';
      sel.addEventListener('change', () => { sec.querySelector('input').checked = true; decide(); });
      sec.append(' ', sel);
      fs.append(sec);
    }
  } else {
    el.dataset.id = `${item.a.id}|${item.b.id}`;
    lg.textContent = `“${item.a.name}” and “${item.b.name}” (${item.a.kind}s) look like one body`;
    fs.append(lg);
    for (const x of [item.a, item.b]) if (x.evidence && x.evidence[0]) fs.append(quote(x.evidence[0]));
    fs.append(radio(name, 'into-a', `Merge into “${item.a.name}”`, 'decision-merge-a'),
      radio(name, 'into-b', `Merge into “${item.b.name}”`, 'decision-merge-b'),
      radio(name, 'accept', 'Keep apart', 'decision-accept'));
  }
  fs.addEventListener('change', decide);
  el.append(fs);
  return el;
}

function renderCuration() {
  const yaml = curationYAML(review.decisions);
  document.getElementById('curation-preview').textContent = yaml;
  const n = review.decisions.size;
  document.getElementById('review-summary').textContent =
    `${review.items.length} to check (${review.items.filter((x) => x.type === 'low').length} low-confidence mentions, ` +
    `${review.items.filter((x) => x.type === 'dup').length} near-duplicate names, ` +
    `${review.items.filter((x) => x.type === 'unclassified').length} unclassified mentions); ${n} decided.`;
  return yaml;
}

async function renderReview() {
  const list = document.getElementById('review-list');
  list.replaceChildren(li('Loading…'));
  let nodes;
  try {
    nodes = await loadReview();
  } catch (err) {
    list.replaceChildren(li(`Could not load the extractions: ${err.message}`));
    return;
  }
  review.items = reviewItems(nodes, Number(document.getElementById('review-threshold').value));
  review.decisions = new Map([...review.decisions].filter(([k]) => review.items.some((x) => x.key === k)));
  list.replaceChildren(...review.items.map(renderReviewItem));
  renderCuration();
}

function showReview(on) {
  state.reviewOpen = on;
  document.getElementById('review').hidden = !on;
  document.getElementById('panel').hidden = on;
  const t = document.getElementById('review-toggle');
  t.setAttribute('aria-pressed', String(on));
  t.textContent = on ? 'Back to details' : 'Review extractions';
  writeURL();
  if (on) return renderReview();
  return null;
}

document.getElementById('review-toggle').addEventListener('click', () => showReview(!state.reviewOpen));
document.getElementById('review-threshold').addEventListener('change', () => renderReview());
document.getElementById('review-download').addEventListener('click', () => {
  download('curation.yaml', new Blob([renderCuration()], { type: 'application/yaml' }));
});

// ---------------------------------------------------------------- start

renderLegend();

async function start() {
  state.restoring = true;
  const want = readURL();
  try {
    await loadOverview();
    for (const id of want.compare) await toggleCompare(id, true);
    if (want.node) await openNode(want.node);
    if (want.review) await showReview(true);
  } finally {
    state.restoring = false;
    writeURL();
    state.started = true;
  }
}
start();

// Stable hooks for the browser test and for scripting the page from the console.
window.__explorer = {
  cy,
  expand,
  openNode,
  select,
  toggleCompare,
  viewJSON,
  realId,
  runLayout,
  get busy() { return state.pending > 0 || !state.started; },
  get lastExpand() { return state.lastExpand; },
  get compare() { return [...state.compare]; },
  get overview() { return state.overview; },
  get selected() { return state.selected; },
  get layout() { return state.layout; },
  review: { get items() { return review.items; }, yaml: () => curationYAML(review.decisions) },
  highlighted: () => cy.nodes('.highlighted').map((n) => n.id()).sort(),
  nodeCount: () => cy.nodes().length,
};
