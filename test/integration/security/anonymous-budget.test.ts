import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  data?: unknown;
}

/**
 * A loopback address of this test's own: all of 127.0.0.0/8 is this machine, and with REDIS_URL
 * the budget of 127.0.0.1 is shared by every test file's gateway.
 */
const ownLoopbackAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
/** Clients a proxy would name: documentation ranges, never contacted, fresh for each run. */
const someIPv4Client = () => `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const someIPv6Subnet = () => `2001:db8:${randomInt(0, 0xffff).toString(16)}:${randomInt(0, 0xffff).toString(16)}`;

/** POSTs `{ __typename }` to /graphql from `localAddress`, as a caller there (or a proxy naming another) would. */
function postFrom(gw: TestGateway, localAddress: string, headers: Record<string, string> = {}): Promise<Answer> {
  const body = JSON.stringify({ query: '{ __typename }' });
  return new Promise((resolve, reject) => {
    const req = request(
      `${gw.url}/graphql`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter, ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as object) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const served = { status: 200, retryAfter: undefined, data: { __typename: 'Query' } };

/**
 * Issue 22, costing and limits: only a known user was rate limited; a caller without a token
 * had no budget at all. Anonymous operations now take from a budget per client address
 * (RATE_LIMIT_ANONYMOUS_OPERATIONS), and X-Forwarded-For names that address only from the
 * proxies TRUST_PROXY names. (The WebSocket and event streams refuse callers without a token.)
 */
describe('issue 22 anonymous callers: a budget per client address', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_ANONYMOUS_OPERATIONS: '5', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('answers the sixth anonymous operation from one address 429 RATE_LIMITED with Retry-After; other addresses and users go on', async () => {
    const address = ownLoopbackAddress();
    for (let i = 0; i < 5; i += 1) expect(await postFrom(gw, address)).toEqual(served);

    const limited = await postFrom(gw, address);
    console.log(
      `issue 22 anonymous callers: 6th anonymous operation from ${address} -> ${limited.status}, Retry-After ${limited.retryAfter}`,
    );
    expect(limited.status).toBe(429);
    expect(limited.errors).toEqual([
      {
        message: expect.stringMatching(/^Too many operations; retry in \d+ s$/),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      },
    ]);
    const retryAfterSeconds = limited.errors?.[0].extensions?.retryAfterSeconds as number;
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.retryAfter).toBe(String(retryAfterSeconds));

    expect(await postFrom(gw, ownLoopbackAddress())).toEqual(served);
    const signedIn = await postFrom(gw, address, { authorization: `Bearer ${await gw.tokenFor(newUserId())}` });
    expect(signedIn.status).toBe(200);
  });

  it('ignores X-Forwarded-For while TRUST_PROXY is unset: a new address in it gets no new budget', async () => {
    const address = ownLoopbackAddress();
    const answers: number[] = [];
    for (let i = 0; i < 6; i += 1) answers.push((await postFrom(gw, address, { 'x-forwarded-for': someIPv4Client() })).status);
    console.log(
      `issue 22 anonymous callers: 6 operations, each naming another X-Forwarded-For, without TRUST_PROXY -> ${answers.join(' ')}`,
    );
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('issue 22 anonymous callers: TRUST_PROXY=loopback', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_ANONYMOUS_OPERATIONS: '5', RATE_LIMIT_WINDOW_SECONDS: '60', TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('keeps a budget per client the proxy names', async () => {
    const proxy = ownLoopbackAddress();
    for (let i = 0; i < 8; i += 1) expect(await postFrom(gw, proxy, { 'x-forwarded-for': someIPv4Client() })).toEqual(served);

    const client = someIPv4Client();
    const answers: number[] = [];
    for (let i = 0; i < 6; i += 1) answers.push((await postFrom(gw, proxy, { 'x-forwarded-for': `${client}, ${proxy}` })).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('keeps one budget for an IPv6 /64, whichever of its addresses the proxy names', async () => {
    const proxy = ownLoopbackAddress();
    const subnet = someIPv6Subnet();
    const answers: number[] = [];
    for (let i = 1; i <= 6; i += 1) answers.push((await postFrom(gw, proxy, { 'x-forwarded-for': `${subnet}::${i.toString(16)}` })).status);
    console.log(`issue 22 anonymous callers: 6 operations from 6 addresses of ${subnet}::/64 -> ${answers.join(' ')}`);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
