/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SyncForExactMoney($itemId: ID!) {\n    syncItem(itemId: $itemId) {\n      added\n    }\n  }\n": typeof types.SyncForExactMoneyDocument,
    "\n  query MoneyOfTransaction($id: ID!) {\n    transaction(id: $id) {\n      amount\n      money {\n        amount\n        currencyCode\n      }\n    }\n  }\n": typeof types.MoneyOfTransactionDocument,
    "\n  query TransactionsBetweenExactAmounts($min: Decimal, $max: Decimal) {\n    transactions(first: 100, filter: { minExactAmount: $min, maxExactAmount: $max }) {\n      edges {\n        node {\n          id\n          money {\n            amount\n            currencyCode\n          }\n        }\n      }\n    }\n  }\n": typeof types.TransactionsBetweenExactAmountsDocument,
    "\n  query MoneyOfBalances($accountIds: [ID!], $realtime: Boolean!) {\n    balances(accountIds: $accountIds, realtime: $realtime) {\n      accountId\n      current\n      currentMoney {\n        amount\n        currencyCode\n      }\n      availableMoney {\n        amount\n        currencyCode\n      }\n      limitMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n": typeof types.MoneyOfBalancesDocument,
    "\n  query PlaidAccountIds($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      plaidAccountId\n      name\n    }\n  }\n": typeof types.PlaidAccountIdsDocument,
    "\n  query TransactionsPage($filter: TransactionFilter, $first: Int, $after: String) {\n    transactions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TransactionsPageDocument,
    "\n  query Balances($ids: [ID!], $realtime: Boolean!) {\n    balances(accountIds: $ids, realtime: $realtime) {\n      accountId\n      available\n      current\n      limit\n      isoCurrencyCode\n      lastUpdatedAt\n      isRealtime\n    }\n  }\n": typeof types.BalancesDocument,
    "\n  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!, $filter: TransactionFilter) {\n    spending(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {\n      from\n      to\n      groups {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n      totals {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n    }\n  }\n": typeof types.SpendingDocument,
    "\n  mutation ValidateTransferExactly($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedMoney {\n        amount\n        currencyCode\n      }\n      availableBalanceMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n": typeof types.ValidateTransferExactlyDocument,
    "\n  query PlaidAccountsOfItem($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      plaidAccountId\n      name\n    }\n  }\n": typeof types.PlaidAccountsOfItemDocument,
    "\n  mutation ValidateTransfer($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedAmount\n      availableBalance\n      isoCurrencyCode\n      achAccountMask\n      checkedAt\n      identityMatch {\n        legalName\n        phoneNumber\n        emailAddress\n        address\n      }\n      account {\n        id\n        name\n        mask\n      }\n    }\n  }\n": typeof types.ValidateTransferDocument,
    "\n  query AccountsOfItem($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      name\n    }\n  }\n": typeof types.AccountsOfItemDocument,
    "\n  mutation CreateSandboxPublicToken($input: SandboxPublicTokenInput) {\n    sandboxCreatePublicToken(input: $input) {\n      publicToken\n    }\n  }\n": typeof types.CreateSandboxPublicTokenDocument,
    "\n  mutation ExchangePublicToken($publicToken: String!) {\n    exchangePublicToken(input: { publicToken: $publicToken }) {\n      id\n      plaidItemId\n      status\n    }\n  }\n": typeof types.ExchangePublicTokenDocument,
};
const documents: Documents = {
    "\n  mutation SyncForExactMoney($itemId: ID!) {\n    syncItem(itemId: $itemId) {\n      added\n    }\n  }\n": types.SyncForExactMoneyDocument,
    "\n  query MoneyOfTransaction($id: ID!) {\n    transaction(id: $id) {\n      amount\n      money {\n        amount\n        currencyCode\n      }\n    }\n  }\n": types.MoneyOfTransactionDocument,
    "\n  query TransactionsBetweenExactAmounts($min: Decimal, $max: Decimal) {\n    transactions(first: 100, filter: { minExactAmount: $min, maxExactAmount: $max }) {\n      edges {\n        node {\n          id\n          money {\n            amount\n            currencyCode\n          }\n        }\n      }\n    }\n  }\n": types.TransactionsBetweenExactAmountsDocument,
    "\n  query MoneyOfBalances($accountIds: [ID!], $realtime: Boolean!) {\n    balances(accountIds: $accountIds, realtime: $realtime) {\n      accountId\n      current\n      currentMoney {\n        amount\n        currencyCode\n      }\n      availableMoney {\n        amount\n        currencyCode\n      }\n      limitMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n": types.MoneyOfBalancesDocument,
    "\n  query PlaidAccountIds($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      plaidAccountId\n      name\n    }\n  }\n": types.PlaidAccountIdsDocument,
    "\n  query TransactionsPage($filter: TransactionFilter, $first: Int, $after: String) {\n    transactions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TransactionsPageDocument,
    "\n  query Balances($ids: [ID!], $realtime: Boolean!) {\n    balances(accountIds: $ids, realtime: $realtime) {\n      accountId\n      available\n      current\n      limit\n      isoCurrencyCode\n      lastUpdatedAt\n      isRealtime\n    }\n  }\n": types.BalancesDocument,
    "\n  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!, $filter: TransactionFilter) {\n    spending(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {\n      from\n      to\n      groups {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n      totals {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n    }\n  }\n": types.SpendingDocument,
    "\n  mutation ValidateTransferExactly($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedMoney {\n        amount\n        currencyCode\n      }\n      availableBalanceMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n": types.ValidateTransferExactlyDocument,
    "\n  query PlaidAccountsOfItem($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      plaidAccountId\n      name\n    }\n  }\n": types.PlaidAccountsOfItemDocument,
    "\n  mutation ValidateTransfer($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedAmount\n      availableBalance\n      isoCurrencyCode\n      achAccountMask\n      checkedAt\n      identityMatch {\n        legalName\n        phoneNumber\n        emailAddress\n        address\n      }\n      account {\n        id\n        name\n        mask\n      }\n    }\n  }\n": types.ValidateTransferDocument,
    "\n  query AccountsOfItem($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      name\n    }\n  }\n": types.AccountsOfItemDocument,
    "\n  mutation CreateSandboxPublicToken($input: SandboxPublicTokenInput) {\n    sandboxCreatePublicToken(input: $input) {\n      publicToken\n    }\n  }\n": types.CreateSandboxPublicTokenDocument,
    "\n  mutation ExchangePublicToken($publicToken: String!) {\n    exchangePublicToken(input: { publicToken: $publicToken }) {\n      id\n      plaidItemId\n      status\n    }\n  }\n": types.ExchangePublicTokenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SyncForExactMoney($itemId: ID!) {\n    syncItem(itemId: $itemId) {\n      added\n    }\n  }\n"): typeof import('./graphql').SyncForExactMoneyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoneyOfTransaction($id: ID!) {\n    transaction(id: $id) {\n      amount\n      money {\n        amount\n        currencyCode\n      }\n    }\n  }\n"): typeof import('./graphql').MoneyOfTransactionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransactionsBetweenExactAmounts($min: Decimal, $max: Decimal) {\n    transactions(first: 100, filter: { minExactAmount: $min, maxExactAmount: $max }) {\n      edges {\n        node {\n          id\n          money {\n            amount\n            currencyCode\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TransactionsBetweenExactAmountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoneyOfBalances($accountIds: [ID!], $realtime: Boolean!) {\n    balances(accountIds: $accountIds, realtime: $realtime) {\n      accountId\n      current\n      currentMoney {\n        amount\n        currencyCode\n      }\n      availableMoney {\n        amount\n        currencyCode\n      }\n      limitMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n"): typeof import('./graphql').MoneyOfBalancesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaidAccountIds($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      plaidAccountId\n      name\n    }\n  }\n"): typeof import('./graphql').PlaidAccountIdsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransactionsPage($filter: TransactionFilter, $first: Int, $after: String) {\n    transactions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').TransactionsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Balances($ids: [ID!], $realtime: Boolean!) {\n    balances(accountIds: $ids, realtime: $realtime) {\n      accountId\n      available\n      current\n      limit\n      isoCurrencyCode\n      lastUpdatedAt\n      isRealtime\n    }\n  }\n"): typeof import('./graphql').BalancesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!, $filter: TransactionFilter) {\n    spending(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {\n      from\n      to\n      groups {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n      totals {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n    }\n  }\n"): typeof import('./graphql').SpendingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ValidateTransferExactly($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedMoney {\n        amount\n        currencyCode\n      }\n      availableBalanceMoney {\n        amount\n        currencyCode\n      }\n    }\n  }\n"): typeof import('./graphql').ValidateTransferExactlyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaidAccountsOfItem($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      plaidAccountId\n      name\n    }\n  }\n"): typeof import('./graphql').PlaidAccountsOfItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ValidateTransfer($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedAmount\n      availableBalance\n      isoCurrencyCode\n      achAccountMask\n      checkedAt\n      identityMatch {\n        legalName\n        phoneNumber\n        emailAddress\n        address\n      }\n      account {\n        id\n        name\n        mask\n      }\n    }\n  }\n"): typeof import('./graphql').ValidateTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsOfItem($itemId: ID) {\n    accounts(itemId: $itemId) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').AccountsOfItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSandboxPublicToken($input: SandboxPublicTokenInput) {\n    sandboxCreatePublicToken(input: $input) {\n      publicToken\n    }\n  }\n"): typeof import('./graphql').CreateSandboxPublicTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExchangePublicToken($publicToken: String!) {\n    exchangePublicToken(input: { publicToken: $publicToken }) {\n      id\n      plaidItemId\n      status\n    }\n  }\n"): typeof import('./graphql').ExchangePublicTokenDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
