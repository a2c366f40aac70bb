import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { issueToken } from '../src/auth/token-issuer';
import { seedDashboardUser } from '../test/support/dashboard-seed';
import { killWithThisProcess, percentile, startWebhookBench } from './bench-support';

/**
 * A frontend's first screen, one query: the gateway's /graphql against a hand-written
 * node:http + pg + JWT endpoint (dashboard-server.ts) that sends the same bytes from the same
 * database, loaded alternately (A B A B) by autocannon at 50 connections.
 * Targets: gateway req/s at least 0.6 of the hand-written one's, gateway p99 at most twice
 * its p99, and the dashboard of a user with 100,000 transactions within 1.5x of one with 1,000.
 */
const PAGE_SIZE = 20;
const DASHBOARD = `{ items { id institutionName status accounts { id name mask type balance { current available isoCurrencyCode } transactions(first: ${PAGE_SIZE}) { edges { node { id date amount name merchantName pending } } } } } }`;
const LARGE = { items: 10, accountsPerItem: 5, transactionsPerAccount: 2_000 };
const SMALL = { items: 10, accountsPerItem: 5, transactionsPerAccount: 20 };
const CONNECTIONS = 50;
const ROUND_SECONDS = 10;
const SEQUENTIAL_REQUESTS = 200;
const TARGET_RATIO = 0.6;
const TARGET_P99_FACTOR = 2;
const TARGET_HISTORY_FACTOR = 1.5;

interface Endpoint {
  name: string;
  url: string;
}

interface LoadFigures {
  perSecond: number;
  p50: number;
  p99: number;
}

async function load(endpoint: Endpoint, token: string, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: endpoint.url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 60,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: DASHBOARD }),
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${endpoint.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function answer(url: string, token: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: DASHBOARD }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return body;
}

/** Median time of one request at a time, the endpoints (or users) taking turns. */
async function sequentialMedians(calls: Array<() => Promise<unknown>>): Promise<number[]> {
  const times = calls.map(() => [] as number[]);
  for (let round = 0; round < SEQUENTIAL_REQUESTS; round += 1) {
    for (const [index, call] of calls.entries()) {
      const started = performance.now();
      await call();
      times[index].push(performance.now() - started);
    }
  }
  return times.map((list) =>
    percentile(
      list.sort((a, b) => a - b),
      50,
    ),
  );
}

function mean(figures: LoadFigures[]): LoadFigures {
  const average = (pick: (figure: LoadFigures) => number) => figures.reduce((sum, figure) => sum + pick(figure), 0) / figures.length;
  return { perSecond: average((f) => f.perSecond), p50: average((f) => f.p50), p99: average((f) => f.p99) };
}

const line = (name: string, { perSecond, p50, p99 }: LoadFigures) =>
  `${name.padEnd(14)} ${perSecond.toFixed(0).padStart(6)} req/s   p50 ${p50.toFixed(0).padStart(5)} ms   p99 ${p99.toFixed(0).padStart(5)} ms`;

async function main(): Promise<number> {
  const secret = randomBytes(32).toString('hex');
  const bench = await startWebhookBench('read', { AUTH_JWT_SECRET: secret, RATE_LIMIT_OPERATIONS: '1000000' });
  const smallUserId = `${bench.userId}-small`;
  const server = fork(path.resolve(__dirname, 'dashboard-server.js'), [], {
    env: { PATH: process.env.PATH, DATABASE_URL: bench.databaseUrl, AUTH_JWT_SECRET: secret, DASHBOARD_PAGE_SIZE: String(PAGE_SIZE) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  killWithThisProcess(server);
  try {
    const started = performance.now();
    await seedDashboardUser(bench.db, bench.userId, LARGE);
    await seedDashboardUser(bench.db, smallUserId, SMALL);
    process.stdout.write(
      `read: seeded ${LARGE.items} Items x ${LARGE.accountsPerItem} accounts x ${LARGE.transactionsPerAccount} transactions in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (message: { port: number }) => resolve(message.port));
      server.once('exit', (code) => reject(new Error(`the hand-written server exited (${code})`)));
    });
    const gateway: Endpoint = { name: 'gateway', url: `${bench.gateway.url}/graphql` };
    const handWritten: Endpoint = { name: 'hand-written', url: `http://127.0.0.1:${port}/dashboard` };
    const token = await issueToken(secret, {}, bench.userId);
    const smallToken = await issueToken(secret, {}, smallUserId);

    const [fromGateway, fromHand] = [await answer(gateway.url, token), await answer(handWritten.url, token)];
    if (fromGateway !== fromHand) {
      const at = [...fromGateway].findIndex((char, index) => char !== fromHand[index]);
      throw new Error(
        `the answers differ at byte ${at}: gateway ${JSON.stringify(fromGateway.slice(Math.max(0, at - 40), at + 40))} vs ${JSON.stringify(fromHand.slice(Math.max(0, at - 40), at + 40))}`,
      );
    }
    process.stdout.write(`  both answers are the same ${Buffer.byteLength(fromGateway)} bytes\n`);

    for (const endpoint of [gateway, handWritten]) await load(endpoint, token, 3);
    const rounds: Record<string, LoadFigures[]> = { gateway: [], 'hand-written': [] };
    for (const round of [1, 2]) {
      for (const endpoint of [gateway, handWritten]) {
        const figures = await load(endpoint, token, ROUND_SECONDS);
        rounds[endpoint.name].push(figures);
        process.stdout.write(`  round ${round} ${line(endpoint.name, figures)}\n`);
      }
    }
    const ours = mean(rounds.gateway);
    const theirs = mean(rounds['hand-written']);
    const ratio = ours.perSecond / theirs.perSecond;
    const p99Factor = ours.p99 / theirs.p99;
    process.stdout.write(`  ${line('gateway', ours)}\n  ${line('hand-written', theirs)}\n`);
    process.stdout.write(
      `  ratio ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}), gateway p99 = ${p99Factor.toFixed(2)}x hand-written p99 (target <= ${TARGET_P99_FACTOR}), ${CONNECTIONS} connections\n`,
    );

    const [gatewayMedian, handMedian] = await sequentialMedians([() => answer(gateway.url, token), () => answer(handWritten.url, token)]);
    process.stdout.write(`  one connection: gateway median ${gatewayMedian.toFixed(1)} ms, hand-written ${handMedian.toFixed(1)} ms\n`);

    const [largeMedian, smallMedian] = await sequentialMedians([() => answer(gateway.url, token), () => answer(gateway.url, smallToken)]);
    const historyFactor = largeMedian / smallMedian;
    process.stdout.write(
      `  history: dashboard median ${largeMedian.toFixed(1)} ms with ${LARGE.items * LARGE.accountsPerItem * LARGE.transactionsPerAccount} transactions, ` +
        `${smallMedian.toFixed(1)} ms with ${SMALL.items * SMALL.accountsPerItem * SMALL.transactionsPerAccount} = ${historyFactor.toFixed(2)}x (target <= ${TARGET_HISTORY_FACTOR})\n`,
    );
    const pass = ratio >= TARGET_RATIO && p99Factor <= TARGET_P99_FACTOR && historyFactor <= TARGET_HISTORY_FACTOR;
    process.stdout.write(`read: ${pass ? 'PASS' : 'FAIL'}\n`);
    return pass ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    await bench.db.query('DELETE FROM items WHERE user_id = $1', [smallUserId]).catch(() => undefined);
    await bench.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`read bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
