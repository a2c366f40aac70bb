import { graphql } from './gql';

// Every operation the app sends; `npm run codegen` types them from the gateway's schema.graphql.

export const MeQuery = graphql(`
  query Me {
    me {
      id
      profile {
        legalName
      }
    }
  }
`);

export const ItemsQuery = graphql(`
  query Items {
    items {
      id
      institutionName
      status
      lastSyncedAt
      consentExpiresAt
      # No \`message\`: it is Plaid's text for developers; people see \`displayMessage\` or the app's words.
      error {
        code
        displayMessage
      }
      accounts {
        id
        name
        mask
        type
        subtype
        balance {
          currentMoney {
            amount
            currencyCode
          }
          availableMoney {
            amount
            currencyCode
          }
          lastUpdatedAt
          isRealtime
        }
      }
    }
  }
`);

// A row of the transactions list, as the list loads it and as annotateTransaction answers it.
export const TransactionRowFragment = graphql(`
  fragment TransactionRow on Transaction {
    id
    date
    name
    merchantName
    money {
      amount
      currencyCode
    }
    pending
    category
    effectiveCategory
    annotation {
      categoryOverride
      note
      tags
      hidden
      updatedAt
    }
    account {
      name
    }
  }
`);

export const TransactionsQuery = graphql(`
  query Transactions($filter: TransactionFilter, $first: Int, $after: String) {
    transactions(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          ...TransactionRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AnnotateTransactionMutation = graphql(`
  mutation AnnotateTransaction($input: AnnotateTransactionInput!) {
    annotateTransaction(input: $input) {
      ...TransactionRow
    }
  }
`);

export const SpendingQuery = graphql(`
  query Spending($from: Date!, $to: Date!, $groupBy: SpendingGrouping!) {
    spending(from: $from, to: $to, groupBy: $groupBy) {
      groups {
        key
        currencyCode
        outflow
        inflow
        net
        transactionCount
      }
      totals {
        currencyCode
        outflow
        inflow
        net
        transactionCount
      }
    }
  }
`);

export const RecurringStreamsQuery = graphql(`
  query RecurringStreams($direction: FlowDirection) {
    recurringStreams(direction: $direction) {
      id
      direction
      description
      merchantName
      category
      frequency
      status
      isActive
      averageAmount {
        amount
        currencyCode
      }
      lastAmount {
        amount
        currencyCode
      }
      lastDate
      predictedNextDate
      account {
        name
        item {
          institutionName
        }
      }
      transactions(first: 6) {
        totalCount
        edges {
          node {
            id
            date
            name
            pending
            money {
              amount
              currencyCode
            }
          }
        }
      }
    }
  }
`);

export const RealtimeBalancesQuery = graphql(`
  query RealtimeBalances($accountIds: [ID!]) {
    balances(accountIds: $accountIds, realtime: true) {
      accountId
      currentMoney {
        amount
        currencyCode
      }
      availableMoney {
        amount
        currencyCode
      }
      lastUpdatedAt
      isRealtime
    }
  }
`);

export const CreateLinkTokenMutation = graphql(`
  mutation CreateLinkToken {
    createLinkToken {
      linkToken
    }
  }
`);

export const ExchangePublicTokenMutation = graphql(`
  mutation ExchangePublicToken($input: ExchangePublicTokenInput!) {
    exchangePublicToken(input: $input) {
      id
      status
    }
  }
`);

export const CreateRelinkTokenMutation = graphql(`
  mutation CreateRelinkToken($itemId: ID!) {
    createRelinkToken(itemId: $itemId) {
      linkToken
    }
  }
`);

export const CompleteRelinkMutation = graphql(`
  mutation CompleteRelink($itemId: ID!) {
    completeRelink(itemId: $itemId) {
      id
      status
    }
  }
`);

export const UpdateLegalNameMutation = graphql(`
  mutation UpdateLegalName($legalName: String) {
    updateProfile(input: { legalName: $legalName }) {
      id
      profile {
        legalName
      }
    }
  }
`);

export const ValidateTransferMutation = graphql(`
  mutation ValidateTransfer($input: ValidateTransferInput!) {
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
      identityMatch {
        legalName
      }
    }
  }
`);

export const SandboxCreatePublicTokenMutation = graphql(`
  mutation SandboxCreatePublicToken($input: SandboxPublicTokenInput) {
    sandboxCreatePublicToken(input: $input) {
      publicToken
    }
  }
`);

export const SandboxFireWebhookMutation = graphql(`
  mutation SandboxFireWebhook($itemId: ID!, $code: SandboxWebhookCode!) {
    sandboxFireWebhook(itemId: $itemId, code: $code)
  }
`);

export const SandboxResetLoginMutation = graphql(`
  mutation SandboxResetLogin($itemId: ID!) {
    sandboxResetLogin(itemId: $itemId)
  }
`);

export const SandboxCreateTransactionsMutation = graphql(`
  mutation SandboxCreateTransactions($itemId: ID!, $transactions: [SandboxTransactionInput!]!) {
    sandboxCreateTransactions(itemId: $itemId, transactions: $transactions)
  }
`);

export const SyncItemMutation = graphql(`
  mutation SyncItem($itemId: ID!) {
    syncItem(itemId: $itemId) {
      added
    }
  }
`);

export const ItemStatusChangedSubscription = graphql(`
  subscription ItemStatusChanged($after: String) {
    itemStatusChanged(after: $after) {
      cursor
      status
      previousStatus
      reason
      occurredAt
      item {
        id
        institutionName
      }
    }
  }
`);

export const TransactionsSyncedSubscription = graphql(`
  subscription TransactionsSynced($after: String) {
    transactionsSynced(after: $after) {
      cursor
      added
      modified
      removed
      syncedAt
      item {
        id
        institutionName
      }
    }
  }
`);
