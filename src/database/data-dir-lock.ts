import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { isProcessAlive } from './process-alive';

const STALE_MS = 10_000;

/** The process that holds DATA_DIR, as its PID file tells; `alive` is whether that PID still runs. */
export interface DataDirHolder {
  pid: number;
  alive: boolean;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | undefined,
  ) {
    super(inUseMessage(dataDir, holder));
    this.name = 'DataDirInUseError';
  }
}

function inUseMessage(dataDir: string, holder: DataDirHolder | undefined): string {
  if (!holder)
    return `DATA_DIR ${dataDir} is in use by another running gateway (its pid is not recorded); stop it first or set another DATA_DIR`;
  if (holder.alive) {
    return `DATA_DIR ${dataDir} is in use by another running gateway, pid ${holder.pid} (still running); stop it first (kill ${holder.pid}) or set another DATA_DIR`;
  }
  return (
    `DATA_DIR ${dataDir} is in use by another running gateway, pid ${holder.pid} (no longer running: its lock lapses within ` +
    `${STALE_MS / 1000} s); start again shortly or set another DATA_DIR`
  );
}

/**
 * Holds DATA_DIR for this process. A second gateway on the same directory must fail
 * clearly instead of starting a second PostgreSQL on the same files. The lock is
 * refreshed while held, so one left by a killed process goes stale and is taken over.
 * Beside it, gateway.pid names the holder (the lock itself is a directory its library
 * removes with rmdir, so it must stay empty).
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const pidFile = path.join(dataDir, 'gateway.pid');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'gateway.lock'),
      stale: STALE_MS,
      update: 2_000,
      realpath: false,
      onCompromised: (error) => {
        throw error;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dataDir, await readHolder(pidFile));
    throw error;
  }
  try {
    await writeFile(pidFile, `${process.pid}\n`);
  } catch (error) {
    await release();
    throw error;
  }
  return async () => {
    await rm(pidFile, { force: true });
    await release();
  };
}

async function readHolder(pidFile: string): Promise<DataDirHolder | undefined> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, alive: isProcessAlive(pid) };
}
