import { CountryCode, Products } from 'plaid';
import { ConfigError } from './config-error';
import {
  baseUrl,
  httpUrl,
  integer,
  listOf,
  oneOf,
  pathFromCwd,
  portNumber,
  postgresUrl,
  scopeToken,
  sqlIdentifier,
  text,
  urlWithProtocol,
  type Parse,
} from './config-parsers';
import { optional, withDefault } from './config-variable';
import { parseEncryptionKeys } from './encryption-keys';
import { readTrustedDocumentsManifest } from './trusted-documents-manifest';
import { trustProxy } from './trust-proxy';

/*
 * Every environment variable the gateway reads: name, default, parser and description, in
 * the order of the README's table, which `npm run docs:config` writes from CONFIG_VARIABLES.
 * Rules between variables (set together, production's demands) are loadConfig's.
 */

const PLAID_PRODUCT_NAMES = new Set<string>(Object.values(Products));
const COUNTRY_CODE_NAMES = new Set<string>(Object.values(CountryCode));

const atLeastOne =
  <T>(parse: Parse<T[]>, what: string): Parse<T[]> =>
  (value, at) => {
    const entries = parse(value, at);
    if (entries.length === 0) throw new ConfigError(at.name, `must name at least one ${what}`);
    return entries;
  };

export const NODE_ENV = withDefault({
  name: 'NODE_ENV',
  default: 'development',
  parse: oneOf(['development', 'test', 'production'] as const),
  description: '`production` demands real secrets (so does `PLAID_ENV=production`, whatever `NODE_ENV` says)',
});

export const PORT = withDefault({
  name: 'PORT',
  default: '4000',
  parse: portNumber,
  description: 'HTTP and WebSocket port (`0` = any free port)',
});

/** Loopback unless told otherwise: a development gateway (open explorer, any CORS origin, a demo user) is for this machine, not the network. */
export const HOST = withDefault({
  name: 'HOST',
  default: '127.0.0.1',
  parse: text,
  description: 'address to listen on; `0.0.0.0` for every interface (the Dockerfile and `docker-compose.yml` set it)',
});

export const PUBLIC_URL = withDefault({
  name: 'PUBLIC_URL',
  default: (value) => `http://localhost:${value(PORT)}`,
  shownDefault: '`http://localhost:$PORT`',
  parse: baseUrl,
  description: 'where Plaid sends webhooks: `$PUBLIC_URL/webhooks/plaid`',
});

export const DATA_DIR = withDefault({
  name: 'DATA_DIR',
  default: '.data',
  parse: pathFromCwd,
  description: 'embedded PostgreSQL, generated development secrets, emulator state',
});

export const DATABASE_URL = optional({
  name: 'DATABASE_URL',
  whenUnset: 'embedded PostgreSQL',
  secret: true,
  parse: postgresUrl,
  description: '`postgres://user:pass@host:5432/db`',
});

export const REDIS_URL = optional({
  name: 'REDIS_URL',
  whenUnset: 'in-process',
  secret: true,
  parse: urlWithProtocol(['redis:', 'rediss:']),
  description:
    '`redis://host:6379`: rate limits are counted and automatic persisted queries are kept (`APQ_TTL_SECONDS` after their last registration) in Redis, so every instance shares them',
});

export const PLAID_CLIENT_ID = optional({
  name: 'PLAID_CLIENT_ID',
  whenUnset: "emulator's own",
  parse: text,
  description: 'Plaid client id (set it and `PLAID_SECRET`, or neither)',
});

export const PLAID_SECRET = optional({
  name: 'PLAID_SECRET',
  whenUnset: "emulator's own",
  secret: true,
  parse: text,
  description: 'Plaid secret (set it and `PLAID_CLIENT_ID`, or neither)',
});

export const PLAID_ENV = withDefault({
  name: 'PLAID_ENV',
  default: (value) => (value(PLAID_CLIENT_ID) ? 'sandbox' : 'emulator'),
  shownDefault: '`emulator` without credentials, else `sandbox`',
  parse: oneOf(['emulator', 'sandbox', 'production'] as const),
  description: '`emulator`, `sandbox` or `production` (real bank data: the gateway runs in production mode)',
});

