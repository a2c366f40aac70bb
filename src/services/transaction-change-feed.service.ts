import type { DataSource } from 'typeorm';
import { badUserInput } from '../errors/domain-error';
import { positionOf, streamOf, type StreamState } from './event-stream';
import type { ItemService } from './item.service';
import { encodeStreamCursor, type StreamPosition } from './stream-cursor';
import { RECORD_COLUMNS, type TransactionRecord } from './transaction-query.service';

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

const DEFAULT_COUNT = 100;

export interface TransactionChangeFeedServiceDependencies {
  dataSource: DataSource;
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
    const count = request.count ?? DEFAULT_COUNT;
    if (!Number.isInteger(count) || count < 1 || count > MAX_CHANGE_COUNT) {
      throw badUserInput(`"count" must be between 1 and ${MAX_CHANGE_COUNT} (got ${count})`, 'count');
    }
    if (request.itemId) await this.deps.items.get(userId, request.itemId);
    const itemId = request.itemId ?? null;
    if (!request.cursor) {
      const stream = await streamOf(this.deps.dataSource, userId);
      return this.walk(userId, stream, { sequence: stream.lastSequence }, count, itemId);
    }
    const { position, stream } = await positionOf(this.deps.dataSource, userId, request.cursor, 'cursor');
    if (position.resume && 'afterTransactionId' in position.resume) return this.walk(userId, stream, position, count, itemId);
    return this.changesAfter(userId, stream, position, count, itemId);
  }

  private async walk(userId: string, stream: StreamState, position: StreamPosition, count: number, itemId: string | null): Promise<TransactionChangesPage> {
    const after = position.resume && 'afterTransactionId' in position.resume ? position.resume.afterTransactionId : null;
    const rows: TransactionRecord[] = await this.deps.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM transactions t
        WHERE t.user_id = $1 AND ($2::uuid IS NULL OR t.item_id = $2) AND ($3::uuid IS NULL OR t.id > $3)
        ORDER BY t.id LIMIT $4`,
      [userId, itemId, after, count + 1],
    );
    const added = rows.slice(0, count);
    const at = (resume?: StreamPosition['resume']) => encodeStreamCursor({ streamKey: stream.streamKey, sequence: position.sequence, resume });
    if (rows.length > count) return { added, modified: [], removed: [], hasMore: true, nextCursor: at({ afterTransactionId: added[added.length - 1].id }) };
    // The walk is done; what changed while it ran follows from its starting position.
    const [{ more }]: Array<{ more: boolean }> = await this.deps.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM transaction_changes c WHERE c.user_id = $1 AND c.sequence > $2 AND ($3::uuid IS NULL OR c.item_id = $3)) AS more`,
      [userId, position.sequence, itemId],
    );
    return { added, modified: [], removed: [], hasMore: more, nextCursor: at() };
  }

  private async changesAfter(userId: string, stream: StreamState, position: StreamPosition, count: number, itemId: string | null): Promise<TransactionChangesPage> {
    const after = position.resume && 'afterSequence' in position.resume ? position.resume.afterSequence : position.sequence;
    const rows: Array<TransactionRecord & { changedId: string; changedPlaidId: string; lastSequence: string; latest: string; addedSince: boolean; present: boolean }> = await this.deps.dataSource.query(
      `WITH changed AS (
         SELECT c.transaction_id, max(c.sequence) AS last_sequence, bool_or(c.change = 'added') AS added_since,
                (array_agg(c.change ORDER BY c.sequence DESC))[1] AS latest,
                (array_agg(c.plaid_transaction_id ORDER BY c.sequence DESC))[1] AS plaid_transaction_id
           FROM transaction_changes c
          WHERE c.user_id = $1 AND c.sequence > $2 AND ($3::uuid IS NULL OR c.item_id = $3)
          GROUP BY c.transaction_id
         HAVING max(c.sequence) > $4
          ORDER BY max(c.sequence)
          LIMIT $5
       )
       SELECT ch.transaction_id AS "changedId", ch.plaid_transaction_id AS "changedPlaidId", ch.last_sequence AS "lastSequence",
              ch.latest, ch.added_since AS "addedSince", t.id IS NOT NULL AS present, ${RECORD_COLUMNS}
         FROM changed ch LEFT JOIN transactions t ON t.id = ch.transaction_id AND t.user_id = $1
        ORDER BY ch.last_sequence`,
      [userId, position.sequence, itemId, after, count + 1],
    );
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
