import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { issueToken } from '../src/auth/token-issuer';
import {
  createPoster,
  fireWebhook,
  openLeanSseSubscriber,
  openLeanSubscriber,
  percentile,
  residentBytes,
  startWebhookBench,
  waitForWebhooks,
  type BenchGateway,
  type CapturedWebhook,
  type LeanSubscriber,
} from './bench-support';
import { broadcastFloor } from './machine-floor';

/**
 * Subscription fan-out (issues 6 and 16). A genuine ITEM ERROR webhook moves one of the bench
 * user's Items to LOGIN_REQUIRED; we time from its POST to the moment the last of 1,000
 * subscribers has the event, over WebSocket and over Server-Sent Events, beside a bare ws
 * server broadcasting to as many sockets in the same run. Then resume: 1,000 subscribers
 * reconnect with `after`, each owed the 100 events it missed, timed until all have them.
 * Then, in a freshly started gateway, its resident memory per idle subscriber, with 10,000 subscribed connections.
 * Targets: fan-out p99 within 1.5x of the floor's p99 on each transport; under 30 KB per idle subscriber.
 */
const SUBSCRIBERS = 1_000;
const IDLE_SUBSCRIBERS = 10_000;
const WARM_UP = 10;
const MEASURED = 50;
const MISSED = 100;
const TARGET_RATIO = 1.5;
const TARGET_KB_PER_SUBSCRIBER = 30;
const ROUND_TIMEOUT_MS = 10_000;
/** A resume fails when no resumed subscriber has received anything for this long while some are still owed events. */
const RESUME_STALL_MS = 30_000;
const QUERY = 'subscription { itemStatusChanged { item { id } status reason cursor } }';
const resumeQuery = (after: string) =>
  `subscription { itemStatusChanged(after: ${JSON.stringify(after)}) { item { id } status reason cursor } }`;

type StatusEventData = { itemStatusChanged: { item: { id: string }; status: string; reason: string | null; cursor: string } };
/** A `next` payload: an event, or the errors a subscription was refused with. */
type StatusResult = {
  data?: StatusEventData | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: string; retryAfterSeconds?: number } }>;
};
type Open = (onResult: (result: StatusResult) => void) => Promise<LeanSubscriber>;

/** A fan-out's figures over its measured rounds. */
interface FanOut {
  p50: number;
  p99: number;
  max: number;
  acks: number;
  toFirst: number;
  spread: number;
  runtime: Runtime;
}

/** What the gateway's own event loop and garbage collector did during a phase (prom-client's monitorEventLoopDelay and GC metrics). */
interface Runtime {
  loopP50: number;
  loopP99: number;
  loopMax: number;
  gcMs: number;
  gcCount: number;
  majorGcMs: number;
}

/** The gateway's /metrics as name{labels} -> value. Scraping also resets its event-loop delay histogram (prom-client does on collect). */
async function scrape(gateway: BenchGateway): Promise<Map<string, number>> {
  const text = await fetch(`${gateway.url}/metrics`).then((r) => r.text());
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) ([-0-9.e+]+|NaN)$/.exec(line);
    if (match) values.set(match[1], Number(match[2]));
  }
  return values;
}

