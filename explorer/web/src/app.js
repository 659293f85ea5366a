// The partnership network explorer. It talks to the server only through the
// public GraphQL API, so anything it shows can be reproduced with a query.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

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
// The network query spells kinds as the NodeKind enum; everything else uses
// GraphQL type names, which the view keeps.
const KIND_FROM_ENUM = { COUNCIL: 'Council', ORGANISATION: 'Organisation', INITIATIVE: 'Initiative', DOCUMENT: 'Document' };

const state = {
  colourBy: 'kind',
  sizeBy: 'degree',
  layout: 'force',
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

const NETWORK_Q = `query Network($center: ID, $depth: Int, $projection: Projection) {
  network(center: $center, depth: $depth, projection: $projection) {
    nodes { nodeId label kind sector region theme lat lon pagerank betweenness }
    edges { edgeId source target kind }
    truncated
  }
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
      edges { node { id name __typename } initiatives { id name } direct } } }
  }
}`;

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

// Network returns the neighbourhood of center as {nodes, edges} in the shape
// the view uses. It prefers the API's network query and falls back to
// collaborators (the actor-to-actor projection) on servers without it.
async function fetchNetwork(center) {
  if (state.hasNetwork !== false) {
    try {
      const d = await gql(NETWORK_Q, { center, depth: 1, projection: state.projection });
      state.hasNetwork = true;
      return {
        source: 'network',
        nodes: d.network.nodes.map((n) => ({
          id: n.nodeId, label: n.label, kind: KIND_FROM_ENUM[n.kind] || n.kind, sector: n.sector || '',
          region: n.region || '', theme: n.theme || '', lat: n.lat, lon: n.lon,
          pagerank: n.pagerank, betweenness: n.betweenness,
        })),
        edges: d.network.edges.map((e) => ({ id: e.edgeId, source: e.source, target: e.target, kind: e.kind })),
        truncated: d.network.truncated,
      };
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
      'background-color': 'data(colour)', label: 'data(label)', width: 'data(size)', height: 'data(size)',
      'font-size': 10, color: '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 3,
      'text-wrap': 'ellipsis', 'text-max-width': 140, 'text-background-color': '#ffffff',
      'text-background-opacity': 0.8, 'text-background-padding': 1, 'border-width': 1, 'border-color': '#ffffff',
      'min-zoomed-font-size': 7 } },
    { selector: 'node[kind = "Council"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[kind = "Initiative"]', style: { shape: 'diamond' } },
    { selector: 'node[kind = "Document"]', style: { shape: 'round-tag' } },
    { selector: 'edge', style: { width: 1.2, 'line-color': '#9aa5b1', 'curve-style': 'haystack', opacity: 0.8 } },
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
  if (state.colourBy === 'sector' && d.kind === 'Organisation') return SECTOR_COLOURS[d.sector] || SECTOR_COLOURS.other;
  if (state.colourBy === 'sector') return '#b0b7bf';
  return KIND_COLOURS[d.kind] || '#616161';
}

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
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const s = n.visible() ? score(n) : 0;
      n.data('colour', colourOf(n.data()));
      n.data('size', 14 + 36 * Math.sqrt(s / max));
    });
  });
  renderLegend();
}

function renderLegend() {
  const el = document.getElementById('legend');
  const entries = state.colourBy === 'sector' ? Object.entries(SECTOR_COLOURS) : Object.entries(KIND_COLOURS);
  el.replaceChildren(...entries.map(([name, colour]) => {
    const div = document.createElement('div');
    const sw = document.createElement('span');
    sw.className = 'sw';
    sw.style.background = colour;
    div.append(sw, name);
    return div;
  }));
}

