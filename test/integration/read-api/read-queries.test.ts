import type { PlaidErrorCode } from 'plaid-emulator';
import { graphql } from '../../generated';
import type {
  BalancesQuery,
  TransactionFilter,
  TransactionsPageQuery,
  TransactionsPageQueryVariables,
  TypedDocumentString,
} from '../../generated/graphql';
import { eventually, linkItem, settled, type LinkedItem } from '../../support/linking';
import { newUserId, startTestGateway, type GraphQLResponse, type TestGateway } from '../../support/test-gateway';
import { connectWs, runWs } from '../../support/ws-client';

interface Row {
  id: string;
  date: string;
  amount: string;
  name: string;
  merchant_name: string | null;
  category: string | null;
  category_detailed: string | null;
  pending: boolean;
  item_id: string;
  account_id: string;
}

type Page = TransactionsPageQuery['transactions'];

const TRANSACTIONS = graphql(`
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
`);

const BALANCES = graphql(`
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
`);

const newestFirst = (a: Row, b: Row) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1);

describe('the read API over HTTP', () => {
  let gw: TestGateway;
  let token: string;
  let first: LinkedItem;
  let second: LinkedItem;
  const plaidCalls: string[] = [];

  const db = () => gw.gateway.dataSource;
  const syncedOnce = (itemId: string) =>
    eventually(
      async () =>
        (
          await db().query<Array<{ transactions_cursor: string | null }>>('SELECT transactions_cursor FROM items WHERE id = $1', [itemId])
        )[0]?.transactions_cursor
          ? true
          : undefined,
      20_000,
      'the first sync',
    );
  const rows = async (): Promise<Row[]> =>
    (
      await db().query<Row[]>(
        `SELECT id, date::text AS date, amount::text AS amount, name, merchant_name, category, category_detailed, pending, item_id, account_id
         FROM transactions WHERE user_id = (SELECT user_id FROM items WHERE id = $1)`,
        [first.id],
      )
    ).sort(newestFirst);
  async function query<T = Record<string, unknown>, V = Record<string, unknown>>(
    text: string | TypedDocumentString<T, V>,
    variables?: V,
  ): Promise<GraphQLResponse<T>> {
    return gw.graphql(text, { token, variables });
  }
  async function page(variables: TransactionsPageQueryVariables): Promise<Page> {
    const response = await query(TRANSACTIONS, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.transactions;
  }
  /** Every page of a filtered walk, checked against the rows the database holds. */
  async function walk(filter: TransactionFilter | null, size: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const current = await page({ filter, first: size, after });
      ids.push(...current.edges.map((edge) => edge.node.id));
      if (!current.pageInfo.hasNextPage) return ids;
      expect(current.edges).toHaveLength(size);
      after = current.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    // Page walks issue hundreds of operations; the per-user operation limit is tested elsewhere.
    // Its own job queue: queued jobs of other test files' gateways would hold up the first syncs.
    gw = await startTestGateway({ RATE_LIMIT_OPERATIONS: '1000000' }, { onPlaidCall: ({ endpoint }) => plaidCalls.push(endpoint) });
    token = await gw.tokenFor(newUserId());
    first = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    second = await linkItem(gw, token, { username: 'user_good', institutionId: 'ins_109509' });
    await Promise.all([syncedOnce(first.id), syncedOnce(second.id)]);
    await settled(gw, [first.id, second.id]);
  });

  afterAll(async () => {
    await gw.close();
  });

  it('answers every field of items, accounts, balances and transactions, nested both ways', async () => {
    const response = await query<{
      me: { id: string; items: Array<{ id: string }> };
      items: Array<{
        id: string;
        status: string;
        accounts: Array<{
          id: string;
          item: { id: string };
          type: string;
          balance: { accountId: string; isRealtime: boolean; lastUpdatedAt: string };
        }>;
        transactions: Page;
      }>;
    }>(`{
      me { id items { id } }
      items {
        id plaidItemId institutionId institutionName status error { code } products consentExpiresAt newAccountsAvailable lastSyncedAt transactionsUpdateStatus createdAt updatedAt
        accounts {
          id plaidAccountId name officialName mask type subtype item { id }
          balance { accountId available current limit isoCurrencyCode unofficialCurrencyCode lastUpdatedAt isRealtime }
          transactions(first: 3) { totalCount edges { node { id account { id } } } }
        }
        transactions(first: 5) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id plaidTransactionId amount isoCurrencyCode unofficialCurrencyCode date authorizedDate name merchantName category categoryDetailed pending pendingTransactionId paymentChannel logoUrl website account { id item { id } } } }
        }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const { me, items } = response.data!;
    expect(items.map((item) => item.id)).toEqual([first.id, second.id]);
    expect(me.items.map((item) => item.id)).toEqual([first.id, second.id]);

    const stored = await rows();
    const accountRows: Array<{ id: string; item_id: string; type: string; balance_current: string | null; balance_updated_at: Date }> =
      await db().query('SELECT id, item_id, type, balance_current::text, balance_updated_at FROM accounts WHERE item_id = ANY($1)', [
        [first.id, second.id],
      ]);
    for (const item of items) {
      expect(item.status).toBe('ACTIVE');
      expect(item.accounts.map((account) => account.id).sort()).toEqual(
        accountRows
          .filter((row) => row.item_id === item.id)
          .map((row) => row.id)
          .sort(),
      );
      for (const account of item.accounts) {
        expect(account.item.id).toBe(item.id);
        expect(account.balance).toMatchObject({ accountId: account.id, isRealtime: false });
        const row = accountRows.find((candidate) => candidate.id === account.id)!;
        expect(new Date(account.balance.lastUpdatedAt).getTime()).toBe(row.balance_updated_at.getTime());
      }
      const itemRows = stored.filter((row) => row.item_id === item.id);
      expect(item.transactions.totalCount).toBe(itemRows.length);
      expect(item.transactions.edges.map((edge) => edge.node.id)).toEqual(itemRows.slice(0, 5).map((row) => row.id));
    }
    const node = response.data!.items[0].transactions.edges[0].node as unknown as Record<string, unknown>;
    const row = stored.find((candidate) => candidate.id === node.id)!;
    expect(node).toMatchObject({
      amount: Number(row.amount),
      date: row.date,
      name: row.name,
      merchantName: row.merchant_name,
      category: row.category,
      pending: row.pending,
      account: { id: row.account_id, item: { id: first.id } },
    });
  });

  it('answers the single lookups, and null for ids that name nothing', async () => {
    const [row] = await rows();
    const response = await query<Record<string, { id: string } | null>>(
      'query($item: ID!, $account: ID!, $tx: ID!) { item(id: $item) { id } account(id: $account) { id item { id } } transaction(id: $tx) { id account { id } } none: item(id: "nope") { id } noAccount: account(id: "00000000-0000-4000-8000-000000000000") { id } noTx: transaction(id: "x") { id } }',
      { item: row.item_id, account: row.account_id, tx: row.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      item: { id: row.item_id },
      account: { id: row.account_id, item: { id: row.item_id } },
      transaction: { id: row.id, account: { id: row.account_id } },
      none: null,
      noAccount: null,
      noTx: null,
    });
  });

  it('filters accounts by Item and by type', async () => {
    const types: Array<{ id: string; item_id: string; type: string }> = await db().query(
      'SELECT id, item_id, type FROM accounts WHERE item_id = ANY($1)',
      [[first.id, second.id]],
    );
    const byItem = await query<{ accounts: Array<{ id: string }> }>('query($id: ID) { accounts(itemId: $id) { id } }', { id: second.id });
    expect(byItem.data!.accounts.map((a) => a.id).sort()).toEqual(
      types
        .filter((t) => t.item_id === second.id)
        .map((t) => t.id)
        .sort(),
    );
    const all = await query<{ accounts: Array<{ id: string }> }>('{ accounts { id } }');
    expect(all.data!.accounts).toHaveLength(types.length);
    const expected: Record<string, string[]> = {
      DEPOSITORY: ['depository'],
      CREDIT: ['credit'],
      LOAN: ['loan'],
      INVESTMENT: ['investment', 'brokerage'],
    };
    for (const [type, plaidTypes] of Object.entries(expected)) {
      const response = await query<{ accounts: Array<{ id: string; type: string }> }>(
        'query($type: AccountType) { accounts(type: $type) { id type } }',
        { type },
      );
      expect(response.data!.accounts.map((a) => a.id).sort()).toEqual(
        types
          .filter((t) => plaidTypes.includes(t.type))
          .map((t) => t.id)
          .sort(),
      );
      expect(response.data!.accounts.every((a) => a.type === type)).toBe(true);
    }
    expect((await query<{ accounts: unknown[] }>('{ accounts(type: DEPOSITORY) { id } }')).data!.accounts.length).toBeGreaterThan(0);
  });

  it('walks every transaction newest first, complete and without repeats, for several page sizes', async () => {
    const expected = (await rows()).map((row) => row.id);
    expect(expected.length).toBeGreaterThan(20);
    for (const size of [1, 7, 500]) expect(await walk(null, size)).toEqual(expected);
    const one = await page({ first: 3 });
    expect(one.totalCount).toBe(expected.length);
  });

  it('applies every filter of TransactionFilter, alone and together, with paging', async () => {
    const all = await rows();
    const sample = all.find((row) => row.merchant_name && row.category) ?? all[0];
    const dates = [...new Set(all.map((row) => row.date))].sort();
    const [from, to] = [dates[Math.floor(dates.length / 4)], dates[Math.floor((dates.length * 3) / 4)]];
    const sorted = all.map((row) => Number(row.amount)).sort((a, b) => a - b);
    const [min, max] = [sorted[Math.floor(sorted.length / 4)], sorted[Math.floor((sorted.length * 3) / 4)]];
    const word = (sample.merchant_name ?? sample.name).slice(1, 5).toLowerCase();
    const cases: Array<[TransactionFilter, (row: Row) => boolean]> = [
      [{ itemId: second.id }, (row) => row.item_id === second.id],
      [{ accountIds: [sample.account_id] }, (row) => row.account_id === sample.account_id],
      [{ from }, (row) => row.date >= from],
      [{ to }, (row) => row.date <= to],
      [{ pending: true }, (row) => row.pending],
      [{ pending: false }, (row) => !row.pending],
      [{ category: sample.category }, (row) => row.category === sample.category || row.category_detailed === sample.category],
      [{ search: word }, (row) => row.name.toLowerCase().includes(word) || (row.merchant_name ?? '').toLowerCase().includes(word)],
      [{ search: '%' }, (row) => row.name.includes('%') || (row.merchant_name ?? '').includes('%')],
      [{ minAmount: min }, (row) => Number(row.amount) >= min],
      [{ maxAmount: max }, (row) => Number(row.amount) <= max],
      [
        { itemId: first.id, from, to, minAmount: min, maxAmount: max },
        (row) => row.item_id === first.id && row.date >= from && row.date <= to && Number(row.amount) >= min && Number(row.amount) <= max,
      ],
    ];
    for (const [filter, keep] of cases) {
      const expected = all.filter(keep).map((row) => row.id);
      expect([filter, await walk(filter, 4)]).toEqual([filter, expected]);
      expect([filter, (await page({ filter, first: 1 })).totalCount]).toEqual([filter, expected.length]);
    }
    // The filters are not vacuous: each narrows the set somewhere.
    expect(all.filter((row) => row.item_id === second.id).length).toBeGreaterThan(0);
    expect(all.filter((row) => row.pending).length).toBeGreaterThan(0);
    expect(all.filter((row) => Number(row.amount) === min).length).toBeGreaterThan(0);
  });

  it('keeps a walk complete and free of repeats while new transactions arrive', async () => {
    const before = (await rows()).map((row) => row.id);
    const seen: string[] = [];
    let after: string | null = null;
    let arrivals = 0;
    const today = new Date().toISOString().slice(0, 10);
    for (;;) {
      const current = await page({ first: 10, after });
      seen.push(...current.edges.map((edge) => edge.node.id));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
      if (arrivals < 2) {
        arrivals += 1;
        const created = await query(
          'mutation($id: ID!, $t: [SandboxTransactionInput!]!) { sandboxCreateTransactions(itemId: $id, transactions: $t) }',
          {
            id: first.id,
            t: [{ amount: 12.5, description: `Arrival ${arrivals}`, datePosted: today, dateTransacted: today }],
          },
        );
        expect(created.errors).toBeUndefined();
        const synced = await query<{ syncItem: { added: number } }>('mutation($id: ID!) { syncItem(itemId: $id) { added } }', {
          id: first.id,
        });
        expect(synced.errors).toBeUndefined();
      }
    }
    expect((await rows()).length).toBeGreaterThan(before.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => before.includes(id))).toEqual(before.filter((id) => seen.includes(id)));
    expect(before.every((id) => seen.includes(id))).toBe(true);
  });

  it('refuses page sizes outside 1..500 and malformed cursors with BAD_USER_INPUT', async () => {
    for (const first of [0, -1]) {
      const response = await query(TRANSACTIONS, { first });
      expect(response.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } })]);
    }
    const tooBig = await query(TRANSACTIONS, { first: 501 });
    expect(tooBig.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } })]);
    const nested = await query(`{ items { accounts { transactions(first: 0) { totalCount } } } }`);
    expect(nested.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    for (const after of ['garbage', Buffer.from('2026-01-01|not-an-id').toString('base64url')]) {
      const response = await query(TRANSACTIONS, { after });
      expect(response.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } })]);
    }
  });

  describe('balances', () => {
    type Balance = BalancesQuery['balances'][number];
    const accountIdsOf = async (itemId: string): Promise<string[]> =>
      (await db().query<Array<{ id: string }>>('SELECT id FROM accounts WHERE item_id = $1', [itemId])).map((row) => row.id);

    it('answers the stored figures with the time they were read', async () => {
      const response = await query(BALANCES, { realtime: false });
      const stored: Array<{ id: string; balance_current: string | null; balance_updated_at: Date }> = await db().query(
        'SELECT id, balance_current::text, balance_updated_at FROM accounts WHERE item_id = ANY($1)',
        [[first.id, second.id]],
      );
      expect(response.data!.balances).toHaveLength(stored.length);
      for (const balance of response.data!.balances) {
        const row = stored.find((candidate) => candidate.id === balance.accountId)!;
        expect(balance).toMatchObject({
          current: row.balance_current === null ? null : Number(row.balance_current),
          isRealtime: false,
          lastUpdatedAt: row.balance_updated_at.toISOString(),
        });
      }
      const [one] = await accountIdsOf(second.id);
      expect((await query(BALANCES, { ids: [one], realtime: false })).data!.balances.map((b) => b.accountId)).toEqual([one]);
    });

    it('reads realtime balances once per Item for just the accounts asked, and stores them', async () => {
      const [a1, a2] = await accountIdsOf(first.id);
      const [b1] = await accountIdsOf(second.id);
      const started = new Date();
      plaidCalls.length = 0;
      const response = await query(BALANCES, { ids: [a1, b1, a2], realtime: true });
      expect(response.errors).toBeUndefined();
      expect(plaidCalls.filter((endpoint) => endpoint === 'accountsBalanceGet')).toHaveLength(2);
      expect(response.data!.balances.map((b) => b.accountId)).toEqual([a1, b1, a2]);
      for (const balance of response.data!.balances) {
        expect(balance.isRealtime).toBe(true);
        expect(new Date(balance.lastUpdatedAt).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
      }
      const stored: Array<{ id: string; balance_updated_at: Date }> = await db().query(
        'SELECT id, balance_updated_at FROM accounts WHERE id = ANY($1)',
        [[a1, a2, b1]],
      );
      for (const row of stored)
        expect(row.balance_updated_at.toISOString()).toBe(response.data!.balances.find((b) => b.accountId === row.id)!.lastUpdatedAt);
      // The next stored read answers the figures just read, no longer as real-time.
      const later = await query(BALANCES, { ids: [a1], realtime: false });
      expect(later.data!.balances[0]).toMatchObject({ isRealtime: false, lastUpdatedAt: response.data!.balances[0].lastUpdatedAt });
    });

    it.each<[PlaidErrorCode, string, Record<string, unknown>]>([
      ['ACCOUNTS_BALANCE_GET_LIMIT', 'RATE_LIMITED', { retryAfterSeconds: 60 }],
      ['INSTITUTION_DOWN', 'PLAID_UNAVAILABLE', {}],
    ])('answers %s on one Item as %s, with the other Item still answering', async (errorCode, code, extra) => {
      // More failures than the client's retries.
      const fault = await gw.emulator.injectError({ endpoint: '/accounts/balance/get', errorCode, times: 10, itemId: second.plaidItemId });
      try {
        const response = await query(BALANCES, { realtime: true });
        expect(response.data!.balances.map((b) => b.accountId).sort()).toEqual((await accountIdsOf(first.id)).sort());
        expect(response.errors).toEqual([
          expect.objectContaining({ path: ['balances'], extensions: expect.objectContaining({ code, itemId: second.id, ...extra }) }),
        ]);
      } finally {
        await gw.emulator.removeFault(fault);
      }
    });

    it('moves an Item to LOGIN_REQUIRED on ITEM_LOGIN_REQUIRED and still answers the other, over HTTP and WebSocket', async () => {
      await gw.emulator.injectError({
        endpoint: '/accounts/balance/get',
        errorCode: 'ITEM_LOGIN_REQUIRED',
        times: 2,
        itemId: second.plaidItemId,
      });
      const response = await query(BALANCES, { realtime: true });
      expect(response.status).toBe(200);
      expect(response.data!.balances.map((b) => b.accountId).sort()).toEqual((await accountIdsOf(first.id)).sort());
      expect(response.data!.balances.every((b) => b.isRealtime)).toBe(true);
      expect(response.errors).toEqual([
        {
          message: expect.any(String),
          path: ['balances'],
          locations: [{ line: expect.any(Number), column: expect.any(Number) }],
          extensions: expect.objectContaining({ code: 'ITEM_LOGIN_REQUIRED', itemId: second.id }),
        },
      ]);
      const status = await query<{ item: { status: string } }>('query($id: ID!) { item(id: $id) { status } }', { id: second.id });
      expect(status.data!.item.status).toBe('LOGIN_REQUIRED');

      const client = connectWs(gw.wsUrl, `Bearer ${token}`);
      try {
        const overWs = (await runWs(client, String(BALANCES), { realtime: true })) as { data: { balances: Balance[] }; errors: unknown[] };
        expect(overWs.data.balances.map((b) => b.accountId).sort()).toEqual((await accountIdsOf(first.id)).sort());
        expect(overWs.errors).toEqual([
          expect.objectContaining({
            path: ['balances'],
            extensions: expect.objectContaining({ code: 'ITEM_LOGIN_REQUIRED', itemId: second.id }),
          }),
        ]);
      } finally {
        await client.dispose();
      }
    });
  });
});
