import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

describe('the HTTP edge: security headers, CORS allow-list, CSRF prevention', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ ALLOWED_ORIGINS: 'https://app.example.com' });
  });

  afterAll(async () => {
    await gw.close();
  });

  it.each(['/graphql', '/healthz', '/explorer/explorer.js'])('sends security headers on %s', async (path) => {
    const response = await fetch(`${gw.url}${path}`, path === '/graphql' ? { headers: { accept: 'text/html' } } : {});
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // PUBLIC_URL is http here: upgrading would break every asset.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
    await response.arrayBuffer();
  });

  it('answers a preflight from an allowed origin, and not from any other', async () => {
    const preflight = (origin: string) =>
      fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an allowed origin read answers, and gives no other origin that right', async () => {
    const token = await gw.tokenFor(newUserId());
    const allowed = await gw.graphql('{ me { id } }', { token, headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('retry-after');
    const other = await gw.graphql('{ me { id } }', { token, headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['a GET without a preflight-forcing header', { method: 'GET' }],
    ['a text/plain POST', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }],
    ['a form POST', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }],
  ])('refuses %s (CSRF prevention: a browser would send it cross-site without asking)', async (_name, init) => {
    const response = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, init);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('accepts a GET query that carries a preflight-forcing header', async () => {
    const response = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
