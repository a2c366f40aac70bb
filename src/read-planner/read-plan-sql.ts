import { getArgumentValues } from 'graphql';
import type { SpendingLimits } from '../config/config';
import { AccountType } from '../entities/account-type';
import { FlowDirection, RecurringFrequency, RecurringStreamStatus } from '../entities/recurring-stream-kinds';
import { DomainError } from '../errors/domain-error';
import { spendingRowsSql } from '../repositories/spending.repository';
import { NO_CURRENCY_CODE } from '../money/money';
import { streamConditions, streamOrder } from '../repositories/recurring-stream.repository';
import {
  changedTransactionsSql,
  changesAfterExistSql,
  criteriaConditions,
  ownedWalkSql,
  streamTransactionsCondition,
} from '../repositories/transaction.repository';
import { DateScalar } from '../schema/scalars';
import { NAMED_PLAID_TYPES, plaidTypesOf } from '../services/account-type';
import { isOpaqueId } from '../services/opaque-id';
import { streamCriteriaOf } from '../services/recurring-stream.service';
import { checkSpendingRange, type SpendingArgs } from '../services/spending.service';
import { decodeStreamCursor, RESUME_KIND, STREAM_CURSOR_SEPARATOR } from '../services/stream-cursor';
import { validChangeCount } from '../services/transaction-change-feed.service';
import { validPageArgs, wellFormedCriteria } from '../services/transaction-query.service';
import { base64url, jsonBoolean, jsonDateTime, jsonNumber, jsonString, nullableNumber, orNull, sqlLiteral } from './json-text-sql';
import type { PlannedField } from './read-plan';

/** The statement of a plan: `$1` is always the caller's user id, so every row it reads is scoped to the caller. */
export interface ReadStatement {
  sql: string;
  params: unknown[];
}

interface Build {
  params: unknown[];
  variables: Record<string, unknown>;
  maxPageSize: number;
  spending: SpendingLimits;
  aliases: number;
}

/** The JSON text of one field of a row (`row` is its SQL alias); NULL in SQL sends the request to the resolvers. */
type FieldSql = (row: string, field: PlannedField, build: Build) => string;

const bind = (build: Build, value: unknown) => `$${build.params.push(value)}`;
const alias = (build: Build, prefix: string) => `${prefix}${++build.aliases}`;
const argumentsOf = (field: PlannedField, build: Build) =>
  field.definition ? getArgumentValues(field.definition, field.node, build.variables) : {};

/** The SQL building the JSON object of a selection on one row, keys in the selection's order. */
function objectOf(
  typeName: string,
  selection: readonly PlannedField[],
  fields: Record<string, FieldSql>,
  row: string,
  build: Build,
): string {
  // Every field skipped: graphql-jit writes an empty object.
  if (selection.length === 0) return `'{}'::text`;
  const parts = selection.map((field, index) => {
    const key = `${sqlLiteral(`${index === 0 ? '{' : ','}${JSON.stringify(field.responseKey)}:`)}::text`;
    const value = field.fieldName === '__typename' ? sqlLiteral(JSON.stringify(typeName)) : fields[field.fieldName](row, field, build);
    return `${key} || (${value})`;
  });
  return `(${parts.join(' || ')} || '}')`;
}

const objectSql = (typeName: string, selection: readonly PlannedField[], row: string, build: Build) =>
  objectOf(typeName, selection, FIELDS[typeName], row, build);

/**
 * A JSON array of rows in order; a NULL element (a sentinel) makes the whole array NULL, which
 * string_agg alone would drop. OFFSET 0 keeps PostgreSQL from pulling the subquery up, which
 * would write each element (and every list nested in it) once per aggregate that reads it.
 */
function listSql(element: string, from: string, order: readonly string[]): string {
  const keys = order.map((expression, index) => `${expression} AS k${index}`).join(', ');
  const byKeys = order.map((_, index) => `x.k${index}`).join(', ');
  return `(SELECT CASE WHEN count(*) = count(x.o) THEN '[' || coalesce(string_agg(x.o, ',' ORDER BY ${byKeys}), '') || ']' END
    FROM (SELECT ${element} AS o, ${keys} FROM ${from} OFFSET 0) x)`;
}

