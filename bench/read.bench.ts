import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { issueToken } from '../src/auth/token-issuer';
import { seedDashboardUser } from '../test/support/dashboard-seed';
import { killWithThisProcess, percentile, startWebhookBench } from './bench-support';
import { summariseCpuProfile, type CpuProfile, type ProfileWindow } from './cpu-profile-summary';

/**
 * Two screens of a frontend, one query each, answered from the same database by three
 * endpoints: the gateway reading through its planner (READ_PLANNER=on), the gateway reading
 * through its resolvers (READ_PLANNER=off), and a hand-written node:http + pg + jose endpoint
 * (hand-written-server.ts) sending the same bytes. Each screen's endpoints are loaded in turn
 * (A B C A B C) by autocannon at 50 connections, then asked one request at a time, and the
 * planner's answer for a user with 100,000 transactions is timed against one with 1,000.
 * Every figure reads PostgreSQL: the bench proves no answer is cached before it measures.
 * BENCH_CPU_PROFILE_DIR=<dir> runs the planner's gateway under --cpu-prof and prints where
 * its 50-connection rounds spent their CPU (those figures are then not the targets' figures).
 */
const PAGE_SIZE = 20;
const DASHBOARD = `{ items { id institutionName status accounts { id name mask type balance { current available isoCurrencyCode } transactions(first: ${PAGE_SIZE}) { edges { node { id date amount name merchantName pending } } } } } }`;
const LIST_PAGE_SIZE = 100;
const TRANSACTIONS_LIST = `query TransactionsList($search: String, $from: Date, $to: Date) { transactions(first: ${LIST_PAGE_SIZE}, filter: { search: $search, from: $from, to: $to }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id date amount name merchantName pending } } } }`;
/** Merchants "Merchant 1" and "Merchant 10" to "Merchant 16" of the seed's 17: a user's most frequent shops. */
const SEARCH = 'merchant 1';
const LARGE = { items: 10, accountsPerItem: 5, transactionsPerAccount: 2_000 };
const SMALL = { items: 10, accountsPerItem: 5, transactionsPerAccount: 20 };
/**
 * The list's date range, the last days up to today by the database's clock: the seed writes three
 * transactions a day per account, so this is the small user's whole history and both users have
 * the same rows in it; what the 100,000 vs 1,000 figure compares is the history outside it.
 */
const LIST_DAYS = Math.floor(SMALL.transactionsPerAccount / 3);
const CONNECTIONS = 50;
const WARM_UP_SECONDS = 2;
const ROUND_SECONDS = 10;
const ROUNDS = 2;
const SEQUENTIAL_REQUESTS = 60;
const TARGET_RATE = 1.0;
const TARGET_P99_FACTOR = 1.5;
const TARGET_MEDIAN_FACTOR = 1.0;
const TARGET_HISTORY_FACTOR = 1.1;

const ENDPOINTS = ['planner', 'resolvers', 'hand-written'] as const;
type EndpointName = (typeof ENDPOINTS)[number];

/** One request, the same each time it is sent. */
interface Call {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
}

interface Screen {
  name: string;
  calls: Record<EndpointName, Call>;
}

interface LoadFigures {
  perSecond: number;
  p50: number;
  p99: number;
}

interface ScreenFigures {
  load: Record<EndpointName, LoadFigures>;
  median: Record<EndpointName, number>;
  /** The 100,000-transaction user's median over the 1,000-transaction user's. */
  history: Record<Exclude<EndpointName, 'hand-written'>, number>;
}

const headers = (call: Call, token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
});

