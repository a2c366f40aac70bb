import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT_POSTGRES_HOME } from '../../src/database/embedded-postgres-placement';

/** Where a gateway's embedded cluster for DATA_DIR is: as root, elsewhere, named by a pointer file (embedded-postgres-placement.ts). */
export async function embeddedClusterDirectory(dataDir: string): Promise<string> {
  const pointed = (await readFile(path.join(dataDir, 'postgres.location'), 'utf8').catch(() => '')).trim();
  return pointed || path.join(dataDir, 'postgres');
}

/** Removes a test's DATA_DIR and, as root, the cluster placed outside it. */
export async function removeGatewayDataDir(dataDir: string): Promise<void> {
  const cluster = await embeddedClusterDirectory(dataDir);
  if (cluster.startsWith(`${ROOT_POSTGRES_HOME}/`)) await rm(cluster, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}
