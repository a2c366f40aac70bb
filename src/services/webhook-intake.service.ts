import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { WebhookOutcome } from '../entities/webhook-event.entity';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import type { JobQueue } from '../jobs/job-queue';
import type { VerifiedWebhook } from '../plaid/webhook-verifier';
import type { ItemRepository } from '../repositories/item.repository';
import type { WebhookEventRepository } from '../repositories/webhook-event.repository';
import type { StatusWebhook, StatusWebhooks } from './status-webhooks';
import { planWebhookBatch, type WebhookResult } from './webhook-plan';

export type IntakeOutcome = 'accepted' | 'duplicate';

/** A genuine webhook PostgreSQL refuses to store (a data exception: a NUL in a string, say): Plaid's retry would fail alike. */
export class UnstorableWebhookError extends Error {
  constructor(readonly sqlState: string) {
    super(`the webhook cannot be stored (SQLSTATE ${sqlState})`);
    this.name = 'UnstorableWebhookError';
  }
}

/** SQLSTATE class 22 (data exception) is about the row, not the database: that webhook alone is refused. */
function unstorableOr(error: unknown): Error {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) return new UnstorableWebhookError(code);
    current = (current as { driverError?: unknown }).driverError ?? current.cause;
  }
  return error instanceof Error ? error : new Error(String(error));
}

export interface WebhookPayload {
  webhook_type: string;
  webhook_code: string;
  item_id?: string;
  [field: string]: unknown;
}

interface ArrivedWebhook {
  dedupeKey: string;
  payload: WebhookPayload;
  rawBody: Buffer;
  issuedAt: Date;
}

interface IntakeResult {
  outcome: IntakeOutcome;
  eventId: string;
}

export interface WebhookIntakeServiceDependencies {
  dataSource: DataSource;
  webhookEvents: WebhookEventRepository;
  items: ItemRepository;
  statusWebhooks: StatusWebhooks;
  jobs: JobQueue;
  logger: Logger;
}

/** More webhooks than this waiting at once are written in several statements. */
const MAX_BATCH = 500;

/**
 * Records a verified webhook exactly once and, in the same transaction, either carries it out
 * when that needs no call to Plaid (a status change of a known Item, its new-accounts flag, an
 * acknowledgement) or queues its job, so the endpoint answers in milliseconds (invariant 2) and
 * a status change's event is pushed by the relay as soon as that transaction commits.
 *
 * A webhook is the same one when its signed token is (the dedupe key is the token's SHA-256):
 * that is a delivery repeated as it was (the emulator's duplicates, a proxy's replay). The
 * bytes are not enough, nor the bytes and the second they were signed in: Plaid sends the same
 * SYNC_UPDATES_AVAILABLE body every time there is something new, possibly twice a second, and
 * an Item can break twice with the same ITEM ERROR body. A retry of a delivery we could not
 * answer is signed afresh, so it is acted on again: syncs coalesce, and a status change is
 * ordered by its iat like any other.
 *
 * Webhooks that arrive while a write is under way wait for it and are then written together
 * (a group commit): under load a handful of statements serve dozens of webhooks, and a lone
 * webhook is written at once.
 */
