import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { DEFAULT_EMULATOR_CLIENT_ID, DEFAULT_EMULATOR_SECRET } from '../src/emulator/emulator-defaults';
import { EmulatorControl } from '../src/emulator/emulator-control';
import { startEmbeddedDatabase } from '../src/database/embedded-database';

/** Shared set-up for the benchmarks: they talk to loopback only and stop what they start. */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface BenchEmulator {
  url: string;
  control: EmulatorControl;
  stop(): Promise<void>;
}

/** `npm run emulator` in its own process (as in a multi-instance set-up), rate limits lifted. */
export async function startEmulatorProcess(): Promise<BenchEmulator> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-emulator-'));
  const child: ChildProcess = spawn(process.execPath, [path.resolve(__dirname, '../src/emulator/main.js')], {
    env: { PATH: process.env.PATH, PLAID_EMULATOR_PORT: String(port), DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (await fetch(`${url}/emulator/health`).then((r) => r.ok, () => false)) break;
    if (attempt > 100) throw new Error('the emulator did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const control = new EmulatorControl(url, { clientId: DEFAULT_EMULATOR_CLIENT_ID, secret: DEFAULT_EMULATOR_SECRET });
  await control.setRateLimits({ disable_all: true });
  return {
    url,
    control,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** DATABASE_URL when set, else an embedded PostgreSQL in a temporary directory. */
export async function benchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-pg-'));
  const database = await startEmbeddedDatabase({ directory: path.join(directory, 'pgdata'), password: 'bench', databaseName: 'bench', logger: pino({ level: 'silent' }) });
  return {
    url: database.url,
    stop: async () => {
      await database.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}
