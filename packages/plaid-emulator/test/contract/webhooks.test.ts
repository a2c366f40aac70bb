import { Products, SandboxItemFireWebhookRequestWebhookCodeEnum as Code, WebhookType } from 'plaid';
import { linkSandboxItem, startTestEmulator, type TestEmulator } from '../support/emulator-harness';
import type { WebhookReceiver } from '../../src';
import { byCode, startWebhookReceiver, verifyWebhook, webhookSchemaErrors } from '../support/webhook-receiver';

let t: TestEmulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // Plaid's retry delays (30 s, x4) scaled down a thousandfold: 30 ms, 120 ms, ...
  // Long enough that a busy machine (the receiver shares jest's process) is not taken for a dead receiver.
  t = await startTestEmulator({ webhookRetryDelayScale: 0.001, webhookTimeoutMs: 1_500 });
});

afterEach(() => {
  receiver.responder = () => ({ status: 200 });
  receiver.clear();
});

afterAll(async () => {
  await t.emulator.close();
  await receiver.stop();
});

async function dynamicItem() {
  const item = await linkSandboxItem(t.client, { username: 'user_transactions_dynamic', password: 'x', webhook: receiver.url });
  await t.client.transactionsSync({ access_token: item.accessToken });
  return item;
}

it('sends signed webhooks that verify with only /webhook_verification_key/get, and conform to the spec', async () => {
  const item = await linkSandboxItem(t.client, { webhook: receiver.url });
  const linked = await receiver.waitFor(2);
  expect(linked.map((w) => w.body.webhook_code).sort()).toEqual(['HISTORICAL_UPDATE', 'INITIAL_UPDATE']);
  for (const webhook of linked) {
    await verifyWebhook(t.client, webhook);
    expect(webhookSchemaErrors(webhook)).toEqual([]);
    expect(webhook.body).toMatchObject({ item_id: item.itemId, environment: 'sandbox' });
  }
});

it('fires SYNC_UPDATES_AVAILABLE when a refresh finds changes, once the Item has been synced', async () => {
  const item = await dynamicItem();
  receiver.clear();
  await t.client.transactionsRefresh({ access_token: item.accessToken });
  const [sync] = await receiver.waitFor(1, byCode('SYNC_UPDATES_AVAILABLE'));
  expect(sync.body).toMatchObject({
    webhook_type: 'TRANSACTIONS',
    item_id: item.itemId,
    initial_update_complete: true,
    historical_update_complete: true,
  });
  await receiver.waitFor(1, byCode('TRANSACTIONS_REMOVED'));
  await receiver.waitFor(1, byCode('DEFAULT_UPDATE'));
  for (const webhook of receiver.received) {
    await verifyWebhook(t.client, webhook);
    expect(webhookSchemaErrors(webhook)).toEqual([]);
  }
});

it('keeps verifying after a key rotation, and serves the retired key with expired_at', async () => {
  const item = await dynamicItem();
  await receiver.waitFor(2);
  const before = await verifyWebhook(t.client, receiver.received[0]);
  const rotated = await t.emulator.control.rotateWebhookKey();
  expect(rotated.retiredKid).toBe(before.kid);
  receiver.clear();

  await t.client.sandboxItemFireWebhook({ access_token: item.accessToken, webhook_code: Code.SyncUpdatesAvailable });
  const [after] = await receiver.waitFor(1);
  const verified = await verifyWebhook(t.client, after);
  expect(verified.kid).toBe(rotated.kid);
  const retired = await t.client.webhookVerificationKeyGet({ key_id: before.kid });
  expect(retired.data.key.expired_at).toEqual(expect.any(Number));
  const current = await t.client.webhookVerificationKeyGet({ key_id: rotated.kid });
  expect(current.data.key).toMatchObject({ alg: 'ES256', kty: 'EC', crv: 'P-256', use: 'sig', expired_at: null });
});

it('retries on non-200 answers with exponential backoff, signing each attempt', async () => {
  const item = await linkSandboxItem(t.client, { products: [Products.Auth], webhook: receiver.url });
  receiver.responder = (_webhook, index) => ({ status: index < 2 ? 503 : 200 });
  await t.client.sandboxItemFireWebhook({ access_token: item.accessToken, webhook_code: Code.NewAccountsAvailable });
  const attempts = await receiver.waitFor(3);
  // Once every delivery has ended (delivered or given up), the third 200 must have been the last attempt.
  const log = (await t.emulator.control.flushWebhooks()).filter((d) => d.webhook_code === 'NEW_ACCOUNTS_AVAILABLE');
  expect(receiver.received).toHaveLength(3);
  for (const attempt of attempts) {
    await verifyWebhook(t.client, attempt);
    expect(attempt.raw.equals(attempts[0].raw)).toBe(true);
  }
  expect(log.map((d) => [d.attempt, d.status])).toEqual([
    [0, 503],
    [1, 503],
    [2, 200],
  ]);
  const gaps = log.slice(1).map((d, i) => Date.parse(d.at) - Date.parse(log[i].at));
  // Plaid waits 30 s, then 4 times longer each time; here a thousandth of that: 30 ms, then 120 ms.
  expect(gaps[0]).toBeGreaterThanOrEqual(30);
  expect(gaps[1]).toBeGreaterThanOrEqual(120);
});