export const PLAID_BASE_URL = optional({
  name: 'PLAID_BASE_URL',
  whenUnset: 'per `PLAID_ENV`',
  parse: baseUrl,
  description: "overrides Plaid's URL; then no emulator is started",
});

/** Unset, the emulator's own default port (loadConfig takes it from the emulator). */
export const PLAID_EMULATOR_PORT = optional({
  name: 'PLAID_EMULATOR_PORT',
  whenUnset: '`4010`',
  parse: portNumber,
  description: 'port of the in-process emulator',
});

export const PLAID_PRODUCTS = withDefault({
  name: 'PLAID_PRODUCTS',
  default: 'transactions,auth,identity',
  parse: atLeastOne(
    listOf((product, { name }) => {
      if (!PLAID_PRODUCT_NAMES.has(product)) throw new ConfigError(name, `"${product}" is not a Plaid product`);
      return product as Products;
    }),
    'product',
  ),
  description: 'products requested in Link',
});

export const PLAID_COUNTRY_CODES = withDefault({
  name: 'PLAID_COUNTRY_CODES',
  default: 'US',
  parse: atLeastOne(
    listOf((code, { name }) => {
      const upper = code.toUpperCase();
      if (!COUNTRY_CODE_NAMES.has(upper)) throw new ConfigError(name, `"${code}" is not a country code Plaid supports`);
      return upper as CountryCode;
    }),
    'country',
  ),
  description: 'country codes requested in Link',
});

export const PLAID_CLIENT_NAME = withDefault({
  name: 'PLAID_CLIENT_NAME',
  default: 'Plaid GraphQL Gateway',
  parse: text,
  description: 'name shown in Link',
});

export const PLAID_TIMEOUT_MS = withDefault({
  name: 'PLAID_TIMEOUT_MS',
  default: '10000',
  parse: integer(100, 120_000),
  description: 'timeout of every Plaid call',
});

export const PLAID_INTERACTIVE_DEADLINE_MS = withDefault({
  name: 'PLAID_INTERACTIVE_DEADLINE_MS',
  default: '8000',
  parse: integer(100, 120_000),
  description:
    'a Plaid call a user waits for (a GraphQL operation) gives up after this long, retries included (then `PLAID_UNAVAILABLE`); background syncs retry longer',
});

export const DATABASE_ACQUIRE_TIMEOUT_MS = withDefault({
  name: 'DATABASE_ACQUIRE_TIMEOUT_MS',
  default: '2000',
  parse: integer(100, 60_000),
  description: 'longest wait for a pooled database connection',
});

export const DATABASE_STATEMENT_TIMEOUT_MS = withDefault({
  name: 'DATABASE_STATEMENT_TIMEOUT_MS',
  default: '10000',
  parse: integer(100, 600_000),
  description:
    "PostgreSQL `statement_timeout` of the gateway's connections; the client stops waiting one second after it (a frozen server never answers)",
});

export const DATABASE_POOL_SIZE = withDefault({
  name: 'DATABASE_POOL_SIZE',
  default: '10',
  parse: integer(2, 1_000),
  description:
    "connections in the gateway's pool (pg-boss keeps its own); a sync holds one only for its write transaction, never while Plaid answers",
});

export const HTTP_HEADERS_TIMEOUT_MS = withDefault({
  name: 'HTTP_HEADERS_TIMEOUT_MS',
  default: '10000',
  parse: integer(500, 600_000),
  description: "Node's HTTP server timeout for a request's headers, at most `HTTP_REQUEST_TIMEOUT_MS` (a slow client gets 408)",
});

export const HTTP_REQUEST_TIMEOUT_MS = withDefault({
  name: 'HTTP_REQUEST_TIMEOUT_MS',
  default: '30000',
  parse: integer(500, 600_000),
  description: "Node's HTTP server timeout for the whole request (a slow client gets 408)",
});

