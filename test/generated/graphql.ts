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

export type TransactionFilter = {
  accountIds?: Array<string | number> | null | undefined;
  category?: string | null | undefined;
  /** Inclusive. */
  from?: string | null | undefined;
  hidden?: boolean | null | undefined;
  itemId?: string | number | null | undefined;
  maxAmount?: number | null | undefined;
  minAmount?: number | null | undefined;
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
  /** In the account's currency; must be positive. */
  amount: number;
  /** The same key returns the same recorded decision instead of deciding again. */
  idempotencyKey?: string | null | undefined;
};

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