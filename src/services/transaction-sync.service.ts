import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ItemStatus, TransactionsUpdateStatus } from '../entities/item-status';
import type { ItemEntity } from '../entities/item.entity';
import type { JobQueue } from '../jobs/job-queue';
import type { ItemPlaid } from '../plaid/item-plaid';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import { collectSyncChanges, type SyncChanges } from '../plaid/transaction-sync';
import { Topic } from '../pubsub/gateway-events';
import { lockItemInTransaction } from '../repositories/item-lock';
import type { ItemRepository } from '../repositories/item.repository';
import type { EventOutbox } from './event-outbox';
import { toItemSnapshot } from './item-snapshot';
import { announcesSync } from './sync-announcement';
import type { SyncQueue } from './sync-queue';
import { SyncWriter } from '../repositories/sync-writer';

export interface SyncCounts {
  added: number;
  modified: number;
  removed: number;
}

export interface SyncOutcome extends SyncCounts {
  item: ItemEntity;
}

export interface SyncObservation extends SyncCounts {
  durationSeconds: number;
  /** Fetching every page from Plaid. */
  fetchSeconds: number;
  /** The write transaction, from BEGIN to COMMIT. */
  writeSeconds: number;
  outcome: string;
}

export interface TransactionSyncServiceDependencies {
  dataSource: DataSource;
  plaid: PlaidClient;
  itemPlaid: ItemPlaid;
  items: ItemRepository;
  outbox: EventOutbox;
  /** Whose turn it is to sync, in this process. */
  queue: SyncQueue;
  /** Where a sync that changed transactions queues its Item's recurring stream refresh. */
  jobs: Pick<JobQueue, 'enqueueRecurringRefreshIn' | 'wakeRecurringRefresh'>;
  logger: Logger;
  pageSize?: number;
  onSync?: (observation: SyncObservation) => void;
  /** Runs inside the write transaction just before COMMIT; tests use it to kill a sync there. */
  beforeCommit?: (itemId: string) => Promise<void>;
}

const UPDATE_STATUS: Record<string, TransactionsUpdateStatus> = {
  TRANSACTIONS_UPDATE_STATUS_UNKNOWN: TransactionsUpdateStatus.UNKNOWN,
  NOT_READY: TransactionsUpdateStatus.NOT_READY,
  INITIAL_UPDATE_COMPLETE: TransactionsUpdateStatus.INITIAL_UPDATE_COMPLETE,
  HISTORICAL_UPDATE_COMPLETE: TransactionsUpdateStatus.HISTORICAL_UPDATE_COMPLETE,
};

export interface SyncOptions {
  /** A user waits for it: Plaid calls keep PLAID_INTERACTIVE_DEADLINE_MS. Background syncs retry longer. */
  interactive?: boolean;
}

/** A user's syncItem waits this long for its turn in the queue; a queued job waits as long as it takes. */
const INTERACTIVE_QUEUE_WAIT_MS = 15_000;

export class ItemGoneError extends Error {
  constructor(itemId: string) {
    super(`Item ${itemId} no longer exists`);
    this.name = 'ItemGoneError';
  }
}

/**
 * Incremental transaction sync. Every page is fetched from Plaid first, holding nothing: no
 * transaction, no pooled connection, no lock. Then rows, balances and the new cursor commit in
 * one short transaction that takes the Item's advisory lock (shared with removal, revocation,
 * relink and real-time balances) and compare-and-sets the cursor the fetch began from: if
 * another sync committed first, nothing of this one is written. A crash leaves the old cursor
 * and the old rows. How many syncs run at once, per instance and per user, is the queue's.
 */
export class TransactionSyncService {
  /** Users' syncs running in this process, by Item. */
  private readonly requested = new Map<string, Promise<SyncOutcome>>();

  constructor(private readonly deps: TransactionSyncServiceDependencies) {}

  /**
   * The syncItem mutation: a request for an Item whose requested sync is already running in
   * this process gets that sync's committed result instead of queueing behind it.
   */
  syncRequested(itemId: string): Promise<SyncOutcome> {
    const running = this.requested.get(itemId);
    if (running) return running;
    const started = this.sync(itemId, 'requested', { interactive: true }).finally(() => this.requested.delete(itemId));
    this.requested.set(itemId, started);
    return started;
  }