export const HTTP_KEEP_ALIVE_TIMEOUT_MS = withDefault({
  name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
  default: '5000',
  parse: integer(100, 600_000),
  description: "Node's HTTP server timeout for an idle keep-alive socket",
});

export const JOB_QUEUE_SCHEMA = withDefault({
  name: 'JOB_QUEUE_SCHEMA',
  default: 'pgboss',
  parse: sqlIdentifier,
  description: 'schema of the durable job queue in the same database (instances of one deployment share it)',
});

export const SYNC_SWEEP_INTERVAL_MINUTES = withDefault({
  name: 'SYNC_SWEEP_INTERVAL_MINUTES',
  default: '15',
  parse: integer(1, 59),
  description: 'how often the sweep looks for Items whose webhooks were lost',
});

export const SYNC_STALE_AFTER_MINUTES = withDefault({
  name: 'SYNC_STALE_AFTER_MINUTES',
  default: '360',
  parse: integer(1, 43_200),
  description: 'an Item not synced for this long is synced by the sweep',
});

export const SYNC_CONCURRENCY = withDefault({
  name: 'SYNC_CONCURRENCY',
  default: '4',
  parse: integer(1, 200),
  description: 'syncs (queued jobs and `syncItem`) one instance runs at a time; the others wait in its queue',
});

export const SYNC_CONCURRENCY_PER_USER = withDefault({
  name: 'SYNC_CONCURRENCY_PER_USER',
  default: '2',
  parse: integer(1, 200),
  description: "of those, how many may be one user's Items: one user's many Items cannot take every turn",
});

export const CHANGE_RETENTION_DAYS = withDefault({
  name: 'CHANGE_RETENTION_DAYS',
  default: '30',
  parse: integer(1, 3650),
  description:
    'subscription events, transaction changes and webhook records (but FAILED ones) older than this are pruned daily; older cursors get `CURSOR_EXPIRED`',
});

export const WEBHOOK_FAILED_RETENTION_DAYS = withDefault({
  name: 'WEBHOOK_FAILED_RETENTION_DAYS',
  default: '90',
  parse: integer(1, 3650),
  description: 'webhook records that FAILED (every retry failed) are kept this long, to be looked into, then pruned daily',
});

export const WEBHOOK_KEY_LOOKUPS_PER_MINUTE = withDefault({
  name: 'WEBHOOK_KEY_LOOKUPS_PER_MINUTE',
  default: '10',
  parse: integer(1, 10_000),
  description:
    'Plaid look-ups of webhook signing key ids not held yet, across all ids, per minute; a webhook past it is answered 503 (Plaid retries)',
});

export const EVENT_RELAY_TRACKED_USERS = withDefault({
  name: 'EVENT_RELAY_TRACKED_USERS',
  default: '10000',
  parse: integer(100, 10_000_000),
  description:
    'users whose last published event position an instance remembers (the most recent ones), to catch up after its LISTEN connection was lost; others resume from their cursor',
});

export const LINK_TOKENS_CHECKED_PER_EXCHANGE = withDefault({
  name: 'LINK_TOKENS_CHECKED_PER_EXCHANGE',
  default: '5',
  parse: integer(1, 50),
  description:
    "a user's most recent link tokens (unexpired, one Plaid `/link/token/get` each) that `exchangePublicToken` searches for the public token; one from an older Link is refused",
});

export const MAX_SUBSCRIPTIONS_PER_CONNECTION = withDefault({
  name: 'MAX_SUBSCRIPTIONS_PER_CONNECTION',
  default: '20',
  parse: integer(1, 10_000),
  description:
    'active subscriptions one WebSocket may hold; past it a subscription is refused with `SUBSCRIPTION_LIMIT` until one ends (an SSE stream holds one)',
});