/** A nullable object read by id: 'null' when there is no row, NULL (a sentinel) when the row's object is NULL. */
function nullableRowSql(element: string, from: string): string {
  return `(SELECT CASE WHEN count(*) = 0 THEN 'null' ELSE min(x.o) END FROM (SELECT ${element} AS o FROM ${from}) x)`;
}

const ADDRESS_COLUMNS = ['address_street', 'address_city', 'address_region', 'address_postal_code', 'address_country'];

const ITEM_ORDER = (row: string) => [`${row}.created_at`, `${row}.id`];
const ACCOUNT_ORDER = (row: string) => [`${row}.created_at`, `${row}.name`, `${row}.id`];

function itemsSql(field: PlannedField, build: Build, condition: (row: string) => string): string {
  const row = alias(build, 'i');
  return listSql(objectSql('Item', field.selection, row, build), `items ${row} WHERE ${condition(row)}`, ITEM_ORDER(row));
}

function accountsSql(field: PlannedField, build: Build, condition: (row: string) => string): string {
  const row = alias(build, 'a');
  return listSql(objectSql('Account', field.selection, row, build), `accounts ${row} WHERE ${condition(row)}`, ACCOUNT_ORDER(row));
}

/** The account a row names (`account_id`), as the accountById loader reads it; NULL when gone (the resolvers report it). */
const accountOfRowSql: FieldSql = (row, field, build) => {
  const account = alias(build, 'a');
  return `(SELECT ${objectSql('Account', field.selection, account, build)} FROM accounts ${account}
        WHERE ${account}.id = ${row}.account_id AND ${account}.user_id = $1)`;
};

/** The contract's AccountType of Plaid's stored type, as accountTypeOf maps it. */
function accountTypeSql(row: string): string {
  const named = Object.values(AccountType).flatMap((type) => {
    const plaidTypes = plaidTypesOf(type);
    return plaidTypes ? [`WHEN ${row}.type IN (${plaidTypes.map(sqlLiteral).join(', ')}) THEN ${sqlLiteral(JSON.stringify(type))}`] : [];
  });
  return `CASE ${named.join(' ')} ELSE ${sqlLiteral(JSON.stringify(AccountType.OTHER))} END`;
}

/** A page of transactions newest first on (date, id) where `scope` holds, with the arguments' filter and cursor. */
function connectionSql(field: PlannedField, build: Build, scope: string): string {
  let page;
  try {
    page = validPageArgs(argumentsOf(field, build), build.maxPageSize);
  } catch (error) {
    // Invalid arguments: the resolvers answer, with today's error and path.
    if (error instanceof DomainError) return 'NULL';
    throw error;
  }
  const criteria = wellFormedCriteria(page.criteria);
  const matches = [scope, ...(criteria ? criteriaConditions(criteria, build.params) : ['false'])].join(' AND ');
  const keyset = page.after ? ` AND (t.date, t.id) < (${bind(build, page.after.date)}::date, ${bind(build, page.after.id)}::uuid)` : '';
  const first = `${bind(build, page.first)}::int`;
  const row = alias(build, 'p');
  // The page's rows with each edge selection written once, in a subquery PostgreSQL keeps as it is
  // (OFFSET 0): the aggregates below read an edge twice (its count and its text).
  const rows = alias(build, 'q');
  const edgeColumns: string[] = [];
  const inPage = `FILTER (WHERE ${rows}.position <= ${first})`;
  const cursorOf = (of: string) => base64url(`${of}.date::text || '|' || ${of}.id::text`);
  const edgeFields: Record<string, FieldSql> = {
    cursor: () => `'"' || ${cursorOf(row)} || '"'`,
    node: (_, node) => objectSql('Transaction', node.selection, row, build),
  };
  const pageInfoFields: Record<string, FieldSql> = {
    hasNextPage: () => `CASE WHEN count(*) > ${first} THEN 'true' ELSE 'false' END`,
    endCursor: () => orNull(`to_json((array_agg(${cursorOf(rows)} ORDER BY ${rows}.position DESC) ${inPage})[1])::text`),
  };
  // Over the page's rows as one group (HAVING: one row even when nothing but totalCount is selected): edges aggregate the first `first`, the extra row only says there is a next page.
  const connectionFields: Record<string, FieldSql> = {
    totalCount: () => `(SELECT count(*)::int FROM transactions t WHERE ${matches})::text`,
    edges: (_, edges) => {
      const column = `${rows}.e${edgeColumns.length}`;
      edgeColumns.push(`${objectOf('TransactionEdge', edges.selection, edgeFields, row, build)} AS e${edgeColumns.length}`);
      return `CASE WHEN count(${column}) ${inPage} = count(*) ${inPage}
        THEN '[' || coalesce(string_agg(${column}, ',' ORDER BY ${rows}.position) ${inPage}, '') || ']' END`;
    },
    pageInfo: (_, pageInfo) => objectOf('PageInfo', pageInfo.selection, pageInfoFields, rows, build),
  };
  const connection = objectOf('TransactionConnection', field.selection, connectionFields, rows, build);
  return `(SELECT ${connection}
    FROM (SELECT ${[`${row}.*`, ...edgeColumns].join(', ')}
          FROM (SELECT t.*, row_number() OVER (ORDER BY t.date DESC, t.id DESC) AS position FROM transactions t
                 WHERE ${matches}${keyset} ORDER BY t.date DESC, t.id DESC LIMIT ${first} + 1) ${row}
          OFFSET 0) ${rows}
    HAVING true)`;
}

