/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ItemStatus =
  | 'ACTIVE'
  | 'ERROR'
  | 'LOGIN_REQUIRED'
  | 'PENDING_DISCONNECT'
  | 'PENDING_EXPIRATION'
  | 'REVOKED';

export type PlaidProduct =
  | 'AUTH'
  | 'IDENTITY'
  | 'TRANSACTIONS';

export type SandboxPublicTokenInput = {
  /** Defaults to ins_109508 (First Platypus Bank). */
  institutionId?: string | null | undefined;
  /** Defaults to the gateway's configured products. */
  products?: Array<PlaidProduct> | null | undefined;
  /** user_good (default) or user_transactions_dynamic, as in Plaid's sandbox. */
  username?: string | null | undefined;
};

export type SpendingGrouping =
  | 'ACCOUNT'
  | 'CATEGORY'
  | 'MERCHANT'
  | 'MONTH';

export type TransactionFilter = {
  accountIds?: Array<string | number> | null | undefined;
  category?: string | null | undefined;
  /** Inclusive. */
  from?: string | null | undefined;
  hidden?: boolean | null | undefined;
  itemId?: string | number | null | undefined;
  /** @deprecated Use maxExactAmount */
  maxAmount?: number | null | undefined;
  /** Inclusive, exact. */
  maxExactAmount?: string | null | undefined;
  /** @deprecated Use minExactAmount */
  minAmount?: number | null | undefined;
  /** Inclusive, exact. */
  minExactAmount?: string | null | undefined;
  pending?: boolean | null | undefined;
  /** Case-insensitive match on name or merchant name. */
  search?: string | null | undefined;
  tags?: Array<string> | null | undefined;
  /** Inclusive. */
  to?: string | null | undefined;
};

export type TransferDeclineReason =
  | 'ACCOUNT_NOT_ELIGIBLE'
  | 'BALANCE_UNAVAILABLE'
  | 'IDENTITY_MISMATCH'
  | 'INSUFFICIENT_FUNDS'
  | 'ITEM_LOGIN_REQUIRED'
  | 'ITEM_NOT_ACTIVE'
  | 'NO_ACH_NUMBERS'
  | 'PROFILE_INCOMPLETE';

export type ValidateTransferInput = {
  accountId: string | number;
  /**
   * In the account's currency; must be positive.
   * @deprecated Use exactAmount
   */
  amount?: number | null | undefined;
  /** The exact amount in the account's currency; must be positive. Give this or amount, not both. */
  exactAmount?: string | null | undefined;
  /** The same key returns the same recorded decision instead of deciding again. */
  idempotencyKey?: string | null | undefined;
};

export type SyncForExactMoneyMutationVariables = Exact<{
  itemId: string | number;
}>;


export type SyncForExactMoneyMutation = { syncItem: { added: number } };

export type MoneyOfTransactionQueryVariables = Exact<{
  id: string | number;
}>;


export type MoneyOfTransactionQuery = { transaction: { amount: number, money: { amount: string, currencyCode: string } } | null };

export type TransactionsBetweenExactAmountsQueryVariables = Exact<{
  min?: string | null | undefined;
  max?: string | null | undefined;
}>;


export type TransactionsBetweenExactAmountsQuery = { transactions: { edges: Array<{ node: { id: string, money: { amount: string, currencyCode: string } } }> } };

export type MoneyOfBalancesQueryVariables = Exact<{
  accountIds?: Array<string | number> | string | number | null | undefined;
  realtime: boolean;
}>;


export type MoneyOfBalancesQuery = { balances: Array<{ accountId: string, current: number | null, currentMoney: { amount: string, currencyCode: string } | null, availableMoney: { amount: string, currencyCode: string } | null, limitMoney: { amount: string, currencyCode: string } | null }> };

export type PlaidAccountIdsQueryVariables = Exact<{
  itemId?: string | number | null | undefined;
}>;


export type PlaidAccountIdsQuery = { accounts: Array<{ id: string, plaidAccountId: string, name: string }> };

