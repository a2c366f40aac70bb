import type { Logger } from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';
import { TransactionsUpdateStatus } from '../entities/item-status';
import type { ItemEntity } from '../entities/item.entity';
import type { ItemPlaid } from '../plaid/item-plaid';
import { PlaidApiError } from '../plaid/plaid-api-error';
import type { PlaidClient } from '../plaid/plaid-client';
import { collectSyncChanges, type SyncChanges } from '../plaid/transaction-sync';
import { Topic } from '../pubsub/gateway-events';
import type { ItemRepository } from '../repositories/item.repository';
import type { EventOutbox } from './event-outbox';
import { withItemLock } from './item-lock';
import { toItemSnapshot } from './item-snapshot';
import { SyncWriter } from './sync-writer';

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

/** A user's syncItem waits this long for another sync of the Item; a queued sync waits longer, then its job retries. */
const INTERACTIVE_LOCK_WAIT_MS = 15_000;
const BACKGROUND_LOCK_WAIT_MS = 60_000;

export class ItemGoneError extends Error {
  constructor(itemId: string) {
    super(`Item ${itemId} no longer exists`);
    this.name = 'ItemGoneError';
  }
}

/**
 * Incremental transaction sync. One sync per Item at a time (the Item's advisory lock, shared
 * by the job worker, the syncItem mutation and removal); every page is fetched before anything is
 * written; rows, balances and the new cursor commit together or not at all, so a crash
 * leaves the old cursor and the old rows.
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
      return await withItemLock(
        this.deps.dataSource,
        itemId,
        interactive ? INTERACTIVE_LOCK_WAIT_MS : BACKGROUND_LOCK_WAIT_MS,
        async (runner) => {
          const item = await this.deps.items.findById(itemId, runner.manager);
          if (!item) throw new ItemGoneError(itemId);
          const fetchStarted = performance.now();
          const changes = await this.collect(item, interactive);
          const writeStarted = performance.now();
          const written = await this.write(runner, item, changes);
          counts = written.counts;
          phases.fetchSeconds = (writeStarted - fetchStarted) / 1000;
          phases.writeSeconds = (performance.now() - writeStarted) / 1000;
          this.deps.logger.info(
            { itemId, reason, ...counts, ...phases, pages: changes.pages, restarts: changes.restarts },
            'transactions synced',
          );
          return { item: written.synced, ...counts };
        },
      );
    } catch (error) {
      outcome = error instanceof PlaidApiError ? (error.errorCode ?? error.kind) : error instanceof Error ? error.name : 'error';
      throw error;
    } finally {
      this.deps.onSync?.({ ...counts, ...phases, durationSeconds: (performance.now() - started) / 1000, outcome });
    }
  }

  private collect(item: ItemEntity, interactive: boolean): Promise<SyncChanges> {
    const deadlineMs = interactive ? undefined : null;
    return this.deps.itemPlaid.run(item, (accessToken) =>
      collectSyncChanges(this.deps.plaid, accessToken, item.transactionsCursor, { pageSize: this.deps.pageSize, deadlineMs }),
    );
  }

  /** The Item as synced; its event is recorded in the same transaction, and the relay publishes it once that commits. */
  private async write(runner: QueryRunner, item: ItemEntity, changes: SyncChanges): Promise<{ counts: SyncCounts; synced: ItemEntity }> {
    await runner.startTransaction();
    try {
      const writer = new SyncWriter(runner.manager, item.id, item.userId);
      await writer.upsertAccounts(changes.accounts, new Date());
      await writer.upsertTransactions([...changes.added, ...changes.modified]);
      const removed = await writer.removeTransactions(changes.removed);
      // Compare-and-set on the cursor: if another writer moved it, nothing of this sync applies.
      const updateStatus = changes.updateStatus ? (UPDATE_STATUS[changes.updateStatus] ?? null) : null;
      const advanced = await this.deps.items.advanceSyncCursor(
        runner.manager,
        item.id,
        item.transactionsCursor,
        changes.nextCursor,
        updateStatus,
      );
      if (!advanced) throw new Error(`the sync cursor of item ${item.id} moved during the sync`);
      await writer.logChanges();
      const counts = { added: changes.added.length, modified: changes.modified.length, removed };
      const synced = await this.deps.items.getById(item.id, runner.manager);
      await this.deps.outbox.record(runner.manager, [
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
      await this.deps.beforeCommit?.(item.id);
      await runner.commitTransaction();
      return { counts, synced };
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }
}
