import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import type { RunningEmulator } from 'plaid-emulator';
import type { DataSource } from 'typeorm';
import { TokenVerifier } from '../auth/token-verifier';
import type { AppConfig } from '../config/config';
import { resolveRuntimeSecrets, type RuntimeSecrets } from '../config/development-secrets';
import { lockDataDir } from '../database/data-dir-lock';
import { openDatabase } from '../database/database';
import { JobQueue } from '../jobs/job-queue';
import { startJobWorkers } from '../workers/job-workers';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ReadPlanner } from '../read-planner/read-planner';
import { PlannedReadRepository } from '../repositories/planned-read.repository';
import { ReadPath } from './read-path';
import { plaidCallObserver } from '../metrics/plaid-call-observer';
import { trackWebSocketConnections } from '../metrics/websocket-connections';
import { PlaidClient, type PlaidCallObserver } from '../plaid/plaid-client';
import { PlaidHealth } from '../plaid/plaid-health';
import { runsEmulatorInProcess, startConfiguredEmulator } from '../plaid/in-process-emulator';
import { WebhookVerifier } from '../plaid/webhook-verifier';
import { createGatewayPubSub } from '../pubsub/gateway-pubsub';
import { buildGatewaySchema } from './build-schema';
import { TokenCipher } from '../security/token-cipher';
import { createServices, type Services } from '../services/services';
import { WEBHOOK_PATH } from '../services/webhook-url';
import { createApolloServer } from './apollo-server';
import type { HealthState } from './health-routes';
import { mountHttpRoutes } from './http-routes';
import { proxyTrust } from './client-address';
import { OperationGuard } from './operation-guard';
import { operationLimits } from './operation-limits';
import { OperationRateLimiter } from './operation-rate-limiter';
import { createPersistedQueries } from './persisted-query-cache';
import { createOriginPolicy } from './origin-policy';
import { SchemaVisibility } from './schema-visibility';
import { TrustedDocuments } from './trusted-documents';
import { webSocketOperationHooks } from './websocket-operation-hooks';
import { attachWebSocketServer } from './websocket-server';
import { sseRoute } from './sse-route';
import { isWebhookRequest, webhookRoute, type WebhookObserver } from './webhook-route';

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
  /** Settles once the start's background move of Items' webhooks to PUBLIC_URL has ended (never rejects). */
  webhooksMoved: Promise<void>;
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
  /** The gateway cannot go on (its embedded PostgreSQL died for good): the caller shuts down and exits non-zero. */
  onFatal?: (error: Error) => void;
  /** Tests only: runs inside a sync's transaction just before it commits. */
  beforeSyncCommit?: (itemId: string) => Promise<void>;
  /** Tests only: false runs no job workers (jobs are queued and wait), to show what happens before any job runs. */
  jobWorkers?: boolean;
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
    const metrics = new GatewayMetrics(logger);
    const emulatorInProcess = runsEmulatorInProcess(config.plaid);
    if (!config.databaseUrl || emulatorInProcess) {
      // The embedded database and the emulator both keep their state in DATA_DIR.
      const release = await lockDataDir(config.dataDir);
      onClose('release DATA_DIR', release);
    }

    const database = await openDatabase(config, secrets.embeddedDatabasePassword, logger, options.onQuery, (error) => {
      logger.fatal({ err: error }, 'embedded PostgreSQL is gone and did not restart');
      options.onFatal?.(error);
    });
    const { dataSource } = database;
    onClose('close the database', database.close);

    let plaidBaseUrl = config.plaid.baseUrl;
    let runningEmulator: RunningEmulator | undefined;
    if (emulatorInProcess) {
      const emulator = await startConfiguredEmulator(config, logger);
      onClose('stop the Plaid emulator', () => emulator.close());
      plaidBaseUrl = emulator.url;
      runningEmulator = emulator;
    }

    const pubSub = createGatewayPubSub();
    const jobs = await JobQueue.start({
      databaseUrl: database.url,
      schema: config.jobs.schema,
      logger: logger.child({ component: 'jobs' }),
      sweepCron: `*/${config.jobs.sweepIntervalMinutes} * * * *`,
    });
    onClose('stop job workers', () => jobs.stop(SHUTDOWN_GRACE_MS));
    const plaidHealth = new PlaidHealth();
    const onPlaidCall: PlaidCallObserver = (call) => {
      plaidHealth.observe(call);
      options.onPlaidCall?.(call);
    };
    const plaid = new PlaidClient({
      config: config.plaid,
      baseUrl: plaidBaseUrl,
      logger: logger.child({ component: 'plaid' }),
      onCall: plaidCallObserver(metrics, onPlaidCall),
    });
    const services = createServices({
      dataSource,
      databaseUrl: database.url,
      plaid,
      cipher: new TokenCipher(secrets.tokenEncryptionKeys),
      pubSub,
      jobs,
      config,
      logger,
      beforeSyncCommit: options.beforeSyncCommit,
      onSync: (sync) => metrics.recordSync({ ...sync, outcome: sync.outcome === 'ok' ? 'committed' : 'failed' }),
    });
    await services.relay.start();
    onClose('stop the event relay', () => services.relay.close());
    metrics.setQueueDepthSource(() => jobs.depth());
    metrics.setWebhookDeliverySource(() => services.webhookProcessor.unsettledCounts());
    if (options.jobWorkers !== false) await startJobWorkers(jobs, services, config, logger);
    const webhookVerifier = new WebhookVerifier(plaid, logger.child({ component: 'webhook-verifier' }), {
      unknownKeyLookupsPerMinute: config.webhookKeyLookupsPerMinute,
    });
    const verifier = TokenVerifier.create(config.auth, secrets.authJwtSecret);
    const schema = await buildGatewaySchema(services, pubSub);
    const health: HealthState = {
      shuttingDown: false,
      ownedDatabaseAlive: database.alive,
      redis: () => rateLimiter.redisState(),
      plaid: () => plaidHealth.current,
      webhooks: () => services.webhookProcessor.unsettledCounts(),
    };
    const isOriginAllowed = createOriginPolicy(config);
    const visibility = new SchemaVisibility(config.isProduction, config.partnerScope);
    const rateLimiter = await OperationRateLimiter.create({
      operations: config.limits.rateLimitOperations,
      anonymousOperations: config.limits.rateLimitAnonymousOperations,
      windowSeconds: config.limits.rateLimitWindowSeconds,
      redisUrl: config.redisUrl,
      logger,
    });
    onClose('close the rate limiter', () => rateLimiter.close());
    const trustedDocuments = config.trustedDocuments && new TrustedDocuments(config.trustedDocuments, config.partnerScope);
    const guard = new OperationGuard({
      schema,
      limits: operationLimits(config.limits),
      maxPageSize: config.limits.maxPageSize,
      maxCost: config.limits.maxCost,
      maxPlaidFields: config.limits.maxPlaidFields,
      plaidFieldPoints: config.limits.plaidFieldRateLimitPoints,
      visibility,
      rateLimiter,
      trustedDocuments,
    });

    const trust = proxyTrust(config.trustProxy);
    const app = express();
    app.disable('x-powered-by');
    // req.ip believes X-Forwarded-For only from the proxies TRUST_PROXY names; the WebSocket applies the same function.
    app.set('trust proxy', trust);
    const webhooks = webhookRoute({
      verifier: webhookVerifier,
      intake: services.webhookIntake,
      logger: logger.child({ component: 'webhooks' }),
      observe: (webhook) => {
        metrics.recordWebhook(webhook);
        options.onWebhook?.(webhook);
      },
      onResponse: ({ method, statusCode, durationSeconds }) =>
        metrics.recordHttpRequest({ method, route: WEBHOOK_PATH, statusCode, durationSeconds }),
    });
    // A client that trickles its headers or body in (slowloris) is cut off; Node checks these every second here, not every 30 s.
    const httpServer = createServer(
      {
        headersTimeout: config.http.headersTimeoutMs,
        requestTimeout: config.http.requestTimeoutMs,
        keepAliveTimeout: config.http.keepAliveTimeoutMs,
        connectionsCheckingInterval: 1_000,
      },
      (req, res) => {
        if (isWebhookRequest(req)) webhooks(req, res);
        else app(req, res);
      },
    );
    const { wsServer, graphqlWs } = attachWebSocketServer({
      httpServer,
      schema,
      verifier,
      services,
      pubSub,
      logger,
      isOriginAllowed,
      proxyTrust: trust,
      hooks: webSocketOperationHooks(guard, metrics, config.limits.maxDocumentBytes),
      maxPayloadBytes: config.limits.maxRequestBytes,
      maxBufferedBytes: config.subscriptions.maxBufferedBytes,
    });
    trackWebSocketConnections(wsServer, metrics);

    const persistedQueries = await createPersistedQueries(config.redisUrl, config.persistedQueries, logger, trustedDocuments);
    onClose('close the persisted query store', persistedQueries.close);
    const apollo = createApolloServer({
      schema,
      guard,
      metrics,
      httpServer,
      wsServer,
      graphqlWs,
      shutdownGraceMs: SHUTDOWN_GRACE_MS,
      persistedQueries,
      readPath: new ReadPath(
        config.readPlanner.enabled
          ? new ReadPlanner({
              schema,
              reads: new PlannedReadRepository(dataSource),
              maxPageSize: config.limits.maxPageSize,
              spending: config.spending,
              plansPerOperation: config.readPlanner.plansPerOperation,
            })
          : null,
        metrics,
      ),
    });
    await apollo.start();
    onClose('drain HTTP and WebSocket', async () => {
      health.shuttingDown = true;
      await apollo.stop();
    });

    const linkPageUrl = config.plaid.env === 'emulator' && plaidBaseUrl ? `${plaidBaseUrl}/link` : undefined;
    const eventStream = sseRoute({
      schema,
      verifier,
      guard,
      services,
      pubSub,
      metrics,
      logger,
      isOriginAllowed,
      maxRequestBytes: config.limits.maxRequestBytes,
      maxDocumentBytes: config.limits.maxDocumentBytes,
      maxBufferedBytes: config.subscriptions.maxBufferedBytes,
    });
    mountHttpRoutes(app, {
      config,
      secrets,
      logger,
      dataSource,
      services,
      pubSub,
      apollo,
      operationLimits: guard.limits,
      verifier,
      visibility,
      isOriginAllowed,
      metrics,
      health,
      eventStream,
      linkPageUrl,
    });

    await listen(httpServer, config.port, config.host);
    const address = httpServer.address() as AddressInfo;
    const host =
      address.family === 'IPv6'
        ? address.address === '::'
          ? 'localhost'
          : `[${address.address}]`
        : address.address === '0.0.0.0'
          ? 'localhost'
          : address.address;
    const url = `http://${host}:${address.port}`;
    logger.info({ url, plaidBaseUrl, plaidEnv: config.plaid.env }, 'gateway listening');
    // Plaid may be slow or down; start-up does not wait for the webhook move.
    const webhooksMoved = services.webhookUrls.run().then(
      ({ moved, failed }) => {
        if (moved || failed) logger.info({ moved, failed }, 'moved Item webhooks to PUBLIC_URL');
      },
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
      webhooksMoved,
      close: () => (closing ??= runCleanups()),
    };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
