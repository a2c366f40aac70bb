import { daysAgo } from '../../support/dates';
import type { TransactionsSyncResponse } from 'plaid';
import { accessTokenOf, callPlaid, eventually, linkItem, settled } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import type { ChangesPage } from '../../support/transaction-changes-page';

const CHANGES = `query($cursor: String, $count: Int, $itemId: ID) {
  transactionChanges(cursor: $cursor, count: $count, itemId: $itemId) {
    added { ...row } modified { ...row } removed { id plaidTransactionId } nextCursor hasMore
  }
}
fragment row on Transaction { id plaidTransactionId amount date name pending pendingTransactionId account { id } }`;

interface Row {
  id: string;
  plaidTransactionId: string;
  amount: number;
  date: string;
  name: string;
  pending: boolean;
  pendingTransactionId: string | null;
  account: { id: string };
}

describe('transactionChanges: the delta feed', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    // A copy paged one transaction at a time makes hundreds of requests.
    gw = await startTestGateway({ RATE_LIMIT_OPERATIONS: '10000' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  const page = async (token: string, variables: Record<string, unknown>) => {
    const answer = await gw.graphql<{ transactionChanges: ChangesPage<Row> }>(CHANGES, { token, variables });
    if (!answer.data) throw new Error(`transactionChanges failed: ${JSON.stringify(answer.errors)}`);
    return answer.data.transactionChanges;
  };

  /** A client's local copy, brought up to date page by page while hasMore. */
  async function catchUp(
    token: string,
    copy: Map<string, Row>,
    cursor: string | undefined,
    count: number,
  ): Promise<{ cursor: string; pages: number }> {
    let pages = 0;
    for (;;) {
      const answer = await page(token, { cursor, count });
      pages += 1;
      const seen = [...answer.added, ...answer.modified].map((row) => row.id).concat(answer.removed.map((row) => row.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeLessThanOrEqual(count);
      for (const row of [...answer.added, ...answer.modified]) copy.set(row.id, row);
      for (const row of answer.removed) copy.delete(row.id);
      cursor = answer.nextCursor;
      if (!answer.hasMore) return { cursor, pages };
    }
  }

  /** The transactions table, as the API shows rows. */
  async function table(userId: string): Promise<Map<string, Row>> {
    const rows: Array<Omit<Row, 'amount' | 'account'> & { amount: string; accountId: string }> = await gw.gateway.dataSource.query(
      `SELECT id, plaid_transaction_id AS "plaidTransactionId", amount::text AS amount, date::text AS date, name, pending,
              pending_transaction_id AS "pendingTransactionId", account_id AS "accountId" FROM transactions WHERE user_id = $1`,
      [userId],
    );
    return new Map(rows.map(({ accountId, amount, ...row }) => [row.id, { ...row, amount: Number(amount), account: { id: accountId } }]));
  }

  /** What Plaid holds for the Item, walked from the beginning by a client of our own. */
  async function plaidIds(itemId: string): Promise<string[]> {
    const accessToken = await accessTokenOf(gw, itemId);
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const { body } = await callPlaid<TransactionsSyncResponse>(gw, '/transactions/sync', {
        access_token: accessToken,
        cursor,
        count: 500,
      });
      body.added.forEach((t) => ids.add(t.transaction_id));
      body.removed.forEach((t) => ids.delete(t.transaction_id));
      cursor = body.next_cursor;
      if (!body.has_more) return [...ids].sort();
    }
  }

  const syncItem = async (token: string, itemId: string) => {
    const answer = await gw.graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: itemId } });
    expect(answer.errors).toBeUndefined();
  };
  const sorted = (copy: Map<string, Row>) => [...copy.values()].sort((a, b) => a.id.localeCompare(b.id));
  const plaidIdsOf = (copy: Map<string, Row>, accountIds: Set<string>) =>
    [...copy.values()]
      .filter((row) => accountIds.has(row.account.id))
      .map((row) => row.plaidTransactionId)
      .sort();
  const accountsOf = async (itemId: string) =>
    new Set(
      (await gw.gateway.dataSource.query<Array<{ id: string }>>('SELECT id FROM accounts WHERE item_id = $1', [itemId])).map(
        (row) => row.id,
      ),
    );

  it.each([1, 7, 500])(
    'keeps a copy paged %i at a time exactly equal to the table and to Plaid through refreshes, new transactions, a removal and a revocation',
    async (count) => {
      const userId = newUserId();
      const token = await gw.tokenFor(userId);
      const first = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
      const second = await linkItem(gw, token, { username: 'user_transactions_dynamic', institutionId: 'ins_109509' });
      await settled(gw, [first.id, second.id]);
      const [firstAccounts, secondAccounts] = [await accountsOf(first.id), await accountsOf(second.id)];

      // From no cursor: everything the user has now.
      const copy = new Map<string, Row>();
      let { cursor, pages } = await catchUp(token, copy, undefined, count);
      expect(copy.size).toBeGreaterThan(20);
      expect(sorted(copy)).toEqual(sorted(await table(userId)));
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(copy.size / count));
      expect(plaidIdsOf(copy, firstAccounts)).toEqual(await plaidIds(first.id));

      // A refresh posts the pending ones: each pending one removed, its posted one added.
      const pendingBefore = [...copy.values()].filter((row) => row.pending && firstAccounts.has(row.account.id));
      expect(pendingBefore.length).toBeGreaterThan(0);
      await callPlaid(gw, '/transactions/refresh', { access_token: await accessTokenOf(gw, first.id) });
      await settled(gw, [first.id]);
      const refreshed = await page(token, { cursor, count: 500 });
      expect(refreshed.removed.map((row) => row.id)).toEqual(expect.arrayContaining(pendingBefore.map((row) => row.id)));
      expect(
        refreshed.added.filter(
          (row) => row.pendingTransactionId && pendingBefore.some((p) => p.plaidTransactionId === row.pendingTransactionId),
        ).length,
      ).toBe(pendingBefore.length);
      ({ cursor } = await catchUp(token, copy, cursor, count));
      expect(sorted(copy)).toEqual(sorted(await table(userId)));
      expect(plaidIdsOf(copy, firstAccounts)).toEqual(await plaidIds(first.id));

      // Transactions made in the sandbox arrive with the next sync, as added.
      const created = await gw.graphql(
        `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 12.34, description: "Corner Cafe", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(2)}" }]) }`,
        { token, variables: { id: second.id } },
      );
      expect(created.errors).toBeUndefined();
      await syncItem(token, second.id);
      const beforeNew = new Set(copy.keys());
      ({ cursor } = await catchUp(token, copy, cursor, count));
      expect([...copy.values()].filter((row) => !beforeNew.has(row.id)).map((row) => row.name)).toEqual(['Corner Cafe']);
      expect(sorted(copy)).toEqual(sorted(await table(userId)));
      expect(plaidIdsOf(copy, secondAccounts)).toEqual(await plaidIds(second.id));

      // Removing an Item removes its transactions from the copy.
      const removed = await gw.graphql('mutation($id: ID!) { removeItem(itemId: $id) { removed } }', {
        token,
        variables: { id: second.id },
      });
      expect(removed.errors).toBeUndefined();
      ({ cursor } = await catchUp(token, copy, cursor, count));
      expect(plaidIdsOf(copy, secondAccounts)).toEqual([]);
      expect(sorted(copy)).toEqual(sorted(await table(userId)));

      // A revoked permission takes the Item's transactions with it.
      await gw.graphql('mutation($id: ID!, $code: SandboxWebhookCode!) { sandboxFireWebhook(itemId: $id, code: $code) }', {
        token,
        variables: { id: first.id, code: 'USER_PERMISSION_REVOKED' },
      });
      await eventually(async () => ((await table(userId)).size === 0 ? true : undefined), 15_000, 'the revocation');
      ({ cursor } = await catchUp(token, copy, cursor, count));
      expect(copy.size).toBe(0);

      // Nothing new: an empty answer, and its cursor still works.
      const quiet = await page(token, { cursor, count });
      expect(quiet).toMatchObject({ added: [], modified: [], removed: [], hasMore: false });
      expect((await page(token, { cursor: quiet.nextCursor, count })).hasMore).toBe(false);
    },
    // Paged 1 at a time it asks a few hundred pages: 25 s on an idle machine, twice that under CI's load.
    120_000,
  );

  it("item 5: keeps a client's copy equal to the table through an account revocation, an Item removal and a permission revocation (no ghost rows)", async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const kept = await linkItem(gw, token);
    const dropped = await linkItem(gw, token, { institutionId: 'ins_109509' });
    await settled(gw, [kept.id, dropped.id]);
    const copy = new Map<string, Row>();
    let { cursor } = await catchUp(token, copy, undefined, 500);
    expect(sorted(copy)).toEqual(sorted(await table(userId)));
    const before = copy.size;

    // USER_ACCOUNT_REVOKED: the account goes, and with it its transactions.
    const accountsBefore = (await accountsOf(kept.id)).size;
    await callPlaid(gw, '/sandbox/item/fire_webhook', {
      access_token: await accessTokenOf(gw, kept.id),
      webhook_code: 'USER_ACCOUNT_REVOKED',
    });
    await eventually(
      async () => ((await accountsOf(kept.id)).size === accountsBefore - 1 ? true : undefined),
      15_000,
      'the account revocation',
    );
    ({ cursor } = await catchUp(token, copy, cursor, 500));
    const afterAccount = await table(userId);
    expect(afterAccount.size).toBeLessThan(before);
    expect(sorted(copy)).toEqual(sorted(afterAccount));

    // removeItem.
    const removed = await gw.graphql('mutation($id: ID!) { removeItem(itemId: $id) { removed } }', {
      token,
      variables: { id: dropped.id },
    });
    expect(removed.errors).toBeUndefined();
    ({ cursor } = await catchUp(token, copy, cursor, 500));
    const afterRemoval = await table(userId);
    expect(afterRemoval.size).toBeLessThan(afterAccount.size);
    expect(sorted(copy)).toEqual(sorted(afterRemoval));

    // USER_PERMISSION_REVOKED.
    await gw.graphql('mutation($id: ID!, $code: SandboxWebhookCode!) { sandboxFireWebhook(itemId: $id, code: $code) }', {
      token,
      variables: { id: kept.id, code: 'USER_PERMISSION_REVOKED' },
    });
    await eventually(async () => ((await table(userId)).size === 0 ? true : undefined), 15_000, 'the permission revocation');
    await catchUp(token, copy, cursor, 500);
    expect(sorted(copy)).toEqual([]);

    // Each removal was announced too: one transactionsSynced event per removal, with its count.
    const announced: Array<{ removed: number }> = await gw.gateway.dataSource.query(
      `SELECT (payload->>'removed')::int AS removed FROM stream_events WHERE user_id = $1 AND topic = 'TRANSACTIONS_SYNCED' AND (payload->>'added')::int = 0 AND (payload->>'removed')::int > 0 ORDER BY sequence`,
      [userId],
    );
    expect(announced.map((row) => row.removed)).toEqual([
      before - afterAccount.size,
      afterAccount.size - afterRemoval.size,
      afterRemoval.size,
    ]);
  });

  it('narrows to one Item, and refuses bad counts, foreign cursors and Items as it refuses anything unknown', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    const all = await page(token, { count: 500, itemId: item.id });
    expect(all.added.length).toBe((await table(userId)).size);

    const errorOf = async (variables: Record<string, unknown>, asToken = token) => {
      const answer = await gw.graphql(CHANGES, { token: asToken, variables });
      return answer.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }));
    };
    for (const count of [0, 501, -1]) {
      expect(await errorOf({ count })).toEqual([{ message: `"count" must be between 1 and 500 (got ${count})`, code: 'BAD_USER_INPUT' }]);
    }
    const stranger = await gw.tokenFor(newUserId());
    const invalid = [{ message: '"cursor" is not a cursor this API returned', code: 'BAD_USER_INPUT' }];
    expect(await errorOf({ cursor: all.nextCursor }, stranger)).toEqual(invalid);
    expect(await errorOf({ cursor: 'not-a-cursor' }, stranger)).toEqual(invalid);
    expect(await errorOf({ itemId: item.id }, stranger)).toEqual([{ message: `Item ${item.id} was not found`, code: 'NOT_FOUND' }]);
  });

  it('refuses a cursor from before what retention kept with CURSOR_EXPIRED', async () => {
    const userId = newUserId();
    const token = await gw.tokenFor(userId);
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await settled(gw, [item.id]);
    const { nextCursor } = await page(token, { count: 500 });
    await gw.graphql(
      `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 1, description: "Later", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
      { token, variables: { id: item.id } },
    );
    await syncItem(token, item.id);
    await gw.gateway.dataSource.query(`UPDATE transaction_changes SET created_at = now() - interval '31 days' WHERE user_id = $1`, [
      userId,
    ]);
    await gw.gateway.services.retention.prune();
    const answer = await gw.graphql(CHANGES, { token, variables: { cursor: nextCursor } });
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'CURSOR_EXPIRED' }) })]);
    // Starting over works.
    expect((await page(token, { count: 500 })).added.map((row) => row.name)).toContain('Later');
  });
});