export class WebhookIntakeService {
  private readonly batches: DataLoader<ArrivedWebhook, IntakeResult>;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WebhookIntakeServiceDependencies) {
    this.batches = new DataLoader(
      (webhooks) => {
        const written = this.storeEachApart(webhooks);
        this.writing = written.catch(() => undefined);
        return written;
      },
      { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (write) => void this.writing.then(() => setImmediate(write)) },
    );
  }

  receive(rawBody: Buffer, verified: VerifiedWebhook, payload: WebhookPayload): Promise<IntakeResult> {
    return this.batches.load({ dedupeKey: verified.deliveryId, payload, rawBody, issuedAt: verified.issuedAt });
  }

  /**
   * The group commit, and when it fails for a reason other than the database being away, each
   * webhook in a transaction of its own: one row PostgreSQL refuses (a NUL in a string) fails
   * only its own delivery, not the up to MAX_BATCH others written with it.
   */
  private async storeEachApart(webhooks: readonly ArrivedWebhook[]): Promise<Array<IntakeResult | Error>> {
    try {
      return await this.store(webhooks);
    } catch (error) {
      // An unreachable database fails them all alike: one by one would only add to its load.
      if (isDatabaseUnavailable(error)) throw error;
      if (webhooks.length === 1) throw unstorableOr(error);
    }
    const results: Array<IntakeResult | Error> = [];
    for (const webhook of webhooks) {
      results.push(
        await this.store([webhook]).then(
          ([result]) => result,
          (error: unknown) => unstorableOr(error),
        ),
      );
    }
    return results;
  }

  private async store(webhooks: readonly ArrivedWebhook[]): Promise<IntakeResult[]> {
    const { webhookEvents, jobs } = this.deps;
    let queued = 0;
    const results = await this.deps.dataSource.transaction(async (manager) => {
      const accepted = await webhookEvents.insertNew(
        manager,
        webhooks.map((webhook) => ({
          dedupeKey: webhook.dedupeKey,
          webhookType: webhook.payload.webhook_type,
          webhookCode: webhook.payload.webhook_code,
          plaidItemId: webhook.payload.item_id ?? null,
          payload: webhook.rawBody.toString('utf8'),
          issuedAt: webhook.issuedAt,
        })),
      );
      const seenBefore = [...new Set(webhooks.map((webhook) => webhook.dedupeKey).filter((key) => !accepted.has(key)))];
      const existing = await webhookEvents.findByDedupeKeys(manager, seenBefore);
      const settledHere = await this.settleIn(manager, webhooks, accepted);
      // A redelivery of an event still pending queues it again: its earlier job may have used up its retries.
      const stillPending = existing.filter((row) => row.outcome === WebhookOutcome.PENDING).map((row) => row.id);
      const toQueue = [...[...accepted.values()].filter((id) => !settledHere.has(id)), ...stillPending];
      queued = toQueue.length;
      await jobs.enqueueWebhooksIn(
        (text, values) => manager.query(text, values),
        toQueue.map((webhookEventId) => ({ webhookEventId })),
      );

      const known = new Map(existing.map((row) => [row.dedupeKey, row.id]));
      return webhooks.map((webhook): IntakeResult => {
        const id = accepted.get(webhook.dedupeKey);
        if (id === undefined) return { outcome: 'duplicate', eventId: known.get(webhook.dedupeKey)! };
        // The same delivery twice in one batch: the first is the event, the second its duplicate.
        accepted.delete(webhook.dedupeKey);
        known.set(webhook.dedupeKey, id);
        return { outcome: 'accepted', eventId: id };
      });
    });
    if (queued > 0) jobs.wakeWebhookWorker();
    return results;
  }

  /**
   * Carries out, in the intake's transaction, the new webhooks that need no call to Plaid: status
   * changes and new-accounts flags of Items stored here, and those that need nothing at all.
   * Answers their ids; the rest (syncs, account revocations, webhook URLs, Items not stored yet)
   * are left to their job.
   */
  private async settleIn(
    manager: EntityManager,
    webhooks: readonly ArrivedWebhook[],
    accepted: ReadonlyMap<string, string>,
  ): Promise<Set<string>> {
    const receivedAt = new Date();
    const events: StatusWebhook[] = [];
    const taken = new Set<string>();
    for (const webhook of webhooks) {
      const id = accepted.get(webhook.dedupeKey);
      if (id === undefined || taken.has(id)) continue;
      taken.add(id);
      events.push({ id, plaidItemId: webhook.payload.item_id ?? null, receivedAt, issuedAt: webhook.issuedAt, payload: webhook.payload });
    }
    if (events.length === 0) return new Set();
    const plaidItemIds = [...new Set(events.flatMap((event) => (event.plaidItemId ? [event.plaidItemId] : [])))];
    const items = await this.deps.items.findByPlaidItemIds(plaidItemIds, manager);
    const plan = planWebhookBatch(events, new Map(items.map((item) => [item.plaidItemId, item])), receivedAt.getTime());
    const applied = await this.deps.statusWebhooks.applyIn(manager, plan);
    for (const { event, result } of plan.settled) logIgnored(this.deps.logger, event, result);
    const settled = [...plan.settled, ...applied].map(({ event, item, result }) => ({
      eventId: event.id,
      outcome: result.outcome,
      note: result.note ?? null,
      itemId: item?.id ?? null,
    }));
    await this.deps.webhookEvents.settle(settled, manager);
    return new Set(settled.map(({ eventId }) => eventId));
  }
}

/** A webhook the gateway does nothing with, and why (the same line from the intake and the processor). */
export function logIgnored(logger: Logger, event: { id: string; payload: WebhookPayload }, result: WebhookResult): void {
  if (result.outcome !== WebhookOutcome.IGNORED) return;
  logger.info(
    { eventId: event.id, webhookType: event.payload.webhook_type, webhookCode: event.payload.webhook_code, note: result.note },
    'webhook ignored',
  );
}
