#!/usr/bin/env node
import pino from 'pino';
import { EmulatorEnvError, emulatorOptionsFromEnv } from './server/emulator-env';
import { startEmulator } from './server/emulator-server';
import { emulatorUsage } from './server/emulator-usage';

/** The `plaid-emulator` bin (`npm run emulator` in the gateway): the Plaid emulator on its own, configured from the environment. */
async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(emulatorUsage());
    return;
  }
  let options;
  try {
    options = emulatorOptionsFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof EmulatorEnvError)) throw error;
    process.stderr.write(`plaid-emulator: ${error.message}\n`);
    process.exit(1);
  }
  const logger = pino({ name: 'plaid-emulator', level: process.env.LOG_LEVEL ?? 'info' });
  let emulator;
  try {
    emulator = await startEmulator({ ...options, logger });
  } catch (error) {
    process.stderr.write(`plaid-emulator: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping Plaid emulator');
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Plaid emulator did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
