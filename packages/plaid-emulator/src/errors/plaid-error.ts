import type { PlaidError } from 'plaid';
import { PlaidErrorType } from '../data/plaid-enums';

/** How Plaid describes one error code: its type, HTTP status and wording. */
interface PlaidErrorDefinition {
  type: PlaidErrorType;
  status: number;
  message: string;
  displayMessage: string | null;
  /** Plaid's errors page that documents the code. */
  docsSection: string;
}

const RATE_LIMIT_MESSAGE = 'rate limit exceeded for attempts to access this item. please try again later';

function define(
  type: PlaidErrorType,
  status: number,
  docsSection: string,
  message: string,
  displayMessage: string | null = null,
): PlaidErrorDefinition {
  return { type, status, message, displayMessage, docsSection };
}

/**
 * The Plaid error codes the emulator can produce, worded as Plaid words them. One table
 * serves validation failures, sandbox `error_<CODE>` passwords and injected faults, so an
 * injected INSTITUTION_DOWN looks exactly like a real one.
 */
const PLAID_ERRORS = {
  // INVALID_REQUEST
  MISSING_FIELDS: define(PlaidErrorType.InvalidRequest, 400, 'invalid-request', 'the following required fields are missing'),
  UNKNOWN_FIELDS: define(PlaidErrorType.InvalidRequest, 400, 'invalid-request', 'the following fields are not recognized by this endpoint'),
  INVALID_FIELD: define(PlaidErrorType.InvalidRequest, 400, 'invalid-request', 'one or more of the provided fields is invalid'),
  INVALID_BODY: define(PlaidErrorType.InvalidRequest, 400, 'invalid-request', 'body could not be parsed as JSON'),
  NOT_FOUND: define(PlaidErrorType.InvalidRequest, 404, 'invalid-request', 'not found'),
  // INVALID_INPUT
  INVALID_API_KEYS: define(PlaidErrorType.InvalidInput, 400, 'invalid-input', 'invalid client_id or secret provided'),
  INVALID_ACCESS_TOKEN: define(PlaidErrorType.InvalidInput, 400, 'invalid-input', 'could not find matching access token'),
  INVALID_PUBLIC_TOKEN: define(PlaidErrorType.InvalidInput, 400, 'invalid-input', 'could not find matching public token'),
  INVALID_LINK_TOKEN: define(PlaidErrorType.InvalidInput, 400, 'invalid-input', 'could not find matching link token'),
  INVALID_ACCOUNT_ID: define(PlaidErrorType.InvalidInput, 400, 'invalid-input', 'one or more of the account IDs is invalid'),
  INVALID_INSTITUTION: define(PlaidErrorType.InvalidInput, 400, 'invalid-input', 'invalid institution_id provided'),
  INVALID_WEBHOOK_VERIFICATION_KEY_ID: define(
    PlaidErrorType.InvalidInput,
    400,
    'invalid-input',
    'invalid key_id provided. note that key_ids are specific to Plaid environments, and verification requests must be made to the same environment that the webhook was sent from',
  ),
  // ITEM_ERROR
  ITEM_LOGIN_REQUIRED: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
  ),
  INVALID_CREDENTIALS: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'the provided credentials were not correct',
    'The provided credentials were not correct. Please try again.',
  ),
  INVALID_MFA: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'the provided MFA response(s) were not correct',
    'The provided MFA responses were not correct. Please try again.',
  ),
  INVALID_SEND_METHOD: define(PlaidErrorType.ItemError, 400, 'item', 'the provided MFA send_method was invalid'),
  INSUFFICIENT_CREDENTIALS: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'insufficient authorization was provided to complete the request',
    "The user didn't provide sufficient authorization to complete the request.",
  ),
  ITEM_LOCKED: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    "the account is locked. prompt the user to visit the institution's site and unlock their account",
    "The given account has been locked by the financial institution. Please visit your financial institution's website to unlock your account.",
  ),
  ITEM_NOT_SUPPORTED: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'this account is currently not supported',
    'The given account is not currently supported for this financial institution. We apologize for the inconvenience.',
  ),
  MFA_NOT_SUPPORTED: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'this account requires a MFA type that is not currently supported',
    'The multi-factor security features enabled on this account are not currently supported for this financial institution.',
  ),
  NO_ACCOUNTS: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'no valid accounts were found for this item',
    "No valid accounts were found at the financial institution. Please visit your financial institution's website to confirm accounts are available.",
  ),
  USER_SETUP_REQUIRED: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    "the account has not been fully set up. prompt the user to visit the issuing institution's site and finish the setup process",
    "The given account requires additional setup. Please visit your financial institution's website to complete setup.",
  ),
  ITEM_NOT_FOUND: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'The Item you requested cannot be found. This Item does not exist, has been previously removed via /item/remove, or has had access removed by the user.',
  ),
  PRODUCT_NOT_READY: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'the requested product is not yet ready. please provide a webhook or try the request again later',
  ),
  PRODUCTS_NOT_SUPPORTED: define(PlaidErrorType.ItemError, 400, 'item', 'the following products are not supported by this institution'),
  USER_PERMISSION_REVOKED: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'the holder of this account has revoked their permission for your application to access it',
    'The holder of this account has revoked their permission for your application to access it.',
  ),
  ACCESS_NOT_GRANTED: define(
    PlaidErrorType.ItemError,
    400,
    'item',
    'the user did not grant the necessary permissions for their account',
    'This app needs access to your account information to work. Please try again and share your account information.',
  ),
  // INSTITUTION_ERROR
  INSTITUTION_DOWN: define(
    PlaidErrorType.InstitutionError,
    400,
    'institution',
    'this institution is not currently responding to this request. please try again soon',
    'This financial institution is not currently responding to requests. We apologize for the inconvenience.',
  ),
  INSTITUTION_NOT_RESPONDING: define(
    PlaidErrorType.InstitutionError,
    400,
    'institution',
    'this institution is not currently responding to this request. please try again soon',
    'This financial institution is not currently responding to requests. We apologize for the inconvenience.',
  ),
  INSTITUTION_NOT_AVAILABLE: define(
    PlaidErrorType.InstitutionError,
    400,
    'institution',
    'this institution is not currently responding to this request. please try again soon',
    'This financial institution is not currently responding to requests. We apologize for the inconvenience.',
  ),
  INSTITUTION_NO_LONGER_SUPPORTED: define(
    PlaidErrorType.InstitutionError,
    400,
    'institution',
    'this institution is no longer supported',
    'This financial institution is no longer supported. We apologize for the inconvenience.',
  ),
  // API_ERROR
  INTERNAL_SERVER_ERROR: define(
    PlaidErrorType.ApiError,
    500,
    'api',
    'an unexpected error occurred',
    'Something went wrong. Please try again later.',
  ),
  PLANNED_MAINTENANCE: define(
    PlaidErrorType.ApiError,
    503,
    'api',
    'the Plaid API is temporarily unavailable due to planned maintenance. visit https://status.plaid.com/ for more information',
    'The Plaid API is temporarily unavailable due to planned maintenance. Please try again later.',
  ),
  // RATE_LIMIT_EXCEEDED
  RATE_LIMIT: define(PlaidErrorType.RateLimitExceeded, 429, 'rate-limit-exceeded', RATE_LIMIT_MESSAGE),
  ACCOUNTS_LIMIT: define(PlaidErrorType.RateLimitExceeded, 429, 'rate-limit-exceeded', RATE_LIMIT_MESSAGE),
  ACCOUNTS_BALANCE_GET_LIMIT: define(PlaidErrorType.RateLimitExceeded, 429, 'rate-limit-exceeded', RATE_LIMIT_MESSAGE),
  AUTH_LIMIT: define(PlaidErrorType.RateLimitExceeded, 429, 'rate-limit-exceeded', RATE_LIMIT_MESSAGE),
  IDENTITY_LIMIT: define(PlaidErrorType.RateLimitExceeded, 429, 'rate-limit-exceeded', RATE_LIMIT_MESSAGE),
  ITEM_GET_LIMIT: define(PlaidErrorType.RateLimitExceeded, 429, 'rate-limit-exceeded', RATE_LIMIT_MESSAGE),
  TRANSACTIONS_SYNC_LIMIT: define(PlaidErrorType.RateLimitExceeded, 429, 'rate-limit-exceeded', RATE_LIMIT_MESSAGE),
  // TRANSACTIONS_ERROR
  TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: define(
    PlaidErrorType.TransactionsError,
    400,
    'transactions',
    'Underlying transaction data changed since last page was fetched. Please restart pagination from last update.',
  ),
  // SANDBOX_ERROR
  SANDBOX_PRODUCT_NOT_ENABLED: define(PlaidErrorType.SandboxError, 400, 'sandbox', 'The requested product is not enabled for this Item'),
  SANDBOX_WEBHOOK_INVALID: define(
    PlaidErrorType.SandboxError,
    400,
    'sandbox',
    'Webhook for this Item is either not set, or invalid. Please update the webhook for this Item via /item/webhook/update',
  ),
} as const satisfies Record<string, PlaidErrorDefinition>;

