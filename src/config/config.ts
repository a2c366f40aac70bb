import type { CountryCode, Products } from 'plaid';
import { DEFAULT_EMULATOR_CLIENT_ID, DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_SECRET } from 'plaid-emulator';
import { isLoopbackHostname } from '../security/loopback';
import { ConfigError } from './config-error';
import { configReader, type ReadValue } from './config-variable';
import * as variable from './config-variables';
import type { EncryptionKey } from './encryption-keys';
import type { TrustedDocumentsManifest } from './trusted-documents-manifest';
import type { TrustProxy } from './trust-proxy';

export type NodeEnvironment = 'development' | 'test' | 'production';
export type PlaidEnvironment = 'emulator' | 'sandbox' | 'production';

export interface PlaidConfig {
  env: PlaidEnvironment;
  clientId: string;
  secret: string;
  /** Set when PLAID_BASE_URL was given: then no emulator is started. */
  baseUrl?: string;
  emulatorPort: number;
  products: Products[];
  countryCodes: CountryCode[];
  clientName: string;
  timeoutMs: number;
  /** A call a user waits for (a GraphQL operation) gives up after this long, retries included. */
  interactiveDeadlineMs: number;
}

export interface AuthConfig {
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  jwtSecret?: string;
  /** AUTH_VERIFIED_TOKENS: how many verified tokens are taken on trust for a minute; 0 or unset verifies every time. */
  verifiedTokens?: number;
}

/** What one operation, request or user may ask of the gateway, on HTTP and WebSocket alike. */
export interface EdgeLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** See server/field-merge-work.ts. */
  maxMergeWork: number;
  /** graphql-js's `maxErrors`: each error past a few is work for nobody. */
  maxValidationErrors: number;
  /** Largest `first` any field may be asked for. */
  maxPageSize: number;
  /** Fields that call Plaid one operation may select. */
  maxPlaidFields: number;
  /** Largest HTTP request body and WebSocket message. */
  maxRequestBytes: number;
  /** Largest GraphQL document text, on every transport, before it is parsed. */
  maxDocumentBytes: number;
  /** Operations one user may start per window. */
  rateLimitOperations: number;
  rateLimitWindowSeconds: number;
  /** Operations callers without a token may start per window from one client address. */
  rateLimitAnonymousOperations: number;
  /** What each field that calls Plaid takes from the budget, beyond its operation's 1. */
  plaidFieldRateLimitPoints: number;
}

/** What subscriptions may hold in one process: slots per WebSocket and per user, and a resume's replay page. */
export interface SubscriptionLimits {
  perConnection: number;
  /** Counted in this process: instances do not share their counts. */
  perUser: number;
  replayPageSize: number;
  /** A subscriber's socket with more than this waiting to be sent is closed: it resumes with `after`. */
  maxBufferedBytes: number;
}

/** What automatic persisted queries may keep: only signed-in callers register, each up to a quota. */
export interface PersistedQueryLimits {
  /** A registration is kept this long after it was last made. */
  ttlSeconds: number;
  /** Registrations kept at most, across all users. */
  maxEntries: number;
  /** New registrations one user may make per `ttlSeconds`. */
  registrationsPerUser: number;
}

/** Durable jobs and the sweep that catches Items whose webhooks were lost. */
export interface JobsConfig {
  /** pg-boss's own schema in the gateway's database. */
  schema: string;
  sweepIntervalMinutes: number;
  /** An Item not synced for this long is synced by the sweep. */
  staleAfterMinutes: number;
  /** Events, transaction changes and webhook records older than this are pruned (daily). */
  changeRetentionDays: number;
  /** Webhook records that FAILED are kept this long instead. */
  failedWebhookRetentionDays: number;
}

/** How many syncs run at once; the rest queue in the process (a sync holds no connection while it waits or fetches). */
export interface SyncConfig {
  concurrency: number;
  concurrencyPerUser: number;
}

