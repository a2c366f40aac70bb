import pino from 'pino';
import { streamRetentionHandler } from '../../../src/workers/stream-retention.handler';
import { StreamRetentionRepository } from '../../../src/repositories/stream-retention.repository';
import { StreamRetentionService } from '../../../src/services/stream-retention.service';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

describe('retention of events, transaction changes and webhook records', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ CHANGE_RETENTION_DAYS: '7', WEBHOOK_FAILED_RETENTION_DAYS: '30' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) => gw.gateway.dataSource.query<T[]>(text, values);

  const prune = () =>
    streamRetentionHandler(
      new StreamRetentionService({
        retention: new StreamRetentionRepository(gw.gateway.dataSource),
        retentionDays: gw.config.jobs.changeRetentionDays,
        failedWebhookRetentionDays: gw.config.jobs.failedWebhookRetentionDays,
      }),
      pino({ level: 'silent' }),
    )();
  const webhook = (key: string, outcome: string, age: string) =>
    sql(
      `INSERT INTO webhook_events (dedupe_key, webhook_type, webhook_code, payload, received_at, outcome) VALUES ($1, 'ITEM', 'ERROR', '{}', now() - $2::interval, $3)`,
      [key, age, outcome],
    );
  const remaining = async (keys: string[]) =>
    (await sql<{ dedupe_key: string }>(`SELECT dedupe_key FROM webhook_events WHERE dedupe_key = ANY($1) ORDER BY dedupe_key`, [keys])).map(
      (row) => row.dedupe_key,
    );

  it('is scheduled daily on the job queue', async () => {
    const [schedule] = await sql<{ cron: string }>(`SELECT cron FROM "${gw.config.jobs.schema}".schedule WHERE name = 'stream-retention'`);
    expect(schedule).toEqual({ cron: '17 3 * * *' });
  });

  it('prunes what is older than CHANGE_RETENTION_DAYS, keeps the rest and unprocessed webhooks, and marks each stream where it lost history', async () => {
    const userId = newUserId();
    const item = '00000000-0000-4000-8000-000000000001';
    await sql(`INSERT INTO event_streams (user_id, stream_key, last_sequence) VALUES ($1, gen_random_uuid(), 4)`, [userId]);
    await sql(
      `INSERT INTO stream_events (user_id, sequence, topic, item_id, payload, created_at) VALUES
         ($1, 1, 'ITEM_STATUS_CHANGED', $2, '{}', now() - interval '8 days'), ($1, 4, 'ITEM_STATUS_CHANGED', $2, '{}', now() - interval '6 days')`,
      [userId, item],
    );
    await sql(
      `INSERT INTO transaction_changes (user_id, sequence, item_id, transaction_id, plaid_transaction_id, change, created_at) VALUES
         ($1, 2, $2, gen_random_uuid(), 'p-2', 'added', now() - interval '8 days'), ($1, 3, $2, gen_random_uuid(), 'p-3', 'added', now())`,
      [userId, item],
    );
    const keys = [`${userId}-old`, `${userId}-old-pending`, `${userId}-recent`];
    await webhook(keys[0], 'PROCESSED', '8 days');
    await webhook(keys[1], 'PENDING', '8 days');
    await webhook(keys[2], 'PROCESSED', '1 day');

    await prune();

    expect(await sql(`SELECT sequence::int FROM stream_events WHERE user_id = $1`, [userId])).toEqual([{ sequence: 4 }]);
    expect(await sql(`SELECT sequence::int FROM transaction_changes WHERE user_id = $1`, [userId])).toEqual([{ sequence: 3 }]);
    expect(await sql(`SELECT pruned_through::int FROM event_streams WHERE user_id = $1`, [userId])).toEqual([{ pruned_through: 2 }]);
    expect(await remaining(keys)).toEqual([keys[1], keys[2]]);
  });

  it('item 9: keeps FAILED webhooks for WEBHOOK_FAILED_RETENTION_DAYS, longer than the others, then prunes them', async () => {
    const prefix = newUserId('failed');
    const keys = [`${prefix}-a-failed-8d`, `${prefix}-b-failed-31d`, `${prefix}-c-ignored-8d`];
    await webhook(keys[0], 'FAILED', '8 days');
    await webhook(keys[1], 'FAILED', '31 days');
    await webhook(keys[2], 'IGNORED', '8 days');

    await prune();

    expect(await remaining(keys)).toEqual([keys[0]]);
  });
});
