import type { RemovedTransaction, Transaction } from 'plaid';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { decodeSyncCursor, encodeSyncCursor, itemCursorTag } from './sync-cursor';
import type { TransactionGenerator } from '../data/transaction-generator';

/**
 * One change to an Item's transactions after its generated history. Only these are
 * stored; `added_at` is the stream position at which the changed transaction first
 * appeared, which decides whether a client has already seen it.
 */
export type LedgerMutation =
  | { kind: 'added'; transaction: Transaction }
  | { kind: 'modified'; transaction: Transaction; added_at: number }
  | { kind: 'removed'; transaction_id: string; account_id: string; added_at: number };

export interface LiveTransaction {
  transaction: Transaction;
  addedAt: number;
}

export interface ListedTransaction {
  addedAt: number;
  date: string;
  transaction(): Transaction;
}

export interface SyncPageRequest {
  cursor: string | undefined;
  count: number;
  accountId: string | undefined;
  includeOriginalDescription: boolean;
}

export interface SyncPage {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  next_cursor: string;
  has_more: boolean;
}

function mutationTransactionId(mutation: LedgerMutation): string {
  return mutation.kind === 'removed' ? mutation.transaction_id : mutation.transaction.transaction_id;
}

/**
 * An Item's transactions as a change stream: positions 0..N-1 are the generated history
 * (computed on demand), then one position per stored mutation. A sync from cursor `start`
 * reports each transaction touched since `start` once, at its last change, as its net
 * effect: added if the client never saw it, modified or removed if it did, nothing if it
 * came and went in between. A pagination reads a fixed snapshot of the stream; if the
 * stream grows before it ends, the next page fails as Plaid's does.
 */
export class TransactionLedger {
  private readonly lastPosition = new Map<string, number>();
  private readonly latest = new Map<string, LiveTransaction>();
  private readonly removedIds = new Set<string>();
  /** Generated indices some mutation has replaced or removed. */
  private readonly mutatedGenerated = new Set<number>();

  constructor(
    private readonly itemId: string,
    readonly generator: TransactionGenerator,
    private readonly mutations: LedgerMutation[],
  ) {
    mutations.forEach((mutation, offset) => this.index(mutation, generator.count + offset));
  }

  get length(): number {
    return this.generator.count + this.mutations.length;
  }

  /** Appends mutations (the array is the Item's stored one, so they persist with it). */
  append(...mutations: LedgerMutation[]): void {
    for (const mutation of mutations) {
      this.mutations.push(mutation);
      this.index(mutation, this.length - 1);
    }
  }

  private index(mutation: LedgerMutation, position: number): void {
    const id = mutationTransactionId(mutation);
    this.lastPosition.set(id, position);
    if (mutation.kind === 'added') {
      this.latest.set(id, { transaction: mutation.transaction, addedAt: position });
      return;
    }
    if (mutation.added_at < this.generator.count) this.mutatedGenerated.add(mutation.added_at);
    if (mutation.kind === 'modified') {
      this.latest.set(id, { transaction: mutation.transaction, addedAt: mutation.added_at });
    } else {
      this.removedIds.add(id);
      this.latest.delete(id);
    }
  }

  /** The current version of a transaction that still exists, or undefined. */
  find(transactionId: string): LiveTransaction | undefined {
    if (this.removedIds.has(transactionId)) return undefined;
    const changed = this.latest.get(transactionId);
    if (changed) return changed;
    for (let index = 0; index < this.generator.count; index++) {
      if (!this.mutatedGenerated.has(index) && this.generator.generatedId(index) === transactionId) {
        return { transaction: this.generator.generated(index), addedAt: index };
      }
    }
    return undefined;
  }

  /**
   * Every transaction that exists now (the set a sync from the start reaches), each with its
   * stream position and date; a generated row is computed only when `transaction()` is called.
   */
  live(): ListedTransaction[] {
    const result: ListedTransaction[] = [];
    for (let index = 0; index < this.generator.count; index++) {
      if (this.mutatedGenerated.has(index)) continue;
      result.push({ addedAt: index, date: this.generator.dateOfIndex(index), transaction: () => this.generator.generated(index) });
    }
    for (const entry of this.latest.values()) {
      result.push({ addedAt: entry.addedAt, date: entry.transaction.date, transaction: () => entry.transaction });
    }
    return result;
  }

  /** Transactions that exist now and are still pending. */
  pending(): LiveTransaction[] {
    const result: LiveTransaction[] = [];
    for (let index = this.generator.firstPossiblyPendingIndex(); index < this.generator.count; index++) {
      if (this.mutatedGenerated.has(index)) continue;
      const transaction = this.generator.generated(index);
      if (transaction.pending) result.push({ transaction, addedAt: index });
    }
    for (const entry of this.latest.values()) {
      if (entry.transaction.pending) result.push(entry);
    }
    return result;
  }

  sync(request: SyncPageRequest): SyncPage {
    const length = this.length;
    let start = 0;
    let position = 0;
    let snapshot = length;
    if (request.cursor) {
      const cursor = decodeSyncCursor(request.cursor, this.itemId, length);
      if (cursor.position === cursor.snapshot) {
        start = position = cursor.position;
      } else {
        if (cursor.snapshot !== length) throw EmulatedPlaidError.of('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
        ({ start, position, snapshot } = cursor);
      }
    }

    const page: SyncPage = { added: [], modified: [], removed: [], next_cursor: '', has_more: false };
    const generatedCount = this.generator.count;
    const accountId = request.accountId;
    const original = request.includeOriginalDescription;
    // Stored transactions are shared state: hide the raw description on a copy.
    const view = (transaction: Transaction) =>
      original || transaction.original_description === null ? transaction : { ...transaction, original_description: null };
    let emitted = 0;
    let k = position;
    for (; k < snapshot; k++) {
      if (k < generatedCount) {
        if (this.mutatedGenerated.has(k)) continue;
        if (accountId === undefined) {
          if (emitted === request.count) break;
          page.added.push(this.generator.generated(k, original));
        } else {
          const transaction = this.generator.generated(k, original);
          if (transaction.account_id !== accountId) continue;
          if (emitted === request.count) break;
          page.added.push(transaction);
        }
        emitted++;
        continue;
      }
      const mutation = this.mutations[k - generatedCount];
      if (this.lastPosition.get(mutationTransactionId(mutation)) !== k) continue;
      const addedAt = mutation.kind === 'added' ? k : mutation.added_at;
      const seenBefore = addedAt < start;
      if (mutation.kind === 'removed') {
        if (!seenBefore || (accountId !== undefined && mutation.account_id !== accountId)) continue;
        if (emitted === request.count) break;
        page.removed.push({ transaction_id: mutation.transaction_id, account_id: mutation.account_id });
      } else {
        if (accountId !== undefined && mutation.transaction.account_id !== accountId) continue;
        if (emitted === request.count) break;
        (seenBefore ? page.modified : page.added).push(view(mutation.transaction));
      }
      emitted++;
    }

    page.has_more = k < snapshot;
    const tag = itemCursorTag(this.itemId);
    page.next_cursor = page.has_more
      ? encodeSyncCursor({ itemTag: tag, start, position: k, snapshot })
      : encodeSyncCursor({ itemTag: tag, start: snapshot, position: snapshot, snapshot });
    return page;
  }
}