export const MAX_SUBSCRIPTIONS_PER_USER = withDefault({
  name: 'MAX_SUBSCRIPTIONS_PER_USER',
  default: '50',
  parse: integer(1, 100_000),
  description:
    'active subscriptions one user may hold on one instance, WebSocket and SSE together (counted per process, not across instances); past it `SUBSCRIPTION_LIMIT`',
});

export const REPLAY_PAGE_SIZE = withDefault({
  name: 'REPLAY_PAGE_SIZE',
  default: '100',
  parse: integer(1, 10_000),
  description: 'missed events a subscription resumed with `after` reads from the database at a time, as the client takes them',
});

export const SUBSCRIBER_MAX_BUFFERED_BYTES = withDefault({
  name: 'SUBSCRIBER_MAX_BUFFERED_BYTES',
  default: '1048576',
  parse: integer(256, 1_073_741_824),
  description:
    "bytes of events a subscriber's socket may have waiting to be sent; one that falls this far behind is closed (WebSocket 1013, an SSE stream ends) and resumes with `after`",
});

export const TRANSFER_IDENTITY_THRESHOLD = withDefault({
  name: 'TRANSFER_IDENTITY_THRESHOLD',
  default: '70',
  parse: integer(0, 100),
  description: 'lowest `/identity/match` legal-name score (0-100) that `validateTransfer` accepts',
});

export const ANNOTATION_CATEGORY_MAX_CHARACTERS = withDefault({
  name: 'ANNOTATION_CATEGORY_MAX_CHARACTERS',
  default: '100',
  parse: integer(1, 1_000),
  description: 'longest `categoryOverride` `annotateTransaction` accepts (the contract fixes the tag and note bounds)',
});

export const AUTH_JWKS_URL = optional({
  name: 'AUTH_JWKS_URL',
  whenUnset: '—',
  parse: httpUrl,
  description: "identity provider's JWKS (RS256/ES256 tokens); in production `https:`, or `http:` to a loopback address only",
});

export const AUTH_ISSUER = optional({
  name: 'AUTH_ISSUER',
  whenUnset: '— (required in production with `AUTH_JWKS_URL`)',
  parse: text,
  description: 'required `iss` when set',
});

export const AUTH_AUDIENCE = optional({
  name: 'AUTH_AUDIENCE',
  whenUnset: '— (required in production with `AUTH_JWKS_URL`)',
  parse: text,
  description: "required `aud` when set: this gateway's name at the identity provider, so tokens for its other apps are refused",
});

export const AUTH_VERIFIED_TOKENS = withDefault({
  name: 'AUTH_VERIFIED_TOKENS',
  default: '1000',
  parse: integer(0, 100_000),
  description:
    'tokens (of at most 4,096 characters) whose signature, once verified, is trusted for a minute (expiry is still checked on every request); the oldest goes first, 0 verifies every time',
});

export const METRICS_TOKEN = optional({
  name: 'METRICS_TOKEN',
  whenUnset: '`/metrics` open to whoever reaches the port',
  secret: true,
  parse: (value, { name }) => {
    if (Buffer.byteLength(value) < 16) throw new ConfigError(name, 'must be at least 16 bytes long');
    return value;
  },
  description: 'bearer token a Prometheus scrape must send (`Authorization: Bearer …`) to read `/metrics`',
});

export const AUTH_JWT_SECRET = optional({
  name: 'AUTH_JWT_SECRET',
  whenUnset: 'generated in `DATA_DIR` (not in production)',
  secret: true,
  parse: (value, { name }) => {
    // HS256 needs a key at least as long as the hash (RFC 7518 §3.2).
    if (Buffer.byteLength(value) < 32) throw new ConfigError(name, 'must be at least 32 bytes long');
    return value;
  },
  description: 'HS256 secret, at least 32 bytes',
});

export const TOKEN_ENCRYPTION_KEYS = optional({
  name: 'TOKEN_ENCRYPTION_KEYS',
  whenUnset: 'generated in `DATA_DIR` (required in production)',
  secret: true,
  parse: (value, { name }) => parseEncryptionKeys(value, name),
  description: '`keyId:base64(32 bytes)`, comma-separated; the first encrypts, all decrypt',
});