/** Every wait on the database has a bound, so a frozen or dead one gives typed errors, not hung requests. */
export interface DatabaseTimeouts {
  /** Longest wait for a pooled connection. */
  acquireTimeoutMs: number;
  /** PostgreSQL's statement_timeout; the client also stops waiting for an answer a second after it. */
  statementTimeoutMs: number;
}

/** Node's HTTP server timeouts: a client that sends its request slowly cannot hold a socket open. */
export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export interface AppConfig {
  nodeEnv: NodeEnvironment;
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  database: DatabaseTimeouts;
  databasePoolSize: number;
  http: HttpTimeouts;
  /** Unset: X-Forwarded-For is ignored and the client is the socket's address. */
  trustProxy?: TrustProxy;
  publicUrl: string;
  allowedOrigins: string[];
  /** In production only tokens with this scope get the explorer, introspection and field suggestions. */
  partnerScope: string;
  /** TRUSTED_DOCUMENTS: only these operations run, except for partner tokens. */
  trustedDocuments?: TrustedDocumentsManifest;
  limits: EdgeLimits;
  persistedQueries: PersistedQueryLimits;
  logLevel: string;
  /** READ_PLANNER and READ_PLANS_PER_OPERATION. */
  readPlanner: { enabled: boolean; plansPerOperation: number };
  /** A scrape of /metrics must carry it when set. */
  metricsToken?: string;
  jobs: JobsConfig;
  sync: SyncConfig;
  /** The lowest /identity/match legal-name score (0-100) that lets a transfer through. */
  transferIdentityThreshold: number;
  /** The longest category override an annotation may hold. */
  annotationCategoryMaxCharacters: number;
  /** Key ids not held yet that webhooks may make us look up at Plaid, per minute, all ids together. */
  webhookKeyLookupsPerMinute: number;
  /** Users whose last published event position the relay remembers. */
  eventRelayTrackedUsers: number;
  /** A user's most recent link tokens an exchange asks Plaid about (one call each). */
  linkTokensCheckedPerExchange: number;
  subscriptions: SubscriptionLimits;
  plaid: PlaidConfig;
  auth: AuthConfig;
  /** Undefined only outside production: then keys are generated once and kept in DATA_DIR. */
  tokenEncryptionKeys?: EncryptionKey[];
}

type Env = Record<string, string | undefined>;

