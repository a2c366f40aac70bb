import { accessTokenOf, callPlaid, eventually, linkItem, settled, type LinkedItem } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

interface PlaidStream {
  stream_id: string;
  merchant_name: string | null;
  last_date: string;
  average_amount: { amount: number; iso_currency_code: string | null };
  last_amount: { amount: number; iso_currency_code: string | null };
  transaction_ids: string[];
}
interface PlaidStreams {
  inflow_streams: PlaidStream[];
  outflow_streams: PlaidStream[];
}

interface Stream {
  id: string;
  account: { id: string; plaidAccountId: string };
  direction: 'INFLOW' | 'OUTFLOW';
  merchantName: string | null;
  isActive: boolean;
  averageAmount: { amount: string; currencyCode: string };
  lastAmount: { amount: string; currencyCode: string };
  lastDate: string;
  transactions: { edges: Array<{ node: { id: string; plaidTransactionId: string; pendingTransactionId: string | null; date: string } }> };
}

const STREAMS = `query Streams($itemId: ID, $accountIds: [ID!], $direction: FlowDirection) {
  recurringStreams(itemId: $itemId, accountIds: $accountIds, direction: $direction) {
    id account { id plaidAccountId } direction merchantName isActive
    averageAmount { amount currencyCode } lastAmount { amount currencyCode } lastDate
    transactions(first: 100) { edges { node { id plaidTransactionId pendingTransactionId date } } }
  }
}`;

