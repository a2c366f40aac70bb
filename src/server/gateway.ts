import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import { TokenVerifier } from '../auth/token-verifier';
import type { AppConfig } from '../config/config';
import { resolveRuntimeSecrets, type RuntimeSecrets } from '../config/development-secrets';
import { lockDataDir } from '../database/data-dir-lock';
import { openDatabase } from '../database/database';
import { startEmulator } from '../emulator/emulator-server';
import { DomainError } from '../errors/domain-error';
import { formatClientError } from '../errors/error-mapping';
import { buildGatewaySchema } from '../schema/build-schema';
import { createServices } from '../services/services';
import { errorLoggingPlugin } from './error-logging.plugin';
import type { GraphQLContext } from './graphql-context';
import { healthRoutes, type HealthState } from './health-routes';
import { createOriginPolicy } from './origin-policy';
import { createRequestLoaders } from './request-loaders';
import { requestIdFor } from './request-id';
import { attachWebSocketServer } from './websocket-server';

export interface Gateway {
  /** http://host:port of the running server. */
  url: string;
  /** Where the Plaid client is pointed: PLAID_BASE_URL, the in-process emulator, or Plaid's own host. */
  plaidBaseUrl?: string;
  dataSource: DataSource;
  secrets: RuntimeSecrets;
  /** Graceful: stop accepting, drain HTTP and WebSocket, then release the database. Idempotent. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Sees every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

const SHUTDOWN_GRACE_MS = 8_000;

/** Starts everything the runtime contract promises, in dependency order; a failed start undoes itself. */
export async function startGateway(config: AppConfig, logger: Logger, options: GatewayOptions = {}): Promise<Gateway> {
  const cleanups: Array<{ name: string; run: () => Promise<unknown> }> = [];
  const onClose = (name: string, run: () => Promise<unknown>) => cleanups.unshift({ name, run });
  const runCleanups = async () => {
    for (const { name, run } of cleanups.splice(0)) {
      const started = performance.now();
      await run().then(
        () => logger.info({ step: name, ms: Math.round(performance.now() - started) }, 'shutdown step done'),
        (error: unknown) => logger.error({ err: error, step: name }, 'shutdown step failed'),
      );
    }
  };

  try {
    const secrets = await resolveRuntimeSecrets(config);
    const emulatorInProcess = config.plaid.env === 'emulator' && !config.plaid.baseUrl;
    if (!config.databaseUrl || emulatorInProcess) {
      // The embedded database and the emulator both keep their state in DATA_DIR.
      const release = await lockDataDir(config.dataDir);
      onClose('release DATA_DIR', release);
    }

    const { dataSource, close: closeDatabase } = await openDatabase(config, secrets.embeddedDatabasePassword, logger, options.onQuery);
    onClose('close the database', closeDatabase);

    let plaidBaseUrl = config.plaid.baseUrl;
    if (emulatorInProcess) {
      const emulator = await startEmulator({
        port: config.plaid.emulatorPort,
        clientId: config.plaid.clientId,
        secret: config.plaid.secret,
        dataDir: config.dataDir,
        logger: logger.child({ component: 'plaid-emulator' }),
      });
      onClose('stop the Plaid emulator', () => emulator.close());
      plaidBaseUrl = emulator.url;
    }

    const services = createServices(dataSource);
    const verifier = TokenVerifier.create(config.auth, secrets.authJwtSecret);
    const schema = await buildGatewaySchema(services);
    const health: HealthState = { shuttingDown: false };

    const app = express();
    app.disable('x-powered-by');
    const httpServer = createServer(app);
    const { wsServer, graphqlWs } = attachWebSocketServer({
      httpServer,
      schema,
      verifier,
      services,
      logger,
      isOriginAllowed: createOriginPolicy(config),
    });

    const apollo = new ApolloServer<GraphQLContext>({
      schema,
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      // The process owns shutdown (main.ts): Apollo's own signal handlers would race it.
      stopOnTerminationSignals: false,
      formatError: formatClientError,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: SHUTDOWN_GRACE_MS }),
        {
          async serverWillStart() {
            return {
              async drainServer() {
                await graphqlWs.dispose();
                for (const socket of wsServer.clients) socket.close(1001, 'Server shutting down');
                await new Promise<void>((resolve) => wsServer.close(() => resolve()));
              },
            };
          },
        },
        ApolloServerPluginLandingPageDisabled(),
        errorLoggingPlugin(),
      ],
    });
    await apollo.start();

    app.use(
      pinoHttp({
        logger,
        genReqId: (req, res) => {
          const id = requestIdFor(req);
          res.setHeader('X-Request-Id', id);
          return id;
        },
        customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
        customProps: (req) => ({ userId: (req as express.Request & { userId?: string }).userId }),
      }),
    );
    app.use(healthRoutes(dataSource, health));
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      expressMiddleware(apollo, {
        context: async ({ req }): Promise<GraphQLContext> => {
          const requestId = String(req.id);
          let user = null;
          try {
            user = await verifier.verifyAuthorization(req.headers.authorization);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            throw new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 401 } } });
          }
          if (user) (req as express.Request & { userId?: string }).userId = user.id;
          return { requestId, user, logger: req.log, loaders: createRequestLoaders(services) };
        },
      }),
    );

    await listen(httpServer, config.port, config.host);
    const address = httpServer.address() as AddressInfo;
    const host = address.family === 'IPv6' ? (address.address === '::' ? 'localhost' : `[${address.address}]`) : address.address === '0.0.0.0' ? 'localhost' : address.address;
    const url = `http://${host}:${address.port}`;
    onClose('drain HTTP and WebSocket', async () => {
      health.shuttingDown = true;
      await apollo.stop();
    });
    logger.info({ url, plaidBaseUrl, plaidEnv: config.plaid.env }, 'gateway listening');

    let closing: Promise<void> | undefined;
    return {
      url,
      plaidBaseUrl,
      dataSource,
      secrets,
      close: () => (closing ??= runCleanups()),
    };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
