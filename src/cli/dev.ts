import path from 'node:path';
import readline from 'node:readline';
import { createLogger } from '../logging/logger';
import { startDevelopmentServices } from '../dev/development-services';
import { GatewayChild } from '../dev/gateway-child';
import { watchTypeScript } from '../dev/typescript-watch';
import { loadConfigOrExit } from './exit-on-config-error';
import { exitOnStartFailure } from './exit-on-start-failure';
import { stopOnSignal } from './stop-on-signal';

// This file runs as dist/src/cli/dev.js.
const ROOT = path.resolve(__dirname, '../../..');
const COMPILED = path.join(ROOT, 'dist', 'src');
const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * `npm run dev`: the gateway, restarted whenever its TypeScript (src/) compiles anew, while
 * the embedded PostgreSQL, the Plaid emulator and DATA_DIR stay with this process, so data,
 * linked Items and tokens outlive every restart. Typing `rs` restarts it by hand.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const baseLogger = createLogger(config.logLevel);
  const logger = baseLogger.child({ component: 'dev' });
  const services = await startDevelopmentServices(config, baseLogger).catch((error: unknown) => exitOnStartFailure(error, logger));
  const gateway = new GatewayChild({ main: path.join(COMPILED, 'main.js'), env: { ...process.env, ...services.env }, logger });
  // Whatever ends this process, the gateway is not left running without its database.
  process.once('exit', () => gateway.signalStop());
  void gateway.restart('npm run dev');

  const compiler = watchTypeScript({
    root: ROOT,
    project: 'tsconfig.build.json',
    show: (line) => process.stderr.write(`${line}\n`),
    onPass: ({ errors, emitted }) => {
      const changed = emitted.filter((file) => file.startsWith(`${COMPILED}${path.sep}`) && file.endsWith('.js'));
      if (errors === 0 && changed.length > 0) {
        void gateway.restart(
          `${changed.length} compiled file(s) changed: ${changed.map((file) => path.relative(COMPILED, file)).join(', ')}`,
        );
      }
    },
  });
  const typed = readline.createInterface({ input: process.stdin });
  typed.on('line', (line) => {
    if (line.trim() === 'rs') void gateway.restart('rs typed');
  });
  process.stdout.write('npm run dev: the gateway restarts when src/ compiles anew (type rs to restart it now); its data stays.\n');

  stopOnSignal({
    logger,
    stopping: 'stopping the gateway, the emulator and PostgreSQL',
    deadlineMs: SHUTDOWN_DEADLINE_MS,
    stop: async () => {
      typed.close();
      await Promise.all([compiler.stop(), gateway.stop()]);
      await services.close();
      return 0;
    },
  });
}

void main();