function runtimeBetween(before: Map<string, number>, after: Map<string, number>): Runtime {
  const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  const gcKinds = ['major', 'minor', 'incremental', 'weakcb'];
  return {
    loopP50: (after.get('nodejs_eventloop_lag_p50_seconds') ?? NaN) * 1000,
    loopP99: (after.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000,
    loopMax: (after.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000,
    gcMs: gcKinds.reduce((sum, kind) => sum + delta(`nodejs_gc_duration_seconds_sum{kind="${kind}"}`), 0) * 1000,
    gcCount: gcKinds.reduce((sum, kind) => sum + delta(`nodejs_gc_duration_seconds_count{kind="${kind}"}`), 0),
    majorGcMs: delta('nodejs_gc_duration_seconds_sum{kind="major"}') * 1000,
  };
}

/** One measured event: how many subscribers still owe it, and when the first and last had it. */
interface Round {
  remaining: number;
  first: number;
  last: number;
  done: () => void;
}

/** Routes every subscriber's pushes to the round waiting for that Item, and remembers anything odd. */
class Arrivals {
  private readonly rounds = new Map<string, Round>();
  readonly problems: string[] = [];
  /** The cursor of the latest event pushed: where a client that goes away now would resume. */
  lastCursor = '';

  record(result: StatusResult): void {
    const now = performance.now();
    const event = result.data?.itemStatusChanged;
    if (!event) {
      this.problems.push(`a push without data: ${JSON.stringify(result.errors ?? result)}`);
      return;
    }
    const round = this.rounds.get(event.item.id);
    if (!round) {
      this.problems.push(`an unexpected push for Item ${event.item.id}`);
      return;
    }
    if (event.status !== 'LOGIN_REQUIRED') this.problems.push(`Item ${event.item.id} pushed as ${event.status}`);
    this.lastCursor = event.cursor;
    if (round.first === 0) round.first = now;
    round.last = now;
    round.remaining -= 1;
    if (round.remaining === 0) round.done();
  }

  /** Registered before the POST, so that no push can arrive ahead of its round. */
  expect(itemId: string, subscribers: number): { round: Round; complete: Promise<void> } {
    const round: Round = { remaining: subscribers, first: 0, last: 0, done: () => undefined };
    const complete = new Promise<void>((resolve) => (round.done = resolve));
    this.rounds.set(itemId, round);
    return { round, complete };
  }
}

/** A subscriber as an app would open one (the lean client: see openLeanSubscriber), resolved once the connection is acked. */
function openSubscriber(
  wsUrl: string,
  token: string,
  onResult: (result: StatusResult) => void,
  onProblem: (problem: string) => void,
  query = QUERY,
): Promise<LeanSubscriber> {
  return withTimeout(
    openLeanSubscriber(wsUrl, `Bearer ${token}`, query, (payload) => onResult(payload as StatusResult), onProblem),
    30_000,
    'a WebSocket connection was not acked within 30 s',
  );
}

/** The same subscriber over Server-Sent Events, resolved once the gateway answers with its stream. */
function openSseSubscriber(
  streamUrl: string,
  token: string,
  onResult: (result: { data?: StatusEventData | null }) => void,
  onProblem: (problem: string) => void,
): Promise<LeanSubscriber> {
  return withTimeout(
    openLeanSseSubscriber(
      streamUrl,
      `Bearer ${token}`,
      QUERY,
      (payload) => onResult(payload as { data?: StatusEventData | null }),
      onProblem,
    ),
    30_000,
    'an event stream was not answered within 30 s',
  );
}

/** Every webhook POSTed in turn, each timed to the last of the subscribers' pushes; the warm-up rounds are discarded. */
async function fanOut(
  gateway: BenchGateway,
  arrivals: Arrivals,
  webhooks: CapturedWebhook[],
  gatewayIdOf: Map<string, string>,
  open: Open,
): Promise<FanOut> {
  const clients = await openMany(SUBSCRIBERS, 100, () => open((result) => arrivals.record(result)));
  const poster = createPoster(gateway.url, 1);
  try {
    await waitForActive(gateway, SUBSCRIBERS, 30_000);
    await sleep(500);
    const totals: number[] = [];
    const toFirst: number[] = [];
    const spreads: number[] = [];
    const acks: number[] = [];
    let before = await scrape(gateway);
    for (const [index, webhook] of webhooks.entries()) {
      // From the first measured round on: the event loop's delay histogram restarts at this scrape.
      if (index === WARM_UP) before = await scrape(gateway);
      const itemId = gatewayIdOf.get(webhook.itemId);
      if (!itemId) throw new Error(`captured a webhook for an Item not inserted: ${webhook.itemId}`);
      const { round, complete } = arrivals.expect(itemId, SUBSCRIBERS);
      const sent = performance.now();
      const status = await poster.post('/webhooks/plaid', webhook.raw, { 'plaid-verification': webhook.signature });
      if (status !== 200) throw new Error(`the webhook answered ${status}`);
      const acked = performance.now();
      await withTimeout(
        complete,
        ROUND_TIMEOUT_MS,
        `round ${index + 1}: ${round.remaining} of ${SUBSCRIBERS} subscribers had no event within ${ROUND_TIMEOUT_MS} ms`,
      );
      if (arrivals.problems.length > 0) throw new Error(`subscribers reported: ${arrivals.problems.slice(0, 5).join('; ')}`);
      if (index < WARM_UP) continue;
      totals.push(round.last - sent);
      toFirst.push(round.first - sent);
      spreads.push(round.last - round.first);
      // A push can beat the 200 (the job may run before the response is read): then it counts as 0 here.
      acks.push(Math.min(acked, round.first) - sent);
    }
    const runtime = runtimeBetween(before, await scrape(gateway));
    const sorted = [...totals].sort((a, b) => a - b);
    const median = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1],
      acks: median(acks),
      toFirst: median(toFirst),
      spread: median(spreads),
      runtime,
    };
  } finally {
    poster.close();
    await closeAll(clients);
    await waitForActive(gateway, 0, 30_000);
  }
}

