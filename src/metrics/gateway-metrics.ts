import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BoundedLabel } from './bounded-label';

export type Transport = 'http' | 'websocket' | 'sse';
export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';
export type OperationOutcome = 'ok' | 'error';
/**
 * accepted: stored and queued; duplicate: seen before; rejected: failed verification;
 * unavailable: not verifiable while Plaid's key endpoint is down (an outage, not a forgery); failed: an error.
 */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'rejected' | 'unavailable' | 'failed';
export type SyncOutcome = 'committed' | 'failed';

/** Queue name -> jobs waiting; read at every scrape. */
export type QueueDepthSource = () => Promise<Record<string, number>> | Record<string, number>;

/** Stored webhooks not acted on yet (pending) and given up after every retry (failed); read at every scrape. */
export type WebhookDeliverySource = () => Promise<{ pending: number; failed: number }>;

/** Operation names as sent by clients: GraphQL names, a bounded number of them. */
const MAX_OPERATION_NAMES = 200;
/** Routes are written in code; a margin over how many there are catches any the client's spelling could still add. */
const MAX_ROUTES = 50;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
/** Plaid's error codes and webhook types/codes: upper-case words. */
const PLAID_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PLAID_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SYNC_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * One Prometheus registry per gateway (tests run several gateways in one process) and the
 * typed ways to record into it. No label ever carries a user id, token or free text.
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  private readonly operationNames = new BoundedLabel(MAX_OPERATION_NAMES, GRAPHQL_NAME);
  private readonly plaidOutcomes = new BoundedLabel(100, PLAID_CODE);
  private readonly webhookTypes = new BoundedLabel(30, PLAID_CODE);
  private readonly webhookCodes = new BoundedLabel(100, PLAID_CODE);
  private readonly queueNames = new BoundedLabel(50, /^[\w.:-]{1,100}$/);
  private readonly routes = new BoundedLabel(MAX_ROUTES, /^[\w/:.*-]{1,200}$/);
  private queueDepthSource?: QueueDepthSource;
  private webhookDeliverySource?: WebhookDeliverySource;

  private readonly httpRequests = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly operations = new Histogram({
    name: 'gateway_graphql_operation_duration_seconds',
    help: 'GraphQL operations by name, type, transport and outcome (for subscriptions: until the stream is set up)',
    labelNames: ['operation_name', 'operation_type', 'transport', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly readPaths = new Counter({
    name: 'gateway_graphql_read_path_total',
    help: 'HTTP queries by the path that answered: planner (one PostgreSQL statement) or resolvers',
    labelNames: ['path'] as const,
    registers: [this.registry],
  });

  private readonly plaidCalls = new Histogram({
    name: 'gateway_plaid_request_duration_seconds',
    help: 'Calls to Plaid by endpoint and outcome (ok or the Plaid error code); retries count as calls',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: PLAID_BUCKETS,
    registers: [this.registry],
  });

  private readonly webhooks = new Counter({
    name: 'gateway_webhooks_total',
    help: 'Plaid webhooks received, by webhook type, code and outcome',
    labelNames: ['webhook_type', 'webhook_code', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly syncs = new Histogram({
    name: 'gateway_sync_duration_seconds',
    help: 'Transaction syncs of one Item, by outcome',
    labelNames: ['outcome'] as const,
    buckets: SYNC_BUCKETS,
    registers: [this.registry],
  });

  private readonly syncRows = new Counter({
    name: 'gateway_sync_transactions_total',
    help: 'Transactions written by committed syncs, by change (added, modified, removed)',
    labelNames: ['change'] as const,
    registers: [this.registry],
  });

  private readonly webSocketConnections = new Gauge({
    name: 'gateway_websocket_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });

  private readonly activeSubscriptions = new Gauge({
    name: 'gateway_graphql_subscriptions_active',
    help: 'GraphQL subscriptions currently streaming',
    registers: [this.registry],
  });

  constructor(private readonly logger: Logger) {
    collectDefaultMetrics({ register: this.registry });
    const queueDepth: Gauge<'queue'> = new Gauge({
      name: 'gateway_job_queue_depth',
      help: 'Jobs waiting in each queue, read at scrape time',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      collect: async () => {
        queueDepth.reset();
        const depths = await this.readQueueDepths();
        for (const [queue, depth] of Object.entries(depths)) queueDepth.set({ queue: this.queueNames.of(queue) }, depth);
      },
    });
    const webhookDeliveries: Gauge<'state'> = new Gauge({
      name: 'gateway_webhook_deliveries',
      help: 'Stored webhooks by state: pending (not acted on yet) or failed (every retry failed; kept WEBHOOK_FAILED_RETENTION_DAYS)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect: async () => {
        webhookDeliveries.reset();
        const counts = await this.readSource('webhook deliveries', this.webhookDeliverySource);
        if (counts) for (const state of ['pending', 'failed'] as const) webhookDeliveries.set({ state }, counts[state]);
      },
    });
  }

  recordHttpRequest(request: { method: string; route: string; statusCode: number; durationSeconds: number }): void {
    this.httpRequests.observe(
      { method: request.method, route: this.routes.of(routeLabel(request.route)), status_code: String(request.statusCode) },
      request.durationSeconds,
    );
  }

  /**
   * `name` undefined: the operation never resolved (parse or validation failed); null: it has no
   * name. Only a signed-in caller's names become label values: anyone else could fill the
   * bounded set of names for good with invented ones.
   */
  recordOperation(operation: {
    name: string | null | undefined;
    authenticated: boolean;
    type: OperationType;
    transport: Transport;
    outcome: OperationOutcome;
    durationSeconds: number;
  }): void {
    const name =
      operation.name === undefined
        ? 'unresolved'
        : operation.name === null
          ? 'anonymous'
          : operation.authenticated
            ? this.operationNames.of(operation.name)
            : 'unauthenticated';
    this.operations.observe(
      { operation_name: name, operation_type: operation.type, transport: operation.transport, outcome: operation.outcome },
      operation.durationSeconds,
    );
  }

  recordReadPath(path: 'planner' | 'resolvers'): void {
    this.readPaths.inc({ path });
  }

  recordPlaidCall(call: { endpoint: string; outcome: string; durationSeconds: number }): void {
    const outcome = call.outcome === 'ok' ? 'ok' : this.plaidOutcomes.of(call.outcome);
    this.plaidCalls.observe({ endpoint: call.endpoint, outcome }, call.durationSeconds);
  }

  /** Type and code come from the webhook body, which may be unverified: they are bounded here. */
  recordWebhook(webhook: { type: string; code: string; outcome: WebhookOutcome }): void {
    this.webhooks.inc({
      webhook_type: this.webhookTypes.of(webhook.type),
      webhook_code: this.webhookCodes.of(webhook.code),
      outcome: webhook.outcome,
    });
  }

  recordSync(sync: { durationSeconds: number; added: number; modified: number; removed: number; outcome: SyncOutcome }): void {
    this.syncs.observe({ outcome: sync.outcome }, sync.durationSeconds);
    if (sync.outcome !== 'committed') return;
    this.syncRows.inc({ change: 'added' }, sync.added);
    this.syncRows.inc({ change: 'modified' }, sync.modified);
    this.syncRows.inc({ change: 'removed' }, sync.removed);
  }

  /** The job queue reports its depth through this callback, read at every scrape. */
  setQueueDepthSource(source: QueueDepthSource): void {
    this.queueDepthSource = source;
  }

  /** The stored webhooks' states, read at every scrape. */
  setWebhookDeliverySource(source: WebhookDeliverySource): void {
    this.webhookDeliverySource = source;
  }

  webSocketOpened(): void {
    this.webSocketConnections.inc();
  }

  webSocketClosed(): void {
    this.webSocketConnections.dec();
  }

  subscriptionStarted(): void {
    this.activeSubscriptions.inc();
  }

  subscriptionEnded(): void {
    this.activeSubscriptions.dec();
  }

  /** The Prometheus text exposition of everything above. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async readQueueDepths(): Promise<Record<string, number>> {
    return (await this.readSource('the job queue depth', this.queueDepthSource)) ?? {};
  }

  private async readSource<T>(what: string, source: (() => Promise<T> | T) | undefined): Promise<T | undefined> {
    if (!source) return undefined;
    try {
      return await source();
    } catch (error) {
      // One failing source must not cost the operator every other metric of the scrape.
      this.logger.warn({ err: error }, `reading ${what} for /metrics failed`);
      return undefined;
    }
  }
}

/**
 * Express matches paths case-insensitively and with or without a trailing slash, and keeps the
 * client's spelling in `baseUrl`: `/GraphQL/` and `/graphql` are one route, so one series.
 */
function routeLabel(route: string): string {
  return route.toLowerCase().replace(/(.)\/+$/, '$1');
}
