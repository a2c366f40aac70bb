import { WebhookEventEntity, WebhookOutcome } from '../../../src/entities/webhook-event.entity';
import { ItemNotYetKnownError } from '../../../src/services/webhook-processor.service';
import { accessTokenOf, callPlaid, eventually, linkItem, openLink, settled, type LinkedItem } from '../../support/linking';
import { subscribe } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import type { WebhookReceiver } from 'plaid-emulator';
import { deliverWebhook, startWebhookReceiver } from '../../support/webhook-receiver';

/** One user links an institution once (a second link is a duplicate), so each Item is at another. */
const INSTITUTIONS = ['ins_109508', 'ins_109509', 'ins_109510', 'ins_109511'];
const STATUS_SUBSCRIPTION = 'subscription($id: ID) { itemStatusChanged(itemId: $id) { previousStatus status reason } }';

/** Webhooks arrive in bursts: they are stored in group commits and acted on a batch at a time. */
describe('bursts of Plaid webhooks', () => {
  let gw: TestGateway;
  let receiver: WebhookReceiver;
  let statements: string[] | undefined;

  beforeAll(async () => {
    gw = await startTestGateway({}, { onQuery: (sql) => statements?.push(sql) });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.stop();
    await gw.close();
  });

  const events = () => gw.gateway.dataSource.getRepository(WebhookEventEntity);
  const itemRow = async (id: string) =>
    (await gw.gateway.dataSource.query('SELECT status, new_accounts_available, error_code FROM items WHERE id = $1', [id]))[0] as Record<
      string,
      unknown
    >;

  it('stores each of many concurrent genuine webhooks once, answers each, and acts on all of them', async () => {
    const token = await gw.tokenFor(newUserId());
    const items: LinkedItem[] = [];
    for (const institutionId of INSTITUTIONS) items.push(await linkItem(gw, token, { institutionId }));
    // The webhooks Plaid sends these Items, caught before they reach the gateway, to be delivered all at once.
    for (const item of items)
      await callPlaid(gw, '/item/webhook/update', { access_token: await accessTokenOf(gw, item.id), webhook: receiver.url });
    receiver.clear();
    for (const item of items) {
      for (const webhook_code of ['NEW_ACCOUNTS_AVAILABLE', 'PENDING_EXPIRATION']) {
        await callPlaid(gw, '/sandbox/item/fire_webhook', { access_token: await accessTokenOf(gw, item.id), webhook_code });
      }
    }
    const caught = await receiver.waitFor(items.length * 2, (webhook) =>
      ['NEW_ACCOUNTS_AVAILABLE', 'PENDING_EXPIRATION'].includes(webhook.body.webhook_code),
    );

    statements = [];
    // Every webhook twice (Plaid retries), all at the same moment.
    const deliveries = [...caught, ...caught].map((webhook) => deliverWebhook(gw.url, webhook));
    const answers = await Promise.all(
      deliveries.map(async (delivery) => {
        const response = await delivery;
        return { status: response.status, body: (await response.json()) as { duplicate: boolean } };
      }),
    );
    expect(answers.every(({ status }) => status === 200)).toBe(true);
    expect(answers.filter(({ body }) => !body.duplicate)).toHaveLength(caught.length);

    for (const item of items) {
      await eventually(async () => {
        const row = await itemRow(item.id);
        return row.status === 'PENDING_EXPIRATION' && row.new_accounts_available === true ? true : undefined;
      });
    }
    const stored = await eventually(async () => {
      const rows = await events().find({
        where: caught.map((webhook) => ({ plaidItemId: webhook.body.item_id, webhookCode: webhook.body.webhook_code })),
      });
      return rows.length === caught.length && rows.every((row) => row.outcome === WebhookOutcome.PROCESSED) ? rows : undefined;
    });
    expect(new Set(stored.map((row) => row.id)).size).toBe(caught.length);
    // Written in group commits: fewer inserts than webhooks delivered.
    expect(statements.filter((sql) => sql.includes('INSERT INTO webhook_events')).length).toBeLessThan(deliveries.length);
    statements = undefined;
  });

  it('retries only the webhook whose Item is not here yet, and acts on it once the Item is linked', async () => {
    const token = await gw.tokenFor(newUserId());
    const known = await linkItem(gw, token, { institutionId: INSTITUTIONS[2] });
    await callPlaid(gw, '/item/webhook/update', { access_token: await accessTokenOf(gw, known.id), webhook: receiver.url });
    // An Item Plaid knows and the gateway does not, yet: its public token is exchanged below.
    const early = await gw.emulator.createItem({ transactions: 1, webhook: receiver.url, linkToken: await openLink(gw, token) });
    receiver.clear();
    await callPlaid(gw, '/sandbox/item/fire_webhook', {
      access_token: await accessTokenOf(gw, known.id),
      webhook_code: 'NEW_ACCOUNTS_AVAILABLE',
    });
    await callPlaid(gw, '/sandbox/item/fire_webhook', { access_token: early.accessToken, webhook_code: 'NEW_ACCOUNTS_AVAILABLE' });
    const caught = await receiver.waitFor(2, (webhook) => webhook.body.webhook_code === 'NEW_ACCOUNTS_AVAILABLE');
    await Promise.all(caught.map((webhook) => deliverWebhook(gw.url, webhook)));

    const jobState = async (plaidItemId: string) => {
      const [row]: Array<{ state: string }> = await gw.gateway.dataSource.query(
        `SELECT j.state FROM ${gw.config.jobs.schema}.job j JOIN webhook_events e ON e.id::text = j.data->>'webhookEventId'
          WHERE e.plaid_item_id = $1 AND e.webhook_code = 'NEW_ACCOUNTS_AVAILABLE'`,
        [plaidItemId],
      );
      return row?.state;
    };
    await eventually(async () => ((await jobState(early.itemId)) === 'retry' ? true : undefined));
    // The known Item's webhook, in the same burst, was carried out by its intake: it never needed a job.
    expect(await jobState(known.plaidItemId)).toBeUndefined();
    expect((await itemRow(known.id)).new_accounts_available).toBe(true);
    expect((await events().findOneByOrFail({ plaidItemId: known.plaidItemId, webhookCode: 'NEW_ACCOUNTS_AVAILABLE' })).outcome).toBe(
      WebhookOutcome.PROCESSED,
    );
    expect((await events().findOneByOrFail({ plaidItemId: early.itemId, webhookCode: 'NEW_ACCOUNTS_AVAILABLE' })).outcome).toBe(
      WebhookOutcome.PENDING,
    );

    const exchanged = await gw.graphql<{ exchangePublicToken: { id: string } }>(
      'mutation($t: String!) { exchangePublicToken(input: { publicToken: $t }) { id } }',
      { token, variables: { t: early.publicToken } },
    );
    const linkedId = exchanged.data!.exchangePublicToken.id;
    await eventually(
      async () => ((await itemRow(linkedId)).new_accounts_available === true ? true : undefined),
      20_000,
      'the retried webhook',
    );
    // Outcomes are recorded once the whole batch has acted, which may hold the linked Item's other webhooks too.
    await eventually(
      async () =>
        (await events().findOneByOrFail({ plaidItemId: early.itemId, webhookCode: 'NEW_ACCOUNTS_AVAILABLE' })).outcome ===
        WebhookOutcome.PROCESSED
          ? true
          : undefined,
      10_000,
      'the retried webhook recorded as processed',
    );
  });

  describe('a batch of stored webhooks', () => {
    let token: string;
    let first: LinkedItem;
    let second: LinkedItem;

    beforeAll(async () => {
      token = await gw.tokenFor(newUserId());
      first = await linkItem(gw, token, { institutionId: INSTITUTIONS[0] });
      second = await linkItem(gw, token, { institutionId: INSTITUTIONS[1] });
      // Let the link's own webhooks settle, so that only the events below change these Items.
      await settled(gw, [first.id, second.id]);
    });

    /** Stored as intake stores them, without a job, so that only the test's processBatch acts on them. */
    async function store(plaidItemId: string, body: Record<string, unknown>, issuedAt: Date, receivedAt: Date): Promise<string> {
      const [{ id }]: Array<{ id: string }> = await gw.gateway.dataSource.query(
        `INSERT INTO webhook_events (dedupe_key, webhook_type, webhook_code, plaid_item_id, payload, issued_at, received_at)
         VALUES (md5(random()::text), 'ITEM', $1, $2, $3, $4, $5) RETURNING id`,
        [body.webhook_code, plaidItemId, JSON.stringify({ webhook_type: 'ITEM', item_id: plaidItemId, ...body }), issuedAt, receivedAt],
      );
      return id;
    }

    it("applies one Item's same-second status webhooks in arrival order, each Item's on its own, and retries only an unknown Item's", async () => {
      const statusEvents = await subscribe(gw.wsUrl, token, STATUS_SUBSCRIPTION, { id: first.id });
      try {
        const second0 = new Date(Math.floor(Date.now() / 1000) * 1000 + 2_000);
        const at = (ms: number) => new Date(Date.now() + ms);
        const loginError = { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', error_message: 'the login details have changed' };
        const ids = [
          await store(first.plaidItemId, { webhook_code: 'ERROR', error: loginError }, second0, at(0)),
          await store(second.plaidItemId, { webhook_code: 'ERROR', error: loginError }, second0, at(1)),
          await store(first.plaidItemId, { webhook_code: 'LOGIN_REPAIRED' }, second0, at(2)),
          await store('item-that-is-not-here-yet', { webhook_code: 'NEW_ACCOUNTS_AVAILABLE' }, second0, at(3)),
        ];
        const failures = await gw.gateway.services.webhookProcessor.processBatch(ids);
        expect([...failures.keys()]).toEqual([ids[3]]);
        expect(failures.get(ids[3])).toBeInstanceOf(ItemNotYetKnownError);

        expect(await itemRow(first.id)).toMatchObject({ status: 'ACTIVE', error_code: null });
        expect(await itemRow(second.id)).toMatchObject({ status: 'LOGIN_REQUIRED', error_code: 'ITEM_LOGIN_REQUIRED' });
        const outcomes = await Promise.all(ids.map(async (id) => (await events().findOneByOrFail({ id })).outcome));
        expect(outcomes).toEqual([WebhookOutcome.PROCESSED, WebhookOutcome.PROCESSED, WebhookOutcome.PROCESSED, WebhookOutcome.PENDING]);
        // Subscribers saw both changes of the first Item, in order.
        expect((await statusEvents.next()).data).toEqual({
          itemStatusChanged: { previousStatus: 'ACTIVE', status: 'LOGIN_REQUIRED', reason: 'ITEM_LOGIN_REQUIRED' },
        });
        expect((await statusEvents.next()).data).toEqual({
          itemStatusChanged: { previousStatus: 'LOGIN_REQUIRED', status: 'ACTIVE', reason: 'LOGIN_REPAIRED' },
        });
      } finally {
        await statusEvents.close();
      }
    });

    it('ignores a status webhook older than the change already applied, within a batch and across batches', async () => {
      const now = Math.floor(Date.now() / 1000) * 1000;
      const newer = await store(second.plaidItemId, { webhook_code: 'LOGIN_REPAIRED' }, new Date(now + 10_000), new Date());
      const older = await store(
        second.plaidItemId,
        { webhook_code: 'PENDING_EXPIRATION', consent_expiration_time: new Date(now + 86_400_000).toISOString() },
        new Date(now + 5_000),
        new Date(Date.now() + 1),
      );
      expect(await gw.gateway.services.webhookProcessor.processBatch([newer, older])).toEqual(new Map());
      expect((await itemRow(second.id)).status).toBe('ACTIVE');
      expect(await events().findOneByOrFail({ id: older })).toMatchObject({
        outcome: WebhookOutcome.IGNORED,
        error: 'older than the last status change applied',
      });

      const muchOlder = await store(
        second.plaidItemId,
        { webhook_code: 'ERROR', error: { error_code: 'ITEM_LOGIN_REQUIRED' } },
        new Date(now - 60_000),
        new Date(),
      );
      await gw.gateway.services.webhookProcessor.processBatch([muchOlder]);
      expect((await itemRow(second.id)).status).toBe('ACTIVE');
      expect((await events().findOneByOrFail({ id: muchOlder })).outcome).toBe(WebhookOutcome.IGNORED);
    });
  });
});