export const ALLOWED_ORIGINS = withDefault({
  name: 'ALLOWED_ORIGINS',
  // None listed: the CORS and Origin policies then apply their per-environment rule.
  default: '',
  shownDefault: 'any in development, `PUBLIC_URL` in production',
  parse: listOf(baseUrl),
  description:
    'browser origins allowed to call over HTTP (CORS) and to open the WebSocket or an event stream (`/graphql/stream`, else 403)',
});

export const PARTNER_SCOPE = withDefault({
  name: 'PARTNER_SCOPE',
  default: 'partner',
  parse: scopeToken,
  description: 'in production, only tokens with this scope get the schema explorer, introspection and field suggestions',
});

export const TRUSTED_DOCUMENTS = optional({
  name: 'TRUSTED_DOCUMENTS',
  whenUnset: '—',
  parse: (value, at) => readTrustedDocumentsManifest(pathFromCwd(value, at)),
  description:
    "path to a manifest of hash -> document (graphql-codegen's `persisted-documents.json`); set, only those operations run (also by their SHA-256 alone, as an APQ hash), except for tokens with the `PARTNER_SCOPE` scope; others are `PERSISTED_QUERY_NOT_IN_LIST`",
});

export const GRAPHQL_MAX_DEPTH = withDefault({
  name: 'GRAPHQL_MAX_DEPTH',
  default: '10',
  parse: integer(1, 100),
  description: 'deepest selection an operation may make (introspection not counted)',
});

export const GRAPHQL_MAX_COST = withDefault({
  name: 'GRAPHQL_MAX_COST',
  default: '50000',
  parse: integer(1, 100_000_000),
  description: 'most an operation may cost (see Protection): 1 per field, a page times its `first`, another list times 10',
});

export const GRAPHQL_MAX_ALIASES = withDefault({
  name: 'GRAPHQL_MAX_ALIASES',
  default: '15',
  parse: integer(0, 1000),
  description: 'aliases per operation',
});

export const GRAPHQL_MAX_DIRECTIVES = withDefault({
  name: 'GRAPHQL_MAX_DIRECTIVES',
  default: '50',
  parse: integer(0, 1000),
  description: 'directives per operation',
});

export const GRAPHQL_MAX_TOKENS = withDefault({
  name: 'GRAPHQL_MAX_TOKENS',
  default: '2000',
  parse: integer(100, 100_000),
  description: 'lexical tokens per document; parsing stops past it',
});

export const GRAPHQL_MAX_VALIDATION_ERRORS = withDefault({
  name: 'GRAPHQL_MAX_VALIDATION_ERRORS',
  default: '10',
  parse: integer(1, 100),
  description: 'validation errors reported per document; validation stops at the first one past it (graphql-js went on to 100)',
});

export const GRAPHQL_MAX_MERGE_WORK = withDefault({
  name: 'GRAPHQL_MAX_MERGE_WORK',
  default: '2000',
  parse: integer(0, 100_000_000),
  description:
    'most work checking that repeated fields merge may take, checked before validation: each pair of same-named fields in a selection costs the product of their sizes, each pair of fragments spread there 1',
});

export const GRAPHQL_MAX_PAGE_SIZE = withDefault({
  name: 'GRAPHQL_MAX_PAGE_SIZE',
  default: '500',
  parse: integer(1, 10_000),
  description: 'largest `first` any field may be asked for',
});

export const MAX_PLAID_FIELDS_PER_OPERATION = withDefault({
  name: 'MAX_PLAID_FIELDS_PER_OPERATION',
  default: '3',
  parse: integer(1, 1000),
  description:
    'fields that call Plaid (`createLinkToken`, `syncItem`, `validateTransfer`, `balances(realtime: true)`, ...) one operation may select, each alias and fragment spread counted; more is `GRAPHQL_VALIDATION_FAILED` before anything runs',
});

