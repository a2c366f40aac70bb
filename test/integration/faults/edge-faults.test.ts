import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { SignJWT } from 'jose';
import { linkItem, settled } from '../../support/linking';
import { newUserId, startTestGateway, TEST_JWT_SECRET, type TestGateway } from '../../support/test-gateway';

/**
 * Rows of the fault table that need no dependency to fail: inputs PostgreSQL cannot store,
 * a subscription POSTed over HTTP, a mismatching APQ hash, a slow request body, and Plaid
 * slower than its timeout on a call a user waits for.
 */
describe('faults at the edge', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '1500',
      PLAID_TIMEOUT_MS: '1000',
      PLAID_INTERACTIVE_DEADLINE_MS: '2500',
    });
  });

  afterAll(async () => {
    await gw?.close();
  });

  const internalErrors = () => gw.logs.filter((line) => line.msg === 'unexpected error in GraphQL operation');

  it('refuses NUL bytes in string arguments as BAD_USER_INPUT before any SQL, and changes nothing', async () => {
    const token = await gw.tokenFor(newUserId());
    const before = internalErrors().length;
    const inVariable = await gw.graphql('query($s: String) { transactions(filter: { search: $s }) { edges { node { id } } } }', {
      token,
      variables: { s: 'coffee\u0000' },
    });
    const written = await gw.graphql('{ transactions(filter: { search: "a\\u0000b" }) { edges { node { id } } } }', { token });
    const profile = await gw.graphql('mutation($n: String) { updateProfile(input: { legalName: $n }) { profile { legalName } } }', {
      token,
      variables: { n: 'Ann\u0000' },
    });
    for (const response of [inVariable, written, profile]) {
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(response.data ?? null).toBeNull();
    }
    expect((await gw.graphql('{ me { profile { legalName } } }', { token })).data).toEqual({ me: { profile: null } });
    expect(internalErrors().length).toBe(before);
  });

  it('refuses a token whose subject holds a NUL byte as UNAUTHENTICATED', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user\u0000x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const response = await gw.graphql('{ me { id } }', { token });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a subscription POSTed over HTTP with a 400 that says where subscriptions are served', async () => {
    const token = await gw.tokenFor(newUserId());
    const response = await gw.graphql('subscription { transactionsSynced { item { id } } }', { token });
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/WebSocket/), extensions: { code: 'BAD_REQUEST' } }),
    ]);
    expect(internalErrors()).toEqual([]);
  });

  it('answers an APQ hash that does not match its query with a clear code', async () => {
    const token = await gw.tokenFor(newUserId());
    const wrong = createHash('sha256').update('{ __typename }').digest('hex');
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(response.status).toBe(400);
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['BAD_REQUEST']);
    expect(body.errors[0].message).toMatch(/sha.*does not match/i);
  });

  it('cuts off a request whose body never arrives in full (HTTP_REQUEST_TIMEOUT_MS)', async () => {
    const { port } = new URL(gw.url);
    const started = performance.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`slow body: closed after ${seconds.toFixed(1)} s with "${answer.split('\r\n')[0]}"`);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(seconds).toBeLessThan(10);
  });

  it('answers PLAID_UNAVAILABLE within PLAID_INTERACTIVE_DEADLINE_MS when Plaid is slower than its timeout, and serves others meanwhile', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    const other = await gw.tokenFor(newUserId());
    const rule = await gw.emulator.addLatency({ endpoint: '/accounts/balance/get', ms: 5_000 });
    try {
      const started = performance.now();
      const [slow, others] = await Promise.all([
        gw.graphql('{ balances(realtime: true) { accountId current } }', { token }),
        (async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const otherStarted = performance.now();
          const response = await gw.graphql('{ me { id } items { id } }', { token: other });
          return { response, ms: performance.now() - otherStarted };
        })(),
      ]);
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `slow Plaid: PLAID_UNAVAILABLE after ${seconds.toFixed(1)} s (deadline 2.5 s, timeout 1 s); another user's query took ${others.ms.toFixed(0)} ms meanwhile`,
      );
      expect(slow.errors?.map((error) => error.extensions?.code)).toEqual(['PLAID_UNAVAILABLE']);
      expect(seconds).toBeLessThan(4);
      expect(others.response.errors).toBeUndefined();
      // Cached balances still answer at once.
      const cached = await gw.graphql<{ balances: unknown[] }>('{ balances { accountId current } }', { token });
      expect(cached.errors).toBeUndefined();
      expect(cached.data!.balances.length).toBeGreaterThan(0);
    } finally {
      await gw.emulator.removeFault(rule);
    }
  });
});