  async sync(itemId: string, reason: string, { interactive = false }: SyncOptions = {}): Promise<SyncOutcome> {
    const started = performance.now();
    let outcome = 'ok';
    let counts: SyncCounts = { added: 0, modified: 0, removed: 0 };
    const phases = { fetchSeconds: 0, writeSeconds: 0 };
    try {
      let item = await this.deps.items.findById(itemId);
      if (!item) throw new ItemGoneError(itemId);
      return await this.deps.queue.run(
        item.userId,
        itemId,
        async () => {
          // A sync that loses the cursor's compare-and-set fetches once more, from the winner's cursor:
          // the winner may have read Plaid before the change this sync was asked for. If it loses again,
          // that later winner began after the first one committed, so after this sync was asked for,
          // and its committed state already holds what this sync would have brought.
          for (let attempt = 1; ; attempt += 1) {
            // Read again once the turn has come: the cursor may have moved while this sync waited.
            item = await this.deps.items.findById(itemId);
            if (!item) throw new ItemGoneError(itemId);
            const fetchStarted = performance.now();
            const changes = await this.collect(item, interactive);
            const writeStarted = performance.now();
            const written = await this.write(item, changes);
            phases.fetchSeconds += (writeStarted - fetchStarted) / 1000;
            phases.writeSeconds += (performance.now() - writeStarted) / 1000;
            if (written) {
              counts = written.counts;
              if (changedTransactions(counts)) this.deps.jobs.wakeRecurringRefresh();
              this.deps.logger.info(
                { itemId, reason, ...counts, ...phases, pages: changes.pages, restarts: changes.restarts, attempts: attempt },
                'transactions synced',
              );
              return { item: written.synced, ...counts };
            }
            const committed = await this.deps.items.findById(itemId);
            if (!committed) throw new ItemGoneError(itemId);
            if (committed.status === ItemStatus.REVOKED || attempt === 2) {
              outcome = committed.status === ItemStatus.REVOKED ? 'revoked' : 'superseded';
              this.deps.logger.info(
                { itemId, reason, attempts: attempt, outcome },
                'nothing of this sync written; answering with the stored state',
              );
              return { item: committed, ...counts };
            }
            this.deps.logger.info({ itemId, reason }, 'another sync committed first; fetching again from its cursor');
          }
        },
        interactive ? INTERACTIVE_QUEUE_WAIT_MS : undefined,
      );
    } catch (error) {
      outcome = error instanceof PlaidApiError ? (error.errorCode ?? error.kind) : error instanceof Error ? error.name : 'error';
      throw error;
    } finally {
      this.deps.onSync?.({ ...counts, ...phases, durationSeconds: (performance.now() - started) / 1000, outcome });
    }
  }

  private async collect(item: ItemEntity, interactive: boolean): Promise<SyncChanges> {
    const deadlineMs = interactive ? undefined : null;
    const askedAt = new Date();
    const changes = await this.deps.itemPlaid.run(item, (accessToken) =>
      collectSyncChanges(this.deps.plaid, accessToken, item.transactionsCursor, { pageSize: this.deps.pageSize, deadlineMs }),
    );
    // Plaid answered every page: the Item works, whatever error it was in.
    await this.deps.itemPlaid.recordSuccess(item, askedAt);
    return changes;
  }

  /**
   * The Item as synced, its event (if it changed anything, see sync-announcement.ts) recorded
   * in the same transaction (the relay publishes it once that commits); null, with nothing written, when another sync moved the cursor since `item`
   * was read or the Item was revoked.
   */
  private write(item: ItemEntity, changes: SyncChanges): Promise<{ counts: SyncCounts; synced: ItemEntity } | null> {
    return this.deps.dataSource.transaction(async (manager) => {
      await lockItemInTransaction(manager, item.id);
      // Removed or revoked while this sync read Plaid: the Item's data went under this lock, and nothing read before may bring it back.
      const current = await this.deps.items.findById(item.id, manager);
      if (!current || current.status === ItemStatus.REVOKED) return null;
      // Compare-and-set on the cursor, first: the loser writes nothing. The Item's row, locked by
      // it until commit, comes before the user's stream, in the order status changes take them.
      const updateStatus = changes.updateStatus ? (UPDATE_STATUS[changes.updateStatus] ?? null) : null;
      const advanced = await this.deps.items.advanceSyncCursor(manager, item.id, item.transactionsCursor, changes.nextCursor, updateStatus);
      if (!advanced) return null;
      const writer = new SyncWriter(manager, item.id, item.userId);
      await writer.upsertAccounts(changes.accounts, new Date());
      await writer.upsertTransactions([...changes.added, ...changes.modified]);
      const removed = await writer.removeTransactions(changes.removed);
      await writer.logChanges();
      const counts = { added: changes.added.length, modified: changes.modified.length, removed };
      // Queued with the commit, so a crash after it still refreshes the streams the changes may move.
      if (changedTransactions(counts)) {
        await this.deps.jobs.enqueueRecurringRefreshIn((text, values) => manager.query(text, values), { itemId: item.id, reason: 'sync' });
      }
      const synced = await this.deps.items.getById(item.id, manager);
      const difference = { ...counts, statusBefore: current.transactionsUpdateStatus, statusAfter: synced.transactionsUpdateStatus };
      if (announcesSync(difference)) {
        await this.deps.outbox.record(manager, [
          {
            topic: Topic.TransactionsSynced,
            userId: synced.userId,
            event: {
              item: toItemSnapshot(synced),
              ...counts,
              transactionsUpdateStatus: synced.transactionsUpdateStatus,
              syncedAt: (synced.lastSyncedAt ?? new Date()).toISOString(),
            },
          },
        ]);
      }
      await this.deps.beforeCommit?.(item.id);
      return { counts, synced };
    });
  }
}

function changedTransactions({ added, modified, removed }: SyncCounts): boolean {
  return added + modified + removed > 0;
}