export const MAX_REQUEST_BYTES = withDefault({
  name: 'MAX_REQUEST_BYTES',
  default: '102400',
  parse: integer(1024, 10 * 1024 * 1024),
  description: 'largest HTTP request body (413) and WebSocket message (closed with 1009)',
});

export const MAX_DOCUMENT_BYTES = withDefault({
  name: 'MAX_DOCUMENT_BYTES',
  default: '32768',
  parse: integer(1024, 10 * 1024 * 1024),
  description:
    'largest GraphQL document (the `query` text) over HTTP POST and GET, WebSocket and `/graphql/stream`, refused before it is parsed (`PAYLOAD_TOO_LARGE`, 413 over HTTP); so also the largest automatic persisted query kept',
});

export const APQ_TTL_SECONDS = withDefault({
  name: 'APQ_TTL_SECONDS',
  default: '86400',
  parse: integer(1, 30 * 86_400),
  description: 'an automatic persisted query is kept this long after its last registration',
});

export const APQ_MAX_ENTRIES = withDefault({
  name: 'APQ_MAX_ENTRIES',
  default: '2000',
  parse: integer(1, 1_000_000),
  description:
    'automatic persisted queries kept at most (so Redis holds at most this many times `MAX_DOCUMENT_BYTES` of them); in Redis a registration past it is not kept until one expires, in one process the least recently used goes',
});

export const APQ_REGISTRATIONS_PER_USER = withDefault({
  name: 'APQ_REGISTRATIONS_PER_USER',
  default: '100',
  parse: integer(1, 1_000_000),
  description:
    'new automatic persisted queries one signed-in user may register per `APQ_TTL_SECONDS` (anonymous callers register none: their documents run, unkept)',
});

export const RATE_LIMIT_OPERATIONS = withDefault({
  name: 'RATE_LIMIT_OPERATIONS',
  default: '300',
  parse: integer(1, 1_000_000),
  description:
    'points one user may spend per `RATE_LIMIT_WINDOW_SECONDS`, over HTTP, WebSocket and SSE together: 1 per operation, and `PLAID_FIELD_RATE_LIMIT_POINTS` more per field that calls Plaid',
});

export const RATE_LIMIT_WINDOW_SECONDS = withDefault({
  name: 'RATE_LIMIT_WINDOW_SECONDS',
  default: '60',
  parse: integer(1, 86_400),
  description: 'the window of `RATE_LIMIT_OPERATIONS`, in seconds',
});

export const RATE_LIMIT_ANONYMOUS_OPERATIONS = withDefault({
  name: 'RATE_LIMIT_ANONYMOUS_OPERATIONS',
  default: '60',
  parse: integer(1, 1_000_000),
  description:
    "points callers without a token may spend per `RATE_LIMIT_WINDOW_SECONDS` from one client address (an IPv6 one by its /64), counted as a user's are",
});

export const TRUST_PROXY = optional({
  name: 'TRUST_PROXY',
  whenUnset: 'off: `X-Forwarded-For` is ignored',
  parse: trustProxy,
  description:
    "which proxies' `X-Forwarded-For` names the client address (Express's `trust proxy`, also for the WebSocket): their hop count (`1`) or addresses and subnets (`10.0.0.0/8,loopback`); never every address",
});

export const PLAID_FIELD_RATE_LIMIT_POINTS = withDefault({
  name: 'PLAID_FIELD_RATE_LIMIT_POINTS',
  default: '10',
  parse: integer(0, 1_000_000),
  description: "rate-limit points each field that calls Plaid takes, each alias and fragment spread counted, beyond its operation's 1",
});

export const READ_PLANNER = withDefault({
  name: 'READ_PLANNER',
  default: 'on',
  parse: oneOf(['on', 'off'] as const),
  description:
    'HTTP queries over stored data answered by one PostgreSQL statement that writes the JSON (`off`: every query through the resolvers)',
});

