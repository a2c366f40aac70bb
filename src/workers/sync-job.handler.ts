import type { Logger } from 'pino';
import { DomainError } from '../errors/domain-error';
import { ItemGoneError, type TransactionSyncService } from '../services/transaction-sync.service';
import type { SyncJobData } from '../jobs/job-queue';

/**
 * Runs a queued sync. Failures that time can cure (rate limits, Plaid down) are thrown so
 * pg-boss retries with backoff; an Item that needs its user, or is gone, is not retried.
 */
export function syncJobHandler(sync: TransactionSyncService, logger: Logger): (data: SyncJobData) => Promise<void> {
  return async ({ itemId, reason }) => {
    try {
      await sync.sync(itemId, reason);
    } catch (error) {
      if (error instanceof ItemGoneError) return;
      if (error instanceof DomainError && error.code === 'ITEM_LOGIN_REQUIRED') {
        logger.info({ itemId }, 'sync stopped: the Item needs its user to log in again');
        return;
      }
      throw error;
    }
  };
}
