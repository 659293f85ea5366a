// Opens export files with their real consumers and prints what each read,
// as JSON, for the Go test to compare with the API:
//   node consumers.mjs graphology FILE   -> Graph.from(): order, size, positioned nodes, multi
//   node consumers.mjs cytoscape FILE    -> headless cytoscape(): nodes, edges, positioned nodes
import { readFileSync } from 'node:fs';
import graphology from 'graphology';
import cytoscape from 'cytoscape';

const [kind, file] = process.argv.slice(2);
const data = JSON.parse(readFileSync(file, 'utf8'));
let out;
if (kind === 'graphology') {
  const g = graphology.Graph.from(data);
  let positioned = 0;
  g.forEachNode((_, a) => { if (Number.isFinite(a.x) && Number.isFinite(a.y)) positioned++; });
  out = { nodes: g.order, edges: g.size, positioned, multi: g.multi, type: g.type };
} else if (kind === 'cytoscape') {
  const cy = cytoscape({ headless: true, styleEnabled: false, elements: data.elements, layout: { name: 'preset' } });
  const positioned = cy.nodes().filter(n => { const p = n.position(); return p.x !== 0 || p.y !== 0; }).length;
  out = { nodes: cy.nodes().length, edges: cy.edges().length, positioned };
} else {
  throw new Error(`unknown consumer ${kind}: want graphology or cytoscape`);
}
process.stdout.write(JSON.stringify(out) + '\n');
