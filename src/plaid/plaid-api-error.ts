import { isAxiosError } from 'axios';
import type { PlaidError } from 'plaid';

export type PlaidFailureKind = 'plaid' | 'timeout' | 'network';

/**
 * A failed Plaid call, reduced to what is safe to keep: the endpoint, the HTTP status and
 * Plaid's error object. The axios error is dropped because its config holds the secret
 * and the access token.
 */
export class PlaidApiError extends Error {
  private constructor(
    readonly endpoint: string,
    readonly kind: PlaidFailureKind,
    readonly status: number | undefined,
    readonly plaidError: PlaidError | undefined,
  ) {
    super(
      plaidError
        ? `Plaid ${endpoint} failed: ${plaidError.error_type} ${plaidError.error_code}`
        : `Plaid ${endpoint} failed: ${kind === 'timeout' ? 'timed out' : status ? `HTTP ${status}` : 'no response'}`,
    );
    this.name = 'PlaidApiError';
  }

  get errorType(): string | undefined {
    return this.plaidError?.error_type;
  }

  get errorCode(): string | undefined {
    return this.plaidError?.error_code;
  }

  get requestId(): string | undefined {
    return this.plaidError?.request_id;
  }

  /** An Item error Plaid reported inside a successful answer (e.g. `item.error` of /item/get). */
  static fromPlaidError(endpoint: string, plaidError: PlaidError): PlaidApiError {
    return new PlaidApiError(endpoint, 'plaid', undefined, plaidError);
  }

  static from(endpoint: string, error: unknown): PlaidApiError {
    if (isAxiosError(error)) {
      if (error.response) {
        const data: unknown = error.response.data;
        return new PlaidApiError(endpoint, 'plaid', error.response.status, isPlaidError(data) ? data : undefined);
      }
      const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' || error.code === 'ERR_CANCELED';
      return new PlaidApiError(endpoint, timedOut ? 'timeout' : 'network', undefined, undefined);
    }
    return new PlaidApiError(endpoint, 'network', undefined, undefined);
  }

  /** For logs: Plaid's own words, never the request. */
  toLog(): Record<string, unknown> {
    return {
      endpoint: this.endpoint,
      kind: this.kind,
      status: this.status,
      errorType: this.plaidError?.error_type,
      errorCode: this.plaidError?.error_code,
      errorMessage: this.plaidError?.error_message,
      requestId: this.plaidError?.request_id,
    };
  }
}

function isPlaidError(value: unknown): value is PlaidError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PlaidError).error_code === 'string' &&
    typeof (value as PlaidError).error_type === 'string'
  );
}