function reportFanOut(transport: string, figures: FanOut, floorP99: number): boolean {
  const ratio = figures.p99 / floorP99;
  const pass = ratio <= TARGET_RATIO;
  process.stdout.write(
    `fan-out over ${transport}: webhook POST to last of ${SUBSCRIBERS} pushes over ${MEASURED} events (${WARM_UP} warm-up discarded): ` +
      `p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms; ` +
      `p99 ${ratio.toFixed(2)}x the floor's (target <= ${TARGET_RATIO}x) ${pass ? 'PASS' : 'FAIL'}\n` +
      `  medians: POST to 200 ${figures.acks.toFixed(1)} ms, 200 to first push ${(figures.toFirst - figures.acks).toFixed(1)} ms, first to last push ${figures.spread.toFixed(1)} ms\n` +
      `  gateway over the measured rounds: event-loop delay p50 ${figures.runtime.loopP50.toFixed(1)} ms, p99 ${figures.runtime.loopP99.toFixed(1)} ms, ` +
      `max ${figures.runtime.loopMax.toFixed(1)} ms; GC ${figures.runtime.gcMs.toFixed(0)} ms in ${figures.runtime.gcCount} pauses (major ${figures.runtime.majorGcMs.toFixed(0)} ms)\n`,
  );
  return pass;
}

/**
 * Every subscriber reconnects at once with `after`, as phones do coming out of a tunnel; the
 * time until each has all `missed` events, in order and once each. One the gateway refuses
 * for now (SERVICE_UNAVAILABLE: its database pool had no connection free within
 * DATABASE_ACQUIRE_TIMEOUT_MS, which a thousand resumes at once on a busy machine can cause)
 * does what an app does: waits the `retryAfterSeconds` it was given and resumes from the
 * last event it has.
 */
async function resumeAll(
  wsUrl: string,
  token: string,
  after: string,
  missed: number,
  onProblem: (problem: string) => void,
  problems: readonly string[],
): Promise<{ ms: number; clients: LeanSubscriber[]; retried: number }> {
  const receivedBy: number[] = [];
  const lastSeen: string[] = [];
  const subscribers: Array<Promise<LeanSubscriber>> = [];
  let retried = 0;
  let owed = SUBSCRIBERS;
  let lastPush = performance.now();
  let allDelivered!: () => void;
  const delivered = new Promise<void>((resolve) => (allDelivered = resolve));
  const retry = async (index: number, seconds: number) => {
    retried += 1;
    await (await subscribers[index]).close();
    await sleep(seconds * 1000);
    subscribers[index] = resume(index);
  };
  const resume = (index: number): Promise<LeanSubscriber> =>
    openSubscriber(
      wsUrl,
      token,
      (result) => {
        lastPush = performance.now();
        const event = result.data?.itemStatusChanged;
        const refusal = result.errors?.find((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');
        if (!event && refusal)
          return void retry(index, refusal.extensions?.retryAfterSeconds ?? 1).catch((error: unknown) => onProblem(String(error)));
        if (!event) return onProblem(`a resumed push without data: ${JSON.stringify(result)}`);
        if (sequenceOf(event.cursor) <= sequenceOf(lastSeen[index])) onProblem(`a resumed push out of order or twice: ${event.cursor}`);
        lastSeen[index] = event.cursor;
        receivedBy[index] += 1;
        if (receivedBy[index] === missed && (owed -= 1) === 0) allDelivered();
        if (receivedBy[index] > missed) onProblem('a resumed subscriber got more than it missed');
      },
      onProblem,
      resumeQuery(lastSeen[index]),
    );
  const started = performance.now();
  await openMany(SUBSCRIBERS, 100, (index) => {
    receivedBy[index] = 0;
    lastSeen[index] = after;
    return (subscribers[index] = resume(index));
  });
  // Slow is not lost: on a busy machine the replay of 100,000 events can take minutes, so only
  // a resume that stopped making progress fails, saying what the owed subscribers had.
  const stalled = new Promise<never>((_, reject) => {
    const check = setInterval(() => {
      if (owed === 0) return clearInterval(check);
      if (performance.now() - lastPush < RESUME_STALL_MS) return;
      clearInterval(check);
      const short = receivedBy.filter((count) => count < missed);
      reject(
        new Error(
          `${owed} of ${SUBSCRIBERS} resumed subscribers still owed events and nothing arrived for ${RESUME_STALL_MS} ms ` +
            `(they had ${Math.min(...short)} to ${Math.max(...short)} of ${missed}); subscribers reported: ${problems.slice(0, 5).join('; ')}`,
        ),
      );
    }, 1_000);
  });
  await Promise.race([delivered, stalled]);
  return { ms: performance.now() - started, clients: await Promise.all(subscribers), retried };
}

/** The position a cursor carries (base64url of "<stream key>.<sequence>"), for checking order only. */
function sequenceOf(cursor: string): number {
  return Number(Buffer.from(cursor, 'base64url').toString('utf8').split('.')[1]);
}

/** Opens in batches: a storm of 10,000 simultaneous handshakes measures the accept queue, not fan-out. */
async function openMany(count: number, batch: number, open: (index: number) => Promise<LeanSubscriber>): Promise<LeanSubscriber[]> {
  const clients: LeanSubscriber[] = [];
  for (let start = 0; start < count; start += batch) {
    clients.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, offset) => open(start + offset)))));
  }
  return clients;
}