async function load(name: string, call: Call, token: string, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: call.url,
    method: call.method,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 60,
    headers: headers(call, token),
    body: call.body,
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function answer(call: Call, token: string): Promise<string> {
  const response = await fetch(call.url, { method: call.method, headers: headers(call, token), body: call.body });
  const body = await response.text();
  if (!response.ok) throw new Error(`${call.url} answered ${response.status}: ${body.slice(0, 300)}`);
  return body;
}

/** Each endpoint's answer, required byte for byte the hand-written one's. */
async function sameAnswers(screen: Screen, token: string): Promise<string> {
  const expected = await answer(screen.calls['hand-written'], token);
  for (const name of ['planner', 'resolvers'] as const) {
    const actual = await answer(screen.calls[name], token);
    if (actual === expected) continue;
    const at = [...actual].findIndex((char, index) => char !== expected[index]);
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 40));
    throw new Error(
      `${screen.name}: ${name}'s answer differs from the hand-written one at byte ${at}: ${around(actual)} vs ${around(expected)}`,
    );
  }
  return expected;
}

/** Median time of one request at a time, the calls taking turns. */
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
  `${name.padEnd(13)} ${perSecond.toFixed(0).padStart(6)} req/s   p50 ${p50.toFixed(0).padStart(5)} ms   p99 ${p99.toFixed(0).padStart(5)} ms`;

const microseconds = () => Number(process.hrtime.bigint() / 1000n);

/** Loads, times and compares one screen's endpoints; `plannerRounds` collects when the planner was under load. */
async function measure(screen: Screen, token: string, smallToken: string, plannerRounds: ProfileWindow[]): Promise<ScreenFigures> {
  const say = (text: string) => process.stdout.write(`  ${screen.name}: ${text}\n`);
  for (const name of ENDPOINTS) await load(name, screen.calls[name], token, WARM_UP_SECONDS);
  const rounds: Record<EndpointName, LoadFigures[]> = { planner: [], resolvers: [], 'hand-written': [] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const name of ENDPOINTS) {
      const from = microseconds();
      const figures = await load(name, screen.calls[name], token, ROUND_SECONDS);
      if (name === 'planner') plannerRounds.push({ from, to: microseconds() });
      rounds[name].push(figures);
      say(`round ${round} ${line(name, figures)}`);
    }
  }
  const loadFigures = { planner: mean(rounds.planner), resolvers: mean(rounds.resolvers), 'hand-written': mean(rounds['hand-written']) };
  for (const name of ENDPOINTS) say(`mean    ${line(name, loadFigures[name])}`);

  const [planner, resolvers, handWritten] = await sequentialMedians(ENDPOINTS.map((name) => () => answer(screen.calls[name], token)));
  say(
    `one connection, median of ${SEQUENTIAL_REQUESTS}: planner ${planner.toFixed(1)} ms, resolvers ${resolvers.toFixed(1)} ms, hand-written ${handWritten.toFixed(1)} ms`,
  );
  const [plannerLarge, plannerSmall, resolversLarge, resolversSmall] = await sequentialMedians([
    () => answer(screen.calls.planner, token),
    () => answer(screen.calls.planner, smallToken),
    () => answer(screen.calls.resolvers, token),
    () => answer(screen.calls.resolvers, smallToken),
  ]);
  const history = { planner: plannerLarge / plannerSmall, resolvers: resolversLarge / resolversSmall };
  say(
    `100,000 vs 1,000 transactions, one connection: planner ${plannerLarge.toFixed(1)} vs ${plannerSmall.toFixed(1)} ms = ${history.planner.toFixed(2)}x, ` +
      `resolvers ${resolversLarge.toFixed(1)} vs ${resolversSmall.toFixed(1)} ms = ${history.resolvers.toFixed(2)}x`,
  );
  return { load: loadFigures, median: { planner, resolvers, 'hand-written': handWritten }, history };
}

