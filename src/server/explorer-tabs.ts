/** One tab the explorer opens with: an operation document and, where it needs them, its variables. */
export interface ExplorerTab {
  query: string;
  variables?: string;
}

/**
 * The explorer opens with a tab per task, in the order a newcomer meets them; each runs as
 * it stands with the page's token, and says in comments what to paste from another tab.
 */
export const EXPLORER_TABS: readonly ExplorerTab[] = [
  {
    query: `# The Plaid GraphQL gateway. Ctrl+Enter runs the operation under the cursor; the
# Docs button (top left) opens the schema, and the Headers tab holds the bearer token.
# One tab per task: start here, then link a sandbox Item in the next tab.
query Dashboard {
  me {
    id
    profile {
      legalName
      email
    }
  }
  items {
    id
    institutionName
    status
    lastSyncedAt
    accounts {
      id
      name
      type
      subtype
      balance {
        current
        available
        isoCurrencyCode
        lastUpdatedAt
      }
    }
  }
}
`,
  },
  {
    query: `# Link a sandbox Item without a browser Link flow (sandbox and emulator only).
# 1. Run CreatePublicToken (put the cursor in it, Ctrl+Enter).
# 2. Paste its publicToken into the variables below and run ExchangePublicToken.
# The Item then syncs in the background: watch it in the Live events tab.
mutation CreatePublicToken {
  sandboxCreatePublicToken(input: { username: "user_good" }) {
    publicToken
  }
}

mutation ExchangePublicToken($publicToken: String!) {
  exchangePublicToken(input: { publicToken: $publicToken }) {
    id
    institutionName
    status
  }
}
`,
    variables: '{\n  "publicToken": "paste the publicToken of CreatePublicToken here"\n}',
  },
  {
    query: `# A page of transactions, newest first, filtered on the server. For the next page pass
# pageInfo.endCursor as "after"; every filter field is optional.
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
`,
    variables: '{\n  "first": 10,\n  "after": null,\n  "filter": { "pending": false, "minAmount": 5 }\n}',
  },
  {
    query: `# Real-time balances: asks the institution now (slower, and rate limited by Plaid to a
# few calls a minute per Item; past that the Item's error is RATE_LIMITED with
# extensions.retryAfterSeconds). realtime: false answers the cached balances at once.
query RealtimeBalances {
  balances(realtime: true) {
    accountId
    current
    available
    isoCurrencyCode
    lastUpdatedAt
    isRealtime
  }
}
`,
  },
  {
    query: `# Live events over graphql-ws. Run this, leave the tab open, then run an operation of the
# Sandbox tab: the event appears here.
subscription LiveEvents {
  itemStatusChanged {
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
`,
  },
  {
    query: `# Drive an Item into any state (sandbox and emulator only). Paste an Item id from the
# Dashboard tab into the variables, then run one of these.
mutation SandboxResetLogin($itemId: ID!) {
  sandboxResetLogin(itemId: $itemId)
}

mutation SandboxFireWebhook($itemId: ID!) {
  sandboxFireWebhook(itemId: $itemId, code: SYNC_UPDATES_AVAILABLE)
}
`,
    variables: '{\n  "itemId": "paste an Item id from the Dashboard tab here"\n}',
  },
  {
    query: `# A transfer check: real-time balance, ACH numbers and the account owner's identity
# against the profile's legal name. Paste an account id from the Dashboard tab; a decline
# lists every reason.
mutation TransferCheck($accountId: ID!) {
  updateProfile(input: { legalName: "Alberta Bobbeth Charleson" }) {
    id
  }
  validateTransfer(input: { accountId: $accountId, amount: 25 }) {
    approved
    reasons
    availableBalance
    identityMatch {
      legalName
    }
  }
}
`,
    variables: '{\n  "accountId": "paste an account id from the Dashboard tab here"\n}',
  },
];
