import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ItemStatus } from '../entities/item-status';
import { ItemEntity } from '../entities/item.entity';
import { WebhookEventEntity, WebhookOutcome } from '../entities/webhook-event.entity';
import type { JobQueue } from '../jobs/job-queue';
import type { ItemStatusService, StatusChange } from './item-status.service';
import { lockItemInTransaction } from './item-lock';
import { statusForPlaidError } from './item-status-for-error';
import type { WebhookPayload } from './webhook-intake.service';

interface PlaidErrorPayload {
  error_type?: string;
  error_code?: string;
  error_message?: string;
  display_message?: string | null;
}

/** TRANSACTIONS codes that all mean "there is something new to fetch". */
const SYNC_CODES = new Set(['SYNC_UPDATES_AVAILABLE', 'INITIAL_UPDATE', 'HISTORICAL_UPDATE', 'DEFAULT_UPDATE', 'TRANSACTIONS_REMOVED']);

type Result = { outcome: WebhookOutcome; note?: string };

/** How long a webhook for an unknown Item is retried before it is ignored. */
const UNKNOWN_ITEM_GRACE_MS = 60_000;

export class ItemNotYetKnownError extends Error {
  constructor(plaidItemId: string) {
    super(`no Item ${plaidItemId} yet; retrying`);
    this.name = 'ItemNotYetKnownError';
  }
}

/**
 * Acts on a stored webhook, once. Transaction webhooks queue a sync (coalesced per Item);
 * Item webhooks change the Item's status, ordered by the webhook's JWT iat.
 */
export class WebhookProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly itemStatus: ItemStatusService,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
  ) {}

  async process(eventId: string): Promise<void> {
    const events = this.dataSource.getRepository(WebhookEventEntity);
    const event = await events.findOneBy({ id: eventId });
    if (!event || event.outcome !== WebhookOutcome.PENDING) return;
    const payload = event.payload as WebhookPayload;
    const item = payload.item_id ? await this.dataSource.getRepository(ItemEntity).findOneBy({ plaidItemId: payload.item_id }) : null;
    if (!item && payload.item_id && Date.now() - event.receivedAt.getTime() < UNKNOWN_ITEM_GRACE_MS) {
      // Plaid can announce an Item (INITIAL_UPDATE) before the exchange that creates it here has committed.
      throw new ItemNotYetKnownError(payload.item_id);
    }
    const result: Result = item ? await this.act(item, payload, event.issuedAt ?? event.receivedAt) : { outcome: WebhookOutcome.IGNORED, note: 'no such Item here' };
    if (result.outcome === WebhookOutcome.IGNORED) {
      this.logger.info({ eventId, webhookType: event.webhookType, webhookCode: event.webhookCode, note: result.note }, 'webhook ignored');
    }
    await events.update({ id: eventId }, { outcome: result.outcome, processedAt: new Date(), error: result.note ?? null, itemId: item?.id ?? null });
  }

  private async act(item: ItemEntity, payload: WebhookPayload, occurredAt: Date): Promise<Result> {
    const { webhook_type: type, webhook_code: code } = payload;
    if (type === 'TRANSACTIONS' && SYNC_CODES.has(code)) {
      await this.jobs.enqueueSync({ itemId: item.id, reason: code });
      return { outcome: WebhookOutcome.PROCESSED };
    }
    if (type === 'ITEM') return this.actOnItem(item, payload, occurredAt);
    if (type === 'AUTH') {
      // Auth numbers are read on demand (/auth/get), so verification news needs no stored state.
      return { outcome: WebhookOutcome.PROCESSED, note: `AUTH ${code} acknowledged` };
    }
    return { outcome: WebhookOutcome.IGNORED, note: `unhandled webhook ${type} ${code}` };
  }

  private async actOnItem(item: ItemEntity, payload: WebhookPayload, occurredAt: Date): Promise<Result> {
    const code = payload.webhook_code;
    const status = (change: Omit<StatusChange, 'occurredAt' | 'reason'> & { reason?: string }) =>
      this.itemStatus.apply(item.id, { reason: code, ...change, occurredAt }).then(
        (applied): Result => (applied ? { outcome: WebhookOutcome.PROCESSED } : { outcome: WebhookOutcome.IGNORED, note: 'older than the last status change applied' }),
      );
    switch (code) {
      case 'ERROR': {
        const error = (payload.error ?? {}) as PlaidErrorPayload;
        const errorCode = error.error_code ?? 'UNKNOWN';
        return status({
          status: statusForPlaidError(errorCode),
          reason: errorCode,
          error: { type: error.error_type ?? 'ITEM_ERROR', code: errorCode, message: error.error_message ?? '', displayMessage: error.display_message ?? null },
        });
      }
      case 'PENDING_EXPIRATION':
        return status({ status: ItemStatus.PENDING_EXPIRATION, consentExpiresAt: dateOf(payload.consent_expiration_time) });
      case 'PENDING_DISCONNECT':
        // Plaid names the moment the Item stops working disconnect_time here.
        return status({ status: ItemStatus.PENDING_DISCONNECT, consentExpiresAt: dateOf(payload.disconnect_time ?? payload.consent_expiration_time) });
      case 'LOGIN_REPAIRED':
        return status({ status: ItemStatus.ACTIVE, error: null });
      case 'USER_PERMISSION_REVOKED': {
        const result = await status({ status: ItemStatus.REVOKED });
        if (result.outcome === WebhookOutcome.PROCESSED) {
          // The user withdrew consent: their data from this Item goes.
          await this.dataSource.transaction(async (manager) => {
            await lockItemInTransaction(manager, item.id);
            await manager.query('DELETE FROM transactions WHERE item_id = $1', [item.id]);
          });
        }
        return result;
      }
      case 'USER_ACCOUNT_REVOKED': {
        const accountId = typeof payload.account_id === 'string' ? payload.account_id : undefined;
        if (!accountId) return { outcome: WebhookOutcome.IGNORED, note: 'no account_id' };
        await this.dataSource.transaction(async (manager) => {
          await lockItemInTransaction(manager, item.id);
          await manager.query('DELETE FROM accounts WHERE item_id = $1 AND plaid_account_id = $2', [item.id, accountId]);
        });
        return { outcome: WebhookOutcome.PROCESSED };
      }
      case 'NEW_ACCOUNTS_AVAILABLE':
        await this.dataSource.getRepository(ItemEntity).update({ id: item.id }, { newAccountsAvailable: true });
        return { outcome: WebhookOutcome.PROCESSED };
      case 'WEBHOOK_UPDATE_ACKNOWLEDGED': {
        const url = typeof payload.new_webhook_url === 'string' ? payload.new_webhook_url : null;
        if (url) await this.dataSource.getRepository(ItemEntity).update({ id: item.id }, { webhookUrl: url });
        return { outcome: WebhookOutcome.PROCESSED };
      }
      default:
        return { outcome: WebhookOutcome.IGNORED, note: `unhandled webhook ITEM ${code}` };
    }
  }
}

function dateOf(value: unknown): Date | null | undefined {
  return typeof value === 'string' ? new Date(value) : undefined;
}
