import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { issueToken } from '../../../src/auth/token-issuer';
import { TokenVerifier } from '../../../src/auth/token-verifier';
import { DomainError } from '../../../src/errors/domain-error';
import { IdentityProviderUnavailableError } from '../../../src/errors/identity-provider-unavailable';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

async function failure(verifier: TokenVerifier, token: string): Promise<DomainError> {
  try {
    await verifier.verify(token);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected verification to fail');
}

describe('TokenVerifier with HS256', () => {
  const verifier = TokenVerifier.create({}, SECRET);

  it('accepts a valid token and reads sub, scopes and expiry', async () => {
    const token = await issueToken(SECRET, {}, 'user-1', { scopes: ['partner', 'read'] });
    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'user-1',
      scopes: ['partner', 'read'],
      expiresAtMs: decodeJwt(token).exp! * 1000,
    });
  });

  it.each([
    ['expired', () => issueToken(SECRET, {}, 'u', { expiresIn: '-1m' }), /expired/],
    ['wrongly signed', () => issueToken('another-secret-that-is-at-least-32-bytes!!', {}, 'u'), /signature/],
    ['alg none', async () => new UnsecuredJWT({}).setSubject('u').setExpirationTime('1h').encode(), /not/],
    ['garbage', async () => 'not.a.jwt', /not valid/],
    [
      'without exp',
      async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').sign(new TextEncoder().encode(SECRET)),
      /claims/,
    ],
    [
      'without sub',
      async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
      /claims/,
    ],
  ])('refuses a token that is %s as UNAUTHENTICATED', async (_name, make, message) => {
    const error = await failure(verifier, await make());
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(message);
  });

  it('refuses an ES256 token even when it is otherwise well formed', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('u').setExpirationTime('1h').sign(privateKey);
    expect((await failure(verifier, token)).message).toMatch(/algorithm/);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = TokenVerifier.create({ issuer: 'https://id', audience: 'gateway' }, SECRET);
    await expect(strict.verify(await issueToken(SECRET, { issuer: 'https://id', audience: 'gateway' }, 'u'))).resolves.toMatchObject({
      id: 'u',
    });
    expect((await failure(strict, await issueToken(SECRET, { issuer: 'https://evil', audience: 'gateway' }, 'u'))).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('parses Authorization headers', async () => {
    const token = await issueToken(SECRET, {}, 'user-2');
    await expect(verifier.verifyAuthorization(undefined)).resolves.toBeNull();
    await expect(verifier.verifyAuthorization(`Bearer ${token}`)).resolves.toMatchObject({ id: 'user-2' });
    await expect(verifier.verifyAuthorization(`Basic ${token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('TokenVerifier with a JWKS', () => {
  let server: Server;
  let verifier: TokenVerifier;
  let signingKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    verifier = TokenVerifier.create({ jwksUrl: `http://127.0.0.1:${port}/jwks`, issuer: 'https://id.example' }, undefined);
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('accepts RS256 tokens signed by the provider', async () => {
    const token = await new SignJWT({ scp: ['partner'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('auth0|42')
      .setIssuer('https://id.example')
      .setExpirationTime('5m')
      .sign(signingKey);
    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'auth0|42',
      scopes: ['partner'],
      expiresAtMs: decodeJwt(token).exp! * 1000,
    });
  });

  it('refuses HS256 tokens, whatever secret signed them', async () => {
    const token = await issueToken(SECRET, { issuer: 'https://id.example' }, 'u');
    expect((await failure(verifier, token)).code).toBe('UNAUTHENTICATED');
  });
});

describe('TokenVerifier when the JWKS cannot be fetched', () => {
  let server: Server;
  let base: string;
  let closedPort: number;
  let signingKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      if (req.url === '/ok') res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] }));
      else if (req.url === '/error') res.writeHead(502).end('<h1>bad gateway</h1>');
      else if (req.url === '/not-json') res.setHeader('content-type', 'application/json').end('<html>');
      // '/silent' never answers: the fetch times out.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  const tokenWithKid = (kid: string) =>
    new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject('u').setExpirationTime('5m').sign(signingKey);

  it.each([
    ['a closed port', () => `http://127.0.0.1:${closedPort}/jwks`],
    ['a 5xx answer', () => `${base}/error`],
    ['an answer that is no key set', () => `${base}/not-json`],
    ['no answer in time', () => `${base}/silent`],
  ])(
    'item 7: %s is SERVICE_UNAVAILABLE with retryAfterSeconds, not UNAUTHENTICATED',
    async (_name, url) => {
      const verifier = TokenVerifier.create({ jwksUrl: url() }, undefined);
      const error = await failure(verifier, await tokenWithKid('k1'));
      expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
      expect({ code: error.code, details: error.details }).toEqual({ code: 'SERVICE_UNAVAILABLE', details: { retryAfterSeconds: 5 } });
    },
    15_000,
  );

  it('item 7: a token no key of a fetched set matches, or no JWT at all, stays UNAUTHENTICATED', async () => {
    const verifier = TokenVerifier.create({ jwksUrl: `${base}/ok` }, undefined);
    expect((await failure(verifier, await tokenWithKid('unknown'))).code).toBe('UNAUTHENTICATED');
    const down = TokenVerifier.create({ jwksUrl: `http://127.0.0.1:${closedPort}/jwks` }, undefined);
    expect((await failure(down, 'not.a.jwt')).code).toBe('UNAUTHENTICATED');
  });
});

describe('TokenVerifier trusting verified tokens (AUTH_VERIFIED_TOKENS)', () => {
  const verifier = TokenVerifier.create({ verifiedTokens: 10 }, SECRET);

  it('answers a token it verified without checking its signature again, and still refuses others', async () => {
    const token = await issueToken(SECRET, {}, 'user-2');
    const first = await verifier.verify(token);
    const subtle = jest.spyOn(globalThis.crypto.subtle, 'verify');
    try {
      await expect(verifier.verify(token)).resolves.toBe(first);
      expect(subtle).not.toHaveBeenCalled();
      const forged = await issueToken('another-secret-that-is-at-least-32-bytes!!', {}, 'user-2');
      expect((await failure(verifier, forged)).message).toMatch(/signature/);
    } finally {
      subtle.mockRestore();
    }
  });

  it('refuses a trusted token once it has expired', async () => {
    const token = await issueToken(SECRET, {}, 'user-3', { expiresIn: '2s' });
    const user = await verifier.verify(token);
    // Only the clock moves: jose reads it through new Date(), the cache through Date.now().
    jest.useFakeTimers({
      now: user.expiresAtMs,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      expect((await failure(verifier, token)).message).toMatch(/expired/);
    } finally {
      jest.useRealTimers();
    }
  });
});
