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
import { startEmulator, type RunningEmulator } from '../emulator/emulator-server';
import { JobQueue, QueueName } from '../jobs/job-queue';
import { syncJobHandler } from '../jobs/sync-job.handler';
import { syncSweepHandler } from '../jobs/sync-sweep.handler';
import { webhookJobHandler } from '../jobs/webhook-job.handler';
import { WebhookVerifier } from '../plaid/webhook-verifier';
import { PlaidClient, type PlaidCallObserver } from '../plaid/plaid-client';
import { createGatewayPubSub } from '../pubsub/gateway-pubsub';
import { TokenCipher } from '../security/token-cipher';
import { DomainError } from '../errors/domain-error';
import { formatClientError } from '../errors/error-mapping';
import { buildGatewaySchema } from '../schema/build-schema';
import { createServices, type Services } from '../services/services';
import { errorLoggingPlugin } from './error-logging.plugin';
import { createGraphQLContext, type GraphQLContext } from './graphql-context';
import { partialErrorsPlugin } from './partial-errors';
import { healthRoutes, type HealthState } from './health-routes';
import { createOriginPolicy } from './origin-policy';
import { requestIdFor } from './request-id';
import { attachWebSocketServer } from './websocket-server';
import { isWebhookRequest, WEBHOOK_PATH, webhookRoute, type WebhookObserver } from './webhook-route';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { metricsRoute } from '../metrics/metrics-route';
import { operationMetricsPlugin } from '../metrics/operation-metrics.plugin';
import { plaidCallObserver } from '../metrics/plaid-call-observer';
import { trackWebSocketConnections } from '../metrics/websocket-connections';
import { corsPolicy } from './cors-policy';
import { explorerRoutes } from './explorer-route';
import { OperationGuard } from './operation-guard';
import { operationGuardPlugin } from './operation-guard.plugin';
import { operationLimits } from './operation-limits';
import { OperationRateLimiter } from './operation-rate-limiter';
import { jsonBody } from './request-body';
import { SchemaVisibility } from './schema-visibility';
import { securityHeaders } from './security-headers';
import { webSocketOperationHooks } from './websocket-operation-hooks';

export interface Gateway {
  /** http://host:port of the running server. */
  url: string;
  /** Where the Plaid client is pointed: PLAID_BASE_URL, the in-process emulator, or Plaid's own host. */
  plaidBaseUrl?: string;
  /** The in-process emulator, when this gateway started one. */
  emulator?: RunningEmulator;
  dataSource: DataSource;
  services: Services;
  jobs: JobQueue;
  secrets: RuntimeSecrets;
  /** This gateway's Prometheus registry and recording functions (GET /metrics). */
  metrics: GatewayMetrics;
  /** Graceful: stop accepting, drain HTTP and WebSocket, then release the database. Idempotent. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Sees every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** Sees every Plaid call's endpoint, outcome and duration (no request data). */
  onPlaidCall?: PlaidCallObserver;
  /** Sees every webhook's type, code and intake outcome. */
  onWebhook?: WebhookObserver;
  /** Tests only: runs inside a sync's transaction just before it commits. */
  beforeSyncCommit?: (itemId: string) => Promise<void>;
}

