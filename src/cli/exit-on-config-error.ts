import { loadConfig, type AppConfig } from '../config/config';
import { ConfigError } from '../config/config-error';

/** EX_CONFIG from sysexits.h: the configuration is wrong, so retrying will not help. */
export const EXIT_CONFIG = 78;

/** Loads the configuration or exits with one line naming the variable at fault. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}
