// `node scripts/build.mjs [target ...]` builds the named targets (every target when none is named)
// and what they need, skipping each whose inputs are unchanged since its last build. This is
// the one place that decides staleness: a target's inputs are its folders and files, the files
// outside them that they import by relative path, the lockfile (dependencies and tools), this
// script, and the digests of the targets it needs. The digest of a successful build is kept in
// its output folder, so deleting the output forgets it.
//
// A bundle is built into a temporary folder, then moved into place file by file with rename
// (the page last), so a running gateway never answers 404 for a bundle being rebuilt.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const STAMP = '.build-inputs';
const SHARED_INPUTS = ['package-lock.json', 'scripts/build.mjs'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);

/** Each target: its inputs, its output folder and a file proving the output is there, and how it is built. */
const TARGETS = {
  emulator: {
    needs: [],
    inputs: ['packages/plaid-emulator/src', 'packages/plaid-emulator/tsconfig.json', 'packages/plaid-emulator/tsconfig.build.json'],
    output: 'packages/plaid-emulator/dist',
    marker: 'index.js',
    buildInfo: 'packages/plaid-emulator/dist/.tsbuildinfo',
    build: () => tsc('packages/plaid-emulator/tsconfig.build.json'),
  },
  gateway: {
    // The gateway compiles against the emulator package's declarations.
    needs: ['emulator'],
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json'],
    output: 'dist/src',
    marker: 'main.js',
    buildInfo: 'dist/src/.tsbuildinfo',
    build: () => tsc('tsconfig.build.json'),
  },
  bench: {
    // tsconfig.json: the gateway with its tests (type-checked) and benches (compiled into dist/bench).
    needs: ['gateway'],
    inputs: ['src', 'test', 'bench', 'tsconfig.json'],
    output: 'dist/bench',
    marker: '.',
    buildInfo: 'dist/.tsbuildinfo',
    build: () => tsc('tsconfig.json'),
  },
  explorer: {
    needs: [],
    inputs: ['explorer'],
    output: 'dist/explorer',
    marker: 'explorer.js',
    bundle: async (outdir) => {
      await tsc('explorer/tsconfig.json');
      const { bundleExplorer } = await import('../explorer/build.mjs');
      await bundleExplorer(outdir);
    },
  },
  demo: {
    needs: [],
    inputs: ['examples/web'],
    output: 'dist/demo',
    marker: 'index.html',
    bundle: async (outdir) => {
      await tsc('examples/web/tsconfig.json');
      const { build } = await import('vite');
      await build({ configFile: path.join(root, 'examples/web/vite.config.ts'), build: { outDir: outdir, emptyOutDir: true } });
    },
  },
};

/** Builds `name` once per run, after what it needs; resolves to the digest of its inputs. */
function buildTarget(name) {
  if (!digests.has(name)) digests.set(name, buildOnce(name));
  return digests.get(name);
}

async function buildOnce(name) {
  const target = TARGETS[name];
  const needed = await Promise.all(target.needs.map(buildTarget));
  const digest = await inputDigest([...SHARED_INPUTS, ...target.inputs], needed);
  const output = path.join(root, target.output);
  const stamp = path.join(output, STAMP);
  const present = existsSync(path.join(output, target.marker));
  if (present && (await readFile(stamp, 'utf8').catch(() => '')) === digest) return digest;

  const started = performance.now();
  if (target.bundle) {
    const next = path.join(path.dirname(output), `.${path.basename(output)}-next-${process.pid}`);
    try {
      await target.bundle(next);
      await writeFile(path.join(next, STAMP), digest);
      await moveInto(next, output);
    } finally {
      await rm(next, { recursive: true, force: true });
    }
  } else {
    // Incremental tsc trusts its build info; without the outputs it describes, it would emit nothing.
    if (!present) await rm(path.join(root, target.buildInfo), { force: true });
    await target.build();
    await writeFile(stamp, digest);
  }
  process.stderr.write(`build: ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return digest;
}

/** SHA-256 over the input files (paths and contents, in a fixed order) and the digests of needed targets. */
async function inputDigest(inputs, neededDigests) {
  const files = new Set();
  for (const input of inputs) for (const file of await listFiles(path.join(root, input))) files.add(file);
  await addRelativeImports(files);
  const hash = createHash('sha256');
  for (const digest of neededDigests) hash.update(`${digest}\0`);
  for (const file of [...files].sort()) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function listFiles(entry) {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [entry];
  const files = [];
  for (const child of await readdir(entry, { withFileTypes: true })) {
    if (child.isDirectory() && SKIPPED_FOLDERS.has(child.name)) continue;
    files.push(...(await listFiles(path.join(entry, child.name))));
  }
  return files;
}

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.\.?\/[^'"]+)['"]/g;
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/** Adds the files that the inputs' sources import from outside them (the explorer imports the gateway's page config). */
async function addRelativeImports(files) {
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop();
    if (!SOURCE.test(file)) continue;
    for (const [, specifier] of (await readFile(file, 'utf8')).matchAll(RELATIVE_IMPORT)) {
      const base = path.resolve(path.dirname(file), specifier);
      const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}.d.ts`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
      const found = candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile());
      if (found && !files.has(found)) {
        files.add(found);
        queue.push(found);
      }
    }
  }
}

/**
 * Replaces `to`'s files with `from`'s by rename, deepest first and the stamp last (a page
 * arrives after the assets it names), then removes what the new build no longer has.
 */
async function moveInto(from, to) {
  const depth = (file) => file.split(path.sep).length;
  const incoming = (await listFiles(from)).map((file) => path.relative(from, file));
  incoming.sort((a, b) => (a === STAMP) - (b === STAMP) || depth(b) - depth(a));
  for (const file of incoming) {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await rename(path.join(from, file), path.join(to, file));
  }
  const kept = new Set(incoming);
  for (const file of await listFiles(to)) {
    if (!kept.has(path.relative(to, file))) await rm(file, { force: true });
  }
  await removeEmptyFolders(to);
}

async function removeEmptyFolders(folder) {
  for (const child of await readdir(folder, { withFileTypes: true })) {
    if (!child.isDirectory()) continue;
    const inner = path.join(folder, child.name);
    await removeEmptyFolders(inner);
    if ((await readdir(inner)).length === 0) await rmdir(inner);
  }
}

/** Runs the project's TypeScript; its diagnostics go to stderr, so `npm run -s token` prints only the token. */
function tsc(project) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: root, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`tsc -p ${project} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

const requested = process.argv.slice(2);
for (const name of requested) {
  if (!(name in TARGETS)) {
    process.stderr.write(`build: no target "${name}"; the targets are ${Object.keys(TARGETS).join(', ')}\n`);
    process.exit(64);
  }
}

// Two builds at once (npm start beside npm run token) take turns; the second finds the first's work done.
await mkdir(path.join(root, 'dist'), { recursive: true });
const release = await lockfile.lock(root, {
  lockfilePath: path.join(root, 'dist', '.build.lock'),
  realpath: false,
  stale: 10_000,
  update: 2_000,
  retries: { retries: 1_000, minTimeout: 100, maxTimeout: 500 },
});
const digests = new Map();
try {
  await Promise.all((requested.length > 0 ? requested : Object.keys(TARGETS)).map(buildTarget));
} catch (error) {
  process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await release();
}
