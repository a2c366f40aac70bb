import { badUserInput } from '../errors/domain-error';
import type { EventStreamRepository, StreamRow } from '../repositories/event-stream.repository';
import type { TransactionRecord } from '../repositories/transaction-record';
import type { TransactionRepository } from '../repositories/transaction.repository';
import { positionOf } from './event-stream';
import type { ItemService } from './item.service';
import { encodeStreamCursor, type StreamPosition } from './stream-cursor';

export const MAX_CHANGE_COUNT = 500;

export interface RemovedTransactionRecord {
  id: string;
  plaidTransactionId: string;
}

export interface TransactionChangesPage {
  added: TransactionRecord[];
  modified: TransactionRecord[];
  removed: RemovedTransactionRecord[];
  nextCursor: string;
  hasMore: boolean;
}

export interface TransactionChangesRequest {
  cursor?: string | null;
  count?: number | null;
  itemId?: string | null;
}

/** The page size when `count` is left out; the schema's default value too. */
export const DEFAULT_CHANGE_COUNT = 100;

/** The page size `count` asks for; BAD_USER_INPUT outside 1..MAX_CHANGE_COUNT. The read planner checks it with this too. */
export function validChangeCount(requested: number | null | undefined): number {
  const count = requested ?? DEFAULT_CHANGE_COUNT;
  if (!Number.isInteger(count) || count < 1 || count > MAX_CHANGE_COUNT) {
    throw badUserInput(`"count" must be between 1 and ${MAX_CHANGE_COUNT} (got ${count})`, 'count');
  }
  return count;
}

export interface TransactionChangeFeedServiceDependencies {
  streams: EventStreamRepository;
  transactions: TransactionRepository;
  items: ItemService;
}

/**
 * Plaid's /transactions/sync model over the user's change log. Without a cursor: a walk of
 * every transaction the user has (by id), all as added, pinned to the stream position read
 * before the walk began; afterwards, the net effect of the changes after that position, one
 * entry per transaction in its latest state, ordered by its last change. A page that stops
 * early carries where it stopped, and keeps the position the client's copy is at, so
 * "added" still means new to that copy.
 */
export class TransactionChangeFeedService {
  constructor(private readonly deps: TransactionChangeFeedServiceDependencies) {}

  async changes(userId: string, request: TransactionChangesRequest): Promise<TransactionChangesPage> {
    const count = validChangeCount(request.count);
    // An empty string is an id too (of no Item): only an absent one means every Item.
    if (request.itemId != null) await this.deps.items.get(userId, request.itemId);
    const itemId = request.itemId ?? null;
    if (!request.cursor) {
      const stream = await this.deps.streams.streamOf(userId);
      return this.walk(userId, stream, { sequence: stream.lastSequence }, count, itemId);
    }
    const { position, stream } = await positionOf(this.deps.streams, userId, request.cursor, 'cursor');
    if (position.resume && 'afterTransactionId' in position.resume) return this.walk(userId, stream, position, count, itemId);
    return this.changesAfter(userId, stream, position, count, itemId);
  }

  private async walk(
    userId: string,
    stream: StreamRow,
    position: StreamPosition,
    count: number,
    itemId: string | null,
  ): Promise<TransactionChangesPage> {
    const after = position.resume && 'afterTransactionId' in position.resume ? position.resume.afterTransactionId : null;
    const rows = await this.deps.transactions.walkOwned(userId, itemId, after, count + 1);
    const added = rows.slice(0, count);
    const at = (resume?: StreamPosition['resume']) =>
      encodeStreamCursor({ streamKey: stream.streamKey, sequence: position.sequence, resume });
    if (rows.length > count)
      return { added, modified: [], removed: [], hasMore: true, nextCursor: at({ afterTransactionId: added[added.length - 1].id }) };
    // The walk is done; what changed while it ran follows from its starting position.
    const more = await this.deps.transactions.hasChangesAfter(userId, position.sequence, itemId);
    return { added, modified: [], removed: [], hasMore: more, nextCursor: at() };
  }

  private async changesAfter(
    userId: string,
    stream: StreamRow,
    position: StreamPosition,
    count: number,
    itemId: string | null,
  ): Promise<TransactionChangesPage> {
    const after = position.resume && 'afterSequence' in position.resume ? position.resume.afterSequence : position.sequence;
    const rows = await this.deps.transactions.changedAfter(userId, position.sequence, itemId, after, count + 1);
    const page: TransactionChangesPage = { added: [], modified: [], removed: [], hasMore: rows.length > count, nextCursor: '' };
    for (const { changedId, changedPlaidId, lastSequence, latest, addedSince, present, ...record } of rows.slice(0, count)) {
      if (latest === 'removed' || !present) page.removed.push({ id: changedId, plaidTransactionId: changedPlaidId });
      else (addedSince ? page.added : page.modified).push(record);
    }
    const last = Number(rows[Math.min(rows.length, count) - 1]?.lastSequence ?? 0);
    page.nextCursor = page.hasMore
      ? encodeStreamCursor({ streamKey: stream.streamKey, sequence: position.sequence, resume: { afterSequence: last } })
      : // Everything up to the stream's position when the cursor was read is in; later changes have later positions.
        encodeStreamCursor({ streamKey: stream.streamKey, sequence: Math.max(stream.lastSequence, last, after) });
    return page;
  }
}
