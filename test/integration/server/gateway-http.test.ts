import { SignJWT, UnsecuredJWT } from 'jose';
import { issueToken } from '../../../src/auth/token-issuer';
import { newUserId, startTestGateway, TEST_JWT_SECRET, type TestGateway } from '../../support/test-gateway';

describe('gateway over HTTP', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    // Plaid's state is what the gateway's own calls last saw; REDIS_URL may or may not be set for the run.
    expect(await ready.json()).toEqual({
      status: 'ready',
      dependencies: {
        database: 'up',
        redis: process.env.REDIS_URL ? 'up' : 'not_configured',
        plaid: expect.stringMatching(/^(up|unknown)$/),
      },
      // The dead letter view: stored webhooks not acted on yet, and those every retry of which failed.
      webhooks: { pending: expect.any(Number), failed: expect.any(Number) },
    });
  });

  it('answers `me` for the token subject', async () => {
    const userId = newUserId();
    const response = await gw.graphql('{ me { id profile { legalName } } }', { token: await gw.tokenFor(userId) });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ me: { id: userId, profile: null } });
  });

  describe('refuses bad tokens as UNAUTHENTICATED', () => {
    const secret = new TextEncoder().encode(TEST_JWT_SECRET);
    it.each([
      ['no token', async () => undefined],
      ['an expired token', () => issueToken(TEST_JWT_SECRET, {}, 'u', { expiresIn: '-1s' })],
      ['a token signed with another secret', () => issueToken('x'.repeat(40), {}, 'u')],
      ['an alg:none token', async () => new UnsecuredJWT({}).setSubject('u').setExpirationTime('1h').encode()],
      ['a malformed token', async () => 'abc.def'],
      [
        'an HS512 token',
        async () => new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('u').setExpirationTime('1h').sign(new Uint8Array(64)),
      ],
      ['a token without exp', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').sign(secret)],
    ])('%s', async (_name, make) => {
      const token = await make();
      const response = await gw.graphql('{ me { id } }', { token });
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data ?? null).toBeNull();
      expect(JSON.stringify(response.errors)).not.toMatch(/stack|at .*\.ts/);
    });

    it('a non-Bearer Authorization header', async () => {
      const response = await gw.graphql('{ me { id } }', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('updates the profile partially and returns it', async () => {
    const token = await gw.tokenFor(newUserId());
    const mutation = `mutation($input: ProfileInput!) { updateProfile(input: $input) { id profile { legalName email phoneNumber address { city country } } } }`;
    const first = await gw.graphql(mutation, {
      token,
      variables: {
        input: {
          legalName: 'Alberta Bobbeth Charleson',
          email: 'Alberta@Example.com',
          phoneNumber: '+1 (415) 555-0123',
          address: { city: 'Malakoff', country: 'us' },
        },
      },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({
      updateProfile: {
        profile: {
          legalName: 'Alberta Bobbeth Charleson',
          email: 'alberta@example.com',
          phoneNumber: '+14155550123',
          address: { city: 'Malakoff', country: 'US' },
        },
      },
    });

    const second = await gw.graphql(mutation, { token, variables: { input: { email: null } } });
    expect(second.data).toMatchObject({
      updateProfile: { profile: { legalName: 'Alberta Bobbeth Charleson', email: null, phoneNumber: '+14155550123' } },
    });

    const read = await gw.graphql('{ me { profile { legalName email address { city } } } }', { token });
    expect(read.data).toEqual({ me: { profile: { legalName: 'Alberta Bobbeth Charleson', email: null, address: { city: 'Malakoff' } } } });
  });

  it.each([
    [{ email: 'not-an-email' }, 'email'],
    [{ phoneNumber: '555-0123' }, 'phoneNumber'],
    [{ address: { country: 'USA' } }, 'address.country'],
    [{ legalName: 'x'.repeat(201) }, 'legalName'],
  ])('refuses profile input %j as BAD_USER_INPUT and changes nothing', async (input, field) => {
    const token = await gw.tokenFor(newUserId());
    const mutation = `mutation($input: ProfileInput!) { updateProfile(input: $input) { id } }`;
    await gw.graphql(mutation, { token, variables: { input: { legalName: 'Before' } } });
    const response = await gw.graphql(mutation, { token, variables: { input: { legalName: 'After', ...input } } });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    const read = await gw.graphql('{ me { profile { legalName } } }', { token });
    expect(read.data).toEqual({ me: { profile: { legalName: 'Before' } } });
  });

  it('refuses a malformed argument with a typed error', async () => {
    const token = await gw.tokenFor(newUserId());
    const response = await gw.graphql('mutation { updateProfile(input: { legalName: 42 }) { id } }', { token });
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a simple cross-site POST (CSRF prevention)', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ me { id } }"}',
    });
    expect(response.status).toBe(400);
  });

  it('logs one JSON line per request with its id, and never the Authorization header', async () => {
    const token = await gw.tokenFor(newUserId());
    const response = await gw.graphql('{ me { id } }', { token, headers: { 'x-request-id': 'req-trace-12345' } });
    expect(response.headers.get('x-request-id')).toBe('req-trace-12345');
    const lines = gw.logs.filter((line) => (line.req as { id?: string } | undefined)?.id === 'req-trace-12345');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } });
    expect(gw.rawLogs()).not.toContain(token);
  });
});
