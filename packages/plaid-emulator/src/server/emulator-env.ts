import path from 'node:path';
import { DEFAULT_EMULATOR_CLIENT_ID, DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_SECRET } from './emulator-defaults';
import type { EmulatorOptions } from './emulator-server';

/** A bad environment value, reported as one line before the process exits. */
export class EmulatorEnvError extends Error {
  override name = 'EmulatorEnvError';
}

function nonEmpty(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined) return fallback;
  if (value.trim() === '') throw new EmulatorEnvError(`${name} must not be empty`);
  return value;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65_535)
    throw new EmulatorEnvError(`${name} must be a port number from 0 to 65535, got "${value}"`);
  return Number(value);
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new EmulatorEnvError(`${name} must be a positive number, got "${value}"`);
  return parsed;
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new EmulatorEnvError(`${name} must be a whole number of milliseconds, got "${value}"`);
  return Number(value);
}

/**
 * Options for `npm run emulator` from the environment: PLAID_EMULATOR_PORT (default 4010),
 * PLAID_EMULATOR_HOST (default 127.0.0.1), PLAID_CLIENT_ID / PLAID_SECRET (default the
 * emulator's documented keys), DATA_DIR (default .data), PLAID_EMULATOR_SEED,
 * PLAID_EMULATOR_WEBHOOK_RETRY_SCALE and PLAID_EMULATOR_INITIAL_PULL_DELAY_MS.
 */
export function emulatorOptionsFromEnv(env: NodeJS.ProcessEnv): Omit<EmulatorOptions, 'logger'> {
  return {
    port: port(env, 'PLAID_EMULATOR_PORT', DEFAULT_EMULATOR_PORT),
    host: nonEmpty(env, 'PLAID_EMULATOR_HOST', '127.0.0.1'),
    clientId: nonEmpty(env, 'PLAID_CLIENT_ID', DEFAULT_EMULATOR_CLIENT_ID),
    secret: nonEmpty(env, 'PLAID_SECRET', DEFAULT_EMULATOR_SECRET),
    dataDir: path.resolve(nonEmpty(env, 'DATA_DIR', '.data')),
    seed: env.PLAID_EMULATOR_SEED === undefined ? undefined : nonEmpty(env, 'PLAID_EMULATOR_SEED', ''),
    webhookRetryDelayScale: positiveNumber(env, 'PLAID_EMULATOR_WEBHOOK_RETRY_SCALE'),
    initialPullDelayMs: nonNegativeInteger(env, 'PLAID_EMULATOR_INITIAL_PULL_DELAY_MS'),
  };
}
