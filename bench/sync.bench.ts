import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Transaction } from 'plaid';
import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { createDataSource, runMigrations } from '../src/database/data-source';
import { ItemEntity } from '../src/entities/item.entity';
import { PlaidClient } from '../src/plaid/plaid-client';
import { ItemPlaid } from '../src/plaid/item-plaid';
import { collectSyncChanges } from '../src/plaid/transaction-sync';
import { createGatewayPubSub } from '../src/pubsub/gateway-pubsub';
import { EventOutbox } from '../src/services/event-outbox';
import { TokenCipher } from '../src/security/token-cipher';
import { EventStreamRepository } from '../src/repositories/event-stream.repository';
import { ItemRepository } from '../src/repositories/item.repository';
import { AccessTokenVault } from '../src/services/access-token-vault';
import { ItemStatusService } from '../src/services/item-status.service';
import { SyncQueue } from '../src/services/sync-queue';
import { SyncWriter } from '../src/repositories/sync-writer';
import { TransactionSyncService, type SyncObservation } from '../src/services/transaction-sync.service';
import { benchDatabase, startEmulatorProcess } from './bench-support';

/**
 * The initial sync of a 100,000-transaction Item through the gateway's own sync engine
 * (fetch every page, then one transaction of set-based upserts), against a row-at-a-time
 * baseline (one INSERT per transaction, as Plaid's sample app writes them).
 * Targets: at least 50,000 transactions committed per second in the write transaction, and
 * at least 20x the baseline. The fetch is reported beside it: it is bounded by Plaid (here
 * the emulator, whose own target is 30,000 a second), not by the gateway.
 */
const TRANSACTIONS = 100_000;
const BASELINE_ROWS = 10_000;
const TARGET_PER_SECOND = 50_000;
const TARGET_RATIO = 20;

async function main(): Promise<number> {
  const emulator = await startEmulatorProcess();
  const database = await benchDatabase();
  const dataSource = createDataSource({ url: database.url, poolSize: 4 });
  const pubSub = createGatewayPubSub();
  const benchItems: string[] = [];
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    // Each run deletes what it wrote; without a vacuum the dead rows of earlier runs slow every later one.
    await dataSource.query('VACUUM (ANALYZE) transactions');
    const logger = pino({ level: 'warn' });
    const config = loadConfig({
      PLAID_CLIENT_ID: 'emulator_client_id',
      PLAID_SECRET: 'emulator_secret',
      PLAID_ENV: 'sandbox',
      PLAID_TIMEOUT_MS: '60000',
    });
    const plaid = new PlaidClient({ config: config.plaid, baseUrl: emulator.url, logger });
    const vault = new AccessTokenVault(new TokenCipher([{ id: 'bench', key: randomBytes(32) }]));
    let observed: SyncObservation | undefined;
    const outbox = new EventOutbox(new EventStreamRepository(dataSource), pubSub);
    const items = new ItemRepository(dataSource);
    const itemStatus = new ItemStatusService({ dataSource, items, outbox });
    const itemPlaid = new ItemPlaid({
      plaid,
      openAccessToken: (item) => vault.open(item),
      applyStatusChange: (itemId, change) => itemStatus.apply(itemId, change),
    });
    const sync = new TransactionSyncService({
      dataSource,
      plaid,
      itemPlaid,
      items,
      outbox,
      queue: new SyncQueue({ concurrency: 1, concurrencyPerUser: 1 }),
      // The bench measures the sync alone: no job queue, so no recurring stream refresh follows it.
      jobs: { enqueueRecurringRefreshIn: async () => undefined, wakeRecurringRefresh: () => undefined },
      logger,
      onSync: (observation) => (observed = observation),
    });

    const created = await emulator.control.createItem({ transactions: TRANSACTIONS });
    const insertItem = async (accessToken: string, plaidItemId: string) => {
      const id = randomUUID();
      await dataSource.getRepository(ItemEntity).insert({ id, userId: `bench-${id}`, plaidItemId, ...vault.seal(id, accessToken) });
      benchItems.push(id);
      return id;
    };
    const itemId = await insertItem(created.accessToken, created.itemId);

    const outcome = await sync.sync(itemId, 'bench');
    const { fetchSeconds, writeSeconds, durationSeconds } = observed!;
    const committed = outcome.added + outcome.modified;
    // What the gateway controls: the write transaction. Fetching is bounded by Plaid (here the emulator).
    const perSecond = Math.round(committed / writeSeconds);
    const changes = await collectSyncChanges(plaid, created.accessToken, null);

    // Baseline: the same rows, one autocommitted statement each, into a second Item.
    const baselineItem = await insertItem(created.accessToken, `${created.itemId}-baseline`);
    await new SyncWriter(dataSource.manager, baselineItem, `bench-${baselineItem}`).upsertAccounts(changes.accounts, new Date());
    const rows = changes.added.slice(0, BASELINE_ROWS);
    const baselineStarted = performance.now();
    for (const t of rows) await insertOne(dataSource, baselineItem, t);
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;
    const baselinePerSecond = Math.round(rows.length / baselineSeconds);
    const ratio = perSecond / baselinePerSecond;

    const pass = committed === TRANSACTIONS && perSecond >= TARGET_PER_SECOND && ratio >= TARGET_RATIO;
    process.stdout.write(
      [
        `sync: ${committed} transactions committed in one transaction of ${writeSeconds.toFixed(2)} s = ${perSecond} transactions/s (target ${TARGET_PER_SECOND})`,
        `  end to end ${durationSeconds.toFixed(2)} s = ${Math.round(committed / durationSeconds)} transactions/s, of which fetching ${changes.pages} pages of 500 from the emulator took ${fetchSeconds.toFixed(2)} s`,
        `baseline (one INSERT per transaction): ${rows.length} rows in ${baselineSeconds.toFixed(2)} s = ${baselinePerSecond} transactions/s`,
        `ratio: ${ratio.toFixed(1)}x (target ${TARGET_RATIO}x) ${pass ? 'PASS' : 'FAIL'}`,
      ].join('\n') + '\n',
    );
    return pass ? 0 : 1;
  } finally {
    if (dataSource.isInitialized) {
      await dataSource.query('DELETE FROM items WHERE id = ANY($1::uuid[])', [benchItems]);
      await dataSource.destroy();
    }
    await database.stop();
    await emulator.stop();
  }
}

async function insertOne(dataSource: ReturnType<typeof createDataSource>, itemId: string, t: Transaction): Promise<void> {
  await dataSource.query(
    `INSERT INTO transactions (user_id, item_id, account_id, plaid_transaction_id, amount, iso_currency_code, date, authorized_date,
                               name, merchant_name, category, category_detailed, pending, pending_transaction_id, payment_channel)
     SELECT $1, $2, a.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM accounts a WHERE a.item_id = $2 AND a.plaid_account_id = $15
     ON CONFLICT (plaid_transaction_id) DO UPDATE SET amount = EXCLUDED.amount, name = EXCLUDED.name, pending = EXCLUDED.pending`,
    [
      `bench-${itemId}`,
      itemId,
      `${t.transaction_id}-baseline`,
      t.amount,
      t.iso_currency_code,
      t.date,
      t.authorized_date,
      t.name,
      t.merchant_name ?? null,
      t.personal_finance_category?.primary ?? null,
      t.personal_finance_category?.detailed ?? null,
      t.pending,
      t.pending_transaction_id,
      t.payment_channel,
      t.account_id,
    ],
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sync bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
