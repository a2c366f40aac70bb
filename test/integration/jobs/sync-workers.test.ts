import { eventually, linkItem, settled } from '../../support/linking';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/** Longer than a quick sync takes, even on a busy machine; within PLAID_TIMEOUT_MS, so the slow call is not retried. */
const SLOW_PAGE_MS = 8_000;

/**
 * Issue 21, item 11: pg-boss's "concurrency" was a batch, finished only when its slowest job
 * was. Each sync worker now takes one job, so a slow sync leaves the other worker free.
 */
describe('queued sync workers', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ REDIS_URL: '', SYNC_CONCURRENCY: '2' });
  });

  afterAll(async () => {
    await gw?.close();
  });

  const lastSyncedAt = async (itemId: string) => {
    const [row] = await gw.gateway.dataSource.query<Array<{ last_synced_at: Date | null }>>(
      'SELECT last_synced_at FROM items WHERE id = $1',
      [itemId],
    );
    return row.last_synced_at?.getTime() ?? null;
  };

  it('runs a queued sync while another, waiting on a slow Plaid, is still running', async () => {
    const slowItem = await linkItem(gw, await gw.tokenFor(newUserId()));
    const quickItem = await linkItem(gw, await gw.tokenFor(newUserId()));
    await settled(gw, [slowItem.id, quickItem.id]);
    const slowBefore = await lastSyncedAt(slowItem.id);
    const quickBefore = await lastSyncedAt(quickItem.id);

    // The next /transactions/sync call, the slow Item's, takes SLOW_PAGE_MS.
    const slow = await gw.emulator.addLatency({ endpoint: '/transactions/sync', ms: SLOW_PAGE_MS, times: 1 });
    try {
      await gw.gateway.jobs.enqueueSync({ itemId: slowItem.id, reason: 'slow' });
      await eventually(
        async () => ((await gw.emulator.faults()).latencies.some((rule) => rule.id === slow) ? undefined : true),
        10_000,
        "the slow Item's sync to reach Plaid",
      );

      await gw.gateway.jobs.enqueueSync({ itemId: quickItem.id, reason: 'quick' });
      await eventually(async () => ((await lastSyncedAt(quickItem.id)) !== quickBefore ? true : undefined), 20_000, 'the quick sync');
      // The slow sync is still waiting for Plaid: it did not hold the quick one back.
      expect(await lastSyncedAt(slowItem.id)).toBe(slowBefore);
    } finally {
      await gw.emulator.removeFault(slow).catch(() => undefined);
    }
    await eventually(async () => ((await lastSyncedAt(slowItem.id)) !== slowBefore ? true : undefined), 20_000, 'the slow sync');
  });
});
