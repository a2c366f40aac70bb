import './graphql-production-mode';
import 'reflect-metadata';
import { issueToken } from './auth/token-issuer';
import { loadConfigOrExit } from './cli/exit-on-config-error';
import { exitOnStartFailure } from './cli/exit-on-start-failure';
import { stopOnSignal } from './cli/stop-on-signal';
import { createLogger } from './logging/logger';
import { DEVELOPMENT_USER_ID } from './server/development-token';
import { startGateway } from './server/gateway';
import { startBanner } from './server/start-banner';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  // A promise some library left without a handler is a bug to log, not a reason to drop every user's connection.
  process.on('unhandledRejection', (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let gateway;
  let fatal = false;
  try {
    gateway = await startGateway(config, logger, {
      // The same graceful path as a signal, then a non-zero exit so the process's supervisor restarts it.
      onFatal: () => {
        fatal = true;
        process.kill(process.pid, 'SIGTERM');
      },
    });
  } catch (error) {
    exitOnStartFailure(error, logger);
  }

  const developmentToken =
    gateway.secrets.authSecretGenerated && gateway.secrets.authJwtSecret
      ? { userId: DEVELOPMENT_USER_ID, token: await issueToken(gateway.secrets.authJwtSecret, config.auth, DEVELOPMENT_USER_ID) }
      : undefined;
  process.stdout.write(startBanner({ url: gateway.url, demo: !config.isProduction, developmentToken }));

  stopOnSignal({
    logger,
    stopping: 'shutting down',
    deadlineMs: SHUTDOWN_DEADLINE_MS,
    stop: async () => {
      await gateway.close();
      return fatal ? 1 : 0;
    },
  });
}

void main();
