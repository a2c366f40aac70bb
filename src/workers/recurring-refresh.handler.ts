import type { Logger } from 'pino';
import type { RecurringRefreshJobData } from '../jobs/job-queue';
import type { RecurringStreamService } from '../services/recurring-stream.service';
import { finalFailureFields, isFinal } from './final-failure';

/**
 * Refreshes an Item's stored recurring streams. PRODUCT_NOT_READY and outages are thrown so
 * pg-boss retries with backoff (the stored copy stays meanwhile); any other Plaid failure
 * would fail again, and the Item's status already records it.
 */
export function recurringRefreshHandler(streams: RecurringStreamService, logger: Logger): (data: RecurringRefreshJobData) => Promise<void> {
  return async ({ itemId, reason }) => {
    try {
      await streams.refresh(itemId, reason);
    } catch (error) {
      if (!isFinal(error)) throw error;
      logger.info({ itemId, ...finalFailureFields(error) }, 'recurring streams not refreshed: retrying cannot cure this failure');
    }
  };
}
