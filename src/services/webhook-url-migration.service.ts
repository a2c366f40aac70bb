import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ItemStatus } from '../entities/item-status';
import { ItemEntity } from '../entities/item.entity';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import type { AccessTokenVault } from './access-token-vault';

/** Where Plaid must send this gateway's webhooks. */
export function webhookUrlFor(publicUrl: string): string {
  return `${publicUrl}/webhooks/plaid`;
}

/**
 * Items told to send webhooks to an old PUBLIC_URL are moved to the current one with
 * /item/webhook/update, so a gateway on a new host keeps hearing from Plaid. Run at start
 * and by `npm run move-webhooks`; a failure is logged and left for the next run.
 */
export class WebhookUrlMigration {
  constructor(
    private readonly deps: { dataSource: DataSource; plaid: PlaidClient; vault: AccessTokenVault; publicUrl: string; logger: Logger },
  ) {}

  async run(): Promise<{ moved: number; failed: number }> {
    const url = webhookUrlFor(this.deps.publicUrl);
    const items = this.deps.dataSource.getRepository(ItemEntity);
    const stale = await items
      .createQueryBuilder('item')
      .where('item.webhook_url IS DISTINCT FROM :url AND item.status <> :revoked', { url, revoked: ItemStatus.REVOKED })
      .getMany();
    let moved = 0;
    for (const item of stale) {
      try {
        await this.deps.plaid.call('itemWebhookUpdate', { access_token: this.deps.vault.open(item), webhook: url });
        await items.update({ id: item.id }, { webhookUrl: url });
        moved += 1;
      } catch (error) {
        this.deps.logger.warn({ itemId: item.id, plaid: error instanceof PlaidApiError ? error.toLog() : undefined, err: error instanceof PlaidApiError ? undefined : error }, "could not move the Item's webhook");
      }
    }
    return { moved, failed: stale.length - moved };
  }
}
