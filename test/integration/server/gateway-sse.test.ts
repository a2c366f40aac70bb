import { issueToken } from '../../../src/auth/token-issuer';
import { parseSamples, sampleValue } from '../../support/prometheus-text';
import { subscribeSse } from '../../support/subscription-client';
import { newUserId, startTestGateway, TEST_JWT_SECRET, type TestGateway } from '../../support/test-gateway';

interface StreamAnswer {
  status: number;
  /** The `next` events' results, in order. */
  results: Array<{ data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  body: string;
}

describe('gateway over Server-Sent Events (graphql-sse on /graphql/stream)', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    // Depth 3 fits the schema's deepest path today (me.profile.address).
    gw = await startTestGateway({
      ALLOWED_ORIGINS: 'https://app.example.com',
      GRAPHQL_MAX_DEPTH: '3',
      MAX_REQUEST_BYTES: '8192',
      RATE_LIMIT_OPERATIONS: '6',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
  });

  afterAll(async () => {
    await gw?.close();
  });

  /** One operation in distinct connections mode, read to the end of its stream. */
  async function stream(query: string, headers: Record<string, string>, body?: string): Promise<StreamAnswer> {
    const response = await fetch(`${gw.url}/graphql/stream`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...headers },
      body: body ?? JSON.stringify({ query }),
    });
    const text = await response.text();
    const results = text
      .split('\n\n')
      .filter((message) => message.startsWith('event: next'))
      .map((message) => JSON.parse(message.slice(message.indexOf('data: ') + 6)) as StreamAnswer['results'][number]);
    return { status: response.status, results, body: text };
  }
  const bearer = async (userId = newUserId()) => ({ authorization: `Bearer ${await gw.tokenFor(userId)}` });

  it('runs queries and streams subscriptions for an authenticated client', async () => {
    const userId = newUserId();
    expect((await stream('{ me { id } }', await bearer(userId))).results).toEqual([{ data: { me: { id: userId } } }]);
    const subscription = await subscribeSse(`${gw.url}/graphql/stream`, await gw.tokenFor(userId), '{ me { id } }');
    try {
      expect(await subscription.next()).toEqual({ data: { me: { id: userId } } });
    } finally {
      await subscription.close();
    }
  });

  it.each([
    ['no token', async () => ({})],
    ['an expired token', async () => ({ authorization: `Bearer ${await issueToken(TEST_JWT_SECRET, {}, 'u', { expiresIn: '-1s' })}` })],
    ['garbage', async () => ({ authorization: 'Bearer nope' })],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_name, headers) => {
    const answer = await stream('{ me { id } }', await headers());
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('refuses a browser origin that is not allowed, and accepts an allowed one', async () => {
    const headers = await bearer();
    expect((await stream('{ me { id } }', { ...headers, origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await stream('{ me { id } }', { ...headers, origin: 'https://app.example.com' })).results).toMatchObject([
      { data: { me: {} } },
    ]);
  });

  it('applies the validation limits and the request size limit', async () => {
    const headers = await bearer();
    expect((await stream('{ me { profile { address { city } } } }', headers)).results).toEqual([
      {
        data: null,
        errors: [
          expect.objectContaining({
            message: 'Query depth limit of 3 exceeded, found 4.',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        ],
      },
    ]);
    expect((await stream('', headers, JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(9000)}` }))).status).toBe(413);
  });

  it('maps domain errors as HTTP does and counts its operations against the same rate limit', async () => {
    const headers = await bearer();
    const mapped = await stream('mutation { updateProfile(input: { email: "bad" }) { id } }', headers);
    expect(mapped.results).toMatchObject([{ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'email' } }] }]);
    const answers = [];
    for (let index = 0; index < 6; index += 1) answers.push(await stream('{ me { id } }', headers));
    expect(answers.at(-1)!.results).toMatchObject([{ errors: [{ extensions: { code: 'RATE_LIMITED' } }] }]);
  });

  it('shows its operations with transport="sse" in the metrics', async () => {
    await stream('query OverSse { me { id } }', await bearer());
    const samples = parseSamples(await (await fetch(`${gw.url}/metrics`)).text());
    expect(
      sampleValue(samples, 'gateway_graphql_operation_duration_seconds_count', {
        operation_name: 'OverSse',
        operation_type: 'query',
        transport: 'sse',
        outcome: 'ok',
      }),
    ).toBe(1);
  });
});
