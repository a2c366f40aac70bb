import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../src/config/config';
import { ConfigError } from '../../../src/config/config-error';

const PLAID_PRODUCTION = { PLAID_ENV: 'production', PLAID_CLIENT_ID: 'client', PLAID_SECRET: 'secret' };
const ENCRYPTION = { TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };
const IDENTITY_PROVIDER = {
  AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
  AUTH_ISSUER: 'https://id.example.com/',
  AUTH_AUDIENCE: 'https://gateway.example.com',
};
const HS256 = { AUTH_JWT_SECRET: 'x'.repeat(32) };
const PRODUCTION = { NODE_ENV: 'production', ...PLAID_PRODUCTION, ...ENCRYPTION, ...IDENTITY_PROVIDER };

type Case<T> = readonly [name: string, env: Record<string, string>, expected: T];

/** Every case of a table at once, logged: what loadConfig made of it, or the one line it stopped with. */
function measure<T>(cases: ReadonlyArray<Case<T>>, outcome: (config: ReturnType<typeof loadConfig>) => T): Record<string, T | string> {
  const measured = Object.fromEntries(
    cases.map(([name, env]) => {
      try {
        return [name, outcome(loadConfig(env, '/srv'))];
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return [name, error.message];
      }
    }),
  );
  console.log(JSON.stringify(measured, null, 2));
  return measured;
}

const expectedOf = <T>(cases: ReadonlyArray<Case<T>>) => Object.fromEntries(cases.map(([name, , expected]) => [name, expected]));

describe('issue 22 item 4: production mode', () => {
  it('issue 22 item 4: is on with NODE_ENV=production or PLAID_ENV=production, whatever NODE_ENV says', () => {
    const cases: Array<Case<boolean>> = [
      ['nothing set', {}, false],
      ['Plaid sandbox keys', { PLAID_CLIENT_ID: 'client', PLAID_SECRET: 'secret' }, false],
      ['NODE_ENV=production', { NODE_ENV: 'production', PLAID_ENV: 'emulator', ...ENCRYPTION, ...HS256 }, true],
      ['PLAID_ENV=production, NODE_ENV unset', { ...PLAID_PRODUCTION, ...ENCRYPTION, ...HS256 }, true],
      ['PLAID_ENV=production, NODE_ENV=development', { NODE_ENV: 'development', ...PLAID_PRODUCTION, ...ENCRYPTION, ...HS256 }, true],
      ['PLAID_ENV=production, NODE_ENV=test', { NODE_ENV: 'test', ...PLAID_PRODUCTION, ...ENCRYPTION, ...HS256 }, true],
    ];
    expect(measure(cases, (config) => config.isProduction)).toEqual(expectedOf(cases));
  });

  it("issue 22 item 4: PLAID_ENV=production alone makes production's demands: no generated secret", () => {
    const cases: Array<Case<string>> = [
      [
        'no auth configured',
        { ...PLAID_PRODUCTION, ...ENCRYPTION },
        'AUTH_JWKS_URL: production needs AUTH_JWKS_URL (or AUTH_JWT_SECRET); no development secret is generated',
      ],
      ['no encryption keys', { ...PLAID_PRODUCTION, ...HS256 }, 'TOKEN_ENCRYPTION_KEYS: is required in production; no key is generated'],
    ];
    expect(measure(cases, () => 'started')).toEqual(expectedOf(cases));
  });
});

describe('issue 22 item 4: a JWKS identity provider in production', () => {
  it('issue 22 item 4: needs AUTH_ISSUER and AUTH_AUDIENCE, so that tokens the provider minted for other apps are refused', () => {
    const audience = "AUTH_AUDIENCE: is required in production with AUTH_JWKS_URL (the `aud` tokens must carry: this gateway's)";
    const issuer = 'AUTH_ISSUER: is required in production with AUTH_JWKS_URL (the `iss` tokens must carry)';
    const cases: Array<Case<string>> = [
      ['both set', PRODUCTION, 'started'],
      ['AUTH_AUDIENCE unset', { ...PRODUCTION, AUTH_AUDIENCE: '' }, audience],
      ['AUTH_ISSUER unset', { ...PRODUCTION, AUTH_ISSUER: '' }, issuer],
      ['both unset: the issuer is named first', { ...PRODUCTION, AUTH_ISSUER: '', AUTH_AUDIENCE: '' }, issuer],
      [
        'AUTH_AUDIENCE unset, PLAID_ENV=production alone',
        { ...PLAID_PRODUCTION, ...ENCRYPTION, ...IDENTITY_PROVIDER, AUTH_AUDIENCE: '' },
        audience,
      ],
      ['outside production, neither set', { AUTH_JWKS_URL: 'https://id.example.com/jwks' }, 'started'],
    ];
    expect(measure(cases, () => 'started')).toEqual(expectedOf(cases));
  });

  it('issue 22 item 4: takes an https: key set, or plain http: only to a loopback address (a sidecar)', () => {
    const refused = 'AUTH_JWKS_URL: must be an https: URL in production (http: only to a loopback address)';
    const cases: Array<Case<string>> = [
      ['https:', 'https://id.example.com/.well-known/jwks.json', 'accepted'],
      ['http: to 127.0.0.1', 'http://127.0.0.1:8080/jwks', 'accepted'],
      ['http: elsewhere in 127.0.0.0/8', 'http://127.8.9.10/jwks', 'accepted'],
      ['http: to ::1', 'http://[::1]:9000/jwks', 'accepted'],
      ['http: to localhost', 'http://localhost:9000/jwks', 'accepted'],
      ['http: to LOCALHOST.', 'http://LOCALHOST./jwks', 'accepted'],
      ['http: to another host', 'http://id.example.com/jwks', refused],
      ['http: to a private address', 'http://10.0.0.5/jwks', refused],
      ['http: to a name under localhost', 'http://idp.localhost/jwks', refused],
      ['http: to a name that starts like loopback', 'http://127.0.0.1.example.com/jwks', refused],
    ].map(([name, url, expected]) => [name, { ...PRODUCTION, AUTH_JWKS_URL: url }, expected] as const);
    cases.push(['outside production, http: to another host', { AUTH_JWKS_URL: 'http://id.dev.example/jwks' }, 'accepted']);
    expect(measure(cases, () => 'accepted')).toEqual(expectedOf(cases));
  });
});
