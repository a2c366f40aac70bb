import pino from 'pino';
import { WebhookOutcome } from '../../../src/entities/webhook-event.entity';
import { syncSweepHandler } from '../../../src/workers/sync-sweep.handler';
import { eventually, linkItem, settled } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

const SYNC = 'mutation($id: ID!) { syncItem(itemId: $id) { item { status } } }';
const FIRE = 'mutation($id: ID!, $code: SandboxWebhookCode!) { sandboxFireWebhook(itemId: $id, code: $code) }';

describe("an Item's status, decided by its state machine", () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });

  afterAll(async () => {
    await gw.close();
  });

  const db = () => gw.gateway.dataSource;
  const statusOf = async (itemId: string) =>
    (await db().query<Array<{ status: string }>>('SELECT status FROM items WHERE id = $1', [itemId]))[0].status;
  const waitForStatus = (itemId: string, status: string) =>
    eventually(async () => ((await statusOf(itemId)) === status ? true : undefined), 15_000, `status ${status}`);
  /** The outcome of the Item's last webhook with this code, once it has been acted on. */
  const actedOn = (plaidItemId: string, code: string) =>
    eventually(
      async () => {
        const [row]: Array<{ outcome: WebhookOutcome; error: string | null }> = await db().query(
          `SELECT outcome, error FROM webhook_events WHERE plaid_item_id = $1 AND webhook_code = $2 ORDER BY received_at DESC LIMIT 1`,
          [plaidItemId, code],
        );
        return row && row.outcome !== WebhookOutcome.PENDING ? row : undefined;
      },
      15_000,
      `the ${code} webhook to be acted on`,
    );

  it('item 6: an Item in ERROR is synced by the sweep, and a successful sync returns it to ACTIVE', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    // An error that passed (the bank was locked, then unlocked), as an ITEM ERROR webhook records it; the sweep finds it stale.
    await db().query(
      `UPDATE items SET status = 'ERROR', error_type = 'ITEM_ERROR', error_code = 'ITEM_LOCKED', error_message = 'locked',
              last_synced_at = now() - interval '2 days' WHERE id = $1`,
      [item.id],
    );
    await syncSweepHandler(gw.gateway.services.items, gw.gateway.jobs, gw.config.jobs.staleAfterMinutes, pino({ level: 'silent' }))();
    await waitForStatus(item.id, 'ACTIVE');
    const read = await gw.graphql('query($id: ID!) { item(id: $id) { status error { code } } }', { token, variables: { id: item.id } });
    expect(read.data).toEqual({ item: { status: 'ACTIVE', error: null } });
  });

  it('item 6: LOGIN_REPAIRED does not revive a REVOKED Item', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    await gw.graphql(FIRE, { token, variables: { id: item.id, code: 'USER_PERMISSION_REVOKED' } });
    await waitForStatus(item.id, 'REVOKED');
    await gw.graphql(FIRE, { token, variables: { id: item.id, code: 'LOGIN_REPAIRED' } });
    expect(await actedOn(item.plaidItemId, 'LOGIN_REPAIRED')).toEqual({
      outcome: WebhookOutcome.IGNORED,
      error: 'the Item is revoked until it is relinked',
    });
    expect(await statusOf(item.id)).toBe('REVOKED');
  });

  it("item 6: a stale webhook, issued before Plaid's reading of the Item at link, does not move its status", async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await settled(gw, [item.id]);
    // Plaid sent this before the link read the Item as healthy; it arrives late, after retries.
    const [{ id }]: Array<{ id: string }> = await db().query(
      `INSERT INTO webhook_events (dedupe_key, webhook_type, webhook_code, plaid_item_id, payload, issued_at, received_at)
       VALUES (md5(random()::text), 'ITEM', 'ERROR', $1, $2, now() - interval '1 minute', now()) RETURNING id`,
      [
        item.plaidItemId,
        JSON.stringify({
          webhook_type: 'ITEM',
          webhook_code: 'ERROR',
          item_id: item.plaidItemId,
          error: { error_code: 'ITEM_LOGIN_REQUIRED' },
        }),
      ],
    );
    await gw.gateway.services.webhookProcessor.processBatch([id]);
    expect(await actedOn(item.plaidItemId, 'ERROR')).toEqual({
      outcome: WebhookOutcome.IGNORED,
      error: 'older than the last status change applied',
    });
    expect(await statusOf(item.id)).toBe('ACTIVE');
  });

  describe('item 8: permanent Plaid errors', () => {
    it.each(['ITEM_NOT_FOUND', 'USER_PERMISSION_REVOKED'] as const)(
      'item 8: a sync job hitting %s is attempted once, not retried, and the API answers that code',
      async (errorCode) => {
        const token = await gw.tokenFor(newUserId());
        const item = await linkItem(gw, token);
        await settled(gw, [item.id]);
        const faults = 20;
        await gw.emulator.injectError({ endpoint: '/transactions/sync', errorCode, times: faults, itemId: item.plaidItemId });
        try {
          const reason = `item-8-${errorCode}`;
          await gw.gateway.jobs.enqueueSync({ itemId: item.id, reason });
          const job = await eventually(
            async () => {
              const [row]: Array<{ state: string; retry_count: number }> = await db().query(
                `SELECT state, retry_count FROM "${gw.config.jobs.schema}".job
                  WHERE name = 'transactions-sync' AND data->>'itemId' = $1 AND data->>'reason' = $2`,
                [item.id, reason],
              );
              return row && !['created', 'active'].includes(row.state) ? row : undefined;
            },
            30_000,
            'the sync job to run',
          );
          expect(job).toEqual({ state: 'completed', retry_count: 0 });
          const rule = (await gw.emulator.faults()).errors.find((candidate) => candidate.item_id === item.plaidItemId);
          expect(faults - (rule?.times ?? 0)).toBe(1);
          expect(await statusOf(item.id)).toBe('REVOKED');

          const answer = await gw.graphql(SYNC, { token, variables: { id: item.id } });
          expect(answer.errors?.[0].extensions).toMatchObject({ code: errorCode, itemId: item.id, plaidErrorCode: errorCode });
          expect(answer.errors?.[0].extensions).not.toHaveProperty('retryAfterSeconds');
          expect(answer.errors?.[0].message).not.toMatch(/try again later/);
        } finally {
          await gw.emulator.clearFaults();
        }
      },
    );
  });
});
