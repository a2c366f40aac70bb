import type { EntityManager } from 'typeorm';
import type { ItemEntity } from '../entities/item.entity';
import { WebhookOutcome } from '../entities/webhook-event.entity';
import { lockItemInTransaction } from '../repositories/item-lock';
import type { ItemRepository } from '../repositories/item.repository';
import type { RecurringStreamRepository } from '../repositories/recurring-stream.repository';
import type { ItemStatusService } from './item-status.service';
import type { TransactionRemoval } from './transaction-removal';
import type { PlannableWebhook, WebhookBatchPlan, WebhookResult } from './webhook-plan';

export interface StatusWebhooksDependencies {
  items: ItemRepository;
  itemStatus: ItemStatusService;
  removal: TransactionRemoval;
  recurringStreams: Pick<RecurringStreamRepository, 'deleteOfItem'>;
}

/** A stored webhook as status changes read it: its JWT iat orders it, its arrival when it has none. */
export type StatusWebhook = PlannableWebhook & { issuedAt: Date | null };

/** What one webhook came to, with its Item. */
export interface StatusWebhookResult<E> {
  event: E;
  item: ItemEntity;
  result: WebhookResult;
}

/**
 * The webhooks that only change what the gateway stores of an Item (its status through the
 * state machine, its new-accounts flag), carried out in the caller's transaction: the intake's,
 * so that the change, its outbox event and the delivery row commit together and the relay
 * pushes the event as soon as they have, with no job in between. Nothing here calls Plaid.
 */
export class StatusWebhooks {
  constructor(private readonly deps: StatusWebhooksDependencies) {}

  /**
   * Each Item's status changes in the order they arrived, in rounds (every Item's first change in
   * one statement, then every second one...), each ordered against the last one applied by its iat.
   */
  async applyIn<E extends StatusWebhook>(
    manager: EntityManager,
    plan: Pick<WebhookBatchPlan<E, ItemEntity>, 'statusChanges' | 'newAccounts'>,
  ): Promise<Array<StatusWebhookResult<E>>> {
    const results: Array<StatusWebhookResult<E>> = [];
    // A revocation deletes the Item's transactions: its advisory lock first, before any row lock, as a sync takes them.
    const revoked = [
      ...new Set(plan.statusChanges.flat().flatMap(({ item, thenDeleteTransactions }) => (thenDeleteTransactions ? [item.id] : []))),
    ];
    for (const itemId of revoked.sort()) await lockItemInTransaction(manager, itemId);
    for (let round = 0; ; round += 1) {
      const changes = plan.statusChanges.flatMap((queue) => (round < queue.length ? [queue[round]] : []));
      if (changes.length === 0) break;
      const applied = await this.deps.itemStatus.applyAllIn(
        manager,
        changes.map(({ event, item, change }) => ({
          itemId: item.id,
          change: { ...change, occurredAt: event.issuedAt ?? event.receivedAt },
        })),
      );
      for (const { event, item, thenDeleteTransactions } of changes) {
        const outcome = applied.get(item.id);
        if (!outcome || 'ignored' in outcome) {
          results.push({ event, item, result: { outcome: WebhookOutcome.IGNORED, note: outcome?.ignored ?? 'no such Item here' } });
          continue;
        }
        if (thenDeleteTransactions) {
          await this.deps.removal.ofItem(manager, item);
          // Streams are the Item's data too; its accounts (which would take them along) stay for the user to see.
          await this.deps.recurringStreams.deleteOfItem(manager, item.id);
        }
        results.push({ event, item, result: { outcome: WebhookOutcome.PROCESSED } });
      }
    }
    if (plan.newAccounts.length > 0) {
      await this.deps.items.flagNewAccounts(
        plan.newAccounts.map(({ item }) => item.id),
        manager,
      );
      for (const { event, item } of plan.newAccounts) results.push({ event, item, result: { outcome: WebhookOutcome.PROCESSED } });
    }
    return results;
  }
}
