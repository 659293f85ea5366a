// Bundles GraphiQL with React into ../dist (graphiql.js, graphiql.css),
// which the Go server embeds and serves at /graphiql/. The output is
// committed, so the server needs no Node and /graphiql works offline.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

// OUT_DIR lets scripts/build-graphiql --check build elsewhere and compare.
const out = process.env.OUT_DIR ? pathToFileURL(process.env.OUT_DIR.replace(/\/?$/, '/')) : new URL('../dist/', import.meta.url);
await mkdir(out, { recursive: true });
await build({
  entryPoints: { graphiql: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
  outdir: out.pathname,
  logLevel: 'warning',
});
