import { Client } from 'pg';

/**
 * Each jest worker's own database on the run's PostgreSQL (`<database>_w<worker>`), so that test
 * files running side by side never meet: a gateway moves every stored Item's webhook when it
 * starts, and deployment tasks take database-wide advisory locks.
 */
function adminUrl(base: URL): string {
  const admin = new URL(base);
  admin.pathname = '/postgres';
  return admin.toString();
}

async function onAdmin<T>(base: URL, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl(base) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const prefixOf = (base: URL) => `${decodeURIComponent(base.pathname.slice(1))}_w`;

/** The URL of this worker's database (JEST_WORKER_ID; 1 in band), made empty on first use. */
export async function workerDatabaseUrl(runDatabaseUrl: string, workerId: string): Promise<string> {
  const base = new URL(runDatabaseUrl);
  const name = `${prefixOf(base)}${workerId}`;
  await onAdmin(base, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  });
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Drops every worker database of the run (a crashed run's too). */
export async function dropWorkerDatabases(runDatabaseUrl: string): Promise<void> {
  const base = new URL(runDatabaseUrl);
  await onAdmin(base, async (client) => {
    const prefix = prefixOf(base);
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND substr(datname, length($1) + 1) ~ '^[0-9]+$'",
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
  });
}
