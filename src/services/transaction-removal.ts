import type { EntityManager } from 'typeorm';
import type { ItemEntity } from '../entities/item.entity';
import { Topic } from '../pubsub/gateway-events';
import type { TransactionRepository } from '../repositories/transaction.repository';
import type { EventOutbox } from './event-outbox';
import { toItemSnapshot } from './item-snapshot';

export interface TransactionRemovalDependencies {
  transactions: TransactionRepository;
  outbox: EventOutbox;
}

/**
 * Every row that disappears is a change: transactions deleted because their Item was removed,
 * its consent revoked or one of its accounts revoked are logged as `removed` for
 * `transactionChanges`, and a `transactionsSynced` event with the count tells live clients to
 * catch up, both in the caller's transaction (the one that deletes), so neither a client's copy
 * nor its subscription can miss them. A cascade from the account or Item row would do neither.
 */
export class TransactionRemoval {
  constructor(private readonly deps: TransactionRemovalDependencies) {}

  async ofItem(manager: EntityManager, item: ItemEntity): Promise<number> {
    const removed = await this.deps.transactions.deleteAllOfItem(manager, item.id, item.userId);
    await this.announce(manager, item, removed);
    return removed;
  }

  async ofAccount(manager: EntityManager, item: ItemEntity, plaidAccountId: string): Promise<number> {
    const removed = await this.deps.transactions.deleteAllOfAccount(manager, item.id, plaidAccountId, item.userId);
    await this.announce(manager, item, removed);
    return removed;
  }

  private async announce(manager: EntityManager, item: ItemEntity, removed: number): Promise<void> {
    if (removed === 0) return;
    await this.deps.outbox.record(manager, [
      {
        topic: Topic.TransactionsSynced,
        userId: item.userId,
        event: {
          item: toItemSnapshot(item),
          added: 0,
          modified: 0,
          removed,
          transactionsUpdateStatus: item.transactionsUpdateStatus,
          syncedAt: new Date().toISOString(),
        },
      },
    ]);
  }
}
