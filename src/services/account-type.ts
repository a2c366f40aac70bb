import { AccountType } from '../entities/account-type';

/** Plaid's lowercase account types behind each of the contract's AccountType values (OTHER: everything else). */
const PLAID_TYPES: Record<Exclude<AccountType, AccountType.OTHER>, readonly string[]> = {
  [AccountType.DEPOSITORY]: ['depository'],
  [AccountType.CREDIT]: ['credit'],
  [AccountType.LOAN]: ['loan'],
  [AccountType.INVESTMENT]: ['investment', 'brokerage'],
};

export const NAMED_PLAID_TYPES: readonly string[] = Object.values(PLAID_TYPES).flat();

export function accountTypeOf(plaidType: string): AccountType {
  const entry = Object.entries(PLAID_TYPES).find(([, types]) => types.includes(plaidType));
  return entry ? (entry[0] as AccountType) : AccountType.OTHER;
}

/** The stored Plaid types of an AccountType; null for OTHER, which is "none of the named ones". */
export function plaidTypesOf(type: AccountType): readonly string[] | null {
  return type === AccountType.OTHER ? null : PLAID_TYPES[type];
}