/** The PASS/FAIL lines of issue 24's targets for one screen, the resolvers' figure beside the planner's; answers whether all passed. */
function targetLines(screen: string, figures: ScreenFigures): { lines: string[]; pass: boolean } {
  const { load: rates, median, history } = figures;
  const hand = rates['hand-written'];
  const rows: Array<[string, (name: 'planner' | 'resolvers') => number, '>=' | '<=', number]> = [
    ['req/s vs hand-written', (name) => rates[name].perSecond / hand.perSecond, '>=', TARGET_RATE],
    ['p99 vs hand-written p99', (name) => rates[name].p99 / hand.p99, '<=', TARGET_P99_FACTOR],
    ['one-connection median vs hand-written', (name) => median[name] / median['hand-written'], '<=', TARGET_MEDIAN_FACTOR],
    ['100,000 vs 1,000 transactions', (name) => history[name], '<=', TARGET_HISTORY_FACTOR],
  ];
  let pass = true;
  const lines = rows.map(([what, figure, comparison, target]) => {
    const planner = figure('planner');
    const ok = comparison === '>=' ? planner >= target : planner <= target;
    pass &&= ok;
    return `  ${ok ? 'PASS' : 'FAIL'}  ${`${screen}: ${what}`.padEnd(58)} planner ${planner.toFixed(2)}x (target ${comparison} ${target.toFixed(1)}x)   resolvers ${figure('resolvers').toFixed(2)}x`;
  });
  return { lines, pass };
}

/** The profile the planner's gateway wrote on stopping, summarised over its 50-connection rounds. */
async function printProfile(directory: string, rounds: ProfileWindow[]): Promise<void> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.cpuprofile')).sort();
  if (files.length === 0) throw new Error(`the planner's gateway wrote no .cpuprofile in ${directory}`);
  const file = path.join(directory, files[files.length - 1]);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  process.stdout.write(`read: CPU profile of the planner's gateway (${file}), its 50-connection rounds only:\n`);
  for (const text of summariseCpuProfile(profile, 20, rounds)) process.stdout.write(`  ${text}\n`);
}