// merge adds a network to the view, keeping what is already drawn. New
// nodes start around the centre they were expanded from so that the layout
// grows the drawing outwards instead of reshuffling it.
function merge(net, center) {
  const added = [];
  const c = center ? cy.getElementById(center) : cy.collection();
  const origin = c.nonempty() ? c.position() : null;
  cy.batch(() => {
    for (const n of net.nodes) {
      const existing = cy.getElementById(n.id);
      if (existing.nonempty()) {
        for (const k of ['sector', 'region', 'theme', 'lat', 'lon', 'pagerank', 'betweenness']) if (n[k] != null && n[k] !== '') existing.data(k, n[k]);
        continue;
      }
      const el = { group: 'nodes', data: { ...n, label: n.label || n.id, colour: '#616161', size: 20 } };
      if (origin) {
        const a = (hash(n.id) % 360) * Math.PI / 180;
        el.position = { x: origin.x + 40 * Math.cos(a), y: origin.y + 40 * Math.sin(a) };
      }
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
  runCapped(visible.layout({
    name: 'fcose', animate: false, randomize: !incremental, quality: 'default', nodeRepulsion: 6000,
    idealEdgeLength: 80, packComponents: true, fit: true, padding: 30,
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
  });
  layout.run();
}

// geoLayout places councils at their lat/lon (an equirectangular projection
// scaled by cos(54°), the middle of the UK) and everything else at the mean
// of its placed neighbours, so partners sit beside the councils they serve.
function geoLayout(eles) {
  const k = 120;
  const pos = new Map();
  eles.nodes().forEach((n) => {
    const { lat, lon } = n.data();
    if (typeof lat === 'number' && typeof lon === 'number') pos.set(n.id(), { x: lon * k * Math.cos(54 * Math.PI / 180), y: -lat * k });
  });
  let unplaced = eles.nodes().filter((n) => !pos.has(n.id()));
  for (let round = 0; round < 3 && unplaced.length; round++) {
    unplaced.forEach((n) => {
      const ps = n.neighborhood('node').map((m) => pos.get(m.id())).filter(Boolean);
      if (!ps.length) return;
      const angle = (hash(n.id()) % 360) * Math.PI / 180;
      const r = 25 + (hash(n.id()) % 40);
      pos.set(n.id(), {
        x: ps.reduce((a, p) => a + p.x, 0) / ps.length + r * Math.cos(angle),
        y: ps.reduce((a, p) => a + p.y, 0) / ps.length + r * Math.sin(angle),
      });
    });
    unplaced = unplaced.filter((n) => !pos.has(n.id()));
  }
  // Whatever is not connected to a placed node goes in a row beneath the map.
  const ys = [...pos.values()].map((p) => p.y);
  const bottom = (ys.length ? Math.max(...ys) : 0) + 80;
  unplaced.forEach((n, i) => pos.set(n.id(), { x: i * 60, y: bottom }));
  runCapped(eles.layout({ name: 'preset', positions: (n) => pos.get(n.id()), fit: true, padding: 30, animate: false }), eles);
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
  sel.value = opts.includes(current) ? current : '';
}

// ---------------------------------------------------------------- actions

function setStatus(msg) { document.getElementById('status').textContent = msg; }

async function expand(id) {
  setStatus(`Loading the neighbourhood of ${id}…`);
  try {
    const net = await fetchNetwork(id);
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
    await showDetails(id);
  } catch (err) {
    setStatus(`Could not load ${id}: ${err.message}`);
  }
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
      b.addEventListener('click', () => expand(x.actor.id));
      item.append(b, ` (${x.actor.__typename}${x.role ? `, ${x.role}` : ''})`);
      if (x.via.length) item.append(` via ${x.via.map((i) => i.name).join('; ')}`);
      else if (x.direct) item.append(' by direct funding');
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
    items: all.edges.map((e) => ({ actor: e.node, via: e.initiatives, direct: e.direct })),
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
          data: { id: s.node.id, label: s.node.name, kind: s.node.__typename, colour: '#616161', size: 20 } });
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

const input = document.getElementById('search-input');
const results = document.getElementById('search-results');
let hits = [];
let active = -1;

async function search(text) {
  if (!text.trim()) { closeResults(); return; }
  let found;
  try {
    found = (await gql(SEARCH_Q, { text, first: SEARCH_HITS })).search;
  } catch (err) {
    setStatus(`Search failed: ${err.message}`);
    return;
  }
  hits = found.edges;
  const n = found.totalCount;
  setStatus(`Search “${text}”: ${n} match${n === 1 ? '' : 'es'}${hits.length < n ? `, the best ${hits.length} listed` : ''}.`);
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
    const name = document.createElement('span');
    name.textContent = h.node.name || h.node.title;
    const tag = document.createElement('span');
    tag.className = 'kind-tag';
    tag.textContent = h.node.__typename + (h.matchedField === 'alias' ? ` · “${h.matched}”` : '');
    el.append(name, tag);
    el.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
    return el;
  }));
  if (!hits.length) results.replaceChildren(li('No matches.'));
  results.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  input.setAttribute('aria-activedescendant', active >= 0 ? `hit-${active}` : '');
}

