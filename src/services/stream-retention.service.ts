import type { PrunedCounts, StreamRetentionRepository } from '../repositories/stream-retention.repository';

export interface StreamRetentionServiceDependencies {
  retention: StreamRetentionRepository;
  retentionDays: number;
}

/**
 * Keeps `retentionDays` of events, transaction changes and webhook records. Each stream
 * remembers the last position it lost, so a cursor from before it is refused as expired
 * rather than silently skipping what was pruned.
 */
export class StreamRetentionService {
  constructor(private readonly deps: StreamRetentionServiceDependencies) {}

  prune(): Promise<PrunedCounts> {
    return this.deps.retention.pruneOlderThan(this.deps.retentionDays);
  }
}
