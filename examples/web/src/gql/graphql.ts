/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AccountType =
  | 'CREDIT'
  | 'DEPOSITORY'
  | 'INVESTMENT'
  | 'LOAN'
  | 'OTHER';

/**
 * Partial update: a field left out keeps its value; categoryOverride or note set to null clears
 * it. At most 20 tags of at most 40 characters each; a note of at most 2,000 characters.
 */
export type AnnotateTransactionInput = {
  categoryOverride?: string | null | undefined;
  hidden?: boolean | null | undefined;
  note?: string | null | undefined;
  tags?: Array<string> | null | undefined;
  transactionId: string | number;
};

export type ExchangePublicTokenInput = {
  /** From Link's onSuccess metadata, for display until Plaid confirms it. */
  institutionId?: string | null | undefined;
  institutionName?: string | null | undefined;
  publicToken: string;
};

export type FlowDirection =
  | 'INFLOW'
  | 'OUTFLOW';

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

export type RecurringFrequency =
  | 'ANNUALLY'
  | 'BIWEEKLY'
  | 'MONTHLY'
  | 'SEMI_MONTHLY'
  | 'UNKNOWN'
  | 'WEEKLY';

export type RecurringStreamStatus =
  | 'EARLY_DETECTION'
  | 'MATURE'
  | 'TOMBSTONED'
  | 'UNKNOWN';

export type SandboxPublicTokenInput = {
  /** Defaults to ins_109508 (First Platypus Bank). */
  institutionId?: string | null | undefined;
  /** Defaults to the gateway's configured products. */
  products?: Array<PlaidProduct> | null | undefined;
  /** user_good (default) or user_transactions_dynamic, as in Plaid's sandbox. */
  username?: string | null | undefined;
};

export type SandboxTransactionInput = {
  amount: number;
  datePosted: string;
  dateTransacted: string;
  description: string;
  isoCurrencyCode?: string | null | undefined;
};

export type SandboxWebhookCode =
  | 'DEFAULT_UPDATE'
  | 'ERROR'
  | 'LOGIN_REPAIRED'
  | 'NEW_ACCOUNTS_AVAILABLE'
  | 'PENDING_DISCONNECT'
  | 'PENDING_EXPIRATION'
  | 'SYNC_UPDATES_AVAILABLE'
  | 'USER_PERMISSION_REVOKED';

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

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, profile: { legalName: string | null } | null } };

export type ItemsQueryVariables = Exact<{ [key: string]: never; }>;


export type ItemsQuery = { items: Array<{ id: string, institutionName: string | null, status: ItemStatus, lastSyncedAt: string | null, consentExpiresAt: string | null, error: { code: string, displayMessage: string | null } | null, accounts: Array<{ id: string, name: string, mask: string | null, type: AccountType, subtype: string | null, balance: { lastUpdatedAt: string, isRealtime: boolean, currentMoney: { amount: string, currencyCode: string } | null, availableMoney: { amount: string, currencyCode: string } | null } }> }> };

export type TransactionRowFragment = { id: string, date: string, name: string, merchantName: string | null, pending: boolean, category: string | null, effectiveCategory: string | null, money: { amount: string, currencyCode: string }, annotation: { categoryOverride: string | null, note: string | null, tags: Array<string>, hidden: boolean, updatedAt: string } | null, account: { name: string } };

