/** What spending summaries group by, as the contract's SpendingGrouping enum. */
export enum SpendingGrouping {
  CATEGORY = 'CATEGORY',
  MERCHANT = 'MERCHANT',
  MONTH = 'MONTH',
  ACCOUNT = 'ACCOUNT',
}
