import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ItemEntity } from '../entities/item.entity';
import { WebhookOutcome, type WebhookEventEntity } from '../entities/webhook-event.entity';
import type { JobQueue } from '../jobs/job-queue';
import { ExpectedRetry } from '../jobs/expected-retry';
import { WEBHOOK_RETRY_SCHEDULE } from '../jobs/webhook-retry-schedule';
import type { AccountRepository } from '../repositories/account.repository';
import type { ItemRepository } from '../repositories/item.repository';
import type { UnsettledWebhookCounts, WebhookEventRepository } from '../repositories/webhook-event.repository';
import { lockItemInTransaction } from '../repositories/item-lock';
import type { TransactionRemoval } from './transaction-removal';
import { logIgnored, type WebhookPayload } from './webhook-intake.service';
import type { StatusWebhooks } from './status-webhooks';
import { planWebhookBatch, type Planned, type WebhookAction, type WebhookResult } from './webhook-plan';

/** Expected right after Link: Plaid's first webhooks can beat the exchange's commit. */
export class ItemNotYetKnownError extends ExpectedRetry {
  constructor(plaidItemId: string) {
    super(`no Item ${plaidItemId} yet; retrying`);
    this.name = 'ItemNotYetKnownError';
  }
}

export interface WebhookProcessorDependencies {
  dataSource: DataSource;
  webhookEvents: WebhookEventRepository;
  items: ItemRepository;
  accounts: AccountRepository;
  removal: TransactionRemoval;
  statusWebhooks: StatusWebhooks;
  jobs: JobQueue;
  logger: Logger;
}

type Event = WebhookEventEntity & { payload: WebhookPayload };
type Step = Planned<Event, ItemEntity>;

/**
 * Acts on stored webhooks, once each, a batch at a time: transaction webhooks queue a sync
 * (coalesced per Item), recurring-stream news a refresh of the Item's streams (coalesced too); Item webhooks change the Item's status, ordered by the webhook's JWT
 * iat. A burst costs a handful of statements per batch, not several per webhook.
 */
export class WebhookProcessor {
  constructor(private readonly deps: WebhookProcessorDependencies) {}

  /** Acts on those of these stored webhooks still pending; answers the ones that failed (to be retried), by event id. */
  async processBatch(eventIds: string[]): Promise<Map<string, unknown>> {
    // The payload column holds the verified webhook body as intake stored it.
    const events = (await this.deps.webhookEvents.findPending(eventIds)) as Event[];
    const plaidItemIds = [...new Set(events.flatMap((event) => (event.plaidItemId ? [event.plaidItemId] : [])))];
    const items = await this.deps.items.findByPlaidItemIds(plaidItemIds);
    const plan = planWebhookBatch(events, new Map(items.map((item) => [item.plaidItemId, item])), Date.now());

    const settled: Array<{ event: Event; item: ItemEntity | undefined; result: WebhookResult }> = [];
    const failures = new Map<string, unknown>();
    const settle = (event: Event, item: ItemEntity | undefined, result: WebhookResult) => {
      logIgnored(this.deps.logger, event, result);
      settled.push({ event, item, result });
    };
    for (const { event, item, result } of plan.settled) settle(event, item, result);
    for (const event of plan.notYetKnown) failures.set(event.id, new ItemNotYetKnownError(event.plaidItemId!));

    // Each step fails only its own webhooks, which pg-boss retries; the others are recorded below.
    const step = async (planned: Step[], work: () => Promise<void>) => {
      if (planned.length === 0) return;
      await work().catch((error: unknown) => planned.forEach(({ event }) => failures.set(event.id, error)));
    };
    const processed = (planned: Step[]) => planned.forEach(({ event, item }) => settle(event, item, { outcome: WebhookOutcome.PROCESSED }));
    await Promise.all([
      step(plan.syncs, async () => {
        // One job per Item, however many of its webhooks the batch holds.
        const reasons = new Map(plan.syncs.map(({ item, event }) => [item.id, event.webhookCode]));
        await this.deps.jobs.enqueueSyncs([...reasons].map(([itemId, reason]) => ({ itemId, reason })));
        processed(plan.syncs);
      }),
      step(plan.recurringRefreshes, async () => {
        const reasons = new Map(plan.recurringRefreshes.map(({ item, event }) => [item.id, event.webhookCode]));
        await this.deps.jobs.enqueueRecurringRefreshes([...reasons].map(([itemId, reason]) => ({ itemId, reason })));
        processed(plan.recurringRefreshes);
      }),
      ...plan.own.map((planned) =>
        step([planned], async () => {
          await this.carryOut(planned.item, planned.action);
          settle(planned.event, planned.item, { outcome: WebhookOutcome.PROCESSED });
        }),
      ),
      // Those the intake left to a job (their Item was not stored yet when they arrived): in one transaction, as the intake does.
      step([...plan.statusChanges.flat(), ...plan.newAccounts], async () => {
        const results = await this.deps.dataSource.transaction((manager) => this.deps.statusWebhooks.applyIn(manager, plan));
        for (const { event, item, result } of results) settle(event, item, result);
      }),
    ]);

    await this.deps.webhookEvents.recordAttemptErrors([...failures].map(([eventId, error]) => ({ eventId, error: describeError(error) })));
    await this.deps.webhookEvents.settle(
      settled.map(({ event, item, result }) => ({
        eventId: event.id,
        outcome: result.outcome,
        note: result.note ?? null,
        itemId: item?.id ?? null,
      })),
    );
    return failures;
  }

  /**
   * Marks FAILED the webhooks whose jobs used up their retries (pg-boss's dead letter queue
   * hands them here), so that none stays PENDING for ever; one already settled is left as it is.
   */
  async giveUp(eventIds: string[]): Promise<void> {
    const attempts = WEBHOOK_RETRY_SCHEDULE.retryLimit + 1;
    const failed = await this.deps.webhookEvents.markFailed(
      eventIds.map((eventId) => ({ eventId, error: `gave up after ${attempts} attempts` })),
    );
    if (failed > 0) this.deps.logger.warn({ failed, eventIds }, 'webhooks FAILED: their retries are used up');
  }

  /** Pending and failed webhooks now (the dead letter view of /readyz and /metrics). */
  unsettledCounts(): Promise<UnsettledWebhookCounts> {
    return this.deps.webhookEvents.countUnsettled();
  }

  private async carryOut(item: ItemEntity, action: Extract<WebhookAction, { kind: 'revoke-account' | 'webhook-url' }>): Promise<void> {
    if (action.kind === 'revoke-account') {
      await this.deps.dataSource.transaction(async (manager) => {
        await lockItemInTransaction(manager, item.id);
        await this.deps.removal.ofAccount(manager, item, action.plaidAccountId);
        await this.deps.accounts.deleteByPlaidId(manager, item.id, action.plaidAccountId);
        // A sync that read Plaid before the revocation would bring the account back: it loses its compare-and-set instead.
        await this.deps.items.forgetSyncCursor(manager, item.id);
      });
    } else if (action.url) {
      await this.deps.items.update(item.id, { webhookUrl: action.url });
    }
  }
}

/** Kept on the webhook's row: bounded, and only the message (never an object that may carry a request's headers). */
const MAX_ERROR_LENGTH = 500;
function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
}