export const READ_PLANS_PER_OPERATION = withDefault({
  name: 'READ_PLANS_PER_OPERATION',
  default: '8',
  parse: integer(1, 1000),
  description:
    'read plans kept per operation of a cached document, one per values of its Boolean variables (`@skip`/`@include`); the least recently used goes first',
});

export const LOG_LEVEL = withDefault({
  name: 'LOG_LEVEL',
  default: (value) => (value(NODE_ENV) === 'test' ? 'silent' : 'info'),
  shownDefault: '`info` (`silent` under `NODE_ENV=test`)',
  parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  description: 'pino level',
});

/** Every variable loadConfig reads (a test checks), in the README's order. */
export const CONFIG_VARIABLES = [
  PORT,
  HOST,
  PUBLIC_URL,
  DATA_DIR,
  DATABASE_URL,
  REDIS_URL,
  PLAID_ENV,
  PLAID_CLIENT_ID,
  PLAID_SECRET,
  PLAID_BASE_URL,
  PLAID_EMULATOR_PORT,
  PLAID_PRODUCTS,
  PLAID_COUNTRY_CODES,
  PLAID_CLIENT_NAME,
  PLAID_TIMEOUT_MS,
  PLAID_INTERACTIVE_DEADLINE_MS,
  DATABASE_ACQUIRE_TIMEOUT_MS,
  DATABASE_STATEMENT_TIMEOUT_MS,
  DATABASE_POOL_SIZE,
  HTTP_HEADERS_TIMEOUT_MS,
  HTTP_REQUEST_TIMEOUT_MS,
  HTTP_KEEP_ALIVE_TIMEOUT_MS,
  JOB_QUEUE_SCHEMA,
  SYNC_SWEEP_INTERVAL_MINUTES,
  SYNC_STALE_AFTER_MINUTES,
  SYNC_CONCURRENCY,
  SYNC_CONCURRENCY_PER_USER,
  CHANGE_RETENTION_DAYS,
  WEBHOOK_FAILED_RETENTION_DAYS,
  WEBHOOK_KEY_LOOKUPS_PER_MINUTE,
  EVENT_RELAY_TRACKED_USERS,
  LINK_TOKENS_CHECKED_PER_EXCHANGE,
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
  MAX_SUBSCRIPTIONS_PER_USER,
  REPLAY_PAGE_SIZE,
  SUBSCRIBER_MAX_BUFFERED_BYTES,
  TRANSFER_IDENTITY_THRESHOLD,
  ANNOTATION_CATEGORY_MAX_CHARACTERS,
  AUTH_JWKS_URL,
  AUTH_ISSUER,
  AUTH_AUDIENCE,
  AUTH_VERIFIED_TOKENS,
  AUTH_JWT_SECRET,
  TOKEN_ENCRYPTION_KEYS,
  ALLOWED_ORIGINS,
  METRICS_TOKEN,
  PARTNER_SCOPE,
  TRUSTED_DOCUMENTS,
  GRAPHQL_MAX_DEPTH,
  GRAPHQL_MAX_COST,
  GRAPHQL_MAX_ALIASES,
  GRAPHQL_MAX_DIRECTIVES,
  GRAPHQL_MAX_TOKENS,
  GRAPHQL_MAX_MERGE_WORK,
  GRAPHQL_MAX_VALIDATION_ERRORS,
  GRAPHQL_MAX_PAGE_SIZE,
  MAX_PLAID_FIELDS_PER_OPERATION,
  MAX_REQUEST_BYTES,
  MAX_DOCUMENT_BYTES,
  APQ_TTL_SECONDS,
  APQ_MAX_ENTRIES,
  APQ_REGISTRATIONS_PER_USER,
  RATE_LIMIT_OPERATIONS,
  RATE_LIMIT_WINDOW_SECONDS,
  RATE_LIMIT_ANONYMOUS_OPERATIONS,
  TRUST_PROXY,
  PLAID_FIELD_RATE_LIMIT_POINTS,
  READ_PLANNER,
  READ_PLANS_PER_OPERATION,
  LOG_LEVEL,
  NODE_ENV,
] as const;