export type PlaidErrorCode = keyof typeof PLAID_ERRORS;

export function isPlaidErrorCode(code: string): code is PlaidErrorCode {
  return Object.prototype.hasOwnProperty.call(PLAID_ERRORS, code);
}

/** Codes a sandbox Item can be created in (`error_<CODE>` passwords) or pushed into. */
export function isItemStateErrorCode(code: string): code is PlaidErrorCode {
  if (!isPlaidErrorCode(code)) return false;
  const { type } = PLAID_ERRORS[code];
  return type === PlaidErrorType.ItemError || type === PlaidErrorType.InstitutionError;
}

export interface PlaidErrorOverrides {
  message?: string;
  displayMessage?: string | null;
}

/** The error object exactly as Plaid puts it in a body (without the per-request id). */
export function plaidErrorBody(code: PlaidErrorCode, overrides: PlaidErrorOverrides = {}): PlaidError {
  const definition = PLAID_ERRORS[code];
  return {
    error_type: definition.type,
    error_code: code,
    error_code_reason: null,
    error_message: overrides.message ?? definition.message,
    display_message: overrides.displayMessage === undefined ? definition.displayMessage : overrides.displayMessage,
    status: definition.status,
    documentation_url: `https://plaid.com/docs/errors/${definition.docsSection}/#${code.toLowerCase().replace(/_/g, '-')}`,
    suggested_action: null,
  };
}

/** Thrown anywhere in a request's handling; the endpoint pipeline turns it into Plaid's answer. */
export class EmulatedPlaidError extends Error {
  readonly status: number;
  readonly body: PlaidError;

  constructor(body: PlaidError) {
    super(`${body.error_code}: ${body.error_message}`);
    this.name = 'EmulatedPlaidError';
    this.body = body;
    this.status = body.status ?? 400;
  }

  static of(code: PlaidErrorCode, overrides?: PlaidErrorOverrides): EmulatedPlaidError {
    return new EmulatedPlaidError(plaidErrorBody(code, overrides));
  }
}
