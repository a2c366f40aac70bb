import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino, { type Logger } from 'pino';
import { mountControlRoutes } from '../control/control-routes';
import { AdjustableClock, DAY_MS, type EmulatorClock } from '../state/emulator-clock';
import { EmulatorControl } from '../control/emulator-control';
import type { EmulatorServices } from './emulator-services';
import { EmulatorState } from '../state/emulator-state';
import { EmulatorStateStore } from '../state/emulator-state-store';
import { FaultInjector } from '../control/fault-injector';
import { ItemWebhookSender } from '../webhooks/item-webhooks';
import { mountLinkPage } from '../link/link-page';
import { mountPlaidEndpoints, sendPlaidError } from './plaid-endpoint';
import { plaidEndpoints } from '../api/plaid-endpoints';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { newRequestId } from '../state/plaid-id';
import { RateLimiter, type RateLimitSettings } from './rate-limiter';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { WebhookKeyRing } from '../webhooks/webhook-key-ring';

export interface EmulatorOptions {
  /** 0 = any free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  clientId: string;
  secret: string;
  /** Persist state under `${dataDir}/emulator/`; undefined = memory only. */
  dataDir?: string;
  /** Same seed, same data. Absent: a random seed, kept with the state so a restart keeps it. */
  seed?: string;
  /** Multiplies Plaid's webhook retry delays (30 s, x4 each time, for 24 h); default 1. */
  webhookRetryDelayScale?: number;
  /** How long a webhook receiver has to answer; default Plaid's 10 s. */
  webhookTimeoutMs?: number;
  /**
   * How long a new Item's initial transactions pull takes: until then /transactions/get and
   * /transactions/recurring/get answer PRODUCT_NOT_READY, /transactions/sync NOT_READY, and
   * INITIAL_UPDATE / HISTORICAL_UPDATE wait. Default 0 (ready at once).
   */
  initialPullDelayMs?: number;
  /** Per-Item rate limits over Plaid's defaults; false lifts them all. */
  rateLimits?: RateLimitSettings;
  logger?: Logger;
  /** Time source (tests); the control API can still move it forward. */
  clock?: EmulatorClock;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  /** Client for this emulator's control API. */
  control: EmulatorControl;
  /** Stops the server and pending webhook deliveries, and flushes state. */
  close(): Promise<void>;
}

/** Expired public and link tokens are kept this long, so using one still says "expired". */
const EXPIRED_TOKEN_GRACE_MS = DAY_MS;

function validateOptions(options: EmulatorOptions): void {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new RangeError(`emulator port must be an integer from 0 to 65535, got ${options.port}`);
  }
  if (!options.clientId || !options.secret) throw new RangeError('emulator needs a client id and a secret');
  const scale = options.webhookRetryDelayScale ?? 1;
  if (!(scale > 0)) throw new RangeError('webhookRetryDelayScale must be a positive number');
  const timeout = options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  if (!(timeout > 0)) throw new RangeError('webhookTimeoutMs must be a positive number');
  const pullDelay = options.initialPullDelayMs ?? 0;
  if (!Number.isInteger(pullDelay) || pullDelay < 0) throw new RangeError('initialPullDelayMs must be a non-negative integer');
}

/** Starts the Plaid emulator: Plaid's API, the control API under /emulator and hosted Link under /link. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  validateOptions(options);
  const logger = options.logger ?? pino({ name: 'plaid-emulator' });
  const host = options.host ?? '127.0.0.1';
  const clock = new AdjustableClock(options.clock);
  const opened = options.dataDir === undefined ? null : await EmulatorStateStore.open(options.dataDir, logger);
  const persisted = opened?.persisted ?? null;
  if (persisted && options.seed !== undefined && options.seed !== persisted.seed) {
    logger.warn(
      { seed: persisted.seed },
      'keeping the seed stored with the emulator state; the configured seed applies to a fresh DATA_DIR',
    );
  }
  const state = new EmulatorState(persisted?.seed ?? options.seed ?? randomBytes(8).toString('hex'), persisted ?? undefined);
  const keyRing = new WebhookKeyRing(persisted?.webhook_keys ?? [], clock.now());
  const dispatcher = new WebhookDispatcher({
    keyRing,
    clock,
    retryDelayScale: options.webhookRetryDelayScale ?? 1,
    timeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    logger,
  });
  let baseUrl = '';
  const services: EmulatorServices = {
    state,
    clock,
    keyRing,
    dispatcher,
    webhooks: new ItemWebhookSender(dispatcher, clock),
    rateLimiter: new RateLimiter(clock, options.rateLimits),
    faults: new FaultInjector(state.seed),
    initialPullDelayMs: options.initialPullDelayMs ?? 0,
    logger,
    persist: () =>
      opened?.store.schedule(() => {
        state.pruneExpiredTokens(clock.now(), EXPIRED_TOKEN_GRACE_MS);
        return state.toPersisted(keyRing.stored());
      }),
    baseUrl: () => baseUrl,
  };
  const credentials = { clientId: options.clientId, secret: options.secret };

  const app = express();
  app.disable('x-powered-by');
  // Plaid sends no ETags, and hashing every 600 kB sync page would cost throughput.
  app.disable('etag');
  mountControlRoutes(app, services, credentials);
  mountLinkPage(app, services);
  mountPlaidEndpoints(app, plaidEndpoints, services, credentials);
  // Plaid answers an unknown path with a Plaid error too.
  app.use((_req, res) => {
    sendPlaidError(res, EmulatedPlaidError.of('NOT_FOUND', { message: 'not found' }), newRequestId(), services);
  });

  const server = app.listen(options.port, host);
  // Node's clients keep an idle socket for about as long as Node's server does (5 s), so on a busy
  // machine a request can go out on a socket the server is just closing and be reset. Like a
  // load balancer in front of Plaid, outlast the clients' idle time.
  server.keepAliveTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await opened?.store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  services.persist();
  logger.info(
    { url: baseUrl, persisted: opened?.store.directory ?? null, items: persisted?.items.length ?? 0 },
    'Plaid emulator listening',
  );

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    port,
    control: new EmulatorControl(baseUrl, credentials),
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await dispatcher.close();
        await stopped;
        services.persist();
        await opened?.store.close();
      })();
      return closing;
    },
  };
}
