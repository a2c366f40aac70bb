import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent, createServer as createHttpServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import pino from 'pino';
import { DEFAULT_EMULATOR_CLIENT_ID, DEFAULT_EMULATOR_SECRET, EmulatorControl } from 'plaid-emulator';
import WebSocket from 'ws';
import { startEmbeddedDatabase } from '../src/database/embedded-database';
import { freePort } from '../test/support/free-port';

/** Shared set-up for the benchmarks: they talk to loopback only and stop what they start. */

export { freePort };

export interface BenchEmulator {
  url: string;
  control: EmulatorControl;
  stop: () => Promise<void>;
}

/** `npm run emulator` in its own process (as in a multi-instance set-up), rate limits lifted. */
export async function startEmulatorProcess(): Promise<BenchEmulator> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-emulator-'));
  const child: ChildProcess = spawn(process.execPath, [require.resolve('plaid-emulator/main')], {
    env: { PATH: process.env.PATH, PLAID_EMULATOR_PORT: String(port), DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  killWithThisProcess(child);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (
      await fetch(`${url}/emulator/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
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

/** A bench that fails part-way (process.exit in its error handler) must not leave its servers running. */
export function killWithThisProcess(child: ChildProcess): void {
  process.once('exit', () => child.kill('SIGKILL'));
}

/** DATABASE_URL when set, else an embedded PostgreSQL in a temporary directory. */
export async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-pg-'));
  const database = await startEmbeddedDatabase({
    requestedDirectory: path.join(directory, 'pgdata'),
    password: 'bench',
    databaseName: 'bench',
    logger: pino({ level: 'silent' }),
  });
  return {
    url: database.url,
    stop: async () => {
      await database.stop();
      await rm(database.directory, { recursive: true, force: true });
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}

export interface BenchGateway {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** BENCH_GATEWAY_NODE_FLAGS: node flags for every bench's gateway (`--cpu-prof --cpu-prof-dir=/tmp/prof`, say), to profile what it measures. */
const GATEWAY_NODE_FLAGS = (process.env.BENCH_GATEWAY_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/**
 * The built gateway in its own process, so the load generator does not share its event loop.
 * `nodeFlags` go to node before the script (--cpu-prof, for one); BENCH_GATEWAY_NODE_FLAGS by default.
 */
export async function startGatewayProcess(
  env: Record<string, string>,
  nodeFlags: readonly string[] = GATEWAY_NODE_FLAGS,
): Promise<BenchGateway> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-gateway-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeFlags, path.resolve(__dirname, '../src/main.js')], {
    env: { PATH: process.env.PATH, PORT: String(port), PUBLIC_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  killWithThisProcess(child);
  for (let attempt = 0; ; attempt += 1) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (attempt > 300 || child.exitCode !== null) throw new Error('the gateway did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    pid: child.pid!,
    // Once: a bench may stop its gateway early (to measure the machine alone) and again in its clean-up.
    stop: () =>
      (stopped ??= (async () => {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
        await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}

/** Resident memory of a process, in bytes (Linux). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

export interface CapturedWebhook {
  raw: Buffer;
  signature: string;
  code: string;
  itemId: string;
}

/** Stands where the gateway would, to collect genuine webhooks signed by the emulator. */
export async function startWebhookCapture(): Promise<{ url: string; captured: CapturedWebhook[]; stop: () => Promise<void> }> {
  const captured: CapturedWebhook[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8')) as { webhook_code: string; item_id: string };
      captured.push({ raw, signature: String(req.headers['plaid-verification']), code: body.webhook_code, itemId: body.item_id });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    captured,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A lean keep-alive HTTP client for load loops: fetch costs the generator more than the server. */
export function createPoster(
  baseUrl: string,
  connections: number,
): { post(path: string, body: Buffer, headers: Record<string, string>): Promise<number>; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  return {
    post: (path, body, headers) =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            agent,
            hostname,
            port,
            path,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

export interface AckFigures {
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Every captured webhook POSTed to /webhooks/plaid over `concurrency` keep-alive connections, each as soon as the last was answered 200. */
export async function postWebhooks(baseUrl: string, webhooks: CapturedWebhook[], concurrency: number): Promise<AckFigures> {
  const poster = createPoster(baseUrl, concurrency);
  try {
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let index = next++; index < webhooks.length; index = next++) {
          const webhook = webhooks[index];
          const sent = performance.now();
          const status = await poster.post('/webhooks/plaid', webhook.raw, { 'plaid-verification': webhook.signature });
          if (status !== 200) throw new Error(`webhook answered ${status}`);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { seconds, perSecond: Math.round(webhooks.length / seconds), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    poster.close();
  }
}

/** What the webhook and fan-out benchmarks stand on: the emulator, a database, a webhook catcher and the gateway. */
export interface WebhookBench {
  emulator: BenchEmulator;
  capture: Awaited<ReturnType<typeof startWebhookCapture>>;
  gateway: BenchGateway;
  /** The bench's own connection to the gateway's database. */
  db: Client;
  databaseUrl: string;
  /** Owns every Item the bench inserts. */
  userId: string;
  /** Makes these emulator Items known to the gateway (as if linked), owned by `userId`; answers their gateway ids by Plaid id. */
  insertItems: (plaidItemIds: string[]) => Promise<Map<string, string>>;
  /** Another gateway over the same database, emulator and secrets, these settings changed; stopped by `stop` too. */
  startGateway: (env: Record<string, string>, nodeFlags?: readonly string[]) => Promise<BenchGateway>;
  /** Stops everything and removes what the bench wrote, whatever state it is in. */
  stop: () => Promise<void>;
}

export async function startWebhookBench(name: string, gatewayEnv: Record<string, string>): Promise<WebhookBench> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const emulator = await startEmulatorProcess();
    stops.push(emulator.stop);
    const database = await benchDatabase();
    stops.push(database.stop);
    const capture = await startWebhookCapture();
    stops.push(capture.stop);
    const userId = `bench-${name}-${randomBytes(4).toString('hex')}`;
    const jobSchema = `pgboss_bench_${randomBytes(3).toString('hex')}`;
    const db = new Client({ connectionString: database.url });
    await db.connect();
    // Stopped before this runs (the gateway is pushed after it): nothing may still use the rows or the queue.
    stops.push(async () => {
      await db.query('DELETE FROM items WHERE user_id = $1', [userId]).catch(() => undefined);
      await db.query(`DROP SCHEMA IF EXISTS ${jobSchema} CASCADE`).catch(() => undefined);
      await db.end();
    });
    const settings = {
      DATABASE_URL: database.url,
      PLAID_BASE_URL: emulator.url,
      PLAID_CLIENT_ID: DEFAULT_EMULATOR_CLIENT_ID,
      PLAID_SECRET: DEFAULT_EMULATOR_SECRET,
      TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      JOB_QUEUE_SCHEMA: jobSchema,
      ...gatewayEnv,
    };
    const startGateway = async (env: Record<string, string>, nodeFlags?: readonly string[]) => {
      const started = await startGatewayProcess({ ...settings, ...env }, nodeFlags);
      stops.push(started.stop);
      return started;
    };
    const gateway = await startGateway({});
    return {
      emulator,
      capture,
      gateway,
      db,
      databaseUrl: database.url,
      userId,
      insertItems: async (plaidItemIds) => {
        const inserted = await db.query<{ id: string; plaid_item_id: string }>(
          `INSERT INTO items (id, user_id, plaid_item_id, access_token_ciphertext, access_token_key_id)
           SELECT gen_random_uuid(), $1, plaid_item_id, '\\x00', 'unused' FROM unnest($2::text[]) AS plaid_item_id
           RETURNING id, plaid_item_id`,
          [userId, plaidItemIds],
        );
        return new Map(inserted.rows.map((row) => [row.plaid_item_id, row.id]));
      },
      startGateway,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Asks the emulator to send the Item a webhook (a genuine, signed one). */
export async function fireWebhook(emulatorUrl: string, accessToken: string, code: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/sandbox/item/fire_webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'PLAID-CLIENT-ID': DEFAULT_EMULATOR_CLIENT_ID, 'PLAID-SECRET': DEFAULT_EMULATOR_SECRET },
    body: JSON.stringify({ access_token: accessToken, webhook_code: code }),
  });
  if (!response.ok) throw new Error(`fire_webhook answered ${response.status}: ${await response.text()}`);
}

/** The captured webhooks with these codes, once `count` of them have arrived. */
export async function waitForWebhooks(captured: CapturedWebhook[], codes: string[], count: number): Promise<CapturedWebhook[]> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    const wanted = captured.filter((webhook) => codes.includes(webhook.code));
    if (wanted.length >= count) return wanted;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the emulator did not deliver every ${codes.join('/')} webhook`);
}

/** An open subscription of `openLeanSubscriber`. */
export interface LeanSubscriber {
  close(): Promise<void>;
}

/**
 * One WebSocket subscribed to one operation, speaking graphql-transport-ws frame for frame as
 * graphql-ws's client would, without its bookkeeping: with a thousand of them in the load
 * generator, the client library's cost per message would be measured as the gateway's.
 * Resolves once the server has acked the connection and the subscribe message is sent.
 * `onNext` gets each `next` payload, and an `error` message's errors as `{ errors }`.
 */
export function openLeanSubscriber(
  url: string,
  authorization: string,
  query: string,
  onNext: (payload: { data?: unknown; errors?: unknown }) => void,
  onProblem: (problem: string) => void,
): Promise<LeanSubscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    let acked = false;
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { type: string; payload?: { data?: unknown; errors?: unknown } };
      if (message.type === 'next') onNext(message.payload ?? {});
      else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.type === 'connection_ack') {
        acked = true;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        resolve({
          close: async () => {
            socket.close(1000);
            await closed;
          },
        });
        // An error message ends the subscription with these errors: handed on like a result carrying only them,
        // so that the caller tells one it can retry (SERVICE_UNAVAILABLE) from one it cannot.
      } else if (message.type === 'error') onNext({ errors: message.payload });
    });
    socket.once('error', (error) => (acked ? onProblem(`socket error: ${error.message}`) : reject(error)));
    socket.once('close', (code, reason) => {
      if (!acked) reject(new Error(`closed before connection_ack: ${code} ${reason.toString()}`));
      // Closed by the gateway, not by close(): what it was still owed will never come.
      else if (code !== 1000) onProblem(`closed by the gateway: ${code} ${reason.toString()}`);
    });
  });
}

/**
 * One subscription over Server-Sent Events (graphql-sse, distinct connections mode: one HTTP
 * response per operation), reading `next` events off the stream with no client library, for
 * the same reason as openLeanSubscriber. Resolves once the gateway has answered the request
 * with its event stream.
 */
export const openLeanSseSubscriber: typeof openLeanSubscriber = (url, authorization, query, onNext, onProblem) =>
  new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`the event stream answered ${response.statusCode}`));
        return;
      }
      request.off('error', reject);
      request.on('error', (error) => onProblem(`stream error: ${error.message}`));
      response.setEncoding('utf8');
      let pending = '';
      response.on('data', (chunk: string) => {
        pending += chunk;
        for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
          const message = pending.slice(0, end);
          pending = pending.slice(end + 2);
          if (message.startsWith('event: next'))
            onNext(JSON.parse(message.slice(message.indexOf('data: ') + 6)) as { data?: unknown; errors?: unknown });
        }
      });
      const closed = new Promise<void>((done) => response.once('close', () => done()));
      resolve({
        close: async () => {
          request.destroy();
          await closed;
        },
      });
    });
    request.end(JSON.stringify({ query }));
  });
