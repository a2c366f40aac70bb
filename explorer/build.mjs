// Bundles the schema explorer (GraphiQL 5 and Monaco's workers), which the gateway serves
// itself from dist/explorer: the page must work offline and behind firewalls, so nothing may
// come from a CDN. scripts/build.mjs calls this with a fresh folder and moves it into place.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export async function bundleExplorer(outdir) {
  await build({
    absWorkingDir: root,
    entryPoints: {
      explorer: 'explorer/src/main.tsx',
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    outdir,
    bundle: true,
    // Classic scripts: the page loads explorer.js with <script defer>, Monaco starts workers with new Worker(url).
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    minify: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Monaco's codicon font and GraphiQL's fonts are inlined, so the page needs no font host.
    loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    logLevel: 'warning',
  });
}
