import { changedTransactionsSql, changesAfterExistSql, ownedWalkSql } from '../repositories/transaction.repository';
import { isOpaqueId } from '../services/opaque-id';
import { decodeStreamCursor, RESUME_KIND, STREAM_CURSOR_SEPARATOR } from '../services/stream-cursor';
import { validChangeCount } from '../services/transaction-change-feed.service';
import { base64url, sqlLiteral } from './json-text-sql';
import type { PlannedField } from './planned-field';
import { accepted, alias, argumentsOf, bind, keptListSql, objectOf, objectSql, type Build, type FieldSql } from './statement-build';

/**
 * transactionChanges as TransactionChangeFeedService answers it, from the same rows
 * (TransactionRepository's walk and change-log SQL) and with the same cursors. Whatever the
 * service would refuse (`count`, an id that is no Item of the caller's, a cursor that does not
 * decode, is another stream's, is ahead of it or expired), and a caller without a stream yet
 * (the service creates it: a write), make this NULL: a NULL in this non-null place makes the
 * whole answer NULL, and the request is answered again by the resolvers, with today's errors.
 */
export function transactionChangesSql(field: PlannedField, build: Build): string {
  const args = argumentsOf(field, build) as { cursor?: string | null; count?: number | null; itemId?: string | null };
  const valid = accepted(() => ({
    count: validChangeCount(args.count),
    // As the service: an empty cursor is none.
    decoded: args.cursor ? decodeStreamCursor(args.cursor, 'cursor') : null,
  }));
  if (!valid) return 'NULL';
  const { count, decoded } = valid.value;
  // An empty string is an id too (of no Item): only an absent one means every Item.
  if (args.itemId != null && !isOpaqueId(args.itemId)) return 'NULL';
  const itemId = args.itemId != null ? `${bind(build, args.itemId)}::uuid` : 'NULL::uuid';
  const stream = alias(build, 's');
  const checks = [args.itemId != null ? `EXISTS (SELECT 1 FROM items i WHERE i.id = ${itemId} AND i.user_id = $1)` : 'true'];
  const resume = decoded?.resume;
  // The position the client's copy is at: the stream's own without a cursor. Bound once and
  // always read by the checks (PostgreSQL refuses a parameter the statement never reads).
  const sequence = decoded ? `${bind(build, decoded.sequence)}::bigint` : `${stream}.last_sequence`;
  if (decoded) {
    const furthest = resume && 'afterSequence' in resume ? resume.afterSequence : decoded.sequence;
    checks.push(
      `${stream}.stream_key::text = ${bind(build, decoded.streamKey)}`,
      `${bind(build, furthest)}::bigint <= ${stream}.last_sequence`,
      `${sequence} >= ${stream}.pruned_through`,
    );
  }
  const cursor = (...parts: string[]) => `'"' || ${base64url(parts.join(` || ${sqlLiteral(STREAM_CURSOR_SEPARATOR)} || `))} || '"'`;
  const first = `${bind(build, count)}::int`;
  const row = alias(build, 'c');
  const inPage = `${row}.position <= ${first}`;
  const list = (typeName: string, selection: readonly PlannedField[], which: string) =>
    keptListSql(objectSql(typeName, selection, row, build), `${inPage} AND ${which}`, `${row}.position`);
  const lastInPage = (column: string) => `(array_agg(${row}.${column} ORDER BY ${row}.position DESC) FILTER (WHERE ${inPage}))[1]`;
  const hasMore = `count(*) > ${first}`;
  let rows: string;
  let fields: Record<string, FieldSql>;
  if (!decoded || (resume && 'afterTransactionId' in resume)) {
    // A walk of every transaction by id, all as added, pinned to `sequence`.
    const afterId = resume && 'afterTransactionId' in resume ? `${bind(build, resume.afterTransactionId)}::uuid` : 'NULL::uuid';
    rows = `SELECT w.*, row_number() OVER (ORDER BY w.id) AS position
      FROM (${ownedWalkSql('t.*', { userId: '$1', itemId, afterId, limit: `${first} + 1` })}) w`;
    fields = {
      added: (_, added) => list('Transaction', added.selection, 'true'),
      modified: () => `'[]'`,
      removed: () => `'[]'`,
      // The walk done, what changed while it ran follows from its starting position.
      hasMore: () => `CASE WHEN ${hasMore} OR ${changesAfterExistSql({ userId: '$1', sequence, itemId })} THEN 'true' ELSE 'false' END`,
      nextCursor: () => `CASE WHEN ${hasMore}
        THEN ${cursor(`${stream}.stream_key::text`, `${sequence}::text`, sqlLiteral(RESUME_KIND.afterTransactionId), lastInPage('id::text'))}
        ELSE ${cursor(`${stream}.stream_key::text`, `${sequence}::text`)} END`,
    };
  } else {
    // The net effect of the changes after `sequence`, in the order of each transaction's last change.
    const after = resume && 'afterSequence' in resume ? `${bind(build, resume.afterSequence)}::bigint` : sequence;
    const changed = changedTransactionsSql({ userId: '$1', sequence, itemId, afterSequence: after, limit: `${first} + 1` });
    rows = `SELECT t.*, ch.changed_id, ch.changed_plaid_id, ch.last_sequence AS changed_sequence, ch.latest, ch.added_since,
        t.id IS NOT NULL AS present, row_number() OVER (ORDER BY ch.last_sequence) AS position
      FROM (${changed}) ch LEFT JOIN transactions t ON t.id = ch.changed_id AND t.user_id = $1`;
    const removed = `(${row}.latest = 'removed' OR NOT ${row}.present)`;
    const last = `coalesce(${lastInPage('changed_sequence')}, 0)`;
    fields = {
      added: (_, added) => list('Transaction', added.selection, `NOT ${removed} AND ${row}.added_since`),
      modified: (_, modified) => list('Transaction', modified.selection, `NOT ${removed} AND NOT ${row}.added_since`),
      removed: (_, gone) => list('RemovedTransaction', gone.selection, removed),
      hasMore: () => `CASE WHEN ${hasMore} THEN 'true' ELSE 'false' END`,
      // Without more: everything up to the stream's position when the cursor was read is in.
      nextCursor: () => `CASE WHEN ${hasMore}
        THEN ${cursor(`${stream}.stream_key::text`, `${sequence}::text`, sqlLiteral(RESUME_KIND.afterSequence), `${last}::text`)}
        ELSE ${cursor(`${stream}.stream_key::text`, `greatest(${stream}.last_sequence, ${last}, ${after})::text`)} END`,
    };
  }
  // Over the rows as one group (HAVING: one row even when there are none); the extra row only says there is more.
  return `(SELECT CASE WHEN ${checks.join(' AND ')}
      THEN (SELECT ${objectOf('TransactionChanges', field.selection, fields, row, build)} FROM (${rows}) ${row} HAVING true) END
    FROM event_streams ${stream} WHERE ${stream}.user_id = $1)`;
}
