import type { DataSource } from 'typeorm';
import { notFound } from '../errors/domain-error';
import { Topic } from '../pubsub/gateway-events';
import { lockItemInTransaction } from '../repositories/item-lock';
import type { ItemRepository } from '../repositories/item.repository';
import type { AnnotationRecord, TransactionAnnotationRepository } from '../repositories/transaction-annotation.repository';
import { annotationChanges, type AnnotationInput, type AnnotationLimits } from './annotation-rules';
import type { EventOutbox } from './event-outbox';
import { toItemSnapshot } from './item-snapshot';
import { isOpaqueId } from './opaque-id';

export type { AnnotationRecord } from '../repositories/transaction-annotation.repository';

export interface AnnotateRequest extends AnnotationInput {
  transactionId: string;
}

export interface TransactionAnnotationServiceDependencies {
  dataSource: DataSource;
  annotations: TransactionAnnotationRepository;
  items: ItemRepository;
  outbox: EventOutbox;
  limits: AnnotationLimits;
}

/**
 * The user's own layer over Plaid's transactions. A write is checked whole before anything is
 * written, then, in one transaction under the Item's lock (so a sync moving annotations from
 * pending to posted transactions never interleaves with it), stored, logged in the user's
 * change log as a modification of the transaction, and announced by a `transactionsSynced`
 * event (`modified: 1`): the event every client already follows to catch up through
 * `transactionChanges`.
 */
export class TransactionAnnotationService {
  constructor(private readonly deps: TransactionAnnotationServiceDependencies) {}

  /** In the order asked, null where the caller has none. */
  async findMany(userId: string, transactionIds: readonly string[]): Promise<Array<AnnotationRecord | null>> {
    const rows = await this.deps.annotations.findMany(userId, transactionIds.filter(isOpaqueId));
    const byId = new Map(rows.map((row) => [row.transactionId, row]));
    return transactionIds.map((id) => byId.get(id) ?? null);
  }

  /** NOT_FOUND for an id that is not one of the caller's transactions; BAD_USER_INPUT for input breaking a rule. Either writes nothing. */
  async annotate(userId: string, request: AnnotateRequest): Promise<AnnotationRecord> {
    const { transactionId, ...input } = request;
    const changes = annotationChanges(input, this.deps.limits);
    const missing = () => notFound('Transaction', transactionId);
    if (!isOpaqueId(transactionId)) throw missing();
    return this.deps.dataSource.transaction(async (manager) => {
      const itemId = await this.deps.annotations.itemOf(manager, userId, transactionId);
      if (itemId === null) throw missing();
      await lockItemInTransaction(manager, itemId);
      // Read again under the lock: a sync or removal may have deleted the transaction meanwhile.
      const written = await this.deps.annotations.write(manager, userId, transactionId, changes);
      if (!written) throw missing();
      const item = await this.deps.items.getById(itemId, manager);
      await this.deps.outbox.record(manager, [
        {
          topic: Topic.TransactionsSynced,
          userId,
          event: {
            item: toItemSnapshot(item),
            added: 0,
            modified: 1,
            removed: 0,
            transactionsUpdateStatus: item.transactionsUpdateStatus,
            syncedAt: written.updatedAt.toISOString(),
          },
        },
      ]);
      return written;
    });
  }
}
