/** The contract's account types; Plaid's own lowercase types are mapped onto these when read. */
export enum AccountType {
  DEPOSITORY = 'DEPOSITORY',
  CREDIT = 'CREDIT',
  LOAN = 'LOAN',
  INVESTMENT = 'INVESTMENT',
  OTHER = 'OTHER',
}
