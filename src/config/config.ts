import path from 'node:path';
import { CountryCode, Products } from 'plaid';
import { DEFAULT_EMULATOR_CLIENT_ID, DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_SECRET } from 'plaid-emulator';
import { ConfigError } from './config-error';
import { parseEncryptionKeys, type EncryptionKey } from './encryption-keys';
import { readTrustedDocumentsManifest, type TrustedDocumentsManifest } from './trusted-documents-manifest';

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
}

/** What one operation, request or user may ask of the gateway, on HTTP and WebSocket alike. */
export interface EdgeLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Largest `first` any field may be asked for. */
  maxPageSize: number;
  /** Largest HTTP request body and WebSocket message. */
  maxRequestBytes: number;
  /** Operations one user may start per window. */
  rateLimitOperations: number;
  rateLimitWindowSeconds: number;
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
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  database: DatabaseTimeouts;
  http: HttpTimeouts;
  publicUrl: string;
  allowedOrigins: string[];
  /** In production only tokens with this scope get the explorer, introspection and field suggestions. */
  partnerScope: string;
  /** TRUSTED_DOCUMENTS: only these operations run, except for partner tokens. */
  trustedDocuments?: TrustedDocumentsManifest;
  limits: EdgeLimits;
  logLevel: string;
  jobs: JobsConfig;
  /** The lowest /identity/match legal-name score (0-100) that lets a transfer through. */
  transferIdentityThreshold: number;
  plaid: PlaidConfig;
  auth: AuthConfig;
  /** Undefined only outside production: then keys are generated once and kept in DATA_DIR. */
  tokenEncryptionKeys?: EncryptionKey[];
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const PLAID_PRODUCTS = new Set<string>(Object.values(Products));
const COUNTRY_CODES = new Set<string>(Object.values(CountryCode));

type Env = Record<string, string | undefined>;

