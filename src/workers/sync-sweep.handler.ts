import type { Logger } from 'pino';
import type { ItemService } from '../services/item.service';
import type { JobQueue } from '../jobs/job-queue';

/** Webhooks do get lost: Items that have not synced for a while are queued for a sync. */
export function syncSweepHandler(items: ItemService, jobs: JobQueue, staleAfterMinutes: number, logger: Logger): () => Promise<void> {
  return async () => {
    const stale = await items.staleItemIds(staleAfterMinutes);
    let queued = 0;
    for (const itemId of stale) if (await jobs.enqueueSync({ itemId, reason: 'sweep' })) queued += 1;
    if (stale.length > 0) logger.info({ stale: stale.length, queued }, 'sync sweep queued stale Items');
  };
}