/** Reads the runtime contract's variables (config-variables.ts) once; the first bad value throws a ConfigError. */
export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const { value, isSet } = configReader(env, cwd);

  const nodeEnv = value(variable.NODE_ENV);
  // Real Plaid production keys reach real people's bank data: production's demands and
  // protections apply whatever NODE_ENV says (it is easily left at its default).
  const isProduction = nodeEnv === 'production' || value(variable.PLAID_ENV) === 'production';
  const port = value(variable.PORT);
  const publicUrl = value(variable.PUBLIC_URL);

  const databaseUrl = value(variable.DATABASE_URL);
  const redisUrl = value(variable.REDIS_URL);

  const auth = loadAuthConfig(value, isProduction);

  const tokenEncryptionKeys = value(variable.TOKEN_ENCRYPTION_KEYS);
  if (isProduction && !tokenEncryptionKeys) {
    throw new ConfigError('TOKEN_ENCRYPTION_KEYS', 'is required in production; no key is generated');
  }

  const http: HttpTimeouts = {
    headersTimeoutMs: value(variable.HTTP_HEADERS_TIMEOUT_MS),
    requestTimeoutMs: value(variable.HTTP_REQUEST_TIMEOUT_MS),
    keepAliveTimeoutMs: value(variable.HTTP_KEEP_ALIVE_TIMEOUT_MS),
  };
  // Node refuses a server whose headers may take longer than the whole request.
  if (http.headersTimeoutMs > http.requestTimeoutMs)
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', 'must not exceed HTTP_REQUEST_TIMEOUT_MS');

  return {
    nodeEnv,
    isProduction,
    port,
    host: value(variable.HOST),
    dataDir: value(variable.DATA_DIR),
    databaseUrl,
    redisUrl,
    database: {
      acquireTimeoutMs: value(variable.DATABASE_ACQUIRE_TIMEOUT_MS),
      statementTimeoutMs: value(variable.DATABASE_STATEMENT_TIMEOUT_MS),
    },
    databasePoolSize: value(variable.DATABASE_POOL_SIZE),
    http,
    trustProxy: value(variable.TRUST_PROXY),
    publicUrl,
    allowedOrigins: value(variable.ALLOWED_ORIGINS),
    partnerScope: value(variable.PARTNER_SCOPE),
    trustedDocuments: value(variable.TRUSTED_DOCUMENTS),
    limits: loadEdgeLimits(value),
    persistedQueries: {
      ttlSeconds: value(variable.APQ_TTL_SECONDS),
      maxEntries: value(variable.APQ_MAX_ENTRIES),
      registrationsPerUser: value(variable.APQ_REGISTRATIONS_PER_USER),
    },
    logLevel: value(variable.LOG_LEVEL),
    readPlanner: { enabled: value(variable.READ_PLANNER) === 'on', plansPerOperation: value(variable.READ_PLANS_PER_OPERATION) },
    metricsToken: value(variable.METRICS_TOKEN),
    transferIdentityThreshold: value(variable.TRANSFER_IDENTITY_THRESHOLD),
    annotationCategoryMaxCharacters: value(variable.ANNOTATION_CATEGORY_MAX_CHARACTERS),
    webhookKeyLookupsPerMinute: value(variable.WEBHOOK_KEY_LOOKUPS_PER_MINUTE),
    eventRelayTrackedUsers: value(variable.EVENT_RELAY_TRACKED_USERS),
    linkTokensCheckedPerExchange: value(variable.LINK_TOKENS_CHECKED_PER_EXCHANGE),
    subscriptions: {
      perConnection: value(variable.MAX_SUBSCRIPTIONS_PER_CONNECTION),
      perUser: value(variable.MAX_SUBSCRIPTIONS_PER_USER),
      replayPageSize: value(variable.REPLAY_PAGE_SIZE),
      maxBufferedBytes: value(variable.SUBSCRIBER_MAX_BUFFERED_BYTES),
    },
    jobs: {
      schema: value(variable.JOB_QUEUE_SCHEMA),
      sweepIntervalMinutes: value(variable.SYNC_SWEEP_INTERVAL_MINUTES),
      staleAfterMinutes: value(variable.SYNC_STALE_AFTER_MINUTES),
      changeRetentionDays: value(variable.CHANGE_RETENTION_DAYS),
      failedWebhookRetentionDays: value(variable.WEBHOOK_FAILED_RETENTION_DAYS),
    },
    sync: { concurrency: value(variable.SYNC_CONCURRENCY), concurrencyPerUser: value(variable.SYNC_CONCURRENCY_PER_USER) },
    plaid: loadPlaidConfig(value, isSet(variable.PLAID_ENV), isProduction),
    auth,
    tokenEncryptionKeys,
  };
}

function loadAuthConfig(value: ReadValue, isProduction: boolean): AuthConfig {
  const auth: AuthConfig = {
    jwksUrl: value(variable.AUTH_JWKS_URL),
    issuer: value(variable.AUTH_ISSUER),
    audience: value(variable.AUTH_AUDIENCE),
    jwtSecret: value(variable.AUTH_JWT_SECRET),
    verifiedTokens: value(variable.AUTH_VERIFIED_TOKENS),
  };
  if (auth.jwksUrl && auth.jwtSecret) {
    throw new ConfigError('AUTH_JWKS_URL', 'set either AUTH_JWKS_URL or AUTH_JWT_SECRET, not both');
  }
  if (!isProduction) return auth;
  if (!auth.jwksUrl && !auth.jwtSecret) {
    throw new ConfigError('AUTH_JWKS_URL', 'production needs AUTH_JWKS_URL (or AUTH_JWT_SECRET); no development secret is generated');
  }
  if (auth.jwksUrl) {
    // Whoever can alter the key set in transit can sign any user's token; a sidecar on this machine is reached over loopback.
    const { protocol, hostname } = new URL(auth.jwksUrl);
    if (protocol !== 'https:' && !isLoopbackHostname(hostname)) {
      throw new ConfigError('AUTH_JWKS_URL', 'must be an https: URL in production (http: only to a loopback address)');
    }
    // One identity provider signs tokens for many apps: without both checks a token it minted for another app, or another tenant, is accepted here.
    if (!auth.issuer) throw new ConfigError('AUTH_ISSUER', 'is required in production with AUTH_JWKS_URL (the `iss` tokens must carry)');
    if (!auth.audience) {
      throw new ConfigError('AUTH_AUDIENCE', "is required in production with AUTH_JWKS_URL (the `aud` tokens must carry: this gateway's)");
    }
  }
  return auth;
}

