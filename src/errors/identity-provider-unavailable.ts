import { DomainError } from './domain-error';

/** How long a client is told to wait while the identity provider's key set cannot be fetched. */
export const IDENTITY_PROVIDER_RETRY_AFTER_SECONDS = 5;

/**
 * The identity provider's JWKS did not answer (network error, timeout, an error status or no
 * key set): the token may be perfectly good, so the caller is told to retry, not that it is
 * unauthenticated. `reason` says what failed, for the log; it never holds the token.
 */
export class IdentityProviderUnavailableError extends DomainError {
  constructor(readonly reason: string) {
    super('SERVICE_UNAVAILABLE', `The identity provider is not answering; retry in ${IDENTITY_PROVIDER_RETRY_AFTER_SECONDS} s`, {
      retryAfterSeconds: IDENTITY_PROVIDER_RETRY_AFTER_SECONDS,
    });
    this.name = 'IdentityProviderUnavailableError';
  }
}