/** The targets hold on an otherwise idle machine: the load average says whether this one was. */
const machineLoad = () => `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;

async function main(): Promise<number> {
  process.stdout.write(`read: ${machineLoad()} before starting\n`);
  const secret = randomBytes(32).toString('hex');
  const profileDirectory = process.env.BENCH_CPU_PROFILE_DIR ? path.resolve(process.env.BENCH_CPU_PROFILE_DIR) : undefined;
  const bench = await startWebhookBench('read', { AUTH_JWT_SECRET: secret, RATE_LIMIT_OPERATIONS: '1000000', READ_PLANNER: 'off' });
  const smallUserId = `${bench.userId}-small`;
  const server = fork(path.resolve(__dirname, 'hand-written-server.js'), [], {
    env: { PATH: process.env.PATH, DATABASE_URL: bench.databaseUrl, AUTH_JWT_SECRET: secret, DASHBOARD_PAGE_SIZE: String(PAGE_SIZE) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  killWithThisProcess(server);
  try {
    const planner = await bench.startGateway(
      { READ_PLANNER: 'on' },
      profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [],
    );
    const started = performance.now();
    await seedDashboardUser(bench.db, bench.userId, LARGE);
    await seedDashboardUser(bench.db, smallUserId, SMALL);
    // Fresh statistics and visibility map, so no plan changes when autovacuum wakes mid-round.
    await bench.db.query('VACUUM ANALYZE items, accounts, transactions');
    process.stdout.write(
      `read: seeded ${LARGE.items} Items x ${LARGE.accountsPerItem} accounts x ${LARGE.transactionsPerAccount} transactions (and a user with ${SMALL.transactionsPerAccount} per account) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (message: { port: number }) => resolve(message.port));
      server.once('exit', (code) => reject(new Error(`the hand-written server exited (${code})`)));
    });
    const handWritten = `http://127.0.0.1:${port}`;
    const [{ from, to }] = (
      await bench.db.query<{ from: string; to: string }>(`SELECT (current_date - $1::int)::text AS from, current_date::text AS to`, [
        LIST_DAYS,
      ])
    ).rows;
    const graphql = (url: string, body: object): Call => ({ method: 'POST', url: `${url}/graphql`, body: JSON.stringify(body) });
    const listVariables = { search: SEARCH, from, to };
    const screens: Screen[] = [
      {
        name: 'dashboard',
        calls: {
          planner: graphql(planner.url, { query: DASHBOARD }),
          resolvers: graphql(bench.gateway.url, { query: DASHBOARD }),
          'hand-written': { method: 'POST', url: `${handWritten}/dashboard`, body: JSON.stringify({ query: DASHBOARD }) },
        },
      },
      {
        name: 'transactions list',
        calls: {
          planner: graphql(planner.url, { query: TRANSACTIONS_LIST, variables: listVariables }),
          resolvers: graphql(bench.gateway.url, { query: TRANSACTIONS_LIST, variables: listVariables }),
          'hand-written': {
            method: 'GET',
            url: `${handWritten}/transactions?${new URLSearchParams({ first: String(LIST_PAGE_SIZE), ...listVariables }).toString()}`,
          },
        },
      },
    ];
    const token = await issueToken(secret, {}, bench.userId);
    const smallToken = await issueToken(secret, {}, smallUserId);

    const answers = new Map<string, string>();
    for (const screen of screens) {
      answers.set(screen.name, await sameAnswers(screen, token));
      await sameAnswers(screen, smallToken);
      process.stdout.write(`  ${screen.name}: the three answers are the same ${Buffer.byteLength(answers.get(screen.name)!)} bytes\n`);
    }
    const totalCount = (text: string) =>
      (JSON.parse(text) as { data: { transactions: { totalCount: number } } }).data.transactions.totalCount;
    const [largeCount, smallCount] = [
      totalCount(answers.get('transactions list')!),
      totalCount(await answer(screens[1].calls.planner, smallToken)),
    ];
    if (largeCount !== smallCount)
      throw new Error(`the list's range holds ${largeCount} matches for one user, ${smallCount} for the other`);
    const [{ share }] = (
      await bench.db.query<{ share: number }>(
        `SELECT (count(*) FILTER (WHERE t.name ILIKE $2 OR t.merchant_name ILIKE $2))::float / count(*) AS share
           FROM transactions t WHERE t.user_id = $1`,
        [bench.userId, `%${SEARCH}%`],
      )
    ).rows;
    process.stdout.write(
      `  transactions list: "${SEARCH}" from ${from} to ${to}: ${largeCount} matches in the range for both users (${(100 * share).toFixed(0)}% of the large user's history matches)\n`,
    );

    // A response cache would answer the repeated document without reading the change.
    await bench.db.query(`UPDATE items SET institution_name = institution_name || ' (renamed)' WHERE user_id = $1`, [bench.userId]);
    await bench.db.query(`UPDATE transactions SET name = name || ' (edited)' WHERE user_id = $1 AND date = current_date`, [bench.userId]);
    for (const screen of screens) {
      if ((await sameAnswers(screen, token)) === answers.get(screen.name))
        throw new Error(`${screen.name}: an answer did not show a changed row`);
    }
    await bench.db.query(`UPDATE items SET institution_name = left(institution_name, -10) WHERE user_id = $1`, [bench.userId]);
    await bench.db.query(`UPDATE transactions SET name = left(name, -9) WHERE user_id = $1 AND date = current_date`, [bench.userId]);
    for (const screen of screens) {
      if ((await sameAnswers(screen, token)) !== answers.get(screen.name))
        throw new Error(`${screen.name}: the rows did not come back as they were`);
    }
    process.stdout.write('  no response cache: a row changed between two identical requests showed in the next answer of every endpoint\n');

    const plannerRounds: ProfileWindow[] = [];
    const results: Array<{ lines: string[]; pass: boolean }> = [];
    for (const screen of screens) results.push(targetLines(screen.name, await measure(screen, token, smallToken, plannerRounds)));
    process.stdout.write(
      `read: issue 24's targets (${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per endpoint; ${machineLoad()} at the end):\n`,
    );
    for (const { lines } of results) process.stdout.write(`${lines.join('\n')}\n`);
    if (profileDirectory) {
      await planner.stop();
      await printProfile(profileDirectory, plannerRounds);
    }
    const pass = results.every((result) => result.pass);
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
