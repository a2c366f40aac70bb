import { daysAgo } from '../../support/dates';
import { accessTokenOf, callPlaid, eventually, linkItem, openLink, settled } from '../../support/linking';
import { subscribe } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import pino from 'pino';
import { syncSweepHandler } from '../../../src/workers/sync-sweep.handler';

interface PlaidSyncPage {
  added: Array<{ transaction_id: string; pending: boolean }>;
  modified: unknown[];
  removed: Array<{ transaction_id: string }>;
  next_cursor: string;
  has_more: boolean;
}

const SYNC = 'mutation($id: ID!) { syncItem(itemId: $id) { added modified removed item { lastSyncedAt transactionsUpdateStatus } } }';

describe('transaction sync', () => {
  let gw: TestGateway;
  let failNextCommit: string | undefined;

  beforeAll(async () => {
    gw = await startTestGateway(
      {},
      {
        beforeSyncCommit: async (itemId) => {
          if (itemId === failNextCommit) {
            failNextCommit = undefined;
            throw new Error('killed at commit');
          }
        },
      },
    );
  });

  afterAll(async () => {
    await gw.close();
  });

  const db = () => gw.gateway.dataSource;
  const stored = async (itemId: string) =>
    await db().query<
      Array<{
        plaid_transaction_id: string;
        pending: boolean;
        pending_transaction_id: string | null;
      }>
    >('SELECT plaid_transaction_id, pending, pending_transaction_id FROM transactions WHERE item_id = $1', [itemId]);
  const cursorOf = async (itemId: string) =>
    ((await db().query('SELECT transactions_cursor FROM items WHERE id = $1', [itemId]))[0] as { transactions_cursor: string | null })
      .transactions_cursor;
  const syncedOnce = (itemId: string) => eventually(async () => ((await cursorOf(itemId)) ? true : undefined), 15_000, 'the first sync');

  /** What Plaid holds for the Item, walked from the beginning by a client of our own. */
  async function plaidTransactionIds(itemId: string): Promise<string[]> {
    const accessToken = await accessTokenOf(gw, itemId);
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const { body } = await callPlaid<PlaidSyncPage>(gw, '/transactions/sync', { access_token: accessToken, cursor, count: 500 });
      for (const t of body.added) ids.add(t.transaction_id);
      for (const t of body.removed) ids.delete(t.transaction_id);
      cursor = body.next_cursor;
      if (!body.has_more) return [...ids].sort();
    }
  }

  /** An Item of `transactions` generated rows, linked through the gateway; `beforeExchange` runs first. */
  async function linkGenerated(
    token: string,
    transactions: number,
    options: { beforeExchange?: (plaidItemId: string) => Promise<void>; webhooks?: boolean } = {},
  ) {
    const created = await gw.emulator.createItem({
      transactions,
      webhook: options.webhooks === false ? undefined : `${gw.config.publicUrl}/webhooks/plaid`,
      linkToken: await openLink(gw, token),
    });
    await options.beforeExchange?.(created.itemId);
    const exchanged = await gw.graphql<{ exchangePublicToken: { id: string } }>(
      'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id } }',
      {
        token,
        variables: { t: created.publicToken },
      },
    );
    if (!exchanged.data) throw new Error(JSON.stringify(exchanged.errors));
    return { id: exchanged.data.exchangePublicToken.id, plaidItemId: created.itemId };
  }

  it('brings in exactly what Plaid holds, then a resync is quiet', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await syncedOnce(item.id);
    const ids = (await stored(item.id)).map((row) => row.plaid_transaction_id).sort();
    expect(ids.length).toBeGreaterThan(20);
    expect(ids).toEqual(await plaidTransactionIds(item.id));

    const quiet = await gw.graphql(SYNC, { token, variables: { id: item.id } });
    expect(quiet.data).toMatchObject({
      syncItem: { added: 0, modified: 0, removed: 0, item: { transactionsUpdateStatus: 'HISTORICAL_UPDATE_COMPLETE' } },
    });
    expect(new Date((quiet.data as { syncItem: { item: { lastSyncedAt: string } } }).syncItem.item.lastSyncedAt).getTime()).toBeGreaterThan(
      Date.now() - 10_000,
    );
  });

  it('replaces pending transactions by posted ones on refresh; the posted one keeps pendingTransactionId', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await syncedOnce(item.id);
    // The link's own webhooks trigger syncs too: the first event seen must be the refresh's.
    await settled(gw, [item.id]);
    const pendingBefore = (await stored(item.id)).filter((row) => row.pending).map((row) => row.plaid_transaction_id);
    expect(pendingBefore.length).toBeGreaterThan(0);

    const synced = await subscribe(gw.wsUrl, token, 'subscription($id: ID) { transactionsSynced(itemId: $id) { added removed } }', {
      id: item.id,
    });
    try {
      await callPlaid(gw, '/transactions/refresh', { access_token: await accessTokenOf(gw, item.id) });
      const event = (await synced.next(15_000)).data as { transactionsSynced: { added: number; removed: number } };
      expect(event.transactionsSynced.removed).toBeGreaterThanOrEqual(pendingBefore.length);
    } finally {
      await synced.close();
    }
    const after = await stored(item.id);
    const ids = new Set(after.map((row) => row.plaid_transaction_id));
    for (const pendingId of pendingBefore) expect(ids.has(pendingId)).toBe(false);
    const postedFromPending = after.filter((row) => row.pending_transaction_id && pendingBefore.includes(row.pending_transaction_id));
    expect(postedFromPending.length).toBe(pendingBefore.length);
    expect(postedFromPending.every((row) => !row.pending)).toBe(true);
    expect(after.map((row) => row.plaid_transaction_id).sort()).toEqual(await plaidTransactionIds(item.id));
  });

  it('brings in sandbox-created transactions with the next sync', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await syncedOnce(item.id);
    const created = await gw.graphql(
      `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 12.34, description: "Corner Cafe", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(2)}" }, { amount: -500, description: "Payroll", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      { token, variables: { id: item.id } },
    );
    expect(created.data).toEqual({ sandboxCreateTransactions: true });
    const result = await eventually(
      async () => {
        const rows: Array<{ name: string; amount: string }> = await db().query(
          `SELECT name, amount FROM transactions WHERE item_id = $1 AND name IN ('Corner Cafe', 'Payroll') ORDER BY name`,
          [item.id],
        );
        return rows.length === 2 ? rows : undefined;
      },
      15_000,
      'the created transactions',
    );
    expect(result).toEqual([
      { name: 'Corner Cafe', amount: '12.34' },
      { name: 'Payroll', amount: '-500' },
    ]);
  });

  it("gives a transactionsSynced subscriber that reads the Item's transactions each sync's rows, not the first one's", async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await syncedOnce(item.id);
    const latest = await subscribe(
      gw.wsUrl,
      token,
      'subscription($id: ID) { transactionsSynced(itemId: $id) { added item { transactions(first: 50, filter: { search: "Bench" }) { edges { node { name } } } } } }',
      { id: item.id },
    );
    const create = (description: string) =>
      gw.graphql(
        `mutation($id: ID!, $d: String!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 3, description: $d, datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
        {
          token,
          variables: { id: item.id, d: description },
        },
      );
    type Event = { transactionsSynced: { added: number; item: { transactions: { edges: Array<{ node: { name: string } }> } } } };
    const namesIn = (event: Event) => event.transactionsSynced.item.transactions.edges.map((edge) => edge.node.name).sort();
    /** The next event that brought something in (the link's own webhooks may bring quiet syncs). */
    const nextWithAdditions = async (): Promise<Event> => {
      for (;;) {
        const event = (await latest.next(15_000)).data as Event;
        if (event.transactionsSynced.added > 0) return event;
      }
    };
    try {
      await create('Bench coffee');
      expect(namesIn(await nextWithAdditions())).toEqual(['Bench coffee']);
      await create('Bench lunch');
      expect(namesIn(await nextWithAdditions())).toEqual(['Bench coffee', 'Bench lunch']);
    } finally {
      await latest.close();
    }
  });

  it('restarts from the cursor it began with on a mutation during pagination, without duplicates', async () => {
    const token = await gw.tokenFor(newUserId());
    // Initial sync (from null): page 2 of 3 fails with TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION.
    const item = await linkGenerated(token, 1_200, {
      beforeExchange: (plaidItemId) => gw.emulator.failNextSyncPage(plaidItemId, { afterPages: 1 }),
    });
    await syncedOnce(item.id);
    const ids = (await stored(item.id)).map((row) => row.plaid_transaction_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(await plaidTransactionIds(item.id));
    expect(gw.logs.some((line) => line.msg === 'transactions synced' && line.itemId === item.id && line.restarts === 1)).toBe(true);

    // Incremental sync: the restart is from the stored cursor, so only the new rows come back.
    await gw.graphql(
      `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 1, description: "New one", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      {
        token,
        variables: { id: item.id },
      },
    );
    await gw.emulator.failNextSyncPage(item.plaidItemId);
    const incremental = await gw.graphql(SYNC, { token, variables: { id: item.id } });
    expect(incremental.data).toMatchObject({ syncItem: { added: 1, removed: 0 } });
  });

  it('keeps the old cursor and rows when a sync dies at commit, and the next sync is correct', async () => {
    const token = await gw.tokenFor(newUserId());
    // No webhooks: only syncItem may pick up the new transaction.
    const item = await linkGenerated(token, 300, { webhooks: false });
    await syncedOnce(item.id);
    const cursorBefore = await cursorOf(item.id);
    const rowsBefore = (await stored(item.id)).map((row) => row.plaid_transaction_id).sort();
    await gw.graphql(
      `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 9, description: "After the crash", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      {
        token,
        variables: { id: item.id },
      },
    );
    failNextCommit = item.id;
    const died = await gw.graphql(SYNC, { token, variables: { id: item.id } });
    expect(died.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await cursorOf(item.id)).toBe(cursorBefore);
    expect((await stored(item.id)).map((row) => row.plaid_transaction_id).sort()).toEqual(rowsBefore);

    const next = await gw.graphql(SYNC, { token, variables: { id: item.id } });
    expect(next.data).toMatchObject({ syncItem: { added: 1 } });
    expect((await stored(item.id)).map((row) => row.plaid_transaction_id).sort()).toEqual(await plaidTransactionIds(item.id));
  });

  it('retries rate limits, INSTITUTION_DOWN and 5xx, then succeeds', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkGenerated(token, 50);
    await syncedOnce(item.id);
    for (const errorCode of ['TRANSACTIONS_SYNC_LIMIT', 'INSTITUTION_DOWN', 'INTERNAL_SERVER_ERROR'] as const) {
      await gw.emulator.injectError({ endpoint: '/transactions/sync', errorCode, times: 2, itemId: item.plaidItemId });
      const answer = await gw.graphql(SYNC, { token, variables: { id: item.id } });
      expect({ errorCode, errors: answer.errors }).toEqual({ errorCode, errors: undefined });
    }
  });

  it('gives up with PLAID_UNAVAILABLE when Plaid stays down, changing nothing', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkGenerated(token, 50);
    await syncedOnce(item.id);
    const cursorBefore = await cursorOf(item.id);
    await gw.emulator.injectError({ endpoint: '/transactions/sync', errorCode: 'INSTITUTION_DOWN', times: 20, itemId: item.plaidItemId });
    const answer = await gw.graphql(SYNC, { token, variables: { id: item.id } });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'PLAID_UNAVAILABLE', itemId: item.id, plaidErrorCode: 'INSTITUTION_DOWN' });
    expect(await cursorOf(item.id)).toBe(cursorBefore);
    await gw.emulator.clearFaults();
  });

  it('moves the Item to LOGIN_REQUIRED when Plaid says so during a sync', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkGenerated(token, 50);
    await syncedOnce(item.id);
    // A sync the link's webhooks started must not take the error, and one may still start: more than one answer.
    await settled(gw, [item.id]);
    await gw.emulator.injectError({
      endpoint: '/transactions/sync',
      errorCode: 'ITEM_LOGIN_REQUIRED',
      times: 20,
      itemId: item.plaidItemId,
    });
    const answer = await gw.graphql(SYNC, { token, variables: { id: item.id } });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'ITEM_LOGIN_REQUIRED', itemId: item.id });
    const read = await gw.graphql('query($id: ID!) { item(id: $id) { status error { code } } }', { token, variables: { id: item.id } });
    expect(read.data).toEqual({ item: { status: 'LOGIN_REQUIRED', error: { code: 'ITEM_LOGIN_REQUIRED' } } });
    await gw.emulator.clearFaults();
  });

  it('sweeps Items whose webhooks were lost', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await syncedOnce(item.id);
    await db().query(`UPDATE items SET last_synced_at = now() - interval '2 days' WHERE id = $1`, [item.id]);
    await syncSweepHandler(gw.gateway.services.items, gw.gateway.jobs, gw.config.jobs.staleAfterMinutes, pino({ level: 'silent' }))();
    await eventually(
      async () => {
        const [row]: Array<{ last_synced_at: Date }> = await db().query('SELECT last_synced_at FROM items WHERE id = $1', [item.id]);
        return row.last_synced_at.getTime() > Date.now() - 60_000 ? true : undefined;
      },
      15_000,
      'the sweep to sync the Item',
    );
  });
});
