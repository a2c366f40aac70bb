import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(`DATA_DIR ${dataDir} is in use by another running gateway; stop it first or set another DATA_DIR`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * Holds DATA_DIR for this process. A second gateway on the same directory must fail
 * clearly instead of starting a second PostgreSQL on the same files. The lock is
 * refreshed while held, so one left by a killed process goes stale and is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'gateway.lock'),
      stale: 10_000,
      update: 2_000,
      realpath: false,
      onCompromised: (error) => {
        throw error;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
}
