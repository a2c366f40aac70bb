import { PlaidErrorType } from 'plaid';
import { ItemEvent } from '../entities/item-state-machine';
import { DomainError, type ErrorCode } from '../errors/domain-error';
import { PlaidApiError } from './plaid-api-error';

/** Plaid's per-Item limits are per minute; a client retrying sooner would be refused again. */
const RATE_LIMIT_RETRY_SECONDS = 60;
/** An outage at Plaid or at the bank: worth asking again after this long. */
const OUTAGE_RETRY_SECONDS = 30;

/** What a Plaid failure means to the gateway, its clients and the Item it was for. */
export interface PlaidErrorReading {
  /** The contract's code; undefined when Plaid refused the request itself: the gateway's fault, answered as INTERNAL_SERVER_ERROR and logged. */
  code: ErrorCode | undefined;
  message: string;
  /** Set when sending the same request later may pass: clients are told when, calls and sync jobs retry. Otherwise retrying is futile. */
  retryAfterSeconds?: number;
  /** What the failure says about the Item (the state machine decides what it does). */
  itemEvent?: ItemEvent;
  /** The operation may pass later, but not by sending this same request again (a paged walk restarts from its cursor). */
  restartsOnly?: true;
}

const LOGIN_REQUIRED: PlaidErrorReading = {
  code: 'ITEM_LOGIN_REQUIRED',
  message: 'The bank needs the user to log in again (update mode)',
  itemEvent: ItemEvent.LOGIN_REQUIRED,
};
const PERMISSION_REVOKED: PlaidErrorReading = {
  code: 'USER_PERMISSION_REVOKED',
  message: "The user revoked this app's access to the Item at the bank; relink it to restore access",
  itemEvent: ItemEvent.ACCESS_REVOKED,
};
const ACCESS_NOT_GRANTED: PlaidErrorReading = {
  code: 'ACCESS_NOT_GRANTED',
  message: 'The user did not share the data this needs; relink the Item and grant access',
  itemEvent: ItemEvent.ACCESS_REVOKED,
};
const NOT_FOUND_MESSAGE = 'Plaid no longer knows this Item; remove it and link the bank again';
const ITEM_NOT_FOUND: PlaidErrorReading = { code: 'ITEM_NOT_FOUND', message: NOT_FOUND_MESSAGE, itemEvent: ItemEvent.ACCESS_REVOKED };
/** A refused token may be a deployment's mix-up of environments rather than a deleted Item: ERROR, which a later success clears. */
const INVALID_ACCESS_TOKEN: PlaidErrorReading = { code: 'ITEM_NOT_FOUND', message: NOT_FOUND_MESSAGE, itemEvent: ItemEvent.ITEM_ERROR };
const PRODUCTS_NOT_SUPPORTED: PlaidErrorReading = {
  code: 'PRODUCTS_NOT_SUPPORTED',
  message: 'The bank does not offer this data for this Item',
};
const ITEM_ERROR: PlaidErrorReading = {
  code: 'ITEM_ERROR',
  message: 'The connection to the bank has a problem the user must fix at the bank or by relinking (see extensions.plaidErrorCode)',
  itemEvent: ItemEvent.ITEM_ERROR,
};
const UNAVAILABLE: PlaidErrorReading = {
  code: 'PLAID_UNAVAILABLE',
  message: 'Plaid or the bank could not complete the request; try again later',
  retryAfterSeconds: OUTAGE_RETRY_SECONDS,
};
const RATE_LIMITED: PlaidErrorReading = {
  code: 'RATE_LIMITED',
  message: 'Plaid rate limit reached; try again later',
  retryAfterSeconds: RATE_LIMIT_RETRY_SECONDS,
};
const PAGINATION_MOVED: PlaidErrorReading = { ...UNAVAILABLE, restartsOnly: true };
const REFUSED: PlaidErrorReading = { code: undefined, message: "Plaid refused the gateway's request" };

/** The ITEM_ERROR codes Plaid documents. */
const ITEM_ERROR_CODES = [
  'ITEM_LOGIN_REQUIRED',
  'USER_PERMISSION_REVOKED',
  'ACCESS_NOT_GRANTED',
  'ITEM_NOT_FOUND',
  'ITEM_CONCURRENTLY_DELETED',
  'PRODUCTS_NOT_SUPPORTED',
  'PRODUCT_NOT_ENABLED',
  'NO_AUTH_ACCOUNTS',
  'NO_INVESTMENT_ACCOUNTS',
  'NO_INVESTMENT_AUTH_ACCOUNTS',
  'NO_LIABILITY_ACCOUNTS',
  'PRODUCT_NOT_READY',
  'ITEM_LOCKED',
  'ITEM_NOT_SUPPORTED',
  'INSUFFICIENT_CREDENTIALS',
  'INVALID_CREDENTIALS',
  'INVALID_MFA',
  'INVALID_SEND_METHOD',
  'INVALID_UPDATED_USERNAME',
  'INVALID_PHONE_NUMBER',
  'INVALID_OTP',
  'INSTANT_MATCH_FAILED',
  'MFA_NOT_SUPPORTED',
  'NO_ACCOUNTS',
  'PASSWORD_RESET_REQUIRED',
  'USER_INPUT_TIMEOUT',
  'USER_SETUP_REQUIRED',
] as const;

