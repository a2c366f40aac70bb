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
          current
          available
          isoCurrencyCode
          lastUpdatedAt
          isRealtime
        }
      }
    }
  }
`);

export const TransactionsQuery = graphql(`
  query Transactions($filter: TransactionFilter, $first: Int, $after: String) {
    transactions(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          date
          name
          merchantName
          amount
          isoCurrencyCode
          pending
          category
          account {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RealtimeBalancesQuery = graphql(`
  query RealtimeBalances($accountIds: [ID!]) {
    balances(accountIds: $accountIds, realtime: true) {
      accountId
      current
      available
      isoCurrencyCode
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
      requestedAmount
      availableBalance
      isoCurrencyCode
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
