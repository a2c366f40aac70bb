import { loadConfig } from '../../../src/config/config';
import { CONFIG_VARIABLES, PLAID_EMULATOR_PORT } from '../../../src/config/config-variables';

/** The names loadConfig looks up in `env`. */
function namesRead(env: Record<string, string>): Set<string> {
  const read = new Set<string>();
  loadConfig(new Proxy(env, { get: (target, name: string) => (read.add(name), target[name]) }), '/srv');
  return read;
}

describe('CONFIG_VARIABLES', () => {
  const names = CONFIG_VARIABLES.map((variable) => variable.name);

  it('names each variable once', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('is every variable loadConfig reads, and loadConfig reads every one', () => {
    expect([...namesRead({})].sort()).toEqual([...names].sort());
    expect(
      [
        ...namesRead({
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: 'x'.repeat(32),
          TOKEN_ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
          PLAID_ENV: 'emulator',
        }),
      ].sort(),
    ).toEqual([...names].sort());
  });

  it("holds every variable of the runtime contract (DESIGN.md's)", () => {
    const contract = [
      'PORT',
      'DATABASE_URL',
      'DATA_DIR',
      'PLAID_ENV',
      'PLAID_CLIENT_ID',
      'PLAID_SECRET',
      'PLAID_BASE_URL',
      'PLAID_EMULATOR_PORT',
      'PLAID_PRODUCTS',
      'PLAID_COUNTRY_CODES',
      'PLAID_CLIENT_NAME',
      'PUBLIC_URL',
      'AUTH_JWKS_URL',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'AUTH_JWT_SECRET',
      'TOKEN_ENCRYPTION_KEYS',
      'REDIS_URL',
      'CHANGE_RETENTION_DAYS',
    ];
    expect(contract.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('marks the credentials secret', () => {
    const secrets = CONFIG_VARIABLES.filter((variable) => variable.secret).map((variable) => variable.name);
    expect(secrets.sort()).toEqual([
      'AUTH_JWT_SECRET',
      'DATABASE_URL',
      'METRICS_TOKEN',
      'PLAID_SECRET',
      'REDIS_URL',
      'TOKEN_ENCRYPTION_KEYS',
    ]);
  });

  it("shows the emulator's own port as PLAID_EMULATOR_PORT's default", () => {
    expect(PLAID_EMULATOR_PORT.shownDefault).toBe(`\`${loadConfig({}).plaid.emulatorPort}\``);
  });
});
