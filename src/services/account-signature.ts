import type { AccountFingerprint } from '../repositories/item.repository';

/**
 * Same accounts = same names, masks, types and subtypes, in any order. Computed here only,
 * never in SQL: the database would order the parts under its collation, where "Savings" and
 * "checking" may sort otherwise than here, and a duplicate would slip through.
 */
export function accountSignature(accounts: readonly AccountFingerprint[]): string {
  return accounts
    .map((a) => [a.name, a.mask, a.type, a.subtype].filter((part) => part !== null).join('|'))
    .sort()
    .join(',');
}
