import type { PrunedCounts, StreamRetentionRepository } from '../repositories/stream-retention.repository';

export interface StreamRetentionServiceDependencies {
  retention: StreamRetentionRepository;
  retentionDays: number;
  /** FAILED webhook records are kept this long instead: they are what an operator looks into. */
  failedWebhookRetentionDays: number;
}

/**
 * Keeps `retentionDays` of events, transaction changes and webhook records (FAILED webhooks
 * `failedWebhookRetentionDays`; PENDING ones until they settle), and deletes the link tokens and
 * sandbox public tokens issued to users once nothing can be exchanged with them. Each stream
 * remembers the last position it lost, so a cursor from before it is refused as expired
 * rather than silently skipping what was pruned.
 */
export class StreamRetentionService {
  constructor(private readonly deps: StreamRetentionServiceDependencies) {}

  prune(): Promise<PrunedCounts> {
    return this.deps.retention.pruneOlderThan(this.deps.retentionDays, this.deps.failedWebhookRetentionDays);
  }
}