/** The INSTITUTION_ERROR codes Plaid documents. */
const INSTITUTION_ERROR_CODES = [
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'INSTITUTION_NOT_AVAILABLE',
  'INSTITUTION_NO_LONGER_SUPPORTED',
  'INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT',
  'INSTITUTION_NOT_FOUND',
  'INSTITUTION_NOT_SUPPORTED',
  'INSTITUTION_REGISTRATION_REQUIRED',
  'UNAUTHORIZED_INSTITUTION',
] as const;

function isOneOf<T extends string>(codes: readonly T[], code: string): code is T {
  return (codes as readonly string[]).includes(code);
}

function readItemError(code: string): PlaidErrorReading {
  // A code Plaid adds later is still an error of the Item itself.
  if (!isOneOf(ITEM_ERROR_CODES, code)) return ITEM_ERROR;
  switch (code) {
    case 'ITEM_LOGIN_REQUIRED':
      return LOGIN_REQUIRED;
    case 'USER_PERMISSION_REVOKED':
      return PERMISSION_REVOKED;
    case 'ACCESS_NOT_GRANTED':
      return ACCESS_NOT_GRANTED;
    case 'ITEM_NOT_FOUND':
    case 'ITEM_CONCURRENTLY_DELETED':
      return ITEM_NOT_FOUND;
    case 'PRODUCTS_NOT_SUPPORTED':
    case 'PRODUCT_NOT_ENABLED':
    case 'NO_AUTH_ACCOUNTS':
    case 'NO_INVESTMENT_ACCOUNTS':
    case 'NO_INVESTMENT_AUTH_ACCOUNTS':
    case 'NO_LIABILITY_ACCOUNTS':
      return PRODUCTS_NOT_SUPPORTED;
    case 'PRODUCT_NOT_READY':
      // Plaid is still gathering the data: asking later is the cure.
      return UNAVAILABLE;
    case 'ITEM_LOCKED':
    case 'ITEM_NOT_SUPPORTED':
    case 'INSUFFICIENT_CREDENTIALS':
    case 'INVALID_CREDENTIALS':
    case 'INVALID_MFA':
    case 'INVALID_SEND_METHOD':
    case 'INVALID_UPDATED_USERNAME':
    case 'INVALID_PHONE_NUMBER':
    case 'INVALID_OTP':
    case 'INSTANT_MATCH_FAILED':
    case 'MFA_NOT_SUPPORTED':
    case 'NO_ACCOUNTS':
    case 'PASSWORD_RESET_REQUIRED':
    case 'USER_INPUT_TIMEOUT':
    case 'USER_SETUP_REQUIRED':
      return ITEM_ERROR;
    default: {
      const _exhaustive: never = code;
      return _exhaustive;
    }
  }
}

function readInstitutionError(code: string): PlaidErrorReading {
  // Institution errors Plaid adds later are most likely outages, as most of these are.
  if (!isOneOf(INSTITUTION_ERROR_CODES, code)) return UNAVAILABLE;
  switch (code) {
    case 'INSTITUTION_DOWN':
    case 'INSTITUTION_NOT_RESPONDING':
    case 'INSTITUTION_NOT_AVAILABLE':
      return UNAVAILABLE;
    case 'INSTITUTION_NO_LONGER_SUPPORTED':
    case 'INSTITUTION_NOT_SUPPORTED':
      return ITEM_ERROR;
    case 'INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT':
    case 'INSTITUTION_NOT_FOUND':
    case 'INSTITUTION_REGISTRATION_REQUIRED':
    case 'UNAUTHORIZED_INSTITUTION':
      // The gateway's Plaid account or environment, not the user's Item.
      return REFUSED;
    default: {
      const _exhaustive: never = code;
      return _exhaustive;
    }
  }
}

/**
 * The one reading of a Plaid error, from its type and code (and the HTTP status, for an
 * answer without Plaid's error object). Every type Plaid has is named here: a new one in the
 * `plaid` package fails the type check until it is read.
 */
