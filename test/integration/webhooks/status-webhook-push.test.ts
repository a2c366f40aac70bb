import type { ReceivedWebhook, WebhookReceiver } from 'plaid-emulator';
import { WebhookEventEntity, WebhookOutcome } from '../../../src/entities/webhook-event.entity';
import { QueueName } from '../../../src/jobs/job-queue';
import { deliveryIdOf } from '../../../src/plaid/webhook-verifier';
import { accessTokenOf, callPlaid, linkItem, type LinkedItem } from '../../support/linking';
import { subscribe, subscribeSse } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import { deliverWebhook, startWebhookReceiver } from '../../support/webhook-receiver';

const STATUS_SUBSCRIPTION = 'subscription($id: ID) { itemStatusChanged(itemId: $id) { item { id status } previousStatus status reason } }';

/**
 * A status webhook is applied in its intake's own transaction and pushed by the relay as soon
 * as that commits: this gateway runs no job workers at all, so anything that needed the queue
 * would never happen.
 */
describe('status webhooks pushed from the webhook intake, before any job', () => {
  let gw: TestGateway;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    gw = await startTestGateway({}, { jobWorkers: false });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.stop();
    await gw.close();
  });

  /** Plaid's genuine signed webhook for `code`, caught on its way (the Item's webhook points at the receiver meanwhile). */
  async function genuine(token: string, item: LinkedItem, code: string): Promise<ReceivedWebhook> {
    const accessToken = await accessTokenOf(gw, item.id);
    await callPlaid(gw, '/item/webhook/update', { access_token: accessToken, webhook: receiver.url });
    receiver.clear();
    const fired = await gw.graphql('mutation($id: ID!, $code: SandboxWebhookCode!) { sandboxFireWebhook(itemId: $id, code: $code) }', {
      token,
      variables: { id: item.id, code },
    });
    expect(fired.errors).toBeUndefined();
    const [webhook] = await receiver.waitFor(1, (w) => w.body.webhook_code === code);
    return webhook;
  }

  const webhookJobs = async (eventId: string): Promise<number> => {
    const [row] = await gw.gateway.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM ${gw.config.jobs.schema}.job WHERE name = $1 AND data->>'webhookEventId' = $2`,
      [QueueName.WebhookEvent, eventId],
    );
    return row.count;
  };
  const storedEvent = (webhook: ReceivedWebhook) =>
    gw.gateway.dataSource
      .getRepository(WebhookEventEntity)
      .findOneByOrFail({ dedupeKey: deliveryIdOf(String(webhook.headers['plaid-verification'])) });

  it('applies it with its delivery row and pushes it over WebSocket and SSE with no job queued', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    const expiring = await genuine(token, item, 'PENDING_EXPIRATION');
    const overWs = await subscribe(gw.wsUrl, token, STATUS_SUBSCRIPTION, { id: item.id });
    const overSse = await subscribeSse(`${gw.url}/graphql/stream`, token, STATUS_SUBSCRIPTION, { id: item.id });
    try {
      const answer = await deliverWebhook(gw.url, expiring);
      expect(answer.status).toBe(200);
      const expected = {
        itemStatusChanged: {
          item: { id: item.id, status: 'PENDING_EXPIRATION' },
          previousStatus: 'ACTIVE',
          status: 'PENDING_EXPIRATION',
          reason: 'PENDING_EXPIRATION',
        },
      };
      expect((await overWs.next()).data).toEqual(expected);
      expect((await overSse.next()).data).toEqual(expected);
      // Settled when the 200 was sent, and never handed to the queue.
      const row = await storedEvent(expiring);
      expect(row.outcome).toBe(WebhookOutcome.PROCESSED);
      expect(row.itemId).toBe(item.id);
      expect(await webhookJobs(row.id)).toBe(0);

      // The same delivery again is a duplicate: nothing more is applied or queued.
      const again = await deliverWebhook(gw.url, expiring);
      expect(await again.json()).toEqual({ received: true, duplicate: true });
      expect(await webhookJobs(row.id)).toBe(0);
    } finally {
      await Promise.all([overWs.close(), overSse.close()]);
    }
  });

  it('keeps the ordering rule: a change older than the last one applied is recorded IGNORED, not pushed', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    const older = await genuine(token, item, 'PENDING_DISCONNECT');
    // The two are ordered by their iat, in whole seconds: the newer one is fired once the older
    // one's second is over: firing again and again within it could spend the user's rate limit
    // (a sandboxFireWebhook costs 11 of RATE_LIMIT_OPERATIONS' 300 points a minute), and then no webhook came.
    const issuedAt = (webhook: ReceivedWebhook) =>
      (JSON.parse(Buffer.from(String(webhook.headers['plaid-verification']).split('.')[1], 'base64url').toString()) as { iat: number }).iat;
    let newer: ReceivedWebhook;
    do {
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));
      newer = await genuine(token, item, 'PENDING_EXPIRATION');
    } while (issuedAt(newer) <= issuedAt(older));
    const events = await subscribe(gw.wsUrl, token, STATUS_SUBSCRIPTION, { id: item.id });
    try {
      expect((await deliverWebhook(gw.url, newer)).status).toBe(200);
      expect((await events.next()).data).toMatchObject({ itemStatusChanged: { previousStatus: 'ACTIVE', status: 'PENDING_EXPIRATION' } });
      expect((await deliverWebhook(gw.url, older)).status).toBe(200);
      const stale = await storedEvent(older);
      expect({ outcome: stale.outcome, error: stale.error }).toEqual({
        outcome: WebhookOutcome.IGNORED,
        error: 'older than the last status change applied',
      });
      expect(await webhookJobs(stale.id)).toBe(0);
      const [row] = await gw.gateway.dataSource.query<Array<{ status: string }>>('SELECT status FROM items WHERE id = $1', [item.id]);
      expect(row.status).toBe('PENDING_EXPIRATION');
    } finally {
      await events.close();
    }
  });

  it('still queues a webhook that needs Plaid (a sync) as a job', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    const syncNews = await genuine(token, item, 'SYNC_UPDATES_AVAILABLE');
    expect((await deliverWebhook(gw.url, syncNews)).status).toBe(200);
    const row = await storedEvent(syncNews);
    expect(row.outcome).toBe(WebhookOutcome.PENDING);
    expect(await webhookJobs(row.id)).toBe(1);
  });
});
