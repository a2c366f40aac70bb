import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/config/config-error';

/** The one line loadConfig stops with for `env`; fails the test if it does not stop. */
export function configProblem(env: Record<string, string>): string {
  try {
    loadConfig(env, '/srv');
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