export type TransactionsQueryVariables = Exact<{
  filter?: TransactionFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TransactionsQuery = { transactions: { totalCount: number, edges: Array<{ node: { id: string, date: string, name: string, merchantName: string | null, pending: boolean, category: string | null, effectiveCategory: string | null, money: { amount: string, currencyCode: string }, annotation: { categoryOverride: string | null, note: string | null, tags: Array<string>, hidden: boolean, updatedAt: string } | null, account: { name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AnnotateTransactionMutationVariables = Exact<{
  input: AnnotateTransactionInput;
}>;


export type AnnotateTransactionMutation = { annotateTransaction: { id: string, date: string, name: string, merchantName: string | null, pending: boolean, category: string | null, effectiveCategory: string | null, money: { amount: string, currencyCode: string }, annotation: { categoryOverride: string | null, note: string | null, tags: Array<string>, hidden: boolean, updatedAt: string } | null, account: { name: string } } };

export type SpendingQueryVariables = Exact<{
  from: string;
  to: string;
  groupBy: SpendingGrouping;
}>;


export type SpendingQuery = { spending: { groups: Array<{ key: string, currencyCode: string, outflow: string, inflow: string, net: string, transactionCount: number }>, totals: Array<{ currencyCode: string, outflow: string, inflow: string, net: string, transactionCount: number }> } };

export type RecurringStreamsQueryVariables = Exact<{
  direction?: FlowDirection | null | undefined;
}>;


export type RecurringStreamsQuery = { recurringStreams: Array<{ id: string, direction: FlowDirection, description: string, merchantName: string | null, category: string | null, frequency: RecurringFrequency, status: RecurringStreamStatus, isActive: boolean, lastDate: string, predictedNextDate: string | null, averageAmount: { amount: string, currencyCode: string }, lastAmount: { amount: string, currencyCode: string }, account: { name: string, item: { institutionName: string | null } }, transactions: { totalCount: number, edges: Array<{ node: { id: string, date: string, name: string, pending: boolean, money: { amount: string, currencyCode: string } } }> } }> };

export type RealtimeBalancesQueryVariables = Exact<{
  accountIds?: Array<string | number> | string | number | null | undefined;
}>;


export type RealtimeBalancesQuery = { balances: Array<{ accountId: string, lastUpdatedAt: string, isRealtime: boolean, currentMoney: { amount: string, currencyCode: string } | null, availableMoney: { amount: string, currencyCode: string } | null }> };

export type CreateLinkTokenMutationVariables = Exact<{ [key: string]: never; }>;


export type CreateLinkTokenMutation = { createLinkToken: { linkToken: string } };

export type ExchangePublicTokenMutationVariables = Exact<{
  input: ExchangePublicTokenInput;
}>;


export type ExchangePublicTokenMutation = { exchangePublicToken: { id: string, status: ItemStatus } };

export type CreateRelinkTokenMutationVariables = Exact<{
  itemId: string | number;
}>;


export type CreateRelinkTokenMutation = { createRelinkToken: { linkToken: string } };

export type CompleteRelinkMutationVariables = Exact<{
  itemId: string | number;
}>;


export type CompleteRelinkMutation = { completeRelink: { id: string, status: ItemStatus } };

export type UpdateLegalNameMutationVariables = Exact<{
  legalName?: string | null | undefined;
}>;


export type UpdateLegalNameMutation = { updateProfile: { id: string, profile: { legalName: string | null } | null } };

export type ValidateTransferMutationVariables = Exact<{
  input: ValidateTransferInput;
}>;


export type ValidateTransferMutation = { validateTransfer: { id: string, approved: boolean, reasons: Array<TransferDeclineReason>, requestedMoney: { amount: string, currencyCode: string }, availableBalanceMoney: { amount: string, currencyCode: string } | null, identityMatch: { legalName: number | null } | null } };

export type SandboxCreatePublicTokenMutationVariables = Exact<{
  input?: SandboxPublicTokenInput | null | undefined;
}>;


export type SandboxCreatePublicTokenMutation = { sandboxCreatePublicToken: { publicToken: string } };

export type SandboxFireWebhookMutationVariables = Exact<{
  itemId: string | number;
  code: SandboxWebhookCode;
}>;


export type SandboxFireWebhookMutation = { sandboxFireWebhook: boolean };

export type SandboxResetLoginMutationVariables = Exact<{
  itemId: string | number;
}>;


export type SandboxResetLoginMutation = { sandboxResetLogin: boolean };

export type SandboxCreateTransactionsMutationVariables = Exact<{
  itemId: string | number;
  transactions: Array<SandboxTransactionInput> | SandboxTransactionInput;
}>;


export type SandboxCreateTransactionsMutation = { sandboxCreateTransactions: boolean };

export type SyncItemMutationVariables = Exact<{
  itemId: string | number;
}>;


export type SyncItemMutation = { syncItem: { added: number } };

export type ItemStatusChangedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ItemStatusChangedSubscription = { itemStatusChanged: { cursor: string, status: ItemStatus, previousStatus: ItemStatus | null, reason: string | null, occurredAt: string, item: { id: string, institutionName: string | null } } };

export type TransactionsSyncedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type TransactionsSyncedSubscription = { transactionsSynced: { cursor: string, added: number, modified: number, removed: number, syncedAt: string, item: { id: string, institutionName: string | null } } };

export const TransactionRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TransactionRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Transaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"merchantName"}},{"kind":"Field","name":{"kind":"Name","value":"money"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveCategory"}},{"kind":"Field","name":{"kind":"Name","value":"annotation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categoryOverride"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"hidden"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<TransactionRowFragment, unknown>;
export const MeDocument = {"__meta__":{"hash":"sha256:767bef3eaaeb652ace0edfa54ae0ed8e6457203865cb3c272703af75decc5829"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalName"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ItemsDocument = {"__meta__":{"hash":"sha256:8cc91af0a2a59bb27b8cf2522ebf77d78ea2678daa5aad41329d18bde92f62da"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"institutionName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"consentExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"displayMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"mask"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"subtype"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isRealtime"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ItemsQuery, ItemsQueryVariables>;
export const TransactionsDocument = {"__meta__":{"hash":"sha256:acd88bb514868328ab578d061288f50a9ee880ea1c887d1ce7c64733243b96c9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Transactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TransactionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TransactionRow"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TransactionRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Transaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"merchantName"}},{"kind":"Field","name":{"kind":"Name","value":"money"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveCategory"}},{"kind":"Field","name":{"kind":"Name","value":"annotation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categoryOverride"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"hidden"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<TransactionsQuery, TransactionsQueryVariables>;
export const AnnotateTransactionDocument = {"__meta__":{"hash":"sha256:87dbe030772c7dd329f3a1788f0d57abeca00e1e204c29534745d63c751ef51f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AnnotateTransaction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnnotateTransactionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"annotateTransaction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TransactionRow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TransactionRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Transaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"merchantName"}},{"kind":"Field","name":{"kind":"Name","value":"money"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveCategory"}},{"kind":"Field","name":{"kind":"Name","value":"annotation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categoryOverride"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"hidden"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AnnotateTransactionMutation, AnnotateTransactionMutationVariables>;
export const SpendingDocument = {"__meta__":{"hash":"sha256:73292233a833ada97ffa90963fdff05188cbf9499da7212eeca8695e8229dfbf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Spending"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SpendingGrouping"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"spending"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"outflow"}},{"kind":"Field","name":{"kind":"Name","value":"inflow"}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"transactionCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"outflow"}},{"kind":"Field","name":{"kind":"Name","value":"inflow"}},{"kind":"Field","name":{"kind":"Name","value":"net"}},{"kind":"Field","name":{"kind":"Name","value":"transactionCount"}}]}}]}}]}}]} as unknown as DocumentNode<SpendingQuery, SpendingQueryVariables>;
export const RecurringStreamsDocument = {"__meta__":{"hash":"sha256:27b00373bbbb250f1541a9f598a1bc2bc41a27bdebedbef2c978e4225e603ec7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecurringStreams"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"direction"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FlowDirection"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recurringStreams"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"direction"},"value":{"kind":"Variable","name":{"kind":"Name","value":"direction"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"merchantName"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"averageAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastDate"}},{"kind":"Field","name":{"kind":"Name","value":"predictedNextDate"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"institutionName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"6"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"money"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecurringStreamsQuery, RecurringStreamsQueryVariables>;
export const RealtimeBalancesDocument = {"__meta__":{"hash":"sha256:0366a4c510a960deecdd6e5a9dee89ddc1a8aa3c6e5886b7ccbf3d7ad28e4bb1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RealtimeBalances"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balances"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"realtime"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"currentMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"isRealtime"}}]}}]}}]} as unknown as DocumentNode<RealtimeBalancesQuery, RealtimeBalancesQueryVariables>;
export const CreateLinkTokenDocument = {"__meta__":{"hash":"sha256:75436ce6b335592c7221f0b2d2eeab3361d6c0df6ea9bcd8a6f8e93e2b52844d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateLinkToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createLinkToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkToken"}}]}}]}}]} as unknown as DocumentNode<CreateLinkTokenMutation, CreateLinkTokenMutationVariables>;
export const ExchangePublicTokenDocument = {"__meta__":{"hash":"sha256:a783f70aa127bf0e574ef68dc64d2456a95ab9faaa993c23e95b4bdbab0ac2a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExchangePublicToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExchangePublicTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exchangePublicToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ExchangePublicTokenMutation, ExchangePublicTokenMutationVariables>;
export const CreateRelinkTokenDocument = {"__meta__":{"hash":"sha256:5f0d69c3fb42bd6ef85559e7bf1d344b2be3fd726b31a045138e619dd7d4376f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRelinkToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRelinkToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkToken"}}]}}]}}]} as unknown as DocumentNode<CreateRelinkTokenMutation, CreateRelinkTokenMutationVariables>;
export const CompleteRelinkDocument = {"__meta__":{"hash":"sha256:8eac2f860208a56e71fb974d33b1347331206127678332e40013733bdf85e830"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteRelink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeRelink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CompleteRelinkMutation, CompleteRelinkMutationVariables>;
export const UpdateLegalNameDocument = {"__meta__":{"hash":"sha256:68a6089852473f53d0bb67ced6d08caff586349a57f08c45282a1ed51cd743c4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateLegalName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"legalName"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"legalName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"legalName"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalName"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateLegalNameMutation, UpdateLegalNameMutationVariables>;
export const ValidateTransferDocument = {"__meta__":{"hash":"sha256:c36c202cfae6ed34ccc3eeecad9846d6d678993e181fdb68c2062e58cd31d039"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ValidateTransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"approved"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"requestedMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableBalanceMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"identityMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalName"}}]}}]}}]}}]} as unknown as DocumentNode<ValidateTransferMutation, ValidateTransferMutationVariables>;
export const SandboxCreatePublicTokenDocument = {"__meta__":{"hash":"sha256:46b57ab696c69b8ac6a6b9e5f3028c3953d099af0eb9b38ac5e7863d2e120497"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SandboxCreatePublicToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SandboxPublicTokenInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sandboxCreatePublicToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicToken"}}]}}]}}]} as unknown as DocumentNode<SandboxCreatePublicTokenMutation, SandboxCreatePublicTokenMutationVariables>;
export const SandboxFireWebhookDocument = {"__meta__":{"hash":"sha256:01b10f2a4f591699e43295450ec1aab9cb9997c5501658965f83e730592d18b5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SandboxFireWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SandboxWebhookCode"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sandboxFireWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}]}]}}]} as unknown as DocumentNode<SandboxFireWebhookMutation, SandboxFireWebhookMutationVariables>;
export const SandboxResetLoginDocument = {"__meta__":{"hash":"sha256:8bb9cddb6e4a26072c58ed3dddcd0d21def826c18647ad1d07b1175db4de5d97"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SandboxResetLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sandboxResetLogin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}}]}]}}]} as unknown as DocumentNode<SandboxResetLoginMutation, SandboxResetLoginMutationVariables>;
export const SandboxCreateTransactionsDocument = {"__meta__":{"hash":"sha256:3907149e83c8c9df874a7a41a9b70fe73e0b7e60b262d555e9d6a8a4004fae84"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SandboxCreateTransactions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"transactions"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SandboxTransactionInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sandboxCreateTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"transactions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"transactions"}}}]}]}}]} as unknown as DocumentNode<SandboxCreateTransactionsMutation, SandboxCreateTransactionsMutationVariables>;
export const SyncItemDocument = {"__meta__":{"hash":"sha256:2e5cd3fd4e8df2b2fd90139b770b589dc696611d06c347fab5d07f784244552a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SyncItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"itemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"itemId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"}}]}}]}}]} as unknown as DocumentNode<SyncItemMutation, SyncItemMutationVariables>;
export const ItemStatusChangedDocument = {"__meta__":{"hash":"sha256:5240c53c62d1ae8565ecb05da686882b1da98469363a9c4abd6790b365c5fc19"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ItemStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"institutionName"}}]}}]}}]}}]} as unknown as DocumentNode<ItemStatusChangedSubscription, ItemStatusChangedSubscriptionVariables>;
export const TransactionsSyncedDocument = {"__meta__":{"hash":"sha256:f1614225c1dbf13a214a66611f29f1e05eab29dc48794b7fdf58c4277005fea4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TransactionsSynced"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transactionsSynced"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"modified"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"institutionName"}}]}}]}}]}}]} as unknown as DocumentNode<TransactionsSyncedSubscription, TransactionsSyncedSubscriptionVariables>;