export type TransactionsPageQueryVariables = Exact<{
  filter?: TransactionFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TransactionsPageQuery = { transactions: { totalCount: number, edges: Array<{ cursor: string, node: { id: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type BalancesQueryVariables = Exact<{
  ids?: Array<string | number> | string | number | null | undefined;
  realtime: boolean;
}>;


export type BalancesQuery = { balances: Array<{ accountId: string, available: number | null, current: number | null, limit: number | null, isoCurrencyCode: string | null, lastUpdatedAt: string, isRealtime: boolean }> };

export type SpendingQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy: SpendingGrouping;
  filter?: TransactionFilter | null | undefined;
}>;


export type SpendingQuery = { spending: { from: string, to: string, groups: Array<{ key: string, currencyCode: string, outflow: string, inflow: string, net: string, transactionCount: number }>, totals: Array<{ key: string, currencyCode: string, outflow: string, inflow: string, net: string, transactionCount: number }> } };

export type ValidateTransferExactlyMutationVariables = Exact<{
  input: ValidateTransferInput;
}>;


export type ValidateTransferExactlyMutation = { validateTransfer: { id: string, approved: boolean, reasons: Array<TransferDeclineReason>, requestedMoney: { amount: string, currencyCode: string }, availableBalanceMoney: { amount: string, currencyCode: string } | null } };

export type PlaidAccountsOfItemQueryVariables = Exact<{
  itemId?: string | number | null | undefined;
}>;


export type PlaidAccountsOfItemQuery = { accounts: Array<{ id: string, plaidAccountId: string, name: string }> };

export type ValidateTransferMutationVariables = Exact<{
  input: ValidateTransferInput;
}>;


export type ValidateTransferMutation = { validateTransfer: { id: string, approved: boolean, reasons: Array<TransferDeclineReason>, requestedAmount: number, availableBalance: number | null, isoCurrencyCode: string | null, achAccountMask: string | null, checkedAt: string, identityMatch: { legalName: number | null, phoneNumber: number | null, emailAddress: number | null, address: number | null } | null, account: { id: string, name: string, mask: string | null } } };

export type AccountsOfItemQueryVariables = Exact<{
  itemId?: string | number | null | undefined;
}>;


export type AccountsOfItemQuery = { accounts: Array<{ id: string, name: string }> };

export type CreateSandboxPublicTokenMutationVariables = Exact<{
  input?: SandboxPublicTokenInput | null | undefined;
}>;


export type CreateSandboxPublicTokenMutation = { sandboxCreatePublicToken: { publicToken: string } };

export type ExchangePublicTokenMutationVariables = Exact<{
  publicToken: string;
}>;


export type ExchangePublicTokenMutation = { exchangePublicToken: { id: string, plaidItemId: string, status: ItemStatus } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const SyncForExactMoneyDocument = new TypedDocumentString(`
    mutation SyncForExactMoney($itemId: ID!) {
  syncItem(itemId: $itemId) {
    added
  }
}
    `) as unknown as TypedDocumentString<SyncForExactMoneyMutation, SyncForExactMoneyMutationVariables>;
export const MoneyOfTransactionDocument = new TypedDocumentString(`
    query MoneyOfTransaction($id: ID!) {
  transaction(id: $id) {
    amount
    money {
      amount
      currencyCode
    }
  }
}
    `) as unknown as TypedDocumentString<MoneyOfTransactionQuery, MoneyOfTransactionQueryVariables>;
export const TransactionsBetweenExactAmountsDocument = new TypedDocumentString(`
    query TransactionsBetweenExactAmounts($min: Decimal, $max: Decimal) {
  transactions(first: 100, filter: {minExactAmount: $min, maxExactAmount: $max}) {
    edges {
      node {
        id
        money {
          amount
          currencyCode
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TransactionsBetweenExactAmountsQuery, TransactionsBetweenExactAmountsQueryVariables>;
export const MoneyOfBalancesDocument = new TypedDocumentString(`
    query MoneyOfBalances($accountIds: [ID!], $realtime: Boolean!) {
  balances(accountIds: $accountIds, realtime: $realtime) {
    accountId
    current
    currentMoney {
      amount
      currencyCode
    }
    availableMoney {
      amount
      currencyCode
    }
    limitMoney {
      amount
      currencyCode
    }
  }
}
    `) as unknown as TypedDocumentString<MoneyOfBalancesQuery, MoneyOfBalancesQueryVariables>;
export const PlaidAccountIdsDocument = new TypedDocumentString(`
    query PlaidAccountIds($itemId: ID) {
  accounts(itemId: $itemId) {
    id
    plaidAccountId
    name
  }
}
    `) as unknown as TypedDocumentString<PlaidAccountIdsQuery, PlaidAccountIdsQueryVariables>;
export const TransactionsPageDocument = new TypedDocumentString(`
    query TransactionsPage($filter: TransactionFilter, $first: Int, $after: String) {
  transactions(filter: $filter, first: $first, after: $after) {
    totalCount
    edges {
      cursor
      node {
        id
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<TransactionsPageQuery, TransactionsPageQueryVariables>;
export const BalancesDocument = new TypedDocumentString(`
    query Balances($ids: [ID!], $realtime: Boolean!) {
  balances(accountIds: $ids, realtime: $realtime) {
    accountId
    available
    current
    limit
    isoCurrencyCode
    lastUpdatedAt
    isRealtime
  }
}
    `) as unknown as TypedDocumentString<BalancesQuery, BalancesQueryVariables>;
export const SpendingDocument = new TypedDocumentString(`
    query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!, $filter: TransactionFilter) {
  spending(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {
    from
    to
    groups {
      key
      currencyCode
      outflow
      inflow
      net
      transactionCount
    }
    totals {
      key
      currencyCode
      outflow
      inflow
      net
      transactionCount
    }
  }
}
    `) as unknown as TypedDocumentString<SpendingQuery, SpendingQueryVariables>;
export const ValidateTransferExactlyDocument = new TypedDocumentString(`
    mutation ValidateTransferExactly($input: ValidateTransferInput!) {
  validateTransfer(input: $input) {
    id
    approved
    reasons
    requestedMoney {
      amount
      currencyCode
    }
    availableBalanceMoney {
      amount
      currencyCode
    }
  }
}
    `) as unknown as TypedDocumentString<ValidateTransferExactlyMutation, ValidateTransferExactlyMutationVariables>;
export const PlaidAccountsOfItemDocument = new TypedDocumentString(`
    query PlaidAccountsOfItem($itemId: ID) {
  accounts(itemId: $itemId) {
    id
    plaidAccountId
    name
  }
}
    `) as unknown as TypedDocumentString<PlaidAccountsOfItemQuery, PlaidAccountsOfItemQueryVariables>;
export const ValidateTransferDocument = new TypedDocumentString(`
    mutation ValidateTransfer($input: ValidateTransferInput!) {
  validateTransfer(input: $input) {
    id
    approved
    reasons
    requestedAmount
    availableBalance
    isoCurrencyCode
    achAccountMask
    checkedAt
    identityMatch {
      legalName
      phoneNumber
      emailAddress
      address
    }
    account {
      id
      name
      mask
    }
  }
}
    `) as unknown as TypedDocumentString<ValidateTransferMutation, ValidateTransferMutationVariables>;
export const AccountsOfItemDocument = new TypedDocumentString(`
    query AccountsOfItem($itemId: ID) {
  accounts(itemId: $itemId) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AccountsOfItemQuery, AccountsOfItemQueryVariables>;
export const CreateSandboxPublicTokenDocument = new TypedDocumentString(`
    mutation CreateSandboxPublicToken($input: SandboxPublicTokenInput) {
  sandboxCreatePublicToken(input: $input) {
    publicToken
  }
}
    `) as unknown as TypedDocumentString<CreateSandboxPublicTokenMutation, CreateSandboxPublicTokenMutationVariables>;
export const ExchangePublicTokenDocument = new TypedDocumentString(`
    mutation ExchangePublicToken($publicToken: String!) {
  exchangePublicToken(input: {publicToken: $publicToken}) {
    id
    plaidItemId
    status
  }
}
    `) as unknown as TypedDocumentString<ExchangePublicTokenMutation, ExchangePublicTokenMutationVariables>;