import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../src/database/data-source';
import { started } from './started';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the run's PostgreSQL, for tests that act on a whole database; `options` follow CREATE DATABASE's name. */
export async function createScratchDatabase(prefix: string, options = ''): Promise<ScratchDatabase> {
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}" ${options}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export interface MigratedScratchDatabase {
  dataSource: DataSource;
  /** Closes the DataSource and drops the database. */
  close(): Promise<void>;
}

/** A scratch database with every migration applied, for tests that need the schema but no gateway. */
export async function openMigratedScratchDatabase(prefix: string): Promise<MigratedScratchDatabase> {
  const database = await createScratchDatabase(prefix);
  const dataSource = createDataSource({ url: database.url, poolSize: 3 });
  const close = started(`scratch database ${prefix}`, async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return { dataSource, close };
}