function closeResults() {
  results.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function choose(i) {
  const h = hits[i];
  if (!h) return;
  closeResults();
  input.value = h.node.name || h.node.title;
  expand(h.node.id);
}

document.getElementById('search-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!results.hidden && active >= 0 && hits[active]) { choose(active); return; }
  await search(input.value);
});
input.addEventListener('keydown', (e) => {
  if (results.hidden || !hits.length) return;
  if (e.key === 'ArrowDown') { active = (active + 1) % hits.length; renderResults(); e.preventDefault(); }
  else if (e.key === 'ArrowUp') { active = (active - 1 + hits.length) % hits.length; renderResults(); e.preventDefault(); }
  else if (e.key === 'Escape') { closeResults(); }
});
input.addEventListener('input', () => { closeResults(); hits = []; });

// ---------------------------------------------------------------- controls

cy.on('tap', 'node', (e) => {
  const n = e.target;
  const oe = e.originalEvent || {};
  if ((oe.shiftKey || oe.ctrlKey || oe.metaKey) && n.data('kind') === 'Council') {
    toggleCompare(n.id(), !state.compare.includes(n.id()));
    return;
  }
  expand(n.id());
});

for (const el of document.querySelectorAll('input[name="colour"]')) el.addEventListener('change', () => { state.colourBy = el.value; restyle(); });
for (const el of document.querySelectorAll('input[name="size"]')) el.addEventListener('change', () => { state.sizeBy = el.value; restyle(); });
for (const el of document.querySelectorAll('input[name="projection"]')) el.addEventListener('change', () => { state.projection = el.value; });
for (const el of document.querySelectorAll('input[name="layout"]')) el.addEventListener('change', () => { state.layout = el.value; runLayout(); });
for (const el of document.querySelectorAll('input[name="kind"]')) el.addEventListener('change', () => { applyFilters(); runLayout(); });
for (const id of ['filter-region', 'filter-theme']) document.getElementById(id).addEventListener('change', () => { applyFilters(); runLayout(); });

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
      const { colour, size, enriched, ...d } = n.data();
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
document.getElementById('clear-view').addEventListener('click', () => {
  cy.elements().remove();
  state.compare = [];
  toggleCompare('', false);
  document.getElementById('details').replaceChildren(p('No node selected.', 'muted'));
  document.getElementById('partner-list').replaceChildren();
  document.getElementById('evidence').replaceChildren();
  setStatus('View cleared. Search for a council to begin.');
});
document.getElementById('compare-clear').addEventListener('click', () => {
  state.compare = [];
  toggleCompare('', false);
});

renderLegend();

// Stable hooks for the browser test and for scripting the page from the console.
window.__explorer = {
  cy,
  expand,
  toggleCompare,
  viewJSON,
  get busy() { return state.pending > 0; },
  get lastExpand() { return state.lastExpand; },
  get compare() { return [...state.compare]; },
  highlighted: () => cy.nodes('.highlighted').map((n) => n.id()).sort(),
  nodeCount: () => cy.nodes().length,
};
