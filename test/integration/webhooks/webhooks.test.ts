import { createHash } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { WebhookEventEntity, WebhookOutcome } from '../../../src/entities/webhook-event.entity';
import { deliveryIdOf } from '../../../src/plaid/webhook-verifier';
import { accessTokenOf, callPlaid, eventually, linkItem, settled, type LinkedItem } from '../../support/linking';
import { daysAgo } from '../../support/dates';
import { subscribe } from '../../support/subscription-client';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';
import type { ReceivedWebhook, WebhookReceiver } from 'plaid-emulator';
import { deliverWebhook, startWebhookReceiver } from '../../support/webhook-receiver';

const STATUS_SUBSCRIPTION =
  'subscription($id: ID) { itemStatusChanged(itemId: $id) { item { id status } previousStatus status reason occurredAt } }';
const SYNCED_SUBSCRIPTION =
  'subscription($id: ID) { transactionsSynced(itemId: $id) { item { id lastSyncedAt } added modified removed transactionsUpdateStatus syncedAt } }';

describe('Plaid webhooks at the gateway', () => {
  let gw: TestGateway;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    gw = await startTestGateway();
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.stop();
    await gw.close();
  });

  const events = () => gw.gateway.dataSource.getRepository(WebhookEventEntity);
  const itemRow = async (id: string) =>
    (
      await gw.gateway.dataSource.query('SELECT status, new_accounts_available, consent_expires_at, webhook_url FROM items WHERE id = $1', [
        id,
      ])
    )[0] as Record<string, unknown>;
  const waitForStatus = (id: string, status: string) =>
    eventually(async () => ((await itemRow(id))?.status === status ? true : undefined), 10_000, `status ${status}`);
  const fire = (token: string, itemId: string, code: string) =>
    gw.graphql('mutation($id: ID!, $code: SandboxWebhookCode!) { sandboxFireWebhook(itemId: $id, code: $code) }', {
      token,
      variables: { id: itemId, code },
    });
  const deliver = (webhook: ReceivedWebhook, headers?: Record<string, string>, raw?: Buffer) =>
    deliverWebhook(gw.url, webhook, headers, raw);

  /** Points the Item's webhooks at a local receiver, fires `code` (or has `trigger` make Plaid send it), and returns the genuine signed webhook. */
  async function captureGenuine(
    token: string,
    item: LinkedItem,
    code: string,
    trigger: () => Promise<unknown> = () => fire(token, item.id, code),
  ): Promise<ReceivedWebhook> {
    await callPlaid(gw, '/item/webhook/update', { access_token: await accessTokenOf(gw, item.id), webhook: receiver.url });
    receiver.clear();
    await trigger();
    const [webhook] = await receiver.waitFor(1, (w) => w.body.webhook_code === code);
    await callPlaid(gw, '/item/webhook/update', {
      access_token: await accessTokenOf(gw, item.id),
      webhook: `${gw.config.publicUrl}/webhooks/plaid`,
    });
    return webhook;
  }

  it("acts on a genuine webhook and tells only the Item's owner", async () => {
    const owner = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, owner);
    const mine = await subscribe(gw.wsUrl, owner, STATUS_SUBSCRIPTION, { id: item.id });
    const everything = await subscribe(gw.wsUrl, owner, STATUS_SUBSCRIPTION);
    const stranger = await subscribe(gw.wsUrl, await gw.tokenFor(newUserId()), STATUS_SUBSCRIPTION);
    try {
      await gw.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', { token: owner, variables: { id: item.id } });
      const event = await mine.next();
      expect(event.data).toMatchObject({
        itemStatusChanged: {
          item: { id: item.id, status: 'LOGIN_REQUIRED' },
          previousStatus: 'ACTIVE',
          status: 'LOGIN_REQUIRED',
          reason: 'ITEM_LOGIN_REQUIRED',
        },
      });
      expect((await everything.next()).data).toMatchObject({ itemStatusChanged: { item: { id: item.id } } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stranger.pending()).toEqual([]);
    } finally {
      await Promise.all([mine.close(), everything.close(), stranger.close()]);
    }
  });

  it('counts webhooks, syncs and queued jobs in /metrics', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await gw.graphql('mutation($id: ID!) { syncItem(itemId: $id) { added } }', { token, variables: { id: item.id } });
    await fetch(`${gw.url}/webhooks/plaid`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(
      /gateway_webhooks_total\{webhook_type="TRANSACTIONS",webhook_code="(INITIAL|HISTORICAL)_UPDATE",outcome="accepted"\} [1-9]/,
    );
    expect(metrics).toMatch(/gateway_webhooks_total\{webhook_type="invalid",webhook_code="invalid",outcome="rejected"\} [1-9]/);
    expect(metrics).toMatch(/gateway_sync_duration_seconds_count\{outcome="committed"\} [1-9]/);
    expect(metrics).toMatch(/gateway_job_queue_depth\{queue="transactions-sync"\} \d+/);
  });

  it("refuses to subscribe to another user's Item (NOT_FOUND)", async () => {
    const item = await linkItem(gw, await gw.tokenFor(newUserId()));
    const stranger = await subscribe(gw.wsUrl, await gw.tokenFor(newUserId()), STATUS_SUBSCRIPTION, { id: item.id });
    try {
      expect((await stranger.next()).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    } finally {
      await stranger.close();
    }
  });

  it('answers every forgery with 401 and writes nothing', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    const genuine = await captureGenuine(token, item, 'LOGIN_REPAIRED');
    const { kid } = JSON.parse(Buffer.from(String(genuine.headers['plaid-verification']).split('.')[0], 'base64url').toString()) as {
      kid: string;
    };
    const sha256 = createHash('sha256').update(genuine.raw).digest('hex');
    const foreign = await generateKeyPair('ES256');
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forgeries: Array<[string, Record<string, string>, Buffer?]> = [
      ['missing header', {}],
      ['garbage', { 'plaid-verification': 'garbage' }],
      [
        'alg none',
        {
          'plaid-verification': `${b64({ alg: 'none', kid })}.${b64({ iat: Math.floor(Date.now() / 1000), request_body_sha256: sha256 })}.`,
        },
      ],
      [
        'HS256 signed with the Plaid secret',
        {
          'plaid-verification': await new SignJWT({ request_body_sha256: sha256 })
            .setProtectedHeader({ alg: 'HS256', kid })
            .setIssuedAt()
            .sign(new TextEncoder().encode(gw.config.plaid.secret)),
        },
      ],
      [
        'ES256 with a foreign key',
        {
          'plaid-verification': await new SignJWT({ request_body_sha256: sha256 })
            .setProtectedHeader({ alg: 'ES256', kid })
            .setIssuedAt()
            .sign(foreign.privateKey),
        },
      ],
      [
        'a tampered body',
        { 'plaid-verification': String(genuine.headers['plaid-verification']) },
        Buffer.from(genuine.raw.toString().replace('LOGIN_REPAIRED', 'ERROR')),
      ],
    ];
    for (const [name, headers, raw] of forgeries) {
      const response = await deliver(genuine, headers, raw ?? genuine.raw);
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
    }
    // Nothing of any forged body was stored (other, genuine webhooks may arrive meanwhile).
    // The captured webhook never reached the gateway genuinely: no row may hold its body or the tampered one.
    const forgedBodies = [...new Set(forgeries.map(([, , raw]) => (raw ?? genuine.raw).toString('utf8')))];
    const stored: unknown[] = await gw.gateway.dataSource.query('SELECT 1 FROM webhook_events WHERE payload = ANY($1::jsonb[])', [
      forgedBodies,
    ]);
    expect(stored).toEqual([]);
    expect((await itemRow(item.id)).status).toBe('ACTIVE');
  });

  it('processes the same genuine webhook delivered ten times once', async () => {
    const token = await gw.tokenFor(newUserId());
    // Its sync must bring something to be announced: the webhook Plaid sends for a new transaction is the one delivered.
    const item = await linkItem(gw, token, { username: 'user_transactions_dynamic' });
    await eventually(async () =>
      (
        await gw.graphql<{ item: { lastSyncedAt: string | null } }>('query($id: ID!) { item(id: $id) { lastSyncedAt } }', {
          token,
          variables: { id: item.id },
        })
      ).data?.item.lastSyncedAt
        ? true
        : undefined,
    );
    // The link's own webhooks (retried while the exchange commits) would bring syncs of their own.
    await settled(gw, [item.id]);
    const genuine = await captureGenuine(token, item, 'SYNC_UPDATES_AVAILABLE', () =>
      gw.graphql(
        `mutation($id: ID!) { sandboxCreateTransactions(itemId: $id, transactions: [{ amount: 6, description: "Delivered once", datePosted: "${daysAgo(1)}", dateTransacted: "${daysAgo(1)}" }]) }`,
        { token, variables: { id: item.id } },
      ),
    );
    const synced = await subscribe(gw.wsUrl, token, SYNCED_SUBSCRIPTION, { id: item.id });
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(genuine)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      const dedupeKey = deliveryIdOf(String(genuine.headers['plaid-verification']));
      const stored = await eventually(async () => {
        const row = await events().findOneBy({ dedupeKey });
        return row?.outcome === WebhookOutcome.PROCESSED ? row : undefined;
      });
      expect(await events().countBy({ dedupeKey })).toBe(1);
      expect(stored.webhookCode).toBe('SYNC_UPDATES_AVAILABLE');
      const intake = gw.logs.filter((line) => line.msg === 'webhook received' && line.eventId === stored.id).map((line) => line.outcome);
      expect(intake.sort()).toEqual(['accepted', ...Array(9).fill('duplicate')]);
      // Its effect: one sync, which brought the new transaction.
      expect((await synced.next()).data).toMatchObject({
        transactionsSynced: { item: { id: item.id }, added: 1, modified: 0, removed: 0 },
      });
    } finally {
      await synced.close();
    }
  });

  it('acts on the same bytes signed again later: an Item can break the same way twice', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await fire(token, item.id, 'ERROR');
    await waitForStatus(item.id, 'LOGIN_REQUIRED');
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // iat has one-second resolution
    await fire(token, item.id, 'LOGIN_REPAIRED');
    await waitForStatus(item.id, 'ACTIVE');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await fire(token, item.id, 'ERROR');
    await waitForStatus(item.id, 'LOGIN_REQUIRED');
    const errors = await events().find({ where: { plaidItemId: item.plaidItemId, webhookCode: 'ERROR' }, order: { receivedAt: 'ASC' } });
    expect(errors).toHaveLength(2);
    // The very same bytes, told apart by their signatures.
    expect(errors[0].payload).toEqual(errors[1].payload);
    expect(errors[0].dedupeKey).not.toBe(errors[1].dedupeKey);
    expect(errors.map((row) => row.outcome)).toEqual([WebhookOutcome.PROCESSED, WebhookOutcome.PROCESSED]);
  });

  it('lets the newest status win when status webhooks arrive out of order', async () => {
    const token = await gw.tokenFor(newUserId());
    const item = await linkItem(gw, token);
    await gw.emulator.deliverWebhooks({ reorder: 1 });
    await gw.graphql('mutation($id: ID!) { sandboxResetLogin(itemId: $id) }', { token, variables: { id: item.id } });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // iat has one-second resolution
    await fire(token, item.id, 'LOGIN_REPAIRED');
    const rows = await eventually(async () => {
      const statusEvents = await events().find({
        where: [
          { plaidItemId: item.plaidItemId, webhookCode: 'ERROR' },
          { plaidItemId: item.plaidItemId, webhookCode: 'LOGIN_REPAIRED' },
        ],
        order: { receivedAt: 'ASC' },
      });
      return statusEvents.length === 2 && statusEvents.every((row) => row.outcome !== WebhookOutcome.PENDING) ? statusEvents : undefined;
    });
    const [error, repaired] = ['ERROR', 'LOGIN_REPAIRED'].map((code) => rows.find((row) => row.webhookCode === code)!);
    expect(repaired.issuedAt!.getTime()).toBeGreaterThan(error.issuedAt!.getTime());
    // Workers run in parallel: an ERROR acted on after LOGIN_REPAIRED must be ignored as older.
    if (error.processedAt! > repaired.processedAt!) expect(error.outcome).toBe(WebhookOutcome.IGNORED);
    expect((await itemRow(item.id)).status).toBe('ACTIVE');
  });

  describe('each Item webhook code', () => {
    let token: string;
    let item: LinkedItem;

    beforeEach(async () => {
      token = await gw.tokenFor(newUserId());
      item = await linkItem(gw, token);
    });

    it('ERROR moves the Item to LOGIN_REQUIRED and LOGIN_REPAIRED back to ACTIVE', async () => {
      await fire(token, item.id, 'ERROR');
      await waitForStatus(item.id, 'LOGIN_REQUIRED');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await fire(token, item.id, 'LOGIN_REPAIRED');
      await waitForStatus(item.id, 'ACTIVE');
      const read = await gw.graphql('query($id: ID!) { item(id: $id) { status error { code } } }', { token, variables: { id: item.id } });
      expect(read.data).toEqual({ item: { status: 'ACTIVE', error: null } });
    });

    it('PENDING_EXPIRATION and PENDING_DISCONNECT record when consent ends', async () => {
      await fire(token, item.id, 'PENDING_EXPIRATION');
      await waitForStatus(item.id, 'PENDING_EXPIRATION');
      const expiresAt = new Date(String((await itemRow(item.id)).consent_expires_at)).getTime();
      expect(expiresAt - Date.now()).toBeGreaterThan(6 * 86_400_000);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await fire(token, item.id, 'PENDING_DISCONNECT');
      await waitForStatus(item.id, 'PENDING_DISCONNECT');
    });

    it('USER_PERMISSION_REVOKED revokes the Item and deletes its transactions', async () => {
      await eventually(async () =>
        Number((await gw.gateway.dataSource.query('SELECT count(*) FROM transactions WHERE item_id = $1', [item.id]))[0].count) > 0
          ? true
          : undefined,
      );
      await fire(token, item.id, 'USER_PERMISSION_REVOKED');
      await waitForStatus(item.id, 'REVOKED');
      await eventually(async () =>
        Number((await gw.gateway.dataSource.query('SELECT count(*) FROM transactions WHERE item_id = $1', [item.id]))[0].count) === 0
          ? true
          : undefined,
      );
    });

    it('USER_ACCOUNT_REVOKED deletes that account and its data', async () => {
      // After the first sync: Plaid's sandbox only fires the webhook, so a later sync would list the account again.
      await eventually(async () =>
        (await gw.gateway.dataSource.query('SELECT last_synced_at FROM items WHERE id = $1', [item.id]))[0].last_synced_at
          ? true
          : undefined,
      );
      const before: Array<{ plaid_account_id: string }> = await gw.gateway.dataSource.query(
        'SELECT plaid_account_id FROM accounts WHERE item_id = $1',
        [item.id],
      );
      const transactionsBefore: Array<{ id: string; plaid_account_id: string }> = await gw.gateway.dataSource.query(
        'SELECT t.id, a.plaid_account_id FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE t.item_id = $1',
        [item.id],
      );
      await callPlaid(gw, '/sandbox/item/fire_webhook', {
        access_token: await accessTokenOf(gw, item.id),
        webhook_code: 'USER_ACCOUNT_REVOKED',
      });
      await eventually(async () => {
        const after: unknown[] = await gw.gateway.dataSource.query('SELECT 1 FROM accounts WHERE item_id = $1', [item.id]);
        return after.length === before.length - 1 ? true : undefined;
      });
      expect((await itemRow(item.id)).status).toBe('ACTIVE');
      // Its transactions went with it, each logged as removed for the clients' copies; the other accounts' stayed.
      const remaining: Array<{ plaid_account_id: string }> = await gw.gateway.dataSource.query(
        'SELECT plaid_account_id FROM accounts WHERE item_id = $1',
        [item.id],
      );
      const revoked = before.find((account) => !remaining.some((left) => left.plaid_account_id === account.plaid_account_id))!;
      const revokedTransactions = transactionsBefore.filter((t) => t.plaid_account_id === revoked.plaid_account_id).map((t) => t.id);
      expect(revokedTransactions.length).toBeGreaterThan(0);
      const transactionsAfter: Array<{ id: string }> = await gw.gateway.dataSource.query('SELECT id FROM transactions WHERE item_id = $1', [
        item.id,
      ]);
      expect(transactionsAfter.map((t) => t.id).sort()).toEqual(
        transactionsBefore
          .filter((t) => t.plaid_account_id !== revoked.plaid_account_id)
          .map((t) => t.id)
          .sort(),
      );
      const logged: Array<{ transaction_id: string }> = await gw.gateway.dataSource.query(
        `SELECT transaction_id FROM transaction_changes WHERE item_id = $1 AND change = 'removed'`,
        [item.id],
      );
      expect(logged.map((row) => row.transaction_id).sort()).toEqual(revokedTransactions.sort());
    });

    it('NEW_ACCOUNTS_AVAILABLE flags the Item for update mode', async () => {
      await fire(token, item.id, 'NEW_ACCOUNTS_AVAILABLE');
      await eventually(async () => ((await itemRow(item.id)).new_accounts_available === true ? true : undefined));
      const read = await gw.graphql('query($id: ID!) { item(id: $id) { newAccountsAvailable status } }', {
        token,
        variables: { id: item.id },
      });
      expect(read.data).toEqual({ item: { newAccountsAvailable: true, status: 'ACTIVE' } });
    });

    it("WEBHOOK_UPDATE_ACKNOWLEDGED records the Item's new webhook URL", async () => {
      await gw.gateway.dataSource.query('UPDATE items SET webhook_url = NULL WHERE id = $1', [item.id]);
      await callPlaid(gw, '/item/webhook/update', {
        access_token: await accessTokenOf(gw, item.id),
        webhook: `${gw.config.publicUrl}/webhooks/plaid`,
      });
      await eventually(async () => ((await itemRow(item.id)).webhook_url === `${gw.config.publicUrl}/webhooks/plaid` ? true : undefined));
    });

    it('AUTH webhooks are stored and acknowledged', async () => {
      await callPlaid(gw, '/sandbox/item/fire_webhook', {
        access_token: await accessTokenOf(gw, item.id),
        webhook_type: 'AUTH',
        webhook_code: 'DEFAULT_UPDATE',
      });
      await eventually(async () =>
        (await events().findOneBy({ plaidItemId: item.plaidItemId, webhookType: 'AUTH' }))?.outcome === WebhookOutcome.PROCESSED
          ? true
          : undefined,
      );
    });
  });

  it('stores and logs an unknown webhook code without failing', async () => {
    const item = await linkItem(gw, await gw.tokenFor(newUserId()));
    const [{ id }]: Array<{ id: string }> = await gw.gateway.dataSource.query(
      `INSERT INTO webhook_events (dedupe_key, webhook_type, webhook_code, plaid_item_id, payload, issued_at)
       VALUES (md5(random()::text), 'ITEM', 'SOMETHING_NEW', $1, $2, now()) RETURNING id`,
      [item.plaidItemId, JSON.stringify({ webhook_type: 'ITEM', webhook_code: 'SOMETHING_NEW', item_id: item.plaidItemId })],
    );
    expect(await gw.gateway.services.webhookProcessor.processBatch([id])).toEqual(new Map());
    const row = await events().findOneByOrFail({ id });
    expect(row).toMatchObject({ outcome: WebhookOutcome.IGNORED, error: 'unhandled webhook ITEM SOMETHING_NEW' });
    expect(gw.logs.some((line) => line.msg === 'webhook ignored' && line.webhookCode === 'SOMETHING_NEW')).toBe(true);
  });

  // Last: moving the emulator's clock on makes every later webhook from it look forged.
  describe("with the emulator's clock ten minutes ahead", () => {
    it("refuses a webhook signed in the future (the emulator's clock moved on)", async () => {
      const token = await gw.tokenFor(newUserId());
      const item = await linkItem(gw, token);
      await gw.emulator.advanceClock(10 * 60_000);
      const fromTheFuture = await captureGenuine(token, item, 'NEW_ACCOUNTS_AVAILABLE');
      expect((await deliver(fromTheFuture)).status).toBe(401);
    });
  });
});
