/** Which way a recurring stream's money goes: Plaid's inflow_streams or outflow_streams. */
export enum FlowDirection {
  INFLOW = 'INFLOW',
  OUTFLOW = 'OUTFLOW',
}

/** Plaid's RecurringTransactionFrequency. */
export enum RecurringFrequency {
  WEEKLY = 'WEEKLY',
  BIWEEKLY = 'BIWEEKLY',
  SEMI_MONTHLY = 'SEMI_MONTHLY',
  MONTHLY = 'MONTHLY',
  ANNUALLY = 'ANNUALLY',
  UNKNOWN = 'UNKNOWN',
}

/** Plaid's TransactionStreamStatus. */
export enum RecurringStreamStatus {
  MATURE = 'MATURE',
  EARLY_DETECTION = 'EARLY_DETECTION',
  TOMBSTONED = 'TOMBSTONED',
  UNKNOWN = 'UNKNOWN',
}
