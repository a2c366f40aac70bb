import type { Logger } from 'pino';
import { ItemGoneError, type TransactionSyncService } from '../services/transaction-sync.service';
import type { SyncJobData } from '../jobs/job-queue';
import { finalFailureFields, isFinal } from './final-failure';

/**
 * Runs a queued sync. Failures that time can cure (rate limits, Plaid or the bank down: the
 * contract's errors with `retryAfterSeconds`, or any unexpected one) are thrown so pg-boss
 * retries with backoff. Any other Plaid failure would fail the same way again: the Item's
 * status already records what it means, and the job completes without a retry.
 */
export function syncJobHandler(sync: TransactionSyncService, logger: Logger): (data: SyncJobData) => Promise<void> {
  return async ({ itemId, reason }) => {
    try {
      await sync.sync(itemId, reason);
    } catch (error) {
      if (error instanceof ItemGoneError) return;
      if (isFinal(error)) {
        logger.info({ itemId, ...finalFailureFields(error) }, 'sync stopped: retrying cannot cure this failure');
        return;
      }
      throw error;
    }
  };
}