const SHUTDOWN_GRACE_MS = 8_000;
/** Stored webhooks acted on per job fetch: a burst costs a few statements per batch rather than per webhook. */
const WEBHOOK_BATCH = 100;

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
    const metrics = new GatewayMetrics(logger);
    const emulatorInProcess = config.plaid.env === 'emulator' && !config.plaid.baseUrl;
    if (!config.databaseUrl || emulatorInProcess) {
      // The embedded database and the emulator both keep their state in DATA_DIR.
      const release = await lockDataDir(config.dataDir);
      onClose('release DATA_DIR', release);
    }

    const database = await openDatabase(config, secrets.embeddedDatabasePassword, logger, options.onQuery);
    const { dataSource } = database;
    onClose('close the database', database.close);

    let plaidBaseUrl = config.plaid.baseUrl;
    let runningEmulator: RunningEmulator | undefined;
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
      runningEmulator = emulator;
    }

    const pubSub = await createGatewayPubSub(config.redisUrl, logger);
    onClose('close pub/sub', pubSub.close);
    const jobs = await JobQueue.start({
      databaseUrl: database.url,
      schema: config.jobs.schema,
      logger: logger.child({ component: 'jobs' }),
      sweepCron: `*/${config.jobs.sweepIntervalMinutes} * * * *`,
    });
    onClose('stop job workers', () => jobs.stop(SHUTDOWN_GRACE_MS));
    const plaid = new PlaidClient({ config: config.plaid, baseUrl: plaidBaseUrl, logger: logger.child({ component: 'plaid' }), onCall: plaidCallObserver(metrics, options.onPlaidCall) });
    const services = createServices({
      dataSource,
      plaid,
      cipher: new TokenCipher(secrets.tokenEncryptionKeys),
      pubSub: pubSub.pubSub,
      jobs,
      config,
      logger,
      beforeSyncCommit: options.beforeSyncCommit,
      onSync: (sync) => metrics.recordSync({ ...sync, outcome: sync.outcome === 'ok' ? 'committed' : 'failed' }),
    });
    metrics.setQueueDepthSource(() => jobs.depth());
    await jobs.work(QueueName.TransactionsSync, syncJobHandler(services.sync, logger), 2);
    await jobs.work(QueueName.SyncSweep, syncSweepHandler(services.items, jobs, config.jobs.staleAfterMinutes, logger));
    await jobs.workBatches(QueueName.WebhookEvent, webhookJobHandler(services.webhookProcessor), WEBHOOK_BATCH);
    const webhookVerifier = new WebhookVerifier(plaid, logger.child({ component: 'webhook-verifier' }));
    const verifier = TokenVerifier.create(config.auth, secrets.authJwtSecret);
    const schema = await buildGatewaySchema(services, pubSub.pubSub);
    const health: HealthState = { shuttingDown: false };
    const isOriginAllowed = createOriginPolicy(config);
    const visibility = new SchemaVisibility(config.isProduction, config.partnerScope);
    const rateLimiter = await OperationRateLimiter.create({
      operations: config.limits.rateLimitOperations,
      windowSeconds: config.limits.rateLimitWindowSeconds,
      redisUrl: config.redisUrl,
      logger,
    });
    onClose('close the rate limiter', () => rateLimiter.close());
    const guard = new OperationGuard({ schema, limits: operationLimits(config.limits), maxPageSize: config.limits.maxPageSize, visibility, rateLimiter });

    const app = express();
    app.disable('x-powered-by');
    const webhooks = webhookRoute({
      verifier: webhookVerifier,
      intake: services.webhookIntake,
      logger: logger.child({ component: 'webhooks' }),
      observe: (webhook) => {
        metrics.recordWebhook(webhook);
        options.onWebhook?.(webhook);
      },
      onResponse: ({ method, statusCode, durationSeconds }) => metrics.recordHttpRequest({ method, route: WEBHOOK_PATH, statusCode, durationSeconds }),
    });
    const httpServer = createServer((req, res) => (isWebhookRequest(req) ? webhooks(req, res) : app(req, res)));
    const { wsServer, graphqlWs } = attachWebSocketServer({
      httpServer,
      schema,
      verifier,
      services,
      pubSub: pubSub.pubSub,
      logger,
      isOriginAllowed,
      hooks: webSocketOperationHooks(guard, metrics),
      maxPayloadBytes: config.limits.maxRequestBytes,
    });
    trackWebSocketConnections(wsServer, metrics);

    const apollo = new ApolloServer<GraphQLContext>({
      schema,
      csrfPrevention: true,
      // Introspection is decided per caller (SchemaVisibility), not by Apollo's NODE_ENV default.
      introspection: true,
      parseOptions: guard.limits.parseOptions,
      validationRules: guard.limits.validationRules,
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
        partialErrorsPlugin(),
        operationGuardPlugin(guard),
        operationMetricsPlugin(metrics),
      ],
    });
    await apollo.start();
    onClose('drain HTTP and WebSocket', async () => {
      health.shuttingDown = true;
      await apollo.stop();
    });

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
    app.use(httpMetricsMiddleware(metrics), securityHeaders({ httpsOnly: config.publicUrl.startsWith('https:') }), corsPolicy(isOriginAllowed));
    app.use(healthRoutes(dataSource, health));
    app.use(metricsRoute(metrics));
    app.use(
      explorerRoutes({
        visibility,
        verifier,
        auth: config.auth,
        developmentSecret: config.isProduction ? undefined : secrets.authJwtSecret,
        logger,
      }),
    );
    app.use(
      '/graphql',
      ...jsonBody(config.limits.maxRequestBytes),
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
          return createGraphQLContext({ requestId, user, logger: req.log, services, pubSub: pubSub.pubSub });
        },
      }),
    );

    await listen(httpServer, config.port, config.host);
    const address = httpServer.address() as AddressInfo;
    const host = address.family === 'IPv6' ? (address.address === '::' ? 'localhost' : `[${address.address}]`) : address.address === '0.0.0.0' ? 'localhost' : address.address;
    const url = `http://${host}:${address.port}`;
    logger.info({ url, plaidBaseUrl, plaidEnv: config.plaid.env }, 'gateway listening');
    // Plaid may be slow or down; start-up does not wait for the webhook move.
    void services.webhookUrls.run().then(
      ({ moved, failed }) => (moved || failed) && logger.info({ moved, failed }, 'moved Item webhooks to PUBLIC_URL'),
      (error: unknown) => logger.error({ err: error }, 'moving Item webhooks failed'),
    );

    let closing: Promise<void> | undefined;
    return {
      url,
      plaidBaseUrl,
      emulator: runningEmulator,
      dataSource,
      services,
      jobs,
      secrets,
      metrics,
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
