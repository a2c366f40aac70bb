import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import lockfile from 'proper-lockfile';
import type { PersistedEmulatorState } from './emulator-state';

const STATE_FILE = 'state.json';

function isPersistedState(value: unknown): value is PersistedEmulatorState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<PersistedEmulatorState>;
  return (
    candidate.version === 1 &&
    typeof candidate.seed === 'string' &&
    typeof candidate.next_item_ordinal === 'number' &&
    Array.isArray(candidate.items) &&
    Array.isArray(candidate.removed_access_tokens) &&
    Array.isArray(candidate.webhook_keys)
  );
}

/**
 * Keeps the emulator's state in `<dataDir>/emulator/state.json` so linked Items survive a
 * restart. Writes are atomic (temp file + rename) and coalesced; the directory is locked so
 * two emulators cannot overwrite each other's state.
 */
export class EmulatorStateStore {
  private snapshot: (() => PersistedEmulatorState) | null = null;
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;

  private constructor(
    readonly directory: string,
    private readonly release: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  static async open(dataDir: string, logger: Logger): Promise<{ store: EmulatorStateStore; persisted: PersistedEmulatorState | null }> {
    const directory = path.join(dataDir, 'emulator');
    await mkdir(directory, { recursive: true });
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(directory, {
        lockfilePath: path.join(directory, 'state.lock'),
        stale: 10_000,
        update: 2_500,
        // Long enough for an emulator that is stopping to let go, short enough to fail fast.
        retries: { retries: 4, minTimeout: 100, maxTimeout: 400 },
        realpath: false,
        onCompromised: (error) => logger.error({ err: error }, 'emulator state lock lost'),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new Error(`another Plaid emulator is using ${directory}`, { cause: error });
      }
      throw error;
    }
    let persisted: PersistedEmulatorState | null = null;
    try {
      const parsed: unknown = JSON.parse(await readFile(path.join(directory, STATE_FILE), 'utf8'));
      if (!isPersistedState(parsed)) throw new Error(`${path.join(directory, STATE_FILE)} is not an emulator state file`);
      persisted = parsed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        await release();
        throw error;
      }
    }
    return { store: new EmulatorStateStore(directory, release, logger), persisted };
  }

  /** Asks for a write of the state `snapshot` produces; several requests in a row make one write. */
  schedule(snapshot: () => PersistedEmulatorState): void {
    this.snapshot = snapshot;
    if (this.scheduled) return;
    this.scheduled = true;
    this.writing = this.writing.then(
      () =>
        new Promise<void>((resolve) => {
          setImmediate(() => {
            this.scheduled = false;
            this.write().then(resolve, (error: unknown) => {
              this.logger.error({ err: error }, 'could not write emulator state');
              resolve();
            });
          });
        }),
    );
  }

  private async write(): Promise<void> {
    if (!this.snapshot) return;
    const target = path.join(this.directory, STATE_FILE);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(this.snapshot()), 'utf8');
    await rename(temporary, target);
  }

  async flush(): Promise<void> {
    await this.writing;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.release();
  }
}
