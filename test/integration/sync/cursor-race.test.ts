import { formatEncryptionKeys } from '../../../src/config/encryption-keys';
import { accessTokenOf, callPlaid, eventually, linkItem, openLink, settled } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/**
 * Two syncs of one Item on two instances no longer queue on a lock while Plaid answers: both
 * fetch, and the cursor's compare-and-set in the write decides. The loser writes nothing and fetches again
 * from the winner's cursor, so it neither doubles rows nor misses a change.
 */
describe('two syncs of one Item at once', () => {
  let gw: TestGateway;
  /** A second instance on the same database and Plaid: one instance runs one sync per Item at a time, two can race. */
  let other: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ REDIS_URL: '' });
    other = await startTestGateway({
      REDIS_URL: '',
      PLAID_BASE_URL: gw.gateway.plaidBaseUrl!,
      PLAID_CLIENT_ID: gw.config.plaid.clientId,
      PLAID_SECRET: gw.config.plaid.secret,
      TOKEN_ENCRYPTION_KEYS: formatEncryptionKeys(gw.config.tokenEncryptionKeys!),
    });
  });

  afterAll(async () => {
    await other?.close();
    await gw?.close();
  });

  it('lets the first write win; the other fetches again from its cursor and writes no row twice', async () => {
    const token = await gw.tokenFor(newUserId());
    // No webhook: only the syncs of this test run.
    const created = await gw.emulator.createItem({ transactions: 30, linkToken: await openLink(gw, token) });
    const exchanged = await gw.graphql<{ exchangePublicToken: { id: string } }>(
      'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id } }',
      { token, variables: { t: created.publicToken } },
    );
    const itemId = exchanged.data!.exchangePublicToken.id;
    const cursorOf = async () =>
      (
        await gw.gateway.dataSource.query<Array<{ transactions_cursor: string | null }>>(
          'SELECT transactions_cursor FROM items WHERE id = $1',
          [itemId],
        )
      )[0].transactions_cursor;
    await eventually(async () => ((await cursorOf()) ? true : undefined), 15_000, 'the first sync');

    const today = new Date().toISOString().slice(0, 10);
    const added = await gw.graphql(
      'mutation($id: ID!, $d: Date!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 4.5, description: "Raced", datePosted: $d, dateTransacted: $d }]) }',
      { token, variables: { id: itemId, d: today } },
    );
    expect(added.errors).toBeUndefined();

    // The first sync's page is slow; the second, on the other instance, starts while it waits and commits first.
    const slow = await gw.emulator.addLatency({ endpoint: '/transactions/sync', ms: 3_000, times: 1 });
    const first = gw.gateway.services.sync.sync(itemId, 'first');
    await eventually(
      async () => ((await gw.emulator.faults()).latencies.some((rule) => rule.id === slow) ? undefined : true),
      10_000,
      "the first sync's fetch",
    );
    const second = await other.gateway.services.sync.sync(itemId, 'second');
    const late = await first;

    expect(second.added).toBe(1);
    // The late one lost the compare-and-set: nothing of its first fetch was written, and its second fetch found nothing new.
    expect({ added: late.added, modified: late.modified, removed: late.removed }).toEqual({ added: 0, modified: 0, removed: 0 });
    expect(late.item.transactionsCursor).toBe(await cursorOf());
    expect(
      gw.logs.some((line) => line.itemId === itemId && line.msg === 'another sync committed first; fetching again from its cursor'),
    ).toBe(true);

    const stored = await gw.gateway.dataSource.query<Array<{ plaid_transaction_id: string }>>(
      'SELECT plaid_transaction_id FROM transactions WHERE item_id = $1',
      [itemId],
    );
    const plaid = await callPlaid<{ added: Array<{ transaction_id: string }>; has_more: boolean }>(gw, '/transactions/sync', {
      access_token: await accessTokenOf(gw, itemId),
      count: 500,
    });
    expect(plaid.body.has_more).toBe(false);
    expect(stored.map((row) => row.plaid_transaction_id).sort()).toEqual(plaid.body.added.map((t) => t.transaction_id).sort());
    const changes = await gw.gateway.dataSource.query<Array<{ change: string; count: number }>>(
      `SELECT change, count(*)::int AS count FROM transaction_changes WHERE item_id = $1 AND plaid_transaction_id IN
         (SELECT plaid_transaction_id FROM transactions WHERE item_id = $1 AND name = 'Raced') GROUP BY change`,
      [itemId],
    );
    // One change logged for the raced transaction: the winner's.
    expect(changes).toEqual([{ change: 'added', count: 1 }]);
  });

  it('does not bring back the data of an Item revoked while it read Plaid', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    const storedRows = async () =>
      (
        await gw.gateway.dataSource.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM transactions WHERE item_id = $1', [
          item.id,
        ])
      )[0].count;
    expect(await storedRows()).toBeGreaterThan(0);

    // From the beginning, so the sync has every row to write.
    await gw.gateway.dataSource.query('UPDATE items SET transactions_cursor = NULL WHERE id = $1', [item.id]);
    const slow = await gw.emulator.addLatency({ endpoint: '/transactions/sync', ms: 3_000, times: 1 });
    const sync = gw.gateway.services.sync.sync(item.id, 'before the revocation').then(
      (outcome) => outcome,
      (error: unknown) => error,
    );
    await eventually(
      async () => ((await gw.emulator.faults()).latencies.some((rule) => rule.id === slow) ? undefined : true),
      10_000,
      'the fetch',
    );
    const fired = await gw.graphql('mutation($id: ID!) { sandboxFireWebhook(code: USER_PERMISSION_REVOKED, itemId: $id) }', {
      token,
      variables: { id: item.id },
    });
    expect(fired.errors).toBeUndefined();
    await eventually(async () => ((await storedRows()) === 0 ? true : undefined), 15_000, 'the revocation to delete the rows');

    await sync;
    expect(await storedRows()).toBe(0);
  });
});
