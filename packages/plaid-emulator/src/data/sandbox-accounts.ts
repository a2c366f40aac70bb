import type { AccountBase, NumbersACH } from 'plaid';
import { AccountHolderCategory, AccountSubtype, AccountType } from './plaid-enums';
import type { ItemRecord } from '../state/emulator-state';
import { derivedPlaidId } from '../state/plaid-id';

/** What kind of transactions an account carries, which decides the merchants seen on it. */
export type TransactionRole = 'checking' | 'savings' | 'credit';

/** One of Plaid's sandbox accounts, as every sandbox Item at a US test bank has them. */
export interface SandboxAccountTemplate {
  key: string;
  name: string;
  official_name: string | null;
  mask: string;
  type: AccountType;
  subtype: AccountSubtype;
  available: number | null;
  current: number;
  limit: number | null;
  transactionRole: TransactionRole | null;
  /** ACH account number, for the accounts `/auth/get` reports. */
  achAccountNumber: string | null;
}

const ACH_ROUTING = '011401533';
const ACH_WIRE_ROUTING = '021000021';

export const SANDBOX_ACCOUNTS: readonly SandboxAccountTemplate[] = [
  {
    key: 'checking',
    name: 'Plaid Checking',
    official_name: 'Plaid Gold Standard 0% Interest Checking',
    mask: '0000',
    type: AccountType.Depository,
    subtype: AccountSubtype.Checking,
    available: 100,
    current: 110,
    limit: null,
    transactionRole: 'checking',
    achAccountNumber: '1111222233330000',
  },
  {
    key: 'savings',
    name: 'Plaid Saving',
    official_name: 'Plaid Silver Standard 0.1% Interest Saving',
    mask: '1111',
    type: AccountType.Depository,
    subtype: AccountSubtype.Savings,
    available: 200,
    current: 210,
    limit: null,
    transactionRole: 'savings',
    achAccountNumber: '1111222233331111',
  },
  {
    key: 'cd',
    name: 'Plaid CD',
    official_name: 'Plaid Bronze Standard 0.2% Interest CD',
    mask: '2222',
    type: AccountType.Depository,
    subtype: AccountSubtype.Cd,
    available: null,
    current: 1000,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: 'credit-card',
    name: 'Plaid Credit Card',
    official_name: 'Plaid Diamond 12.5% APR Interest Credit Card',
    mask: '3333',
    type: AccountType.Credit,
    subtype: AccountSubtype.CreditCard,
    available: null,
    current: 410,
    limit: 2000,
    transactionRole: 'credit',
    achAccountNumber: null,
  },
  {
    key: 'money-market',
    name: 'Plaid Money Market',
    official_name: 'Plaid Platinum Standard 1.85% Interest Money Market',
    mask: '4444',
    type: AccountType.Depository,
    subtype: AccountSubtype.MoneyMarket,
    available: 43200,
    current: 43200,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: 'ira',
    name: 'Plaid IRA',
    official_name: null,
    mask: '5555',
    type: AccountType.Investment,
    subtype: AccountSubtype.Ira,
    available: null,
    current: 320.76,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: '401k',
    name: 'Plaid 401k',
    official_name: null,
    mask: '6666',
    type: AccountType.Investment,
    subtype: AccountSubtype._401k,
    available: null,
    current: 23631.9805,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: 'student-loan',
    name: 'Plaid Student Loan',
    official_name: null,
    mask: '7777',
    type: AccountType.Loan,
    subtype: AccountSubtype.Student,
    available: null,
    current: 65262,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: 'mortgage',
    name: 'Plaid Mortgage',
    official_name: null,
    mask: '8888',
    type: AccountType.Loan,
    subtype: AccountSubtype.Mortgage,
    available: null,
    current: 56302.06,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: 'hsa',
    name: 'Plaid HSA',
    official_name: 'Plaid Cares Health Savings Account',
    mask: '9001',
    type: AccountType.Depository,
    subtype: AccountSubtype.Hsa,
    available: 6009,
    current: 6009,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: 'cash-management',
    name: 'Plaid Cash Management',
    official_name: 'Plaid Growth Cash Management',
    mask: '9002',
    type: AccountType.Depository,
    subtype: AccountSubtype.CashManagement,
    available: 12060,
    current: 12060,
    limit: null,
    transactionRole: null,
    achAccountNumber: null,
  },
  {
    key: 'business-credit-card',
    name: 'Plaid Business Credit Card',
    official_name: 'Plaid Platinum Small Business Credit Card',
    mask: '9999',
    type: AccountType.Credit,
    subtype: AccountSubtype.CreditCard,
    available: null,
    current: 5020,
    limit: 10000,
    transactionRole: null,
    achAccountNumber: null,
  },
];

export function sandboxAccountId(itemId: string, template: SandboxAccountTemplate): string {
  return derivedPlaidId(itemId, 'account', template.key);
}

/**
 * The account as `/accounts/get` shows it. Sandbox accounts carry no verification status,
 * which also lets the same object extend into the identity views.
 */
export function accountView(
  item: Pick<ItemRecord, 'item_id' | 'balances'>,
  template: SandboxAccountTemplate,
  balancesUpdatedAt: string | null,
): Omit<AccountBase, 'verification_status'> {
  const accountId = sandboxAccountId(item.item_id, template);
  const override = item.balances?.[accountId];
  return {
    account_id: accountId,
    balances: {
      available: override?.available !== undefined ? override.available : template.available,
      current: override?.current !== undefined ? override.current : template.current,
      limit: override?.limit !== undefined ? override.limit : template.limit,
      iso_currency_code: 'USD',
      unofficial_currency_code: null,
      last_updated_datetime: balancesUpdatedAt,
    },
    mask: template.mask,
    name: template.name,
    official_name: template.official_name,
    type: template.type,
    subtype: template.subtype,
    holder_category: template.key === 'business-credit-card' ? AccountHolderCategory.Business : AccountHolderCategory.Personal,
  };
}

export function achNumbers(itemId: string, template: SandboxAccountTemplate): NumbersACH | null {
  if (!template.achAccountNumber) return null;
  return {
    account_id: sandboxAccountId(itemId, template),
    account: template.achAccountNumber,
    routing: ACH_ROUTING,
    wire_routing: ACH_WIRE_ROUTING,
  };
}
