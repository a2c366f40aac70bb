/** An Item's health, as the contract's ItemStatus enum. */
export enum ItemStatus {
  ACTIVE = 'ACTIVE',
  LOGIN_REQUIRED = 'LOGIN_REQUIRED',
  PENDING_EXPIRATION = 'PENDING_EXPIRATION',
  PENDING_DISCONNECT = 'PENDING_DISCONNECT',
  ERROR = 'ERROR',
  REVOKED = 'REVOKED',
}

/** Plaid's transactions_update_status, as the contract's TransactionsUpdateStatus enum. */
export enum TransactionsUpdateStatus {
  UNKNOWN = 'UNKNOWN',
  NOT_READY = 'NOT_READY',
  INITIAL_UPDATE_COMPLETE = 'INITIAL_UPDATE_COMPLETE',
  HISTORICAL_UPDATE_COMPLETE = 'HISTORICAL_UPDATE_COMPLETE',
}
