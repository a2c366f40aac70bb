import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Plaid's client throws axios errors whose
 * `config` carries the Plaid secret in its headers and the access token in its body, so
 * whole `config` objects are dropped too.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["plaid-verification"]',
  'req.headers["plaid-secret"]',
  'res.headers["set-cookie"]',
  'authorization',
  'access_token',
  'accessToken',
  'public_token',
  'publicToken',
  'secret',
  'password',
  'token',
  '*.authorization',
  '*.access_token',
  '*.accessToken',
  '*.public_token',
  '*.publicToken',
  '*.secret',
  '*.password',
  '*.token',
  'config',
  'err.config',
  'err.request',
  'err.response.config',
  'error.config',
  'error.request',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'gateway',
      level,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}