/**
 * transactionChanges as TransactionChangeFeedService answers it, from the same rows
 * (TransactionRepository's walk and change-log SQL) and with the same cursors. Whatever the
 * service would refuse (`count`, an id that is no Item of the caller's, a cursor that does not
 * decode, is another stream's, is ahead of it or expired), and a caller without a stream yet
 * (the service creates it: a write), make this NULL: a NULL in this non-null place makes the
 * whole answer NULL, and the request is answered again by the resolvers, with today's errors.
 */
function transactionChangesSql(field: PlannedField, build: Build): string {
  const args = argumentsOf(field, build) as { cursor?: string | null; count?: number | null; itemId?: string | null };
  let count;
  let decoded;
  try {
    count = validChangeCount(args.count);
    // As the service: an empty cursor is none.
    decoded = args.cursor ? decodeStreamCursor(args.cursor, 'cursor') : null;
  } catch (error) {
    if (error instanceof DomainError) return 'NULL';
    throw error;
  }
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
  const list = (typeName: string, selection: readonly PlannedField[], which: string) => {
    const element = objectSql(typeName, selection, row, build);
    const taken = `FILTER (WHERE ${inPage} AND ${which})`;
    return `CASE WHEN count(${element}) ${taken} = count(*) ${taken}
      THEN '[' || coalesce(string_agg(${element}, ',' ORDER BY ${row}.position) ${taken}, '') || ']' END`;
  };
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

/**
 * spending as SpendingService answers it, from the same rows (SpendingRepository's
 * spendingRowsSql) in the same order. A range the service would refuse makes this NULL: the
 * request is answered again by the resolvers, with their error.
 */
function spendingSql(field: PlannedField, build: Build): string {
  const args = argumentsOf(field, build) as unknown as SpendingArgs;
  try {
    checkSpendingRange(args.from, args.to, build.spending.maxRangeDays);
  } catch (error) {
    if (error instanceof DomainError) return 'NULL';
    throw error;
  }
  const rows = spendingRowsSql(
    {
      from: args.from,
      to: args.to,
      grouping: args.groupBy,
      criteria: wellFormedCriteria(args.filter ?? {}),
      maxGroups: build.spending.maxGroups,
    },
    '$1',
    build.params,
  );
  const row = alias(build, 'g');
  const groupFields: Record<string, FieldSql> = {
    key: text('key'),
    currencyCode: text('currency_code'),
    outflow: text('outflow'),
    inflow: text('inflow'),
    net: text('net'),
    transactionCount: (of) => `${of}.transaction_count::text`,
  };
  const list =
    (which: string): FieldSql =>
    (_, groups) => {
      const element = objectOf('SpendingGroup', groups.selection, groupFields, row, build);
      const taken = `FILTER (WHERE ${which})`;
      return `CASE WHEN count(${element}) ${taken} = count(*) ${taken}
        THEN '[' || coalesce(string_agg(${element}, ',' ORDER BY ${row}.position) ${taken}, '') || ']' END`;
    };
  // The dates as the resolvers hand them back, through the same scalar.
  const date = (value: string) => () => jsonString(`${bind(build, DateScalar.serialize(value))}::text`);
  const summaryFields: Record<string, FieldSql> = {
    from: date(args.from),
    to: date(args.to),
    groups: list(`NOT ${row}.total`),
    totals: list(`${row}.total`),
  };
  // Over the rows as one group (HAVING: one row even when there are none).
  return `(SELECT ${objectOf('SpendingSummary', field.selection, summaryFields, row, build)} FROM (${rows}) ${row} HAVING true)`;
}

/**
 * recurringStreams as RecurringStreamService answers it, from the same streams
 * (RecurringStreamRepository's conditions and order). A filter the service would refuse makes
 * this NULL: the request is answered again by the resolvers, with their error.
 */
function recurringStreamsSql(field: PlannedField, build: Build): string {
  let criteria;
  try {
    criteria = streamCriteriaOf(argumentsOf(field, build), build.maxPageSize);
  } catch (error) {
    if (error instanceof DomainError) return 'NULL';
    throw error;
  }
  if (!criteria) return `'[]'`;
  const row = alias(build, 'rs');
  // One key, the repository's order, as listSql's keys sort ascending only.
  return listSql(
    objectSql('RecurringStream', field.selection, row, build),
    `recurring_streams ${row} WHERE ${streamConditions(row, '$1', criteria, build.params)}`,
    [`row_number() OVER (ORDER BY ${streamOrder(row).join(', ')})`],
  );
}

/** A stored enum's name, as graphql-js serializes its value; a value not in it is NULL (the resolvers answer, and report it). */
function enumSql(values: Record<string, string>): (column: string) => FieldSql {
  return (column) => (row) =>
    `CASE ${Object.entries(values)
      .map(([name, value]) => `WHEN ${row}.${column} = ${sqlLiteral(value)} THEN ${sqlLiteral(JSON.stringify(name))}`)
      .join(' ')} END`;
}

/**
 * Types answered by their parent's SQL from its rows: connectionSql's page, transactionChangesSql's
 * changes, spendingSql's groups, and moneySql's amount with its row's currency.
 */
const ROW_SET_FIELDS: Record<string, readonly string[]> = {
  SpendingSummary: ['from', 'to', 'groups', 'totals'],
  SpendingGroup: ['key', 'currencyCode', 'outflow', 'inflow', 'net', 'transactionCount'],
  TransactionConnection: ['edges', 'pageInfo', 'totalCount'],
  TransactionEdge: ['cursor', 'node'],
  PageInfo: ['endCursor', 'hasNextPage'],
  TransactionChanges: ['added', 'modified', 'removed', 'nextCursor', 'hasMore'],
  Money: ['amount', 'currencyCode'],
};

/**
 * Money (moneyOf) from a numeric column and its row's currency columns: the numeric's own text,
 * as node-pg hands it to the resolvers. NaN or Infinity, which no Decimal can be, is NULL: the
 * resolvers answer (and report it).
 */
function moneySql(column: string, nullable: boolean): FieldSql {
  return (row, field, build) => {
    const amount = `${row}.${column}`;
    const money = objectOf(
      'Money',
      field.selection,
      {
        amount: () => `CASE WHEN ${amount} NOT IN ('NaN', 'Infinity', '-Infinity') THEN ${jsonString(`${amount}::text`)} END`,
        currencyCode: () =>
          jsonString(`coalesce(${row}.iso_currency_code, ${row}.unofficial_currency_code, ${sqlLiteral(NO_CURRENCY_CODE)})`),
      },
      row,
      build,
    );
    return nullable ? `CASE WHEN ${amount} IS NULL THEN 'null' ELSE ${money} END` : money;
  };
}

const text =
  (column: string): FieldSql =>
  (row) =>
    jsonString(`${row}.${column}`);
const nullableText =
  (column: string): FieldSql =>
  (row) =>
    orNull(jsonString(`${row}.${column}`));
const timestamp =
  (column: string): FieldSql =>
  (row) =>
    jsonDateTime(`${row}.${column}`);
const nullableTimestamp =
  (column: string): FieldSql =>
  (row) =>
    orNull(jsonDateTime(`${row}.${column}`));
const nullableFloat =
  (column: string): FieldSql =>
  (row) =>
    nullableNumber(`${row}.${column}`);

/** An opaque id argument, or SQL NULL (matching no row) for one that cannot be ours, as the services treat it. */
const idArgument = (field: PlannedField, build: Build, name: string) => {
  const id = argumentsOf(field, build)[name] as string;
  return isOpaqueId(id) ? `${bind(build, id)}::uuid` : 'NULL::uuid';
};

/**
 * Every field the planner answers, per type, with the SQL of its JSON; a field not here makes
 * its operation fall back to the resolvers. Each mirrors its resolver and mapping
 * (src/resolvers/*-mapping.ts), reading the rows the same services would read.
 */
const FIELDS: Record<string, Record<string, FieldSql>> = {
  Query: {
    me: (_, field, build) => objectSql('User', field.selection, '', build),
    items: (_, field, build) => {
      const { status } = argumentsOf(field, build) as { status?: string | null };
      return itemsSql(field, build, (row) => `${row}.user_id = $1${status ? ` AND ${row}.status = ${bind(build, status)}` : ''}`);
    },
    item: (_, field, build) => {
      const row = alias(build, 'i');
      return nullableRowSql(
        objectSql('Item', field.selection, row, build),
        `items ${row} WHERE ${row}.id = ${idArgument(field, build, 'id')} AND ${row}.user_id = $1`,
      );
    },
    accounts: (_, field, build) => {
      const { itemId, type } = argumentsOf(field, build) as { itemId?: string | null; type?: AccountType | null };
      // An Item id that cannot be one filters everything out (AccountService.list).
      if (itemId != null && !isOpaqueId(itemId)) return `'[]'`;
      const types = type != null ? plaidTypesOf(type) : undefined;
      return accountsSql(field, build, (row) =>
        [
          `${row}.user_id = $1`,
          ...(itemId != null ? [`${row}.item_id = ${bind(build, itemId)}::uuid`] : []),
          ...(types ? [`${row}.type = ANY(${bind(build, types)}::text[])`] : []),
          ...(types === null ? [`NOT (${row}.type = ANY(${bind(build, NAMED_PLAID_TYPES)}::text[]))`] : []),
        ].join(' AND '),
      );
    },
    account: (_, field, build) => {
      const row = alias(build, 'a');
      return nullableRowSql(
        objectSql('Account', field.selection, row, build),
        `accounts ${row} WHERE ${row}.id = ${idArgument(field, build, 'id')} AND ${row}.user_id = $1`,
      );
    },
    transactions: (_, field, build) => connectionSql(field, build, 't.user_id = $1'),
    transaction: (_, field, build) => {
      const row = alias(build, 't');
      return nullableRowSql(
        objectSql('Transaction', field.selection, row, build),
        `transactions ${row} WHERE ${row}.id = ${idArgument(field, build, 'id')} AND ${row}.user_id = $1`,
      );
    },
    transactionChanges: (_, field, build) => transactionChangesSql(field, build),
    spending: (_, field, build) => spendingSql(field, build),
    recurringStreams: (_, field, build) => recurringStreamsSql(field, build),
    balances: (_, field, build) => {
      const { accountIds } = argumentsOf(field, build) as { accountIds?: string[] | null };
      const row = alias(build, 'a');
      const balance = objectSql('Balance', field.selection, row, build);
      if (accountIds == null) return listSql(balance, `accounts ${row} WHERE ${row}.user_id = $1`, ACCOUNT_ORDER(row));
      // Each id must be one of the caller's accounts, spelled as its id is (AccountService.getMany):
      // one that is not leaves a NULL, and the resolvers answer NOT_FOUND.
      return listSql(
        `CASE WHEN ${row}.id IS NOT NULL THEN ${balance} END`,
        `unnest(${bind(build, [...new Set(accountIds)])}::text[]) WITH ORDINALITY AS u(id, position)
          LEFT JOIN accounts ${row} ON ${row}.id::text = u.id AND ${row}.user_id = $1`,
        ['u.position'],
      );
    },
  },
  User: {
    id: () => jsonString('$1::text'),
    items: (_, field, build) => itemsSql(field, build, (row) => `${row}.user_id = $1`),
    profile: (_, field, build) => {
      const row = alias(build, 'pr');
      return nullableRowSql(objectSql('Profile', field.selection, row, build), `user_profiles ${row} WHERE ${row}.user_id = $1`);
    },
  },
  Profile: {
    legalName: nullableText('legal_name'),
    email: nullableText('email'),
    phoneNumber: nullableText('phone_number'),
    // toProfile: an address only when any of its parts is known.
    address: (row, field, build) =>
      `CASE WHEN num_nonnulls(${ADDRESS_COLUMNS.map((column) => `${row}.${column}`).join(', ')}) > 0
        THEN ${objectSql('Address', field.selection, row, build)} ELSE 'null' END`,
  },
  Address: {
    street: nullableText('address_street'),
    city: nullableText('address_city'),
    region: nullableText('address_region'),
    postalCode: nullableText('address_postal_code'),
    country: nullableText('address_country'),
  },
  Item: {
    id: text('id'),
    plaidItemId: text('plaid_item_id'),
    institutionId: nullableText('institution_id'),
    institutionName: nullableText('institution_name'),
    status: text('status'),
    // itemErrorOf: an error only when Plaid gave both its code and its type.
    error: (row, field, build) =>
      `CASE WHEN ${row}.error_code <> '' AND ${row}.error_type <> '' THEN ${objectSql('ItemError', field.selection, row, build)} ELSE 'null' END`,
    products: (row) => `to_json(${row}.products)::text`,
    consentExpiresAt: nullableTimestamp('consent_expires_at'),
    newAccountsAvailable: (row) => jsonBoolean(`${row}.new_accounts_available`),
    lastSyncedAt: nullableTimestamp('last_synced_at'),
    transactionsUpdateStatus: nullableText('transactions_update_status'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    accounts: (row, field, build) => accountsSql(field, build, (account) => `${account}.item_id = ${row}.id AND ${account}.user_id = $1`),
    transactions: (row, field, build) => connectionSql(field, build, `t.item_id = ${row}.id`),
  },
  ItemError: {
    code: text('error_code'),
    type: text('error_type'),
    message: (row) => jsonString(`coalesce(${row}.error_message, '')`),
    displayMessage: nullableText('error_display_message'),
  },
  Account: {
    id: text('id'),
    plaidAccountId: text('plaid_account_id'),
    name: text('name'),
    officialName: nullableText('official_name'),
    mask: nullableText('mask'),
    type: (row) => accountTypeSql(row),
    subtype: nullableText('subtype'),
    balance: (row, field, build) => objectSql('Balance', field.selection, row, build),
    item: (row, field, build) => {
      const item = alias(build, 'i');
      return `(SELECT ${objectSql('Item', field.selection, item, build)} FROM items ${item} WHERE ${item}.id = ${row}.item_id AND ${item}.user_id = $1)`;
    },
    transactions: (row, field, build) => connectionSql(field, build, `t.account_id = ${row}.id`),
  },
  Balance: {
    accountId: text('id'),
    available: nullableFloat('balance_available'),
    current: nullableFloat('balance_current'),
    limit: nullableFloat('balance_limit'),
    currentMoney: moneySql('balance_current', true),
    availableMoney: moneySql('balance_available', true),
    limitMoney: moneySql('balance_limit', true),
    isoCurrencyCode: nullableText('iso_currency_code'),
    unofficialCurrencyCode: nullableText('unofficial_currency_code'),
    lastUpdatedAt: timestamp('balance_updated_at'),
    isRealtime: () => `'false'`,
  },
  /** A row of transactionChangesSql's changes. */
  RemovedTransaction: {
    id: text('changed_id'),
    plaidTransactionId: text('changed_plaid_id'),
  },
  Transaction: {
    id: text('id'),
    plaidTransactionId: text('plaid_transaction_id'),
    amount: (row) => jsonNumber(`${row}.amount`),
    money: moneySql('amount', false),
    isoCurrencyCode: nullableText('iso_currency_code'),
    unofficialCurrencyCode: nullableText('unofficial_currency_code'),
    date: text('date'),
    authorizedDate: nullableText('authorized_date'),
    name: text('name'),
    merchantName: nullableText('merchant_name'),
    category: nullableText('category'),
    categoryDetailed: nullableText('category_detailed'),
    pending: (row) => jsonBoolean(`${row}.pending`),
    pendingTransactionId: nullableText('pending_transaction_id'),
    paymentChannel: nullableText('payment_channel'),
    logoUrl: nullableText('logo_url'),
    website: nullableText('website'),
    account: accountOfRowSql,
    annotation: (row, field, build) => {
      const annotation = alias(build, 'an');
      return nullableRowSql(
        objectSql('TransactionAnnotation', field.selection, annotation, build),
        `transaction_annotations ${annotation} WHERE ${annotation}.transaction_id = ${row}.id AND ${annotation}.user_id = $1`,
      );
    },
    // The resolver's: the caller's override, else Plaid's category.
    effectiveCategory: (row, _, build) => {
      const annotation = alias(build, 'an');
      return orNull(
        jsonString(`coalesce((SELECT ${annotation}.category_override FROM transaction_annotations ${annotation}
          WHERE ${annotation}.transaction_id = ${row}.id AND ${annotation}.user_id = $1), ${row}.category)`),
      );
    },
  },
  RecurringStream: {
    id: text('id'),
    direction: enumSql(FlowDirection)('direction'),
    description: text('description'),
    merchantName: nullableText('merchant_name'),
    category: nullableText('category'),
    frequency: enumSql(RecurringFrequency)('frequency'),
    status: enumSql(RecurringStreamStatus)('status'),
    isActive: (row) => jsonBoolean(`${row}.is_active`),
    averageAmount: moneySql('average_amount', false),
    lastAmount: moneySql('last_amount', false),
    firstDate: text('first_date'),
    lastDate: text('last_date'),
    predictedNextDate: nullableText('predicted_next_date'),
    account: accountOfRowSql,
    transactions: (row, field, build) => connectionSql(field, build, streamTransactionsCondition(`${row}.id`)),
  },
  TransactionAnnotation: {
    categoryOverride: nullableText('category_override'),
    note: nullableText('note'),
    tags: (row) => `to_json(${row}.tags)::text`,
    hidden: (row) => jsonBoolean(`${row}.hidden`),
    updatedAt: timestamp('updated_at'),
  },
};

/** Whether the planner answers this field of this type (every field of the operation must be). */
export function isPlannedField(typeName: string, fieldName: string): boolean {
  return (
    (Object.hasOwn(FIELDS, typeName) && Object.hasOwn(FIELDS[typeName], fieldName)) ||
    (ROW_SET_FIELDS[typeName]?.includes(fieldName) ?? false)
  );
}

/** The one statement answering a planned operation's `data` as JSON text (NULL: the resolvers answer instead). */
export function readStatement(
  selection: readonly PlannedField[],
  userId: string,
  variables: Record<string, unknown>,
  limits: { maxPageSize: number; spending: SpendingLimits },
): ReadStatement {
  const build: Build = { params: [userId], variables, maxPageSize: limits.maxPageSize, spending: limits.spending, aliases: 0 };
  // The caller's id is always read, typed: a selection that reads no row (only __typename) leaves no $1 otherwise.
  return {
    sql: `SELECT ${objectSql('Query', selection, '', build)} AS data FROM (SELECT $1::text) AS caller(user_id)`,
    params: build.params,
  };
}
