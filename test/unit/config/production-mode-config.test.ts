import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

const PLAID_PRODUCTION = { PLAID_ENV: 'production', PLAID_CLIENT_ID: 'client', PLAID_SECRET: 'secret' };
const ENCRYPTION = { TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };
const IDENTITY_PROVIDER = {
  AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
  AUTH_ISSUER: 'https://id.example.com/',
  AUTH_AUDIENCE: 'https://gateway.example.com',
};
const HS256 = { AUTH_JWT_SECRET: 'x'.repeat(32) };

describe('issue 22 item 4: production mode', () => {
  it.each([
    ['nothing set', {}, false],
    ['Plaid sandbox keys', { PLAID_CLIENT_ID: 'client', PLAID_SECRET: 'secret' }, false],
    ['NODE_ENV=production', { NODE_ENV: 'production', PLAID_ENV: 'emulator', ...ENCRYPTION, ...HS256 }, true],
    ['PLAID_ENV=production, NODE_ENV unset', { ...PLAID_PRODUCTION, ...ENCRYPTION, ...HS256 }, true],
    ['PLAID_ENV=production, NODE_ENV=development', { NODE_ENV: 'development', ...PLAID_PRODUCTION, ...ENCRYPTION, ...HS256 }, true],
    ['PLAID_ENV=production, NODE_ENV=test', { NODE_ENV: 'test', ...PLAID_PRODUCTION, ...ENCRYPTION, ...HS256 }, true],
  ])('issue 22 item 4: %s -> production mode %s', (_name, env, expected) => {
    const config = loadConfig(env, '/srv');
    console.log(`${JSON.stringify(env)} -> nodeEnv ${config.nodeEnv}, isProduction ${config.isProduction}`);
    expect(config.isProduction).toBe(expected);
  });

  it.each([
    ['generated auth secret', { ...PLAID_PRODUCTION, ...ENCRYPTION }, /^AUTH_JWKS_URL: production needs/],
    ['generated encryption keys', { ...PLAID_PRODUCTION, ...HS256 }, /^TOKEN_ENCRYPTION_KEYS: is required in production/],
  ])("issue 22 item 4: PLAID_ENV=production alone makes production's demands (%s)", (_name, env, message) => {
    const line = problem(env);
    console.log(`${JSON.stringify(env)} -> ${line}`);
    expect(line).toMatch(message);
  });
});

describe('issue 22 item 4: a JWKS identity provider in production', () => {
  const production = { NODE_ENV: 'production', ...PLAID_PRODUCTION, ...ENCRYPTION, ...IDENTITY_PROVIDER };

  it.each([
    ['AUTH_AUDIENCE unset', { ...production, AUTH_AUDIENCE: '' }, /^AUTH_AUDIENCE: is required in production with AUTH_JWKS_URL/],
    ['AUTH_ISSUER unset', { ...production, AUTH_ISSUER: '' }, /^AUTH_ISSUER: is required in production with AUTH_JWKS_URL/],
    ['both unset: the issuer first', { ...production, AUTH_ISSUER: '', AUTH_AUDIENCE: '' }, /^AUTH_ISSUER: /],
    [
      'AUTH_AUDIENCE unset under PLAID_ENV=production alone',
      { ...PLAID_PRODUCTION, ...ENCRYPTION, ...IDENTITY_PROVIDER, AUTH_AUDIENCE: '' },
      /^AUTH_AUDIENCE: /,
    ],
    [
      'plain http: to another host',
      { ...production, AUTH_JWKS_URL: 'http://id.example.com/jwks' },
      /^AUTH_JWKS_URL: must be an https: URL/,
    ],
    ['plain http: to a private address', { ...production, AUTH_JWKS_URL: 'http://10.0.0.5/jwks' }, /^AUTH_JWKS_URL: must be an https: URL/],
    [
      'plain http: to a name under localhost',
      { ...production, AUTH_JWKS_URL: 'http://idp.localhost/jwks' },
      /^AUTH_JWKS_URL: must be an https:/,
    ],
    [
      'plain http: to a name that starts like loopback',
      { ...production, AUTH_JWKS_URL: 'http://127.0.0.1.example.com/jwks' },
      /^AUTH_JWKS_URL: /,
    ],
  ])('issue 22 item 4: refuses %s', (_name, env, message) => {
    const line = problem(env);
    console.log(`${_name} -> ${line}`);
    expect(line).toMatch(message);
  });

  it.each([
    'https://id.example.com/.well-known/jwks.json',
    'http://127.0.0.1:8080/jwks',
    'http://127.8.9.10/jwks',
    'http://[::1]:9000/jwks',
    'http://localhost:9000/jwks',
    'http://LOCALHOST./jwks',
  ])('issue 22 item 4: accepts %s (https:, or a sidecar on loopback)', (url) => {
    const config = loadConfig({ ...production, AUTH_JWKS_URL: url }, '/srv');
    console.log(`${url} -> accepted, audience ${config.auth.audience}, issuer ${config.auth.issuer}`);
    expect(config.auth).toMatchObject({ jwksUrl: url, audience: IDENTITY_PROVIDER.AUTH_AUDIENCE, issuer: IDENTITY_PROVIDER.AUTH_ISSUER });
  });

  it('issue 22 item 4: outside production, a development identity provider needs neither audience, issuer nor https:', () => {
    const config = loadConfig({ AUTH_JWKS_URL: 'http://id.dev.example/jwks' }, '/srv');
    console.log(`development -> ${JSON.stringify(config.auth)}`);
    expect(config.auth).toEqual({ jwksUrl: 'http://id.dev.example/jwks' });
  });
});
