import type { Logger } from 'pino';
import type { ItemEntity } from '../entities/item.entity';
import { DomainError } from '../errors/domain-error';
import type { ItemPlaid } from '../plaid/item-plaid';
import type { DeploymentTaskLock } from '../repositories/deployment-task-lock';
import type { ItemRepository } from '../repositories/item.repository';
import { webhookUrlFor } from './webhook-url';

export interface WebhookUrlMigrationDependencies {
  items: ItemRepository;
  itemPlaid: Pick<ItemPlaid, 'call'>;
  lock: DeploymentTaskLock;
  publicUrl: string;
  logger: Logger;
  /** Plaid calls in flight at once: a deployment with many Items moves them in minutes, not hours, within Plaid's rate limits. */
  concurrency?: number;
}

export interface WebhookMoveResult {
  moved: number;
  failed: number;
  /** Another instance was already moving them. */
  skipped: boolean;
}

const DEFAULT_CONCURRENCY = 4;

/**
 * Items told to send webhooks to an old PUBLIC_URL are moved to the current one with
 * /item/webhook/update, so a gateway on a new host keeps hearing from Plaid. Run at start
 * and by `npm run move-webhooks`, by one instance at a time (the others skip it), through
 * the one door to Plaid (an Item whose login broke is marked so); a failure is logged and
 * left for the next run.
 */
export class WebhookUrlMigration {
  constructor(private readonly deps: WebhookUrlMigrationDependencies) {}

  async run(): Promise<WebhookMoveResult> {
    const outcome = await this.deps.lock.runAlone('move-webhooks', () => this.moveAll());
    return outcome.skipped ? { moved: 0, failed: 0, skipped: true } : { ...outcome.result, skipped: false };
  }

  private async moveAll(): Promise<{ moved: number; failed: number }> {
    const url = webhookUrlFor(this.deps.publicUrl);
    const stale = await this.deps.items.withWebhookUrlOtherThan(url);
    let moved = 0;
    let next = 0;
    const worker = async () => {
      while (next < stale.length) {
        const item = stale[next];
        next += 1;
        if (await this.move(item, url)) moved += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? DEFAULT_CONCURRENCY, stale.length) }, worker));
    return { moved, failed: stale.length - moved };
  }

  private async move(item: ItemEntity, url: string): Promise<boolean> {
    try {
      await this.deps.itemPlaid.call(item, 'itemWebhookUpdate', { webhook: url });
      await this.deps.items.update(item.id, { webhookUrl: url });
      return true;
    } catch (error) {
      // The door's domain errors carry Plaid's code; anything else is ours and keeps its stack.
      this.deps.logger.warn(
        error instanceof DomainError
          ? { ...error.details, itemId: item.id, code: error.code, message: error.message }
          : { itemId: item.id, err: error },
        "could not move the Item's webhook",
      );
      return false;
    }
  }
}
