import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Products } from 'plaid';
import pino from 'pino';
import { startEmulator } from '../../src';
import {
  linkSandboxItem,
  plaidErrorOf,
  startTestEmulator,
  TEST_CLIENT_ID,
  TEST_SECRET,
  type TestEmulator,
} from '../support/emulator-harness';

let dataDir: string;
/** Every emulator a test started: closed after it even when the test failed halfway (close is idempotent). */
const started: TestEmulator[] = [];
const start = async (...args: Parameters<typeof startTestEmulator>) => {
  const emulator = await startTestEmulator(...args);
  started.push(emulator);
  return emulator;
};

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'plaid-emulator-'));
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.emulator.close()));
  await rm(dataDir, { recursive: true, force: true });
});

it('keeps Items, cursors, tokens and signing keys across a restart', async () => {
  const first = await start({ dataDir, seed: undefined });
  const item = await linkSandboxItem(first.client, { username: 'user_transactions_dynamic', password: 'x' });
  const generated = await first.emulator.control.createItem({ transactions: 100_000 });
  const page = await first.client.transactionsSync({ access_token: item.accessToken, count: 500 });
  await first.client.transactionsRefresh({ access_token: item.accessToken });
  const { data: unexchanged } = await first.client.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.Auth],
  });
  const kid = JSON.parse(await readFile(path.join(dataDir, 'emulator', 'state.json'), 'utf8')).webhook_keys[0].kid as string;
  await first.emulator.close();

  const state = await readFile(path.join(dataDir, 'emulator', 'state.json'), 'utf8');
  // Only mutations are stored: a 100,000-transaction history costs a few bytes.
  expect(state.length).toBeLessThan(100_000);

  const second = await start({ dataDir, seed: 'a different seed' });
  try {
    const accounts = await second.client.accountsGet({ access_token: item.accessToken });
    expect(accounts.data.item.item_id).toBe(item.itemId);
    const next = await second.client.transactionsSync({ access_token: item.accessToken, cursor: page.data.next_cursor, count: 500 });
    expect(next.data.removed.length).toBeGreaterThan(0);
    const generatedPage = await second.client.transactionsSync({ access_token: generated.accessToken, count: 10 });
    expect(generatedPage.data.added).toHaveLength(10);
    await expect(second.client.itemPublicTokenExchange({ public_token: unexchanged.public_token })).resolves.toBeDefined();
    const key = await second.client.webhookVerificationKeyGet({ key_id: kid });
    expect(key.data.key.expired_at).toBeNull();
  } finally {
    await second.emulator.close();
  }
});

it('forgets removed Items across a restart too', async () => {
  const first = await start({ dataDir });
  const item = await linkSandboxItem(first.client);
  await first.client.itemRemove({ access_token: item.accessToken });
  await first.emulator.close();
  const second = await start({ dataDir });
  try {
    expect((await plaidErrorOf(second.client.itemGet({ access_token: item.accessToken }))).error_code).toBe('ITEM_NOT_FOUND');
  } finally {
    await second.emulator.close();
  }
});

it('refuses to share a data directory with a running emulator', async () => {
  const running = await start({ dataDir });
  try {
    await expect(
      startEmulator({ port: 0, clientId: TEST_CLIENT_ID, secret: TEST_SECRET, dataDir, logger: pino({ level: 'silent' }) }),
    ).rejects.toThrow(/another Plaid emulator is using/);
  } finally {
    await running.emulator.close();
  }
});