function loadPlaidConfig(value: ReadValue, explicitEnv: boolean, isProduction: boolean): PlaidConfig {
  const clientId = value(variable.PLAID_CLIENT_ID);
  const secret = value(variable.PLAID_SECRET);
  if (Boolean(clientId) !== Boolean(secret)) {
    throw new ConfigError(clientId ? 'PLAID_SECRET' : 'PLAID_CLIENT_ID', 'PLAID_CLIENT_ID and PLAID_SECRET must be set together');
  }
  const env = value(variable.PLAID_ENV);
  if (env !== 'emulator' && !clientId) {
    throw new ConfigError('PLAID_CLIENT_ID', `PLAID_ENV=${env} needs PLAID_CLIENT_ID and PLAID_SECRET`);
  }
  if (isProduction && env === 'emulator' && !explicitEnv) {
    throw new ConfigError(
      'PLAID_ENV',
      'production does not fall back to the emulator: set PLAID_CLIENT_ID and PLAID_SECRET, or PLAID_ENV=emulator explicitly',
    );
  }

  return {
    env,
    clientId: clientId ?? DEFAULT_EMULATOR_CLIENT_ID,
    secret: secret ?? DEFAULT_EMULATOR_SECRET,
    baseUrl: value(variable.PLAID_BASE_URL),
    emulatorPort: value(variable.PLAID_EMULATOR_PORT) ?? DEFAULT_EMULATOR_PORT,
    products: value(variable.PLAID_PRODUCTS),
    countryCodes: value(variable.PLAID_COUNTRY_CODES),
    clientName: value(variable.PLAID_CLIENT_NAME),
    timeoutMs: value(variable.PLAID_TIMEOUT_MS),
    interactiveDeadlineMs: value(variable.PLAID_INTERACTIVE_DEADLINE_MS),
  };
}

function loadEdgeLimits(value: ReadValue): EdgeLimits {
  return {
    maxDepth: value(variable.GRAPHQL_MAX_DEPTH),
    maxCost: value(variable.GRAPHQL_MAX_COST),
    maxAliases: value(variable.GRAPHQL_MAX_ALIASES),
    maxDirectives: value(variable.GRAPHQL_MAX_DIRECTIVES),
    maxTokens: value(variable.GRAPHQL_MAX_TOKENS),
    maxMergeWork: value(variable.GRAPHQL_MAX_MERGE_WORK),
    maxValidationErrors: value(variable.GRAPHQL_MAX_VALIDATION_ERRORS),
    maxPageSize: value(variable.GRAPHQL_MAX_PAGE_SIZE),
    maxPlaidFields: value(variable.MAX_PLAID_FIELDS_PER_OPERATION),
    maxRequestBytes: value(variable.MAX_REQUEST_BYTES),
    maxDocumentBytes: value(variable.MAX_DOCUMENT_BYTES),
    rateLimitOperations: value(variable.RATE_LIMIT_OPERATIONS),
    rateLimitWindowSeconds: value(variable.RATE_LIMIT_WINDOW_SECONDS),
    rateLimitAnonymousOperations: value(variable.RATE_LIMIT_ANONYMOUS_OPERATIONS),
    plaidFieldRateLimitPoints: value(variable.PLAID_FIELD_RATE_LIMIT_POINTS),
  };
}
