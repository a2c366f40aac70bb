import { randomBytes } from 'node:crypto';
import { bareEnv, spawnGateway } from '../../support/gateway-process';

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
