import path from 'node:path';
import { emulatorOptionsFromEnv } from '../../../src/server/emulator-env';
import { DEFAULT_EMULATOR_CLIENT_ID, DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_SECRET } from '../../../src/server/emulator-defaults';

it('defaults to the documented port, keys and data directory', () => {
  expect(emulatorOptionsFromEnv({})).toEqual({
    port: DEFAULT_EMULATOR_PORT,
    host: '127.0.0.1',
    clientId: DEFAULT_EMULATOR_CLIENT_ID,
    secret: DEFAULT_EMULATOR_SECRET,
    dataDir: path.resolve('.data'),
    seed: undefined,
    webhookRetryDelayScale: undefined,
  });
});

it('reads the environment', () => {
  expect(
    emulatorOptionsFromEnv({
      PLAID_EMULATOR_PORT: '0',
      PLAID_CLIENT_ID: 'id',
      PLAID_SECRET: 's',
      DATA_DIR: '/tmp/x',
      PLAID_EMULATOR_SEED: 'seed',
      PLAID_EMULATOR_WEBHOOK_RETRY_SCALE: '0.01',
      PLAID_EMULATOR_INITIAL_PULL_DELAY_MS: '1500',
    }),
  ).toMatchObject({
    port: 0,
    clientId: 'id',
    secret: 's',
    dataDir: '/tmp/x',
    seed: 'seed',
    webhookRetryDelayScale: 0.01,
    initialPullDelayMs: 1500,
  });
});

it.each([
  [{ PLAID_EMULATOR_PORT: 'abc' }, /PLAID_EMULATOR_PORT must be a port number/],
  [{ PLAID_EMULATOR_PORT: '70000' }, /PLAID_EMULATOR_PORT/],
  [{ PLAID_SECRET: ' ' }, /PLAID_SECRET must not be empty/],
  [{ PLAID_EMULATOR_WEBHOOK_RETRY_SCALE: '-1' }, /must be a positive number/],
  [{ PLAID_EMULATOR_INITIAL_PULL_DELAY_MS: '-5' }, /PLAID_EMULATOR_INITIAL_PULL_DELAY_MS must be a whole number of milliseconds/],
  [{ PLAID_EMULATOR_INITIAL_PULL_DELAY_MS: '1.5' }, /PLAID_EMULATOR_INITIAL_PULL_DELAY_MS/],
])('refuses %j with one clear line', (env, message) => {
  expect(() => emulatorOptionsFromEnv(env)).toThrow(message);
});
