import type { Logger } from 'pino';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import type { ItemRepository } from '../repositories/item.repository';
import type { AccessTokenVault } from './access-token-vault';
import { webhookUrlFor } from './webhook-url';

export interface WebhookUrlMigrationDependencies {
  items: ItemRepository;
  plaid: PlaidClient;
  vault: AccessTokenVault;
  publicUrl: string;
  logger: Logger;
}

/**
 * Items told to send webhooks to an old PUBLIC_URL are moved to the current one with
 * /item/webhook/update, so a gateway on a new host keeps hearing from Plaid. Run at start
 * and by `npm run move-webhooks`; a failure is logged and left for the next run.
 */
export class WebhookUrlMigration {
  constructor(private readonly deps: WebhookUrlMigrationDependencies) {}

  async run(): Promise<{ moved: number; failed: number }> {
    const url = webhookUrlFor(this.deps.publicUrl);
    const stale = await this.deps.items.withWebhookUrlOtherThan(url);
    let moved = 0;
    for (const item of stale) {
      try {
        await this.deps.plaid.call('itemWebhookUpdate', { access_token: this.deps.vault.open(item), webhook: url });
        await this.deps.items.update(item.id, { webhookUrl: url });
        moved += 1;
      } catch (error) {
        this.deps.logger.warn(
          {
            itemId: item.id,
            plaid: error instanceof PlaidApiError ? error.toLog() : undefined,
            err: error instanceof PlaidApiError ? undefined : error,
          },
          "could not move the Item's webhook",
        );
      }
    }
    return { moved, failed: stale.length - moved };
  }
}
