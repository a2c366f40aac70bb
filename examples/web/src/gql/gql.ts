/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  query Me {\n    me {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Items {\n    items {\n      id\n      institutionName\n      status\n      lastSyncedAt\n      consentExpiresAt\n      # No `message`: it is Plaid's text for developers; people see `displayMessage` or the app's words.\n      error {\n        code\n        displayMessage\n      }\n      accounts {\n        id\n        name\n        mask\n        type\n        subtype\n        balance {\n          currentMoney {\n            amount\n            currencyCode\n          }\n          availableMoney {\n            amount\n            currencyCode\n          }\n          lastUpdatedAt\n          isRealtime\n        }\n      }\n    }\n  }\n": typeof types.ItemsDocument,
    "\n  fragment TransactionRow on Transaction {\n    id\n    date\n    name\n    merchantName\n    money {\n      amount\n      currencyCode\n    }\n    pending\n    category\n    effectiveCategory\n    annotation {\n      categoryOverride\n      note\n      tags\n      hidden\n      updatedAt\n    }\n    account {\n      name\n    }\n  }\n": typeof types.TransactionRowFragmentDoc,
    "\n  query Transactions($filter: TransactionFilter, $first: Int, $after: String) {\n    transactions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...TransactionRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TransactionsDocument,
    "\n  mutation AnnotateTransaction($input: AnnotateTransactionInput!) {\n    annotateTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n": typeof types.AnnotateTransactionDocument,
    "\n  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!) {\n    spending(from: $from, to: $to, groupBy: $groupBy) {\n      groups {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n      totals {\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n    }\n  }\n": typeof types.SpendingDocument,
    "\n  query RecurringStreams($direction: FlowDirection) {\n    recurringStreams(direction: $direction) {\n      id\n      direction\n      description\n      merchantName\n      category\n      frequency\n      status\n      isActive\n      averageAmount {\n        amount\n        currencyCode\n      }\n      lastAmount {\n        amount\n        currencyCode\n      }\n      lastDate\n      predictedNextDate\n      account {\n        name\n        item {\n          institutionName\n        }\n      }\n      transactions(first: 6) {\n        totalCount\n        edges {\n          node {\n            id\n            date\n            name\n            pending\n            money {\n              amount\n              currencyCode\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecurringStreamsDocument,
    "\n  query RealtimeBalances($accountIds: [ID!]) {\n    balances(accountIds: $accountIds, realtime: true) {\n      accountId\n      currentMoney {\n        amount\n        currencyCode\n      }\n      availableMoney {\n        amount\n        currencyCode\n      }\n      lastUpdatedAt\n      isRealtime\n    }\n  }\n": typeof types.RealtimeBalancesDocument,
    "\n  mutation CreateLinkToken {\n    createLinkToken {\n      linkToken\n    }\n  }\n": typeof types.CreateLinkTokenDocument,
    "\n  mutation ExchangePublicToken($input: ExchangePublicTokenInput!) {\n    exchangePublicToken(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.ExchangePublicTokenDocument,
    "\n  mutation CreateRelinkToken($itemId: ID!) {\n    createRelinkToken(itemId: $itemId) {\n      linkToken\n    }\n  }\n": typeof types.CreateRelinkTokenDocument,
    "\n  mutation CompleteRelink($itemId: ID!) {\n    completeRelink(itemId: $itemId) {\n      id\n      status\n    }\n  }\n": typeof types.CompleteRelinkDocument,
    "\n  mutation UpdateLegalName($legalName: String) {\n    updateProfile(input: { legalName: $legalName }) {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n": typeof types.UpdateLegalNameDocument,
    "\n  mutation ValidateTransfer($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedMoney {\n        amount\n        currencyCode\n      }\n      availableBalanceMoney {\n        amount\n        currencyCode\n      }\n      identityMatch {\n        legalName\n      }\n    }\n  }\n": typeof types.ValidateTransferDocument,
    "\n  mutation SandboxCreatePublicToken($input: SandboxPublicTokenInput) {\n    sandboxCreatePublicToken(input: $input) {\n      publicToken\n    }\n  }\n": typeof types.SandboxCreatePublicTokenDocument,
    "\n  mutation SandboxFireWebhook($itemId: ID!, $code: SandboxWebhookCode!) {\n    sandboxFireWebhook(itemId: $itemId, code: $code)\n  }\n": typeof types.SandboxFireWebhookDocument,
    "\n  mutation SandboxResetLogin($itemId: ID!) {\n    sandboxResetLogin(itemId: $itemId)\n  }\n": typeof types.SandboxResetLoginDocument,
    "\n  mutation SandboxCreateTransactions($itemId: ID!, $transactions: [SandboxTransactionInput!]!) {\n    sandboxCreateTransactions(itemId: $itemId, transactions: $transactions)\n  }\n": typeof types.SandboxCreateTransactionsDocument,
    "\n  mutation SyncItem($itemId: ID!) {\n    syncItem(itemId: $itemId) {\n      added\n    }\n  }\n": typeof types.SyncItemDocument,
    "\n  subscription ItemStatusChanged($after: String) {\n    itemStatusChanged(after: $after) {\n      cursor\n      status\n      previousStatus\n      reason\n      occurredAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n": typeof types.ItemStatusChangedDocument,
    "\n  subscription TransactionsSynced($after: String) {\n    transactionsSynced(after: $after) {\n      cursor\n      added\n      modified\n      removed\n      syncedAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n": typeof types.TransactionsSyncedDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query Items {\n    items {\n      id\n      institutionName\n      status\n      lastSyncedAt\n      consentExpiresAt\n      # No `message`: it is Plaid's text for developers; people see `displayMessage` or the app's words.\n      error {\n        code\n        displayMessage\n      }\n      accounts {\n        id\n        name\n        mask\n        type\n        subtype\n        balance {\n          currentMoney {\n            amount\n            currencyCode\n          }\n          availableMoney {\n            amount\n            currencyCode\n          }\n          lastUpdatedAt\n          isRealtime\n        }\n      }\n    }\n  }\n": types.ItemsDocument,
    "\n  fragment TransactionRow on Transaction {\n    id\n    date\n    name\n    merchantName\n    money {\n      amount\n      currencyCode\n    }\n    pending\n    category\n    effectiveCategory\n    annotation {\n      categoryOverride\n      note\n      tags\n      hidden\n      updatedAt\n    }\n    account {\n      name\n    }\n  }\n": types.TransactionRowFragmentDoc,
    "\n  query Transactions($filter: TransactionFilter, $first: Int, $after: String) {\n    transactions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...TransactionRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TransactionsDocument,
    "\n  mutation AnnotateTransaction($input: AnnotateTransactionInput!) {\n    annotateTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n": types.AnnotateTransactionDocument,
    "\n  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!) {\n    spending(from: $from, to: $to, groupBy: $groupBy) {\n      groups {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n      totals {\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n    }\n  }\n": types.SpendingDocument,
    "\n  query RecurringStreams($direction: FlowDirection) {\n    recurringStreams(direction: $direction) {\n      id\n      direction\n      description\n      merchantName\n      category\n      frequency\n      status\n      isActive\n      averageAmount {\n        amount\n        currencyCode\n      }\n      lastAmount {\n        amount\n        currencyCode\n      }\n      lastDate\n      predictedNextDate\n      account {\n        name\n        item {\n          institutionName\n        }\n      }\n      transactions(first: 6) {\n        totalCount\n        edges {\n          node {\n            id\n            date\n            name\n            pending\n            money {\n              amount\n              currencyCode\n            }\n          }\n        }\n      }\n    }\n  }\n": types.RecurringStreamsDocument,
    "\n  query RealtimeBalances($accountIds: [ID!]) {\n    balances(accountIds: $accountIds, realtime: true) {\n      accountId\n      currentMoney {\n        amount\n        currencyCode\n      }\n      availableMoney {\n        amount\n        currencyCode\n      }\n      lastUpdatedAt\n      isRealtime\n    }\n  }\n": types.RealtimeBalancesDocument,
    "\n  mutation CreateLinkToken {\n    createLinkToken {\n      linkToken\n    }\n  }\n": types.CreateLinkTokenDocument,
    "\n  mutation ExchangePublicToken($input: ExchangePublicTokenInput!) {\n    exchangePublicToken(input: $input) {\n      id\n      status\n    }\n  }\n": types.ExchangePublicTokenDocument,
    "\n  mutation CreateRelinkToken($itemId: ID!) {\n    createRelinkToken(itemId: $itemId) {\n      linkToken\n    }\n  }\n": types.CreateRelinkTokenDocument,
    "\n  mutation CompleteRelink($itemId: ID!) {\n    completeRelink(itemId: $itemId) {\n      id\n      status\n    }\n  }\n": types.CompleteRelinkDocument,
    "\n  mutation UpdateLegalName($legalName: String) {\n    updateProfile(input: { legalName: $legalName }) {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n": types.UpdateLegalNameDocument,
    "\n  mutation ValidateTransfer($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedMoney {\n        amount\n        currencyCode\n      }\n      availableBalanceMoney {\n        amount\n        currencyCode\n      }\n      identityMatch {\n        legalName\n      }\n    }\n  }\n": types.ValidateTransferDocument,
    "\n  mutation SandboxCreatePublicToken($input: SandboxPublicTokenInput) {\n    sandboxCreatePublicToken(input: $input) {\n      publicToken\n    }\n  }\n": types.SandboxCreatePublicTokenDocument,
    "\n  mutation SandboxFireWebhook($itemId: ID!, $code: SandboxWebhookCode!) {\n    sandboxFireWebhook(itemId: $itemId, code: $code)\n  }\n": types.SandboxFireWebhookDocument,
    "\n  mutation SandboxResetLogin($itemId: ID!) {\n    sandboxResetLogin(itemId: $itemId)\n  }\n": types.SandboxResetLoginDocument,
    "\n  mutation SandboxCreateTransactions($itemId: ID!, $transactions: [SandboxTransactionInput!]!) {\n    sandboxCreateTransactions(itemId: $itemId, transactions: $transactions)\n  }\n": types.SandboxCreateTransactionsDocument,
    "\n  mutation SyncItem($itemId: ID!) {\n    syncItem(itemId: $itemId) {\n      added\n    }\n  }\n": types.SyncItemDocument,
    "\n  subscription ItemStatusChanged($after: String) {\n    itemStatusChanged(after: $after) {\n      cursor\n      status\n      previousStatus\n      reason\n      occurredAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n": types.ItemStatusChangedDocument,
    "\n  subscription TransactionsSynced($after: String) {\n    transactionsSynced(after: $after) {\n      cursor\n      added\n      modified\n      removed\n      syncedAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n": types.TransactionsSyncedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Items {\n    items {\n      id\n      institutionName\n      status\n      lastSyncedAt\n      consentExpiresAt\n      # No `message`: it is Plaid's text for developers; people see `displayMessage` or the app's words.\n      error {\n        code\n        displayMessage\n      }\n      accounts {\n        id\n        name\n        mask\n        type\n        subtype\n        balance {\n          currentMoney {\n            amount\n            currencyCode\n          }\n          availableMoney {\n            amount\n            currencyCode\n          }\n          lastUpdatedAt\n          isRealtime\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Items {\n    items {\n      id\n      institutionName\n      status\n      lastSyncedAt\n      consentExpiresAt\n      # No `message`: it is Plaid's text for developers; people see `displayMessage` or the app's words.\n      error {\n        code\n        displayMessage\n      }\n      accounts {\n        id\n        name\n        mask\n        type\n        subtype\n        balance {\n          currentMoney {\n            amount\n            currencyCode\n          }\n          availableMoney {\n            amount\n            currencyCode\n          }\n          lastUpdatedAt\n          isRealtime\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TransactionRow on Transaction {\n    id\n    date\n    name\n    merchantName\n    money {\n      amount\n      currencyCode\n    }\n    pending\n    category\n    effectiveCategory\n    annotation {\n      categoryOverride\n      note\n      tags\n      hidden\n      updatedAt\n    }\n    account {\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment TransactionRow on Transaction {\n    id\n    date\n    name\n    merchantName\n    money {\n      amount\n      currencyCode\n    }\n    pending\n    category\n    effectiveCategory\n    annotation {\n      categoryOverride\n      note\n      tags\n      hidden\n      updatedAt\n    }\n    account {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Transactions($filter: TransactionFilter, $first: Int, $after: String) {\n    transactions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...TransactionRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Transactions($filter: TransactionFilter, $first: Int, $after: String) {\n    transactions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...TransactionRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnnotateTransaction($input: AnnotateTransactionInput!) {\n    annotateTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n"): (typeof documents)["\n  mutation AnnotateTransaction($input: AnnotateTransactionInput!) {\n    annotateTransaction(input: $input) {\n      ...TransactionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!) {\n    spending(from: $from, to: $to, groupBy: $groupBy) {\n      groups {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n      totals {\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!) {\n    spending(from: $from, to: $to, groupBy: $groupBy) {\n      groups {\n        key\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n      totals {\n        currencyCode\n        outflow\n        inflow\n        net\n        transactionCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecurringStreams($direction: FlowDirection) {\n    recurringStreams(direction: $direction) {\n      id\n      direction\n      description\n      merchantName\n      category\n      frequency\n      status\n      isActive\n      averageAmount {\n        amount\n        currencyCode\n      }\n      lastAmount {\n        amount\n        currencyCode\n      }\n      lastDate\n      predictedNextDate\n      account {\n        name\n        item {\n          institutionName\n        }\n      }\n      transactions(first: 6) {\n        totalCount\n        edges {\n          node {\n            id\n            date\n            name\n            pending\n            money {\n              amount\n              currencyCode\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecurringStreams($direction: FlowDirection) {\n    recurringStreams(direction: $direction) {\n      id\n      direction\n      description\n      merchantName\n      category\n      frequency\n      status\n      isActive\n      averageAmount {\n        amount\n        currencyCode\n      }\n      lastAmount {\n        amount\n        currencyCode\n      }\n      lastDate\n      predictedNextDate\n      account {\n        name\n        item {\n          institutionName\n        }\n      }\n      transactions(first: 6) {\n        totalCount\n        edges {\n          node {\n            id\n            date\n            name\n            pending\n            money {\n              amount\n              currencyCode\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RealtimeBalances($accountIds: [ID!]) {\n    balances(accountIds: $accountIds, realtime: true) {\n      accountId\n      currentMoney {\n        amount\n        currencyCode\n      }\n      availableMoney {\n        amount\n        currencyCode\n      }\n      lastUpdatedAt\n      isRealtime\n    }\n  }\n"): (typeof documents)["\n  query RealtimeBalances($accountIds: [ID!]) {\n    balances(accountIds: $accountIds, realtime: true) {\n      accountId\n      currentMoney {\n        amount\n        currencyCode\n      }\n      availableMoney {\n        amount\n        currencyCode\n      }\n      lastUpdatedAt\n      isRealtime\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLinkToken {\n    createLinkToken {\n      linkToken\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLinkToken {\n    createLinkToken {\n      linkToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExchangePublicToken($input: ExchangePublicTokenInput!) {\n    exchangePublicToken(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ExchangePublicToken($input: ExchangePublicTokenInput!) {\n    exchangePublicToken(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRelinkToken($itemId: ID!) {\n    createRelinkToken(itemId: $itemId) {\n      linkToken\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRelinkToken($itemId: ID!) {\n    createRelinkToken(itemId: $itemId) {\n      linkToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteRelink($itemId: ID!) {\n    completeRelink(itemId: $itemId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteRelink($itemId: ID!) {\n    completeRelink(itemId: $itemId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLegalName($legalName: String) {\n    updateProfile(input: { legalName: $legalName }) {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateLegalName($legalName: String) {\n    updateProfile(input: { legalName: $legalName }) {\n      id\n      profile {\n        legalName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ValidateTransfer($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedMoney {\n        amount\n        currencyCode\n      }\n      availableBalanceMoney {\n        amount\n        currencyCode\n      }\n      identityMatch {\n        legalName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ValidateTransfer($input: ValidateTransferInput!) {\n    validateTransfer(input: $input) {\n      id\n      approved\n      reasons\n      requestedMoney {\n        amount\n        currencyCode\n      }\n      availableBalanceMoney {\n        amount\n        currencyCode\n      }\n      identityMatch {\n        legalName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SandboxCreatePublicToken($input: SandboxPublicTokenInput) {\n    sandboxCreatePublicToken(input: $input) {\n      publicToken\n    }\n  }\n"): (typeof documents)["\n  mutation SandboxCreatePublicToken($input: SandboxPublicTokenInput) {\n    sandboxCreatePublicToken(input: $input) {\n      publicToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SandboxFireWebhook($itemId: ID!, $code: SandboxWebhookCode!) {\n    sandboxFireWebhook(itemId: $itemId, code: $code)\n  }\n"): (typeof documents)["\n  mutation SandboxFireWebhook($itemId: ID!, $code: SandboxWebhookCode!) {\n    sandboxFireWebhook(itemId: $itemId, code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SandboxResetLogin($itemId: ID!) {\n    sandboxResetLogin(itemId: $itemId)\n  }\n"): (typeof documents)["\n  mutation SandboxResetLogin($itemId: ID!) {\n    sandboxResetLogin(itemId: $itemId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SandboxCreateTransactions($itemId: ID!, $transactions: [SandboxTransactionInput!]!) {\n    sandboxCreateTransactions(itemId: $itemId, transactions: $transactions)\n  }\n"): (typeof documents)["\n  mutation SandboxCreateTransactions($itemId: ID!, $transactions: [SandboxTransactionInput!]!) {\n    sandboxCreateTransactions(itemId: $itemId, transactions: $transactions)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SyncItem($itemId: ID!) {\n    syncItem(itemId: $itemId) {\n      added\n    }\n  }\n"): (typeof documents)["\n  mutation SyncItem($itemId: ID!) {\n    syncItem(itemId: $itemId) {\n      added\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ItemStatusChanged($after: String) {\n    itemStatusChanged(after: $after) {\n      cursor\n      status\n      previousStatus\n      reason\n      occurredAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ItemStatusChanged($after: String) {\n    itemStatusChanged(after: $after) {\n      cursor\n      status\n      previousStatus\n      reason\n      occurredAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TransactionsSynced($after: String) {\n    transactionsSynced(after: $after) {\n      cursor\n      added\n      modified\n      removed\n      syncedAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription TransactionsSynced($after: String) {\n    transactionsSynced(after: $after) {\n      cursor\n      added\n      modified\n      removed\n      syncedAt\n      item {\n        id\n        institutionName\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;