export function readPlaidError(type: string | undefined, code: string | undefined, httpStatus?: number): PlaidErrorReading {
  if (type === undefined) {
    if (httpStatus === 429) return RATE_LIMITED;
    return httpStatus === undefined || httpStatus >= 500 ? UNAVAILABLE : REFUSED;
  }
  const errorType = type as PlaidErrorType;
  switch (errorType) {
    case PlaidErrorType.ItemError:
      return readItemError(code ?? '');
    case PlaidErrorType.InstitutionError:
      return readInstitutionError(code ?? '');
    case PlaidErrorType.RateLimitExceeded:
      return RATE_LIMITED;
    case PlaidErrorType.ApiError:
      return UNAVAILABLE;
    case PlaidErrorType.InvalidInput:
      return code === 'INVALID_ACCESS_TOKEN' ? INVALID_ACCESS_TOKEN : REFUSED;
    case PlaidErrorType.TransactionsError:
      // The data changed while it was paged: the sync starts over from its cursor, and so may a retry.
      return code === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' ? PAGINATION_MOVED : REFUSED;
    // A malformed request, a sandbox or Link flow, or a product the gateway never calls: a request it should not have made.
    case PlaidErrorType.InvalidRequest:
    case PlaidErrorType.InvalidResult:
    case PlaidErrorType.SandboxError:
    case PlaidErrorType.OauthError:
    case PlaidErrorType.RecaptchaError:
    case PlaidErrorType.AssetReportError:
    case PlaidErrorType.BaseReportError:
    case PlaidErrorType.PaymentError:
    case PlaidErrorType.BankTransferError:
    case PlaidErrorType.IncomeVerificationError:
    case PlaidErrorType.MicrodepositsError:
    case PlaidErrorType.PartnerError:
    case PlaidErrorType.SignalError:
    case PlaidErrorType.TransactionError:
    case PlaidErrorType.TransferError:
    case PlaidErrorType.CheckReportError:
    case PlaidErrorType.ConsumerReportError:
    case PlaidErrorType.UserError:
    case PlaidErrorType.IdempotencyError:
    case PlaidErrorType.AssetsError:
    case PlaidErrorType.CraMonitoringError:
    case PlaidErrorType.CreditProfileReportError:
    case PlaidErrorType.EncompassError:
    case PlaidErrorType.EnrichError:
    case PlaidErrorType.FraudInsightsError:
    case PlaidErrorType.FreddieMacError:
    case PlaidErrorType.LinkDeliveryError:
    case PlaidErrorType.ProfileError:
    case PlaidErrorType.RecurringTransactionsError:
    case PlaidErrorType.StatementsError:
    case PlaidErrorType.TransferRecurringError:
    case PlaidErrorType.TransferRefundError:
      return REFUSED;
    default: {
      const _exhaustive: never = errorType;
      void _exhaustive;
      // A type newer than the `plaid` package: an outage if Plaid said so, otherwise a refusal.
      return httpStatus !== undefined && httpStatus >= 500 ? UNAVAILABLE : REFUSED;
    }
  }
}

/** A failed call read as above; no answer at all (a timeout, the network) is an outage. */
export function readPlaidFailure(error: PlaidApiError): PlaidErrorReading {
  if (error.kind !== 'plaid') return UNAVAILABLE;
  return readPlaidError(error.errorType, error.errorCode, error.status);
}

/** The same request may pass if sent again a little later. */
export function isTransient(error: PlaidApiError): boolean {
  const reading = readPlaidFailure(error);
  return reading.retryAfterSeconds !== undefined && !reading.restartsOnly;
}

export function isRateLimited(error: PlaidApiError): boolean {
  return readPlaidFailure(error).code === 'RATE_LIMITED';
}

/**
 * The contract's error for a Plaid failure that no service read more specifically, with the
 * gateway's item id when there is one. Plaid's code and request id go along for support. A
 * request Plaid refused as such stays the PlaidApiError it is: unexpected, so masked and logged.
 */
export function toDomainError(error: PlaidApiError, context: { itemId?: string } = {}): DomainError | PlaidApiError {
  const { code, message, retryAfterSeconds } = readPlaidFailure(error);
  if (!code) return error;
  return new DomainError(code, message, {
    ...(context.itemId ? { itemId: context.itemId } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    plaidErrorCode: error.errorCode,
    plaidRequestId: error.requestId,
  });
}

/** What a caller rethrows from a failed call that no Item stands behind: Plaid's error read as the contract's, any other as is. */
export function contractErrorOf(error: unknown): unknown {
  return error instanceof PlaidApiError ? toDomainError(error) : error;
}