async function closeAll(clients: LeanSubscriber[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
  clients.length = 0;
}

/** The gateway's own count of streaming subscriptions: graphql-ws never acks a subscribe message. */
async function activeSubscriptions(gateway: BenchGateway): Promise<number> {
  const text = await fetch(`${gateway.url}/metrics`).then((r) => r.text());
  const match = /^gateway_graphql_subscriptions_active(?:\{[^}]*\})? (\d+)/m.exec(text);
  if (!match) throw new Error('gateway_graphql_subscriptions_active is missing from /metrics');
  return Number(match[1]);
}

async function waitForActive(gateway: BenchGateway, wanted: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let active = await activeSubscriptions(gateway); active !== wanted; active = await activeSubscriptions(gateway)) {
    if (Date.now() > deadline) throw new Error(`the gateway reports ${active} active subscriptions, expected ${wanted}`);
    await sleep(100);
  }
}

async function main(): Promise<number> {
  const jwtSecret = randomBytes(32).toString('hex');
  const arrivals = new Arrivals();
  const clients: LeanSubscriber[] = [];
  const { emulator, capture, gateway, startGateway, db, userId, insertItems, stop } = await startWebhookBench('fanout', {
    AUTH_JWT_SECRET: jwtSecret,
    // 1,000 subscribe messages from one user within a minute would trip the per-user operation limit (300/min).
    RATE_LIMIT_OPERATIONS: '1000000',
    // The bench's one user holds up to 10,000 subscriptions at once (default 50 per user).
    MAX_SUBSCRIPTIONS_PER_USER: '100000',
  });
  try {
    // One Item per event: an Item already in LOGIN_REQUIRED would not change status again, and nothing would be pushed.
    const rounds = WARM_UP + MEASURED;
    const emulatorItems = await Promise.all(
      Array.from({ length: 2 * rounds + MISSED }, () => emulator.control.createItem({ transactions: 1, webhook: capture.url })),
    );
    const gatewayIdOf = await insertItems(emulatorItems.map((item) => item.itemId));
    for (const item of emulatorItems) await fireWebhook(emulator.url, item.accessToken, 'ERROR');
    const webhooks = await waitForWebhooks(capture.captured, ['ERROR'], emulatorItems.length);

    // Fan-out: 1,000 subscribers of the one user, all listening to every Item of theirs; first over WebSocket, then over SSE.
    const wsUrl = `${gateway.url.replace(/^http/, 'ws')}/graphql`;
    const token = await issueToken(jwtSecret, {}, userId);
    const onProblem = (problem: string) => arrivals.problems.push(problem);
    const overWs = await fanOut(gateway, arrivals, webhooks.slice(0, rounds), gatewayIdOf, (onResult) =>
      openSubscriber(wsUrl, token, onResult, onProblem),
    );
    const overSse = await fanOut(gateway, arrivals, webhooks.slice(rounds, 2 * rounds), gatewayIdOf, (onResult) =>
      openSseSubscriber(`${gateway.url}/graphql/stream`, token, onResult, onProblem),
    );
    const sample = JSON.stringify({
      id: '1',
      type: 'next',
      payload: {
        data: {
          itemStatusChanged: {
            item: { id: [...gatewayIdOf.values()][0] },
            status: 'LOGIN_REQUIRED',
            reason: 'ITEM_LOGIN_REQUIRED',
            cursor: arrivals.lastCursor,
          },
        },
      },
    });
    const floor = await broadcastFloor(SUBSCRIBERS, MEASURED, sample);
    const wsPass = reportFanOut('WebSocket', overWs, floor.p99);
    const ssePass = reportFanOut('Server-Sent Events', overSse, floor.p99);
    process.stdout.write(
      `  machine floor: that push, already serialised, broadcast by a bare ws server to ${SUBSCRIBERS} plain WebSockets (no webhook, no database): ` +
        `p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms\n`,
    );

    // Resume: everyone is away while MISSED more Items change status, then all come back with the last cursor they saw.
    const after = arrivals.lastCursor;
    const poster = createPoster(gateway.url, 4);
    try {
      await Promise.all(
        webhooks
          .slice(2 * rounds)
          .map((webhook) => poster.post('/webhooks/plaid', webhook.raw, { 'plaid-verification': webhook.signature })),
      );
    } finally {
      poster.close();
    }
    await waitForStatusCount(db, userId, emulatorItems.length);
    const resumed = await resumeAll(wsUrl, token, after, MISSED, onProblem, arrivals.problems);
    clients.push(...resumed.clients);
    if (arrivals.problems.length > 0) throw new Error(`resumed subscribers reported: ${arrivals.problems.slice(0, 5).join('; ')}`);
    process.stdout.write(
      `resume: ${SUBSCRIBERS} subscribers reconnecting with \`after\`, ${MISSED} missed events each: all ${SUBSCRIBERS * MISSED} delivered, in order, ` +
        `${resumed.ms.toFixed(0)} ms after the first reconnect (${((SUBSCRIBERS * MISSED) / (resumed.ms / 1000)).toFixed(0)} events a second; ` +
        `${resumed.retried} refused for now with SERVICE_UNAVAILABLE and resumed again after it)\n`,
    );
    await closeAll(clients);
    await waitForActive(gateway, 0, 30_000);

    // Memory, in a freshly started gateway (the fan-out phases grew this one's heap): its RSS settled, then with 10,000 idle
    // subscribers, one user each (as apps would be).
    await gateway.stop();
    const fresh = await startGateway({});
    await sleep(3_000);
    const before = await residentBytes(fresh.pid);
    const heapBefore = (await scrape(fresh)).get('nodejs_heap_size_used_bytes') ?? NaN;
    const idleTokens = await Promise.all(
      Array.from({ length: IDLE_SUBSCRIBERS }, (_, index) => issueToken(jwtSecret, {}, `${userId}-idle-${index}`)),
    );
    const freshWsUrl = `${fresh.url.replace(/^http/, 'ws')}/graphql`;
    const onResult = (result: { data?: StatusEventData | null }) => arrivals.record(result);
    clients.push(...(await openMany(IDLE_SUBSCRIBERS, 250, (index) => openSubscriber(freshWsUrl, idleTokens[index], onResult, onProblem))));
    await waitForActive(fresh, IDLE_SUBSCRIBERS, 60_000);
    await sleep(2_000);
    const afterRss = await residentBytes(fresh.pid);
    const heapAfter = (await scrape(fresh)).get('nodejs_heap_size_used_bytes') ?? NaN;
    if (arrivals.problems.length > 0) throw new Error(`idle subscribers reported: ${arrivals.problems.slice(0, 5).join('; ')}`);
    const kbPerSubscriber = (afterRss - before) / IDLE_SUBSCRIBERS / 1024;
    const memoryPass = kbPerSubscriber < TARGET_KB_PER_SUBSCRIBER;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    process.stdout.write(
      `memory: a freshly started gateway's RSS ${mb(before)} -> ${mb(afterRss)} with ${IDLE_SUBSCRIBERS} idle subscribed connections = ` +
        `${kbPerSubscriber.toFixed(1)} KB per subscriber (target < ${TARGET_KB_PER_SUBSCRIBER}) ${memoryPass ? 'PASS' : 'FAIL'}\n` +
        `  of which JavaScript heap in use ${mb(heapBefore)} -> ${mb(heapAfter)} = ${((heapAfter - heapBefore) / IDLE_SUBSCRIBERS / 1024).toFixed(1)} KB per subscriber\n`,
    );
    await closeAll(clients);
    return wsPass && ssePass && memoryPass ? 0 : 1;
  } finally {
    await closeAll(clients).catch(() => undefined);
    await stop();
  }
}

/** Until the gateway has applied every Item's ERROR webhook. */
async function waitForStatusCount(db: Client, userId: string, wanted: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM items WHERE user_id = $1 AND status = 'LOGIN_REQUIRED'`,
      [userId],
    );
    if (rows[0].count >= wanted) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].count} of ${wanted} Items reached LOGIN_REQUIRED`);
    await sleep(50);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The bench stops by itself even if something hangs (a child process that never answers, say).
const WATCHDOG_MS = 8 * 60_000;
setTimeout(() => {
  process.stderr.write(`fan-out bench FAIL: still running after ${WATCHDOG_MS / 60_000} minutes\n`);
  process.exit(1);
}, WATCHDOG_MS).unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fan-out bench FAIL: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
