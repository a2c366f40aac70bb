import { rm } from 'node:fs/promises';
import { dropWorkerDatabases } from './worker-database';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.embeddedTestDatabase;
  if (!embedded) {
    // The machine's PostgreSQL keeps only what it had: the workers' databases go.
    if (process.env.TEST_RUN_DATABASE_URL) await dropWorkerDatabases(process.env.TEST_RUN_DATABASE_URL);
    return;
  }
  await embedded.database.stop();
  // As root the cluster may live outside the temporary directory (see embedded-postgres-placement.ts).
  await rm(embedded.database.directory, { recursive: true, force: true });
  await rm(embedded.directory, { recursive: true, force: true });
}
