import { createClient, type Client } from 'graphql-ws';
import { decodeJwt } from 'jose';
import WebSocket from 'ws';
import { eventually } from '../../support/linking';
import { parseSamples, sampleValue } from '../../support/prometheus-text';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

const STATUS = 'subscription { itemStatusChanged { status cursor } }';
/** How long past the token's expiry a session may stay open before the test gives up on it. */
const GRACE_MS = 5_000;

const TIMED_OUT = Symbol('timed out');

/** `promise`, or TIMED_OUT after `timeoutMs`: every wait here is bounded. */
async function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Settles when the client's connection is acknowledged for the `n`th time (counted from this call). */
function nthConnection(client: Client, n: number): Promise<void> {
  let count = 0;
  return new Promise((resolve) => {
    const stop = client.on('connected', () => {
      if (++count < n) return;
      stop();
      resolve();
    });
  });
}

const expiryOf = (token: string) => decodeJwt(token).exp! * 1000;
const sinceExpiry = (atMs: number, expMs: number) => `exp+${((atMs - expMs) / 1000).toFixed(1)}s`;

interface Closed {
  code: number;
  reason: string;
  atMs: number;
}

describe('issue 22 item 2: sessions end when the token expires', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw?.close();
  });

  /** The gateway's own count of open sockets and active subscriptions (WebSocket and SSE). */
  async function serverCounts(): Promise<{ sockets: number; subscriptions: number }> {
    const samples = parseSamples(await (await fetch(`${gw.url}/metrics`)).text());
    return {
      sockets: sampleValue(samples, 'gateway_websocket_connections') ?? 0,
      subscriptions: sampleValue(samples, 'gateway_graphql_subscriptions_active') ?? 0,
    };
  }

  it('issue 22 item 2: a socket with an open subscription is closed with 4403, and an event stream ends, once the token expires', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId, [], '3s');
    const expMs = expiryOf(token);

    const client = createClient({
      url: gw.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const stream = new AbortController();
    try {
      const closed = new Promise<Closed>((resolve) =>
        client.on('closed', (event) => {
          const { code, reason } = event as { code: number; reason: string };
          resolve({ code, reason, atMs: Date.now() });
        }),
      );
      const subscriptionErrors: unknown[] = [];
      client.subscribe(
        { query: STATUS },
        { next: () => undefined, error: (error) => subscriptionErrors.push(error), complete: () => undefined },
      );

      // graphql-sse answers once the subscription is set up; the body ends when the stream does.
      const response = await fetch(`${gw.url}/graphql/stream`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ query: STATUS }),
        signal: stream.signal,
      });
      expect(response.status).toBe(200);
      const streamEnded = response.text().then((body) => ({ body, atMs: Date.now() }));

      // Both subscriptions run before the token expires.
      await eventually(
        async () => ((await serverCounts()).subscriptions === 2 ? true : undefined),
        expMs - Date.now(),
        'both subscriptions',
      );
      expect(Date.now()).toBeLessThan(expMs);

      const deadline = expMs + GRACE_MS;
      const [socket, sse] = await Promise.all([within(closed, deadline - Date.now()), within(streamEnded, deadline - Date.now())]);
      // The gateway's counts settle once it has handled the closes; at most a second after the deadline.
      const counts = await eventually(
        async () => {
          const now = await serverCounts();
          return now.sockets === 0 && now.subscriptions === 0 ? now : undefined;
        },
        Math.max(deadline - Date.now(), 0) + 1_000,
      ).catch(() => serverCounts());
      const open = { sockets: socket === TIMED_OUT ? 1 : 0, streams: sse === TIMED_OUT ? 1 : 0 };
      console.log(
        `issue 22 item 2: after ${sinceExpiry(Date.now(), expMs)}: sockets open ${open.sockets}, SSE streams open ${open.streams}` +
          ` (socket ${socket === TIMED_OUT ? 'still open' : `closed ${socket.code} "${socket.reason}" at ${sinceExpiry(socket.atMs, expMs)}`};` +
          ` stream ${sse === TIMED_OUT ? 'still open' : `ended at ${sinceExpiry(sse.atMs, expMs)}`};` +
          ` gateway counts ${counts.sockets} sockets, ${counts.subscriptions} active subscriptions)`,
      );

      expect(open).toEqual({ sockets: 0, streams: 0 });
      expect(counts).toEqual({ sockets: 0, subscriptions: 0 });
      if (socket === TIMED_OUT || sse === TIMED_OUT) return;
      expect(socket).toMatchObject({ code: 4403, reason: 'Token expired' });
      expect(socket.atMs).toBeGreaterThanOrEqual(expMs);
      // Without retries the close reaches the subscription as its error.
      expect(subscriptionErrors).toMatchObject([{ code: 4403 }]);
      // The stream says why, then completes as graphql-sse completes any stream.
      expect(sse.atMs).toBeGreaterThanOrEqual(expMs);
      const events = sse.body.split('\n\n').filter((message) => message.startsWith('event: '));
      expect(events).toEqual([
        'event: next\ndata: {"errors":[{"message":"The token has expired","extensions":{"code":"UNAUTHENTICATED"}}]}',
        'event: complete\ndata:',
      ]);
    } finally {
      stream.abort();
      await client.dispose();
    }
  });

  it('issue 22 item 2: an operation sent once the clock has passed the expiry is refused and closes the socket, whatever the timer', async () => {
    const userId = newUserId();
    // Valid for an hour: the expiry timer stays far off, only the clock the gateway reads moves on.
    const token = await gw.tokenFor(userId);
    const expMs = expiryOf(token);
    const client = connectWs(gw.wsUrl, `Bearer ${token}`);
    const subscribed = nthConnection(client, 1);
    // The open subscription keeps the lazy client's socket for the operations that follow.
    client.subscribe({ query: STATUS }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    try {
      expect(await within(subscribed, 5_000)).not.toBe(TIMED_OUT);
      await expect(runWs(client, '{ me { id } }')).resolves.toEqual({ data: { me: { id: userId } } });
      const clock = jest.spyOn(Date, 'now').mockReturnValue(expMs + 1_000);
      let outcome: unknown;
      try {
        outcome = await within(
          runWs(client, '{ me { id } }').catch((error: unknown) => error),
          5_000,
        );
      } finally {
        clock.mockRestore();
      }
      const shown = outcome === TIMED_OUT ? 'no answer' : JSON.stringify(outcome, ['code', 'reason', 'data', 'me', 'id']);
      console.log(`issue 22 item 2: a query sent at exp+1.0s (by the clock) got ${shown}`);
      expect(outcome).toMatchObject({ code: 4403, reason: 'Token expired' });
    } finally {
      await client.dispose();
    }
  });

  it('issue 22 item 2: an app whose connectionParams fetch a fresh token reconnects after the 4403 and goes on', async () => {
    const userId = newUserId();
    const issued: string[] = [];
    // The app's token refresh: the first token expires in 2 s, the next ones in an hour.
    const getFreshToken = async () => {
      const token = await gw.tokenFor(userId, [], issued.length === 0 ? '2s' : '1h');
      issued.push(token);
      return token;
    };
    const url = gw.wsUrl;
    const client: Client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ authorization: `Bearer ${await getFreshToken()}` }),
    });
    try {
      const closes: number[] = [];
      client.on('closed', (event) => closes.push((event as { code: number }).code));
      const [first, second] = [nthConnection(client, 1), nthConnection(client, 2)];
      const ended: string[] = [];
      client.subscribe(
        { query: STATUS },
        { next: () => undefined, error: () => ended.push('error'), complete: () => ended.push('complete') },
      );
      expect(await within(first, 5_000)).not.toBe(TIMED_OUT);
      const expMs = expiryOf(issued[0]);

      // graphql-ws's default retry waits 1.3 to 4 s before its first reconnect.
      const outcome = await within(second, expMs + GRACE_MS + 5_000 - Date.now());
      console.log(
        `issue 22 item 2: refreshing client: closes ${JSON.stringify(closes)}, tokens fetched ${issued.length}, ` +
          `reconnected ${outcome === TIMED_OUT ? 'no' : `at ${sinceExpiry(Date.now(), expMs)}`}`,
      );
      expect(outcome).not.toBe(TIMED_OUT);
      expect(closes).toEqual([4403]);
      expect(issued).toHaveLength(2);
      // The new connection serves the same user, and the subscription is still running on it.
      await expect(runWs(client, '{ me { id } }')).resolves.toEqual({ data: { me: { id: userId } } });
      expect(ended).toEqual([]);
      await eventually(async () => ((await serverCounts()).subscriptions === 1 ? true : undefined), 5_000, 'the resubscription');
    } finally {
      await client.dispose();
    }
  });
});
