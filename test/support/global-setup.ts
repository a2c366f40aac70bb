import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/database/embedded-database';
import { EmbeddedDatabaseUnreachableError } from '../../src/database/embedded-postgres-placement';
import { dropWorkerDatabases } from './worker-database';

declare global {
  var embeddedTestDatabase: { database: EmbeddedDatabase; directory: string } | undefined;
}

/**
 * One PostgreSQL for the whole run: the machine's (DATABASE_URL) when given, else an
 * embedded one in a temporary directory (TEST_RUN_DATABASE_URL). Each jest worker's test files
 * use a database of their own on it (worker-database.ts), which they read from TEST_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_RUN_DATABASE_URL = process.env.DATABASE_URL;
    await dropWorkerDatabases(process.env.DATABASE_URL);
    return;
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'gateway-test-pg-'));
  let database: EmbeddedDatabase;
  try {
    database = await startEmbeddedDatabase({
      requestedDirectory: path.join(directory, 'pgdata'),
      password: 'test-password',
      databaseName: 'gateway_test',
      logger: pino({ level: 'silent' }),
    });
  } catch (error) {
    // The same one line `npm start` prints, instead of a stack trace from inside jest.
    if (!(error instanceof EmbeddedDatabaseUnreachableError)) throw error;
    process.stderr.write(`Cannot start: ${error.message}\n`);
    process.exit(1);
  }
  globalThis.embeddedTestDatabase = { database, directory };
  process.env.TEST_RUN_DATABASE_URL = database.url;
}