describe('recurring streams', () => {
  let gw: TestGateway;
  let token: string;
  let item: LinkedItem;

  beforeAll(async () => {
    gw = await startTestGateway();
    token = await gw.tokenFor(newUserId('streams'));
    item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
  });

  afterAll(async () => {
    await gw.close();
  });

  const streamsOf = async (variables: Record<string, unknown> = {}, as = token) => {
    const response = await gw.graphql<{ recurringStreams: Stream[] }>(STREAMS, { token: as, variables });
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.recurringStreams;
  };
  const plaidStreams = async () =>
    (await callPlaid<PlaidStreams>(gw, '/transactions/recurring/get', { access_token: await accessTokenOf(gw, item.id) })).body;
  const storedLastDate = async (plaidStreamId: string) =>
    (
      await gw.gateway.dataSource.query<Array<{ last_date: string }>>(
        'SELECT last_date::text FROM recurring_streams WHERE item_id = $1 AND plaid_stream_id = $2',
        [item.id, plaidStreamId],
      )
    )[0]?.last_date;

  it('recurring streams come from the emulator, refresh after a webhook, and link to their transactions', async () => {
    // The first sync changed transactions, so a refresh follows it.
    const first = await eventually(
      async () => {
        const streams = await streamsOf();
        return streams.length > 0 ? streams : undefined;
      },
      30_000,
      'the first stored streams',
    );
    const fromPlaid = await plaidStreams();
    const salary = first.find((stream) => stream.merchantName === 'Initech')!;
    expect(salary).toMatchObject({ direction: 'INFLOW', isActive: true });
    const plaidSalary = fromPlaid.inflow_streams.find((stream) => stream.merchant_name === 'Initech')!;
    // Exactly the emulator's numbers, as decimal strings.
    expect(salary.averageAmount).toEqual({ amount: String(plaidSalary.average_amount.amount), currencyCode: 'USD' });
    expect(salary.lastAmount).toEqual({ amount: String(plaidSalary.last_amount.amount), currencyCode: 'USD' });
    expect(first.filter((stream) => stream.direction === 'OUTFLOW').map((stream) => stream.merchantName)).toEqual(
      expect.arrayContaining(['Parkview Apartments', 'Hulu', 'Audible', 'Planet Fitness']),
    );
    for (const stream of [...fromPlaid.inflow_streams, ...fromPlaid.outflow_streams]) {
      const stored = first.find((candidate) => candidate.merchantName === stream.merchant_name)!;
      expect(stored.averageAmount.amount).toBe(String(stream.average_amount.amount));
      expect(stored.lastDate).toBe(stream.last_date);
    }
    // Active ones first, and the filters narrow.
    expect(first.map((stream) => stream.isActive)).toEqual(
      [...first.map((stream) => stream.isActive)].sort((a, b) => Number(b) - Number(a)),
    );
    expect((await streamsOf({ direction: 'INFLOW' })).map((stream) => stream.id)).toEqual([salary.id]);
    expect((await streamsOf({ accountIds: [salary.account.id], direction: 'INFLOW' })).map((stream) => stream.id)).toEqual([salary.id]);
    expect(await streamsOf({ itemId: item.id })).toEqual(first);

    // Links: the transactions the stream names, newest first.
    const linked = salary.transactions.edges.map(({ node }) => node);
    expect(linked.map((node) => node.plaidTransactionId).sort()).toEqual([...plaidSalary.transaction_ids].sort());
    expect(linked.map((node) => node.date)).toEqual([...linked.map((node) => node.date)].sort().reverse());

    // A paycheck today (the emulator's sandbox; a custom transaction's counterparty is its description, so it
    // joins the Initech series): the salary stream gains it, and Plaid says so by webhook.
    // The emulator's clock stays: a webhook signed ahead of the gateway's clock would be refused as forged.
    await settled(gw, [item.id]);
    const accessToken = await accessTokenOf(gw, item.id);
    const today = new Date().toISOString().slice(0, 10);
    const paid = await callPlaid(gw, '/sandbox/transactions/create', {
      access_token: accessToken,
      transactions: [{ description: 'Initech', amount: plaidSalary.last_amount.amount, date_transacted: today, date_posted: today }],
    });
    expect(paid.status).toBe(200);
    const [webhook] = await eventually(
      async () => {
        const rows = await gw.gateway.dataSource.query<Array<{ outcome: string }>>(
          `SELECT e.outcome FROM webhook_events e JOIN items i ON i.plaid_item_id = e.plaid_item_id
          WHERE i.id = $1 AND e.webhook_code = 'RECURRING_TRANSACTIONS_UPDATE' AND e.outcome <> 'PENDING'`,
          [item.id],
        );
        return rows.length > 0 ? rows : undefined;
      },
      20_000,
      'the RECURRING_TRANSACTIONS_UPDATE webhook',
    );
    expect(webhook.outcome).toBe('PROCESSED');
    const plaidAfter = (await plaidStreams()).inflow_streams.find((stream) => stream.stream_id === plaidSalary.stream_id)!;
    expect(plaidAfter.last_date).toBe(today);
    expect(plaidAfter.transaction_ids).toHaveLength(plaidSalary.transaction_ids.length + 1);
    await eventually(
      async () => ((await storedLastDate(plaidSalary.stream_id)) === today ? true : undefined),
      30_000,
      'the stored salary stream to move',
    );
    await settled(gw, [item.id]);
    const after = (await streamsOf({ direction: 'INFLOW' }))[0];
    // The same stream, by the same id, moved on.
    expect(after).toMatchObject({ id: salary.id, lastDate: today });
    expect(after.transactions.edges.map(({ node }) => node.plaidTransactionId).sort()).toEqual([...plaidAfter.transaction_ids].sort());
    expect(after.transactions.edges[0].node.date).toBe(today);

    // The webhook on its own queues a refresh. Above, the sync the paycheck brought may have queued one first,
    // which absorbs the webhook's (one waits per Item); once settled none waits, so this one is the webhook's.
    const refreshesForWebhooks = async () =>
      (
        await gw.gateway.dataSource.query<Array<{ queued: number }>>(
          `SELECT count(*)::int AS queued FROM "${gw.config.jobs.schema}".job
            WHERE name = 'recurring-refresh' AND data->>'itemId' = $1 AND data->>'reason' = 'RECURRING_TRANSACTIONS_UPDATE'`,
          [item.id],
        )
      )[0].queued;
    const before = await refreshesForWebhooks();
    const fired = await callPlaid(gw, '/sandbox/item/fire_webhook', {
      access_token: accessToken,
      webhook_type: 'TRANSACTIONS',
      webhook_code: 'RECURRING_TRANSACTIONS_UPDATE',
    });
    expect(fired.status).toBe(200);
    await gw.emulator.flushWebhooks();
    await eventually(async () => ((await refreshesForWebhooks()) > before ? true : undefined), 20_000, 'the refresh the webhook queues');
    await settled(gw, [item.id]);

    // Pending -> posted: a refresh posts the pending transactions (each posted one names its pending one); a
    // stream naming a pending transaction still finds the posted one that replaced it.
    expect((await callPlaid(gw, '/transactions/refresh', { access_token: accessToken })).status).toBe(200);
    await gw.emulator.flushWebhooks();
    await settled(gw, [item.id]);
    const [posted] = await gw.gateway.dataSource.query<Array<{ id: string; pending_transaction_id: string }>>(
      'SELECT id, pending_transaction_id FROM transactions WHERE item_id = $1 AND pending_transaction_id IS NOT NULL LIMIT 1',
      [item.id],
    );
    expect(posted).toBeDefined();
    // The emulator's streams name posted transactions only; a Plaid stream may still name the pending one.
    await gw.gateway.dataSource.query('UPDATE recurring_streams SET plaid_transaction_ids = ARRAY[$2] WHERE id = $1', [
      after.id,
      posted.pending_transaction_id,
    ]);
    const renamed = (await streamsOf({ direction: 'INFLOW' }))[0];
    expect(renamed.transactions.edges.map(({ node }) => node.id)).toEqual([posted.id]);
  });

  it('another user sees none of them, by any argument', async () => {
    await eventually(async () => ((await streamsOf()).length > 0 ? true : undefined), 30_000, 'the stored streams');
    const [mine] = await streamsOf();
    const other = await gw.tokenFor(newUserId('other'));
    expect(await streamsOf({}, other)).toEqual([]);
    expect(await streamsOf({ itemId: item.id }, other)).toEqual([]);
    expect(await streamsOf({ accountIds: [mine.account.id] }, other)).toEqual([]);
  });

  it('refuses more accountIds than a page may hold', async () => {
    const ids = Array.from(
      { length: gw.config.limits.maxPageSize + 1 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    const response = await gw.graphql(STREAMS, { token, variables: { accountIds: ids } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.data).toBeNull();
  });

  // Last: it revokes the Item's consent.
  it("revoked consent takes the Item's streams with its transactions", async () => {
    await eventually(async () => ((await streamsOf()).length > 0 ? true : undefined), 30_000, 'the stored streams');
    const fired = await gw.graphql('mutation($id: ID!) { sandboxFireWebhook(itemId: $id, code: USER_PERMISSION_REVOKED) }', {
      token,
      variables: { id: item.id },
    });
    expect(fired.errors).toBeUndefined();
    await settled(gw, [item.id]);
    await eventually(async () => ((await streamsOf()).length === 0 ? true : undefined), 20_000, 'the streams to go');
    const [{ left }] = await gw.gateway.dataSource.query<Array<{ left: number }>>(
      'SELECT count(*)::int AS left FROM recurring_streams WHERE item_id = $1',
      [item.id],
    );
    expect(left).toBe(0);
  });
});
