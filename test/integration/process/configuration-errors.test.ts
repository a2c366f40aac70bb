import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bareEnv, freePort, spawnGateway } from '../../support/gateway-process';

describe('a bad configuration never starts a server', () => {
  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT: must be an integer from 0 to 65535 (got "abc")'],
    [{ DATABASE_URL: 'postgres//nohost' }, 'Configuration error: DATABASE_URL: is not a valid URL'],
    [
      { TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(31).toString('base64')}` },
      'Configuration error: TOKEN_ENCRYPTION_KEYS: key "k1" must be 32 bytes in base64 (got 31)',
    ],
    [{ AUTH_JWKS_URL: 'jwks.example.com' }, 'Configuration error: AUTH_JWKS_URL: is not a valid URL'],
    [
      { NODE_ENV: 'production' },
      'Configuration error: AUTH_JWKS_URL: production needs AUTH_JWKS_URL (or AUTH_JWT_SECRET); no development secret is generated',
    ],
  ])('%j exits non-zero with one clear line', async (env, line) => {
    const gateway = spawnGateway(bareEnv(env));
    const { code } = await gateway.exit;
    expect(code).toBe(78);
    expect(gateway.stderr()).toBe(`${line}\n`);
    expect(gateway.stdout()).toBe('');
  });
});

describe('issue 22 item 4: Plaid production keys with a JWKS identity provider', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-config-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['AUTH_AUDIENCE', { AUTH_AUDIENCE: '' }, 'AUTH_AUDIENCE: is required in production with AUTH_JWKS_URL'],
    ['AUTH_ISSUER', { AUTH_ISSUER: '' }, 'AUTH_ISSUER: is required in production with AUTH_JWKS_URL'],
    ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'http://id.example.com/jwks' }, 'AUTH_JWKS_URL: must be an https: URL in production'],
  ])('issue 22 item 4: PLAID_ENV=production without a proper %s exits 78 with one line naming it', async (_variable, override, line) => {
    // Enough for a start (its own DATA_DIR, the test database): a gateway that wrongly starts says so.
    const gateway = spawnGateway(
      bareEnv({
        PLAID_ENV: 'production',
        PLAID_CLIENT_ID: 'client',
        PLAID_SECRET: 'secret',
        TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
        AUTH_ISSUER: 'https://id.example.com/',
        AUTH_AUDIENCE: 'https://gateway.example.com',
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        PORT: String(await freePort()),
        ...override,
      }),
    );
    const outcome = await Promise.race([
      gateway.exit.then(({ code }) => `exit ${code}`),
      gateway.waitForOutput(/GraphQL: +http/).then(() => 'started'),
    ]);
    if (outcome === 'started') {
      gateway.child.kill('SIGTERM');
      await gateway.exit;
    }
    console.log(`${JSON.stringify(override)} -> ${outcome}; stderr: ${gateway.stderr().trim().split('\n')[0]}`);
    expect(outcome).toBe('exit 78');
    expect(gateway.stderr()).toMatch(new RegExp(`^Configuration error: ${line}[^\n]*\n$`));
    expect(gateway.stdout()).toBe('');
  });
});
