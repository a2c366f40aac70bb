import type { Logger } from 'pino';
import type { StreamRetentionService } from '../services/stream-retention.service';

/** CHANGE_RETENTION_DAYS of events, transaction changes and webhook records, pruned daily, with link tokens past their use. */
export function streamRetentionHandler(retention: StreamRetentionService, logger: Logger): () => Promise<void> {
  return async () => {
    const pruned = await retention.prune();
    logger.info({ ...pruned }, 'pruned events, transaction changes and webhook records past retention, and link tokens past their use');
  };
}
