import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import { ItemStatus } from '../entities/item-status';
import { ItemEntity } from '../entities/item.entity';
import { WebhookEventEntity, WebhookOutcome } from '../entities/webhook-event.entity';
import type { JobQueue } from '../jobs/job-queue';
import type { ItemStatusService, StatusChange } from './item-status.service';
import { lockItemInTransaction } from './item-lock';
import { deleteItemTransactions } from './transaction-change-log';
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

/** What one webhook asks for. Common kinds are carried out for the whole batch at once. */
type Action =
  | { kind: 'sync' }
  | { kind: 'status'; change: Omit<StatusChange, 'occurredAt'>; thenDeleteTransactions?: boolean }
  | { kind: 'new-accounts' }
  | { kind: 'own'; run: () => Promise<Result> }
  | { kind: 'done'; result: Result };

interface Planned {
  event: WebhookEventEntity;
  item: ItemEntity;
}

/**
 * Acts on stored webhooks, once each, a batch at a time: transaction webhooks queue a sync
 * (coalesced per Item); Item webhooks change the Item's status, ordered by the webhook's JWT
 * iat. A burst costs a handful of statements per batch, not several per webhook.
 */
export class WebhookProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly itemStatus: ItemStatusService,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
  ) {}

  /** Acts on those of these stored webhooks still pending; answers the ones that failed (to be retried), by event id. */
  async processBatch(eventIds: string[]): Promise<Map<string, unknown>> {
    const events = await this.dataSource.getRepository(WebhookEventEntity).find({
      where: { id: In(eventIds), outcome: WebhookOutcome.PENDING },
      order: { receivedAt: 'ASC' },
    });
    const plaidItemIds = [...new Set(events.flatMap((event) => (event.plaidItemId ? [event.plaidItemId] : [])))];
    const items = plaidItemIds.length === 0 ? [] : await this.dataSource.getRepository(ItemEntity).findBy({ plaidItemId: In(plaidItemIds) });
    const itemByPlaidId = new Map(items.map((item) => [item.plaidItemId, item]));

    const settled: Array<{ event: WebhookEventEntity; item: ItemEntity | undefined; result: Result }> = [];
    const failures = new Map<string, unknown>();
    const settle = (event: WebhookEventEntity, item: ItemEntity | undefined, result: Result) => {
      if (result.outcome === WebhookOutcome.IGNORED) {
        this.logger.info({ eventId: event.id, webhookType: event.webhookType, webhookCode: event.webhookCode, note: result.note }, 'webhook ignored');
      }
      settled.push({ event, item, result });
    };

    const syncs: Planned[] = [];
    const newAccounts: Planned[] = [];
    const own: Array<Planned & { run: () => Promise<Result> }> = [];
    // Per Item, its status changes in the order they arrived.
    const statusChanges = new Map<string, Array<Planned & Extract<Action, { kind: 'status' }>>>();
    for (const event of events) {
      const item = event.plaidItemId ? itemByPlaidId.get(event.plaidItemId) : undefined;
      if (!item) {
        // Plaid can announce an Item (INITIAL_UPDATE) before the exchange that creates it here has committed.
        if (event.plaidItemId && Date.now() - event.receivedAt.getTime() < UNKNOWN_ITEM_GRACE_MS) failures.set(event.id, new ItemNotYetKnownError(event.plaidItemId));
        else settle(event, undefined, { outcome: WebhookOutcome.IGNORED, note: 'no such Item here' });
        continue;
      }
      const planned: Planned = { event, item };
      const action = this.plan(item, event.payload as WebhookPayload);
      if (action.kind === 'done') settle(event, item, action.result);
      else if (action.kind === 'sync') syncs.push(planned);
      else if (action.kind === 'new-accounts') newAccounts.push(planned);
      else if (action.kind === 'own') own.push({ ...planned, run: action.run });
      else {
        const queue = statusChanges.get(item.id);
        if (queue) queue.push({ ...planned, ...action });
        else statusChanges.set(item.id, [{ ...planned, ...action }]);
      }
    }

    // Each step fails only its own webhooks, which pg-boss retries; the others are recorded below.
    const step = async (planned: Planned[], work: () => Promise<void>) => {
      if (planned.length === 0) return;
      await work().catch((error: unknown) => planned.forEach(({ event }) => failures.set(event.id, error)));
    };
    const processed = (planned: Planned[]) => planned.forEach(({ event, item }) => settle(event, item, { outcome: WebhookOutcome.PROCESSED }));
    await Promise.all([
      step(syncs, async () => {
        // One job per Item, however many of its webhooks the batch holds.
        const reasons = new Map(syncs.map(({ item, event }) => [item.id, event.webhookCode]));
        await this.jobs.enqueueSyncs([...reasons].map(([itemId, reason]) => ({ itemId, reason })));
        processed(syncs);
      }),
      step(newAccounts, async () => {
        await this.dataSource.query('UPDATE items SET new_accounts_available = true, updated_at = now() WHERE id = ANY($1)', [newAccounts.map(({ item }) => item.id)]);
        processed(newAccounts);
      }),
      ...own.map((planned) => step([planned], async () => settle(planned.event, planned.item, await planned.run()))),
      this.applyStatusChanges([...statusChanges.values()], settle, failures),
    ]);

    if (settled.length > 0) {
      await this.dataSource.query(
        `UPDATE webhook_events AS e SET outcome = u.outcome, error = u.error, item_id = u.item_id, processed_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS u (id, outcome, error, item_id)
          WHERE e.id = u.id`,
        [settled.map(({ event }) => event.id), settled.map(({ result }) => result.outcome), settled.map(({ result }) => result.note ?? null), settled.map(({ item }) => item?.id ?? null)],
      );
    }
    return failures;
  }

  /** In rounds: every Item's first change in one statement, then every second one, and so on. */
  private async applyStatusChanges(
    perItem: Array<Array<Planned & Extract<Action, { kind: 'status' }>>>,
    settle: (event: WebhookEventEntity, item: ItemEntity, result: Result) => void,
    failures: Map<string, unknown>,
  ): Promise<void> {
    for (let round = 0; ; round += 1) {
      const changes = perItem.flatMap((queue) => (round < queue.length ? [queue[round]] : []));
      if (changes.length === 0) return;
      try {
        const applied = await this.itemStatus.applyAll(changes.map(({ event, item, change }) => ({ itemId: item.id, change: { ...change, occurredAt: event.issuedAt ?? event.receivedAt } })));
        for (const { event, item, thenDeleteTransactions } of changes) {
          if (!applied.has(item.id)) {
            settle(event, item, { outcome: WebhookOutcome.IGNORED, note: 'older than the last status change applied' });
            continue;
          }
          // The user withdrew consent: their data from this Item goes.
          if (thenDeleteTransactions) await this.deleteTransactions(item);
          settle(event, item, { outcome: WebhookOutcome.PROCESSED });
        }
      } catch (error) {
        // This round's webhooks and every later one of the same Items wait for the retry.
        for (const queue of perItem) queue.slice(round).forEach(({ event }) => failures.set(event.id, error));
        return;
      }
    }
  }

  private plan(item: ItemEntity, payload: WebhookPayload): Action {
    const { webhook_type: type, webhook_code: code } = payload;
    if (type === 'TRANSACTIONS' && SYNC_CODES.has(code)) return { kind: 'sync' };
    if (type === 'ITEM') return this.planItemWebhook(item, payload);
    // Auth numbers are read on demand (/auth/get), so verification news needs no stored state.
    if (type === 'AUTH') return { kind: 'done', result: { outcome: WebhookOutcome.PROCESSED, note: `AUTH ${code} acknowledged` } };
    return { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: `unhandled webhook ${type} ${code}` } };
  }

  private planItemWebhook(item: ItemEntity, payload: WebhookPayload): Action {
    const code = payload.webhook_code;
    const status = (change: Omit<StatusChange, 'occurredAt' | 'reason'> & { reason?: string }, thenDeleteTransactions = false): Action => ({
      kind: 'status',
      change: { reason: code, ...change },
      thenDeleteTransactions,
    });
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
      case 'USER_PERMISSION_REVOKED':
        return status({ status: ItemStatus.REVOKED }, true);
      case 'USER_ACCOUNT_REVOKED': {
        const accountId = typeof payload.account_id === 'string' ? payload.account_id : undefined;
        if (!accountId) return { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: 'no account_id' } };
        return {
          kind: 'own',
          run: async () => {
            await this.dataSource.transaction(async (manager) => {
              await lockItemInTransaction(manager, item.id);
              await manager.query('DELETE FROM accounts WHERE item_id = $1 AND plaid_account_id = $2', [item.id, accountId]);
            });
            return { outcome: WebhookOutcome.PROCESSED };
          },
        };
      }
      case 'NEW_ACCOUNTS_AVAILABLE':
        return { kind: 'new-accounts' };
      case 'WEBHOOK_UPDATE_ACKNOWLEDGED': {
        const url = typeof payload.new_webhook_url === 'string' ? payload.new_webhook_url : null;
        return {
          kind: 'own',
          run: async () => {
            if (url) await this.dataSource.getRepository(ItemEntity).update({ id: item.id }, { webhookUrl: url });
            return { outcome: WebhookOutcome.PROCESSED };
          },
        };
      }
      default:
        return { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: `unhandled webhook ITEM ${code}` } };
    }
  }

  private async deleteTransactions(item: ItemEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockItemInTransaction(manager, item.id);
      await deleteItemTransactions(manager, item.id, item.userId);
    });
  }
}

function dateOf(value: unknown): Date | null | undefined {
  return typeof value === 'string' ? new Date(value) : undefined;
}
