// Bundles the explorer into ../dist: app.js (with Cytoscape), app.css
// and index.html. The output is committed so that the Go server needs no Node.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

import { pathToFileURL } from 'node:url';

// OUT_DIR lets scripts/build-explorer --check build elsewhere and compare.
const out = process.env.OUT_DIR ? pathToFileURL(process.env.OUT_DIR.replace(/\/?$/, '/')) : new URL('../dist/', import.meta.url);
await mkdir(out, { recursive: true });
await build({
  entryPoints: ['src/app.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  outfile: new URL('app.js', out).pathname,
  logLevel: 'info',
});
await build({
  entryPoints: ['src/app.css'],
  bundle: true,
  minify: true,
  outfile: new URL('app.css', out).pathname,
  logLevel: 'info',
});
await copyFile('index.html', new URL('index.html', out));
await copyFile('favicon.svg', new URL('favicon.svg', out));