/** Reads the runtime contract's variables once; the first bad value throws a ConfigError. */
export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const nodeEnv = oneOf(read('NODE_ENV') ?? 'development', 'NODE_ENV', ['development', 'test', 'production'] as const);
  const isProduction = nodeEnv === 'production';
  const port = portNumber(read('PORT'), 'PORT', 4000);
  const publicUrl = httpUrl(read('PUBLIC_URL') ?? `http://localhost:${port}`, 'PUBLIC_URL').replace(/\/+$/, '');

  const databaseUrl = optional(read('DATABASE_URL'), (v) => postgresUrl(v, 'DATABASE_URL'));
  const redisUrl = optional(read('REDIS_URL'), (v) => urlWithProtocol(v, 'REDIS_URL', ['redis:', 'rediss:']));

  const auth: AuthConfig = {
    jwksUrl: optional(read('AUTH_JWKS_URL'), (v) => httpUrl(v, 'AUTH_JWKS_URL')),
    issuer: read('AUTH_ISSUER'),
    audience: read('AUTH_AUDIENCE'),
    jwtSecret: optional(read('AUTH_JWT_SECRET'), (v) => {
      // HS256 needs a key at least as long as the hash (RFC 7518 §3.2).
      if (Buffer.byteLength(v) < 32) throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 bytes long');
      return v;
    }),
  };
  if (auth.jwksUrl && auth.jwtSecret) {
    throw new ConfigError('AUTH_JWKS_URL', 'set either AUTH_JWKS_URL or AUTH_JWT_SECRET, not both');
  }
  if (isProduction && !auth.jwksUrl && !auth.jwtSecret) {
    throw new ConfigError('AUTH_JWKS_URL', 'production needs AUTH_JWKS_URL (or AUTH_JWT_SECRET); no development secret is generated');
  }

  const tokenEncryptionKeys = optional(read('TOKEN_ENCRYPTION_KEYS'), parseEncryptionKeys);
  if (isProduction && !tokenEncryptionKeys) {
    throw new ConfigError('TOKEN_ENCRYPTION_KEYS', 'is required in production; no key is generated');
  }

  const http: HttpTimeouts = {
    headersTimeoutMs: integer(read('HTTP_HEADERS_TIMEOUT_MS'), 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 500, 600_000),
    requestTimeoutMs: integer(read('HTTP_REQUEST_TIMEOUT_MS'), 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 500, 600_000),
    keepAliveTimeoutMs: integer(read('HTTP_KEEP_ALIVE_TIMEOUT_MS'), 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
  };
  // Node refuses a server whose headers may take longer than the whole request.
  if (http.headersTimeoutMs > http.requestTimeoutMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', 'must not exceed HTTP_REQUEST_TIMEOUT_MS');

  return {
    nodeEnv,
    isProduction,
    port,
    host: read('HOST'),
    dataDir: path.resolve(cwd, read('DATA_DIR') ?? '.data'),
    databaseUrl,
    redisUrl,
    database: {
      acquireTimeoutMs: integer(read('DATABASE_ACQUIRE_TIMEOUT_MS'), 'DATABASE_ACQUIRE_TIMEOUT_MS', 2_000, 100, 60_000),
      statementTimeoutMs: integer(read('DATABASE_STATEMENT_TIMEOUT_MS'), 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    http,
    publicUrl,
    allowedOrigins: list(read('ALLOWED_ORIGINS')).map((origin) => httpUrl(origin, 'ALLOWED_ORIGINS').replace(/\/+$/, '')),
    partnerScope: scopeToken(read('PARTNER_SCOPE') ?? 'partner', 'PARTNER_SCOPE'),
    trustedDocuments: optional(read('TRUSTED_DOCUMENTS'), (v) => readTrustedDocumentsManifest(path.resolve(cwd, v))),
    limits: loadEdgeLimits(read),
    logLevel: oneOf(read('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info'), 'LOG_LEVEL', LOG_LEVELS),
    transferIdentityThreshold: integer(read('TRANSFER_IDENTITY_THRESHOLD'), 'TRANSFER_IDENTITY_THRESHOLD', 70, 0, 100),
    jobs: {
      schema: sqlIdentifier(read('JOB_QUEUE_SCHEMA') ?? 'pgboss', 'JOB_QUEUE_SCHEMA'),
      sweepIntervalMinutes: integer(read('SYNC_SWEEP_INTERVAL_MINUTES'), 'SYNC_SWEEP_INTERVAL_MINUTES', 15, 1, 59),
      staleAfterMinutes: integer(read('SYNC_STALE_AFTER_MINUTES'), 'SYNC_STALE_AFTER_MINUTES', 360, 1, 43_200),
      changeRetentionDays: integer(read('CHANGE_RETENTION_DAYS'), 'CHANGE_RETENTION_DAYS', 30, 1, 3650),
    },
    plaid: loadPlaidConfig(read, isProduction),
    auth,
    tokenEncryptionKeys,
  };
}

function loadPlaidConfig(read: (name: string) => string | undefined, isProduction: boolean): PlaidConfig {
  const clientId = read('PLAID_CLIENT_ID');
  const secret = read('PLAID_SECRET');
  if (Boolean(clientId) !== Boolean(secret)) {
    throw new ConfigError(clientId ? 'PLAID_SECRET' : 'PLAID_CLIENT_ID', 'PLAID_CLIENT_ID and PLAID_SECRET must be set together');
  }
  const explicitEnv = read('PLAID_ENV');
  const env = oneOf(explicitEnv ?? (clientId ? 'sandbox' : 'emulator'), 'PLAID_ENV', ['emulator', 'sandbox', 'production'] as const);
  if (env !== 'emulator' && !clientId) {
    throw new ConfigError('PLAID_CLIENT_ID', `PLAID_ENV=${env} needs PLAID_CLIENT_ID and PLAID_SECRET`);
  }
  if (isProduction && env === 'emulator' && !explicitEnv) {
    throw new ConfigError('PLAID_ENV', 'production does not fall back to the emulator: set PLAID_CLIENT_ID and PLAID_SECRET, or PLAID_ENV=emulator explicitly');
  }

  const products = list(read('PLAID_PRODUCTS') ?? 'transactions,auth,identity').map((product) => {
    if (!PLAID_PRODUCTS.has(product)) throw new ConfigError('PLAID_PRODUCTS', `"${product}" is not a Plaid product`);
    return product as Products;
  });
  const countryCodes = list(read('PLAID_COUNTRY_CODES') ?? 'US').map((code) => {
    const upper = code.toUpperCase();
    if (!COUNTRY_CODES.has(upper)) throw new ConfigError('PLAID_COUNTRY_CODES', `"${code}" is not a country code Plaid supports`);
    return upper as CountryCode;
  });
  if (products.length === 0) throw new ConfigError('PLAID_PRODUCTS', 'must name at least one product');
  if (countryCodes.length === 0) throw new ConfigError('PLAID_COUNTRY_CODES', 'must name at least one country');

  return {
    env,
    clientId: clientId ?? DEFAULT_EMULATOR_CLIENT_ID,
    secret: secret ?? DEFAULT_EMULATOR_SECRET,
    baseUrl: optional(read('PLAID_BASE_URL'), (v) => httpUrl(v, 'PLAID_BASE_URL').replace(/\/+$/, '')),
    emulatorPort: portNumber(read('PLAID_EMULATOR_PORT'), 'PLAID_EMULATOR_PORT', DEFAULT_EMULATOR_PORT),
    products,
    countryCodes,
    clientName: read('PLAID_CLIENT_NAME') ?? 'Plaid GraphQL Gateway',
    timeoutMs: integer(read('PLAID_TIMEOUT_MS'), 'PLAID_TIMEOUT_MS', 10_000, 100, 120_000),
    interactiveDeadlineMs: integer(read('PLAID_INTERACTIVE_DEADLINE_MS'), 'PLAID_INTERACTIVE_DEADLINE_MS', 8_000, 100, 120_000),
  };
}

function loadEdgeLimits(read: (name: string) => string | undefined): EdgeLimits {
  return {
    maxDepth: integer(read('GRAPHQL_MAX_DEPTH'), 'GRAPHQL_MAX_DEPTH', 10, 1, 100),
    maxCost: integer(read('GRAPHQL_MAX_COST'), 'GRAPHQL_MAX_COST', 50_000, 1, 100_000_000),
    maxAliases: integer(read('GRAPHQL_MAX_ALIASES'), 'GRAPHQL_MAX_ALIASES', 15, 0, 1000),
    maxDirectives: integer(read('GRAPHQL_MAX_DIRECTIVES'), 'GRAPHQL_MAX_DIRECTIVES', 50, 0, 1000),
    maxTokens: integer(read('GRAPHQL_MAX_TOKENS'), 'GRAPHQL_MAX_TOKENS', 2000, 100, 100_000),
    maxPageSize: integer(read('GRAPHQL_MAX_PAGE_SIZE'), 'GRAPHQL_MAX_PAGE_SIZE', 500, 1, 10_000),
    maxRequestBytes: integer(read('MAX_REQUEST_BYTES'), 'MAX_REQUEST_BYTES', 102_400, 1024, 10 * 1024 * 1024),
    rateLimitOperations: integer(read('RATE_LIMIT_OPERATIONS'), 'RATE_LIMIT_OPERATIONS', 300, 1, 1_000_000),
    rateLimitWindowSeconds: integer(read('RATE_LIMIT_WINDOW_SECONDS'), 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
  };
}

/** An OAuth scope token (RFC 6749 §3.3): printable ASCII without spaces, quotes or backslashes. */
function scopeToken(value: string, name: string): string {
  if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(value)) throw new ConfigError(name, `"${value}" is not a scope name`);
  return value;
}

function sqlIdentifier(value: string, name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) throw new ConfigError(name, `"${value}" must be a lower-case SQL identifier`);
  return value;
}

function optional<T>(value: string | undefined, parse: (value: string) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function oneOf<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

function portNumber(value: string | undefined, name: string, fallback: number): number {
  return integer(value, name, fallback, 0, 65535);
}

function urlWithProtocol(value: string, name: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  if (!url.hostname) throw new ConfigError(name, 'has no host');
  return value;
}

function httpUrl(value: string, name: string): string {
  return urlWithProtocol(value, name, ['http:', 'https:']);
}

function postgresUrl(value: string, name: string): string {
  const url = urlWithProtocol(value, name, ['postgres:', 'postgresql:']);
  if (new URL(url).pathname.replace(/^\//, '') === '') throw new ConfigError(name, 'names no database');
  return url;
}
