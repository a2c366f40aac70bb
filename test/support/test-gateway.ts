import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import type { EmulatorControl } from 'plaid-emulator';
import { issueToken } from '../../src/auth/token-issuer';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway, type Gateway, type GatewayOptions } from '../../src/server/gateway';
import type { TypedDocumentString } from '../generated/graphql';
import { freePort } from './free-port';
import { started } from './started';

export const TEST_JWT_SECRET = 'integration-test-secret-at-least-32-bytes';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface TestGateway {
  gateway: Gateway;
  /** The in-process emulator's control API (faults, webhooks, clock). */
  emulator: EmulatorControl;
  config: AppConfig;
  url: string;
  wsUrl: string;
  /** Every log line the gateway wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  rawLogs(): string;
  /** A token for the user, valid for 24 h unless `expiresIn` says otherwise ('3s', '-1s'). */
  tokenFor(userId: string, scopes?: string[], expiresIn?: string): Promise<string>;
  /** A typed document (`npm run codegen`) types its variables and answer; a plain string takes `T`. */
  graphql<T = Record<string, unknown>, V = Record<string, unknown>>(
    query: string | TypedDocumentString<T, V>,
    options?: { variables?: V; token?: string; headers?: Record<string, string>; operationName?: string },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export type GraphQLCall = TestGateway['graphql'];

/** GraphQL over HTTP POST to the gateway at `url`, as a client sends it. */
export function graphqlAt(url: string): GraphQLCall {
  return async (query, { variables, token, headers = {}, operationName } = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query: String(query), variables, operationName }),
    });
    const body = (await response.json()) as { data?: never; errors?: never };
    return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
  };
}

/** A unique user id per test keeps tests independent on one shared database. */
export const newUserId = (prefix = 'user') => `${prefix}-${randomUUID()}`;

/** The real gateway, in this process, on a free port, against the run's PostgreSQL. */
export async function startTestGateway(env: Record<string, string> = {}, options: GatewayOptions = {}): Promise<TestGateway> {
  // A port found free can be taken by another process before the gateway binds it: try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTestGatewayOnce(env, options);
    } catch (error) {
      if (attempt === 3 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

async function startTestGatewayOnce(env: Record<string, string>, options: GatewayOptions): Promise<TestGateway> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-test-'));
  // A known port, so PUBLIC_URL (where Plaid sends webhooks) is right from the start.
  const port = await freePort();
  let config: AppConfig;
  try {
    config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TOKEN_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
      PLAID_EMULATOR_PORT: '0',
      // Its own job queue: jobs left by another file's gateway (other keys, a stopped emulator) must not reach this one.
      JOB_QUEUE_SCHEMA: `pgboss_test_${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'info',
      // Every test sends from 127.0.0.1, and with REDIS_URL every test file's gateway counts in one
      // anonymous budget; the tests of that budget set their own, from addresses of their own.
      RATE_LIMIT_ANONYMOUS_OPERATIONS: '1000000',
      ...env,
    });
  } catch (error) {
    // A configuration the test expects to be refused: nothing was started but the folder.
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  let gateway: Gateway;
  try {
    gateway = await startGateway(config, createLogger(config.logLevel, sink), options);
    // The start's webhook move walks every Item in the shared test database: a test that counts
    // statements or Plaid calls must not see it, so a test gateway is ready once it has ended.
    await gateway.webhooksMoved;
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = gateway.url;
  return {
    gateway,
    get emulator() {
      if (!gateway.emulator) throw new Error('this gateway runs no emulator (PLAID_BASE_URL is set)');
      return gateway.emulator.control;
    },
    config,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/graphql`,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => lines.join('\n'),
    tokenFor: (userId, scopes, expiresIn) => issueToken(TEST_JWT_SECRET, config.auth, userId, { scopes, expiresIn }),
    graphql: graphqlAt(url),
    close: started(`test gateway ${url}`, async () => {
      await gateway.close();
      // The queue schema this gateway made for itself goes with it; one a test named may be shared.
      if (env.JOB_QUEUE_SCHEMA === undefined) await dropSchema(process.env.TEST_DATABASE_URL!, config.jobs.schema);
      await rm(dataDir, { recursive: true, force: true });
    }),
  };
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