it('retries a delivery the receiver does not answer in time', async () => {
  const item = await linkSandboxItem(t.client, { products: [Products.Auth], webhook: receiver.url });
  receiver.responder = (_webhook, index) => ({ status: 200, delayMs: index === 0 ? 2_500 : 0 });
  await t.client.sandboxItemFireWebhook({ access_token: item.accessToken, webhook_code: Code.PendingDisconnect });
  await receiver.waitFor(2, byCode('PENDING_DISCONNECT'));
  const log = (await t.emulator.control.flushWebhooks()).filter((d) => d.webhook_code === 'PENDING_DISCONNECT');
  expect(log.map((d) => [d.attempt, d.error])).toEqual([
    [0, 'timeout'],
    [1, null],
  ]);
});

it('reset_login sends ITEM ERROR, and LOGIN_REPAIRED heals the Item', async () => {
  const item = await linkSandboxItem(t.client, { webhook: receiver.url });
  await receiver.waitFor(2);
  receiver.clear();
  await t.client.sandboxItemResetLogin({ access_token: item.accessToken });
  const [error] = await receiver.waitFor(1, byCode('ERROR'));
  expect(error.body).toMatchObject({ webhook_type: 'ITEM', error: { error_code: 'ITEM_LOGIN_REQUIRED', error_type: 'ITEM_ERROR' } });
  expect(webhookSchemaErrors(error)).toEqual([]);

  await t.client.sandboxItemFireWebhook({ access_token: item.accessToken, webhook_code: Code.LoginRepaired });
  const [repaired] = await receiver.waitFor(1, byCode('LOGIN_REPAIRED'));
  expect(webhookSchemaErrors(repaired)).toEqual([]);
  const accounts = await t.client.accountsGet({ access_token: item.accessToken });
  expect(accounts.data.item.error).toBeNull();
});

it("fires each of Plaid's sandbox webhook codes with a conforming body", async () => {
  const item = await linkSandboxItem(t.client, { webhook: receiver.url });
  await receiver.waitFor(2);
  receiver.clear();
  const fired: Array<[Code, WebhookType | undefined]> = [
    [Code.DefaultUpdate, WebhookType.Transactions],
    [Code.DefaultUpdate, WebhookType.Auth],
    [Code.NewAccountsAvailable, undefined],
    [Code.PendingDisconnect, undefined],
    [Code.UserPermissionRevoked, undefined],
    [Code.UserAccountRevoked, undefined],
    [Code.RecurringTransactionsUpdate, undefined],
    [Code.SyncUpdatesAvailable, undefined],
    [Code.LoginRepaired, undefined],
  ];
  for (const [code, type] of fired) {
    const { data } = await t.client.sandboxItemFireWebhook({ access_token: item.accessToken, webhook_code: code, webhook_type: type });
    expect(data.webhook_fired).toBe(true);
  }
  const received = await receiver.waitFor(fired.length);
  for (const webhook of received) expect(webhookSchemaErrors(webhook)).toEqual([]);
});

it('delivers a webhook twice, or after its successor, on request', async () => {
  const item = await linkSandboxItem(t.client, { products: [Products.Auth], webhook: receiver.url });
  await t.emulator.control.deliverWebhooks({ duplicate: 1 });
  await t.client.sandboxItemFireWebhook({ access_token: item.accessToken, webhook_code: Code.NewAccountsAvailable });
  const copies = await receiver.waitFor(2, byCode('NEW_ACCOUNTS_AVAILABLE'));
  expect(copies[0].raw.equals(copies[1].raw)).toBe(true);
  for (const copy of copies) await verifyWebhook(t.client, copy);

  receiver.clear();
  await t.emulator.control.deliverWebhooks({ reorder: 1 });
  await t.client.sandboxItemResetLogin({ access_token: item.accessToken });
  // The next webhook is signed a second later by the emulator's clock (iat counts seconds), without waiting one.
  const emulatorNow = new Date(await t.emulator.control.advanceClock(1_000));
  await t.client.sandboxItemFireWebhook({ access_token: item.accessToken, webhook_code: Code.LoginRepaired });
  const delivered = await receiver.waitFor(2);
  expect(delivered.map((w) => w.body.webhook_code)).toEqual(['LOGIN_REPAIRED', 'ERROR']);
  const [newer, older] = await Promise.all(delivered.map((w) => verifyWebhook(t.client, w, emulatorNow)));
  // The held-back webhook still carries the time it was sent at, so a receiver can order by iat.
  expect(older.iat).toBeLessThan(newer.iat);
});
