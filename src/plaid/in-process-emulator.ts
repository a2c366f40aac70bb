import type { Logger } from 'pino';
import { startEmulator, type RunningEmulator } from 'plaid-emulator';
import type { AppConfig, PlaidConfig } from '../config/config';

/** PLAID_ENV=emulator without PLAID_BASE_URL: the emulator runs beside the gateway, on PLAID_EMULATOR_PORT. */
export function runsEmulatorInProcess(plaid: PlaidConfig): boolean {
  return plaid.env === 'emulator' && !plaid.baseUrl;
}

/** The Plaid emulator as the configuration asks for it: the configured keys, its state kept in DATA_DIR. */
export function startConfiguredEmulator(config: Pick<AppConfig, 'plaid' | 'dataDir'>, logger: Logger): Promise<RunningEmulator> {
  return startEmulator({
    port: config.plaid.emulatorPort,
    clientId: config.plaid.clientId,
    secret: config.plaid.secret,
    dataDir: config.dataDir,
    logger: logger.child({ component: 'plaid-emulator' }),
  });
}
