import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { loadOrCreateStoredSecrets } from '../config/development-secrets';
import { lockDataDir } from '../database/data-dir-lock';
import { startDataDirDatabase } from '../database/database';
import { runsEmulatorInProcess, startConfiguredEmulator } from '../plaid/in-process-emulator';

export interface DevelopmentServices {
  /** For the gateway's environment: DATABASE_URL and PLAID_BASE_URL of the services held here, where they run. */
  env: Record<string, string>;
  /** Stops the emulator, then PostgreSQL, then lets go of DATA_DIR. */
  close(): Promise<void>;
}

/**
 * What `npm start` would run inside the gateway (the embedded PostgreSQL, the Plaid emulator,
 * the DATA_DIR lock), held by `npm run dev` instead, so that they and their state outlive each
 * restart of the gateway. A service the configuration points elsewhere is not started.
 */
export async function startDevelopmentServices(config: AppConfig, logger: Logger): Promise<DevelopmentServices> {
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const closer of closers.splice(0)) await closer();
  };
  try {
    const env: Record<string, string> = {};
    const emulatorInProcess = runsEmulatorInProcess(config.plaid);
    if (!config.databaseUrl || emulatorInProcess) closers.unshift(await lockDataDir(config.dataDir));
    if (!config.databaseUrl) {
      const { embeddedDatabasePassword } = await loadOrCreateStoredSecrets(config.dataDir);
      const database = await startDataDirDatabase(config.dataDir, embeddedDatabasePassword, logger);
      closers.unshift(() => database.stop());
      env.DATABASE_URL = database.url;
    }
    if (emulatorInProcess) {
      const emulator = await startConfiguredEmulator(config, logger);
      closers.unshift(() => emulator.close());
      env.PLAID_BASE_URL = emulator.url;
    }
    return { env, close };
  } catch (error) {
    await close();
    throw error;
  }
}
