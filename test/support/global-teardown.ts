import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.embeddedTestDatabase;
  if (!embedded) return;
  await embedded.database.stop();
  // As root the cluster may live outside the temporary directory (see embedded-postgres-placement.ts).
  await rm(embedded.database.directory, { recursive: true, force: true });
  await rm(embedded.directory, { recursive: true, force: true });
}
