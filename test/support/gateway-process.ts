import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatEncryptionKeys } from '../../src/config/encryption-keys';
import { freePort } from './free-port';
import { started } from './started';
import { TEST_JWT_SECRET, type TestGateway } from './test-gateway';

export { freePort } from './free-port';

export const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

/** The environment of a bare machine: none of the gateway's variables set. */
export function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

export interface GatewayProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Runs the built gateway (`npm test` builds before jest runs) as `npm start` would. */
export function spawnGateway(env: NodeJS.ProcessEnv): GatewayProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop = started(`gateway process ${child.pid}`, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  void exit.then(stop);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    async waitForOutput(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let exited = false;
      void exit.then(() => (exited = true));
      while (Date.now() < deadline) {
        const match = out.match(pattern) ?? err.match(pattern);
        if (match) return match;
        if (exited) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no output matching ${pattern}; stdout:\n${out.slice(-2000)}\nstderr:\n${err.slice(-2000)}`);
    },
  };
}

export interface GatewayBeside {
  process: GatewayProcess;
  url: string;
  dataDir: string;
  /** SIGTERM unless it already exited, then its DATA_DIR goes. */
  close(): Promise<void>;
}

/**
 * Spawns a gateway process that shares `gw`'s Plaid (its emulator), secrets and job queue;
 * `env` adds to or overrides that (DATABASE_URL, REDIS_URL, ...). Resolves once it serves.
 */
export async function spawnGatewayBeside(gw: TestGateway, env: Record<string, string>): Promise<GatewayBeside> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-process-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnGateway(
    bareEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      PLAID_BASE_URL: gw.gateway.plaidBaseUrl!,
      PLAID_CLIENT_ID: gw.config.plaid.clientId,
      PLAID_SECRET: gw.config.plaid.secret,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: formatEncryptionKeys(gw.config.tokenEncryptionKeys!),
      JOB_QUEUE_SCHEMA: gw.config.jobs.schema,
      ...env,
    }),
  );
  const close = async () => {
    if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
    await child.exit;
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await child.waitForOutput(/GraphQL: +http/, 120_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { process: child, url, dataDir, close };
}
