import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../src/config/config';
import { configProblem as problem } from '../../support/config-problem';

const key = (id: string, bytes = 32) => `${id}:${randomBytes(bytes).toString('base64')}`;

describe('loadConfig', () => {
  it('needs nothing: emulator, embedded database, port 4000', () => {
    const config = loadConfig({}, '/srv');
    expect(config).toMatchObject({
      port: 4000,
      dataDir: '/srv/.data',
      databaseUrl: undefined,
      publicUrl: 'http://localhost:4000',
      isProduction: false,
      plaid: { env: 'emulator', emulatorPort: 4010, products: ['transactions', 'auth', 'identity'], countryCodes: ['US'] },
    });
  });

  it('defaults PUBLIC_URL to the configured port and strips a trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://api.example.com/' }).publicUrl).toBe('https://api.example.com');
  });

  it('uses Plaid sandbox when credentials are given without PLAID_ENV', () => {
    expect(loadConfig({ PLAID_CLIENT_ID: 'id', PLAID_SECRET: 's' }).plaid.env).toBe('sandbox');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: must be an integer from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://x/y' }, /^DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL: is not a valid URL$/],
    [{ DATABASE_URL: 'postgres://localhost' }, /^DATABASE_URL: names no database$/],
    [{ REDIS_URL: 'http://localhost' }, /^REDIS_URL: /],
    [{ AUTH_JWKS_URL: 'nope' }, /^AUTH_JWKS_URL: is not a valid URL$/],
    [{ AUTH_JWT_SECRET: 'short' }, /^AUTH_JWT_SECRET: must be at least 32 bytes long$/],
    [{ TOKEN_ENCRYPTION_KEYS: key('k1', 16) }, /^TOKEN_ENCRYPTION_KEYS: key "k1" must be 32 bytes in base64 \(got 16\)$/],
    [{ TOKEN_ENCRYPTION_KEYS: 'k1:!!!' }, /^TOKEN_ENCRYPTION_KEYS: key "k1" must be 32 bytes/],
    [{ TOKEN_ENCRYPTION_KEYS: randomBytes(32).toString('base64') }, /^TOKEN_ENCRYPTION_KEYS: entry 1 must be keyId:base64key/],
    [{ TOKEN_ENCRYPTION_KEYS: `${key('a')},${key('a')}` }, /same key id twice/],
    [{ PLAID_ENV: 'staging' }, /^PLAID_ENV: must be one of emulator, sandbox, production/],
    [{ PLAID_ENV: 'sandbox' }, /^PLAID_CLIENT_ID: PLAID_ENV=sandbox needs PLAID_CLIENT_ID and PLAID_SECRET$/],
    [{ PLAID_CLIENT_ID: 'id' }, /^PLAID_SECRET: PLAID_CLIENT_ID and PLAID_SECRET must be set together$/],
    [{ PLAID_PRODUCTS: 'transactions,teleportation' }, /^PLAID_PRODUCTS: "teleportation" is not a Plaid product$/],
    [{ PLAID_COUNTRY_CODES: 'US,XX' }, /^PLAID_COUNTRY_CODES: "XX" is not a country code/],
    [{ PLAID_BASE_URL: 'ftp://plaid' }, /^PLAID_BASE_URL: /],
    [{ ALLOWED_ORIGINS: 'https://ok.example, bad' }, /^ALLOWED_ORIGINS: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ NODE_ENV: 'prod' }, /^NODE_ENV: /],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(problem(env)).toMatch(message);
  });

  describe('in production', () => {
    const secrets = {
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
      AUTH_ISSUER: 'https://id.example.com/',
      AUTH_AUDIENCE: 'https://gateway.example.com',
      TOKEN_ENCRYPTION_KEYS: key('k1'),
      PLAID_CLIENT_ID: 'client',
      PLAID_SECRET: 'secret',
      PLAID_ENV: 'production',
    };

    it('starts with real secrets', () => {
      expect(loadConfig(secrets).isProduction).toBe(true);
    });

    it.each([
      ['AUTH_JWKS_URL', /^AUTH_JWKS_URL: production needs/],
      ['TOKEN_ENCRYPTION_KEYS', /^TOKEN_ENCRYPTION_KEYS: is required in production/],
    ])('refuses to generate %s', (variable, message) => {
      const { [variable as keyof typeof secrets]: _omitted, ...rest } = secrets;
      expect(problem(rest)).toMatch(message);
    });

    it('does not fall back to the emulator, but runs it when asked explicitly', () => {
      const { PLAID_CLIENT_ID: _id, PLAID_SECRET: _secret, PLAID_ENV: _env, ...withoutPlaid } = secrets;
      expect(problem(withoutPlaid)).toMatch(/^PLAID_ENV: production does not fall back to the emulator/);
      expect(loadConfig({ ...withoutPlaid, PLAID_ENV: 'emulator' }).plaid.env).toBe('emulator');
    });
  });
});
