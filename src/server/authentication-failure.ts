import type { Logger } from 'pino';
import type { Transport } from '../metrics/gateway-metrics';
import { DomainError } from '../errors/domain-error';
import { IdentityProviderUnavailableError } from '../errors/identity-provider-unavailable';

/**
 * Logs why a caller was not authenticated, without the token: an identity provider outage is a
 * warning (with what failed), a refused token an info line (with why), anything else an error.
 */
export function logAuthenticationFailure(logger: Logger, transport: Transport, error: unknown): void {
  if (error instanceof IdentityProviderUnavailableError)
    logger.warn({ transport, reason: error.reason }, 'identity provider unavailable; the caller is told to retry');
  else if (error instanceof DomainError) logger.info({ transport, code: error.code, reason: error.message }, 'authentication refused');
  else logger.error({ transport, err: error }, 'authentication failed unexpectedly');
}
