// Bundles GraphiQL with React into ../dist (graphiql.js, graphiql.css),
// which the Go server embeds and serves at /graphiql/. The output is
// committed, so the server needs no Node and /graphiql works offline.
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

// OUT_DIR lets scripts/build-graphiql --check build elsewhere and compare.
const out = process.env.OUT_DIR ? pathToFileURL(process.env.OUT_DIR.replace(/\/?$/, '/')) : new URL('../dist/', import.meta.url);
await mkdir(out, { recursive: true });
// GraphiQL's stylesheet carries its fonts (Roboto, Fira Code) as data: URLs,
// two thirds of the bundle once gzipped; without them the page uses the
// system's sans-serif and monospace fonts, which its font stacks name next.
const dropFonts = {
  name: 'drop-fonts',
  setup(b) {
    b.onLoad({ filter: /graphiql[\\/]dist[\\/]style\.css$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/@font-face\s*\{[^}]*\}/g, ''),
      loader: 'css',
    }));
  },
};

await build({
  plugins: [dropFonts],
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
