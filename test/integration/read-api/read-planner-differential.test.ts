import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  OperationTypeNode,
  parse,
  typeFromAST,
  validate,
  type DocumentNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { encodeStreamCursor } from '../../../src/services/stream-cursor';
import { encodeTransactionCursor } from '../../../src/services/transaction-cursor';
import { daysAgo } from '../../support/dates';
import { seededRandom } from '../../support/hostile-documents';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/**
 * Every read operation answered by the planner (READ_PLANNER=on) and by the resolvers
 * (READ_PLANNER=off) over the same rows must be the same bytes: the read queries of the test
 * suite, the reference app and the guides, and generated selections (seeded; the seed is
 * printed, READ_PLANNER_SEED replays one).
 */

const ROOT = path.resolve(__dirname, '../../..');
const READ_ROOTS = new Set([
  'me',
  'items',
  'item',
  'accounts',
  'account',
  'transactions',
  'transaction',
  'transactionChanges',
  'balances',
  'spending',
  'recurringStreams',
]);
const GENERATED_SELECTIONS = 600;

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  user: 'rich' | 'empty' | 'other';
}

interface Seeded {
  rich: string;
  empty: string;
  other: string;
  /** The rich user's ids, and the other user's (which the rich user must not see). */
  ids: { items: string[]; accounts: string[]; transactions: string[]; otherItem: string; otherAccount: string; otherTransaction: string };
  cursors: string[];
  /** transactionChanges cursors of the rich user: valid ones (walk and change-log positions), and refused ones. */
  changeCursors: { valid: string[]; refused: string[] };
}

/** Awkward amounts: trailing zeros, signs, large, tiny, integers, beyond 15 digits (the resolvers answer those). */
const AMOUNTS = [
  '12.30',
  '-45.10',
  '0.01',
  '-0.001',
  '1000000.00',
  '99999999999.99',
  '0.0000001',
  '100',
  '-7',
  '123456789012.345',
  '0.10',
  '5e-7',
];
const NAMES = ['Café "Zoë"', "O'Brien's \\ back\\slash", 'tab\there\nnewline \u0001 ctrl', '日本語 🚀 emoji', '</script><b>', 'plain'];

async function seedRows(gw: TestGateway): Promise<Seeded> {
  const db = gw.gateway.dataSource;
  const rich = newUserId('planner-rich');
  const empty = newUserId('planner-empty');
  const other = newUserId('planner-other');
  const item = async (userId: string, fields: Record<string, unknown>): Promise<string> => {
    const id = randomUUID();
    const columns = ['id', 'user_id', 'plaid_item_id', 'access_token_ciphertext', 'access_token_key_id', ...Object.keys(fields)];
    const values = [id, userId, `plaid-${id}`, Buffer.from([0]), 'unused', ...Object.values(fields)];
    await db.query(`INSERT INTO items (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
    return id;
  };
  const account = async (userId: string, itemId: string, fields: Record<string, unknown>): Promise<string> => {
    const columns = ['item_id', 'user_id', 'plaid_account_id', 'balance_updated_at', ...Object.keys(fields)];
    const values = [itemId, userId, `acc-${randomUUID()}`, new Date(Date.now() - 123_456), ...Object.values(fields)];
    const [row] = await db.query<Array<{ id: string }>>(
      `INSERT INTO accounts (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      values,
    );
    return row.id;
  };
  const transaction = async (userId: string, itemId: string, accountId: string, fields: Record<string, unknown>) => {
    const columns = ['user_id', 'item_id', 'account_id', 'plaid_transaction_id', ...Object.keys(fields)];
    const values = [userId, itemId, accountId, `tx-${randomUUID()}`, ...Object.values(fields)];
    await db.query(`INSERT INTO transactions (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
  };

  const first = await item(rich, {
    institution_id: 'ins_109508',
    institution_name: NAMES[0],
    status: 'LOGIN_REQUIRED',
    error_type: 'ITEM_ERROR',
    error_code: 'ITEM_LOGIN_REQUIRED',
    error_message: NAMES[2],
    error_display_message: null,
    products: ['transactions', 'auth'],
    consent_expires_at: new Date(Date.now() + 86_400_000),
    new_accounts_available: true,
    transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
    last_synced_at: new Date(),
  });
  // Every nullable column null, an error code without a type (no error), no products.
  const second = await item(rich, { error_code: 'SOMETHING', products: [] });
  // A removed Item: revoked, its accounts and transactions gone.
  await item(rich, { status: 'REVOKED', institution_name: NAMES[1], error_type: '', error_code: '' });
  const types = ['depository', 'credit', 'loan', 'investment', 'brokerage', 'mystery'];
  const accounts: Array<{ id: string; itemId: string }> = [];
  for (const [index, type] of types.entries()) {
    const itemId = index < 4 ? first : second;
    const id = await account(rich, itemId, {
      name: NAMES[index % NAMES.length],
      official_name: index % 2 ? null : `Official ${NAMES[(index + 1) % NAMES.length]}`,
      mask: index % 3 ? null : '0042',
      type,
      subtype: index % 2 ? 'checking' : null,
      balance_current: index === 5 ? null : AMOUNTS[index],
      balance_available: index % 2 ? null : AMOUNTS[(index + 3) % AMOUNTS.length],
      // Beyond 15 digits a double cannot carry it exactly: the resolvers answer what reads it.
      balance_limit: index === 1 ? '5000.00' : index === 3 ? '12345678901234567.89' : null,
      iso_currency_code: index === 4 ? null : 'USD',
      unofficial_currency_code: index === 4 ? 'BTC' : null,
    });
    accounts.push({ id, itemId });
  }
  for (let n = 0; n < 40; n += 1) {
    const { id, itemId } = accounts[n % accounts.length];
    await transaction(rich, itemId, id, {
      amount: AMOUNTS[n % AMOUNTS.length],
      iso_currency_code: n % 7 ? 'USD' : null,
      unofficial_currency_code: n % 7 ? null : 'BTC',
      // Several on one day: the page's order falls to the id.
      date: daysAgo(Math.floor(n / 4)),
      authorized_date: n % 3 ? daysAgo(Math.floor(n / 4) + 1) : null,
      name: `${NAMES[n % NAMES.length]} ${n}`,
      merchant_name: n % 4 ? `Merchant ${NAMES[(n + 2) % NAMES.length]}` : null,
      category: n % 5 ? 'FOOD_AND_DRINK' : null,
      category_detailed: n % 5 ? 'FOOD_AND_DRINK_COFFEE' : null,
      pending: n < 6,
      pending_transaction_id: n % 9 ? null : `pending-${n}`,
      payment_channel: n % 2 ? 'online' : null,
      logo_url: n % 6 ? null : 'https://example.com/logo.png',
      website: n % 8 ? null : 'example.com',
    });
  }
  // A profile with part of an address; the other users have none.
  await db.query(`INSERT INTO user_profiles (user_id, legal_name, email, address_city, address_country) VALUES ($1, $2, NULL, $3, 'US')`, [
    rich,
    NAMES[3],
    NAMES[1],
  ]);
  const otherItem = await item(other, { institution_name: 'Other bank' });
  const otherAccount = await account(other, otherItem, { name: 'Other account', type: 'depository', balance_current: '1.00' });
  await transaction(other, otherItem, otherAccount, { amount: '3.50', date: daysAgo(1), name: 'Other purchase', pending: false });

  await seedRecurringStreams(gw, rich, accounts, otherAccount);
  await seedAnnotations(gw, rich, other);
  const changeCursors = await seedChangeLog(gw, rich);
  const ids = async (sql: string, userId: string) => (await db.query<Array<{ id: string }>>(sql, [userId])).map((row) => row.id);
  const transactions = await db.query<Array<{ id: string; date: string }>>(
    'SELECT id, date::text AS date FROM transactions WHERE user_id = $1 ORDER BY date DESC, id DESC',
    [rich],
  );
  return {
    rich,
    empty,
    other,
    ids: {
      items: await ids('SELECT id FROM items WHERE user_id = $1 ORDER BY created_at, id', rich),
      accounts: accounts.map((entry) => entry.id),
      transactions: transactions.map((row) => row.id),
      otherItem,
      otherAccount,
      otherTransaction: (await ids('SELECT id FROM transactions WHERE user_id = $1', other))[0],
    },
    cursors: transactions.filter((_, index) => index % 7 === 3).map(encodeTransactionCursor),
    changeCursors,
  };
}

/** Tags the generated filters ask for: some carried by several transactions, one by none. */
const TAGS = ['trip', NAMES[3], 'a"b\\c', 'none'];

/**
 * Annotations of a third of the rich user's transactions: overrides (awkward text too), notes,
 * tag sets, hidden or not, an empty one, timestamps with microseconds; and one of the other
 * user's, which the rich user must never see.
 */
async function seedAnnotations(gw: TestGateway, rich: string, other: string): Promise<void> {
  const db = gw.gateway.dataSource;
  const rows = await db.query<Array<{ id: string; user_id: string }>>(
    'SELECT id, user_id FROM transactions WHERE user_id = ANY($1::text[]) ORDER BY user_id = $2, id',
    [[rich, other], other],
  );
  for (const [n, row] of rows.entries()) {
    if (row.user_id === rich && n % 3 !== 0) continue;
    await db.query(
      `INSERT INTO transaction_annotations (transaction_id, user_id, category_override, note, tags, hidden, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() - make_interval(secs => $7))`,
      [
        row.id,
        row.user_id,
        n % 2 ? null : ['MY_OWN', NAMES[n % NAMES.length], 'FOOD_AND_DRINK'][n % 3],
        n % 4 ? NAMES[(n + 1) % NAMES.length] : null,
        n % 5 === 0 ? [] : TAGS.slice(0, 1 + (n % 3)),
        n % 2 === 0,
        n * 1.234567,
      ],
    );
  }
}

/**
 * Recurring streams as a refresh writes them: the rich user's name some of their transactions
 * (one a pending id that a posted transaction replaced), in awkward amounts and currencies, active
 * and not; the other user's one names theirs.
 */
async function seedRecurringStreams(
  gw: TestGateway,
  userId: string,
  accounts: Array<{ id: string; itemId: string }>,
  otherAccount: string,
): Promise<void> {
  const db = gw.gateway.dataSource;
  const stream = async (account: { id: string; itemId: string }, owner: string, n: number, plaidTransactionIds: string[]) =>
    db.query(
      `INSERT INTO recurring_streams (user_id, item_id, account_id, plaid_stream_id, direction, description, merchant_name, category,
         frequency, status, is_active, average_amount, last_amount, iso_currency_code, unofficial_currency_code, first_date, last_date,
         predicted_next_date, plaid_transaction_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [
        owner,
        account.itemId,
        account.id,
        `stream-${randomUUID()}`,
        n % 2 ? 'INFLOW' : 'OUTFLOW',
        NAMES[n % NAMES.length],
        n % 3 ? `Merchant ${NAMES[(n + 1) % NAMES.length]}` : null,
        n % 4 ? 'INCOME' : null,
        ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'UNKNOWN'][n % 4],
        ['MATURE', 'EARLY_DETECTION', 'TOMBSTONED'][n % 3],
        n % 3 !== 2,
        AMOUNTS[n % AMOUNTS.length],
        AMOUNTS[(n + 5) % AMOUNTS.length],
        n === 4 ? null : 'USD',
        n === 4 ? 'BTC' : null,
        daysAgo(60 + n),
        daysAgo(n),
        n % 2 ? daysAgo(-7) : null,
        plaidTransactionIds,
      ],
    );
  const rows = await db.query<Array<{ account_id: string; plaid_transaction_id: string; pending_transaction_id: string | null }>>(
    'SELECT account_id, plaid_transaction_id, pending_transaction_id FROM transactions WHERE user_id = $1 ORDER BY id',
    [userId],
  );
  for (const [n, account] of accounts.entries()) {
    const own = rows.filter((row) => row.account_id === account.id);
    // A pending id (replaced by its posted transaction) as Plaid's stream may still name it.
    const named = own.slice(0, 1 + (n % 4)).map((row) => row.pending_transaction_id ?? row.plaid_transaction_id);
    await stream(account, userId, n, n === 5 ? [] : named);
  }
  const [other] = await db.query<Array<{ item_id: string; plaid_transaction_id: string }>>(
    'SELECT item_id, plaid_transaction_id FROM transactions WHERE account_id = $1',
    [otherAccount],
  );
  await stream(
    { id: otherAccount, itemId: other.item_id },
    (await db.query<Array<{ user_id: string }>>('SELECT user_id FROM accounts WHERE id = $1', [otherAccount]))[0].user_id,
    1,
    [other.plaid_transaction_id],
  );
}

/**
 * The rich user's change log, written as the repositories write it: added, modified, removed
 * (one whose row is still there, one whose row is gone), positions below what retention kept;
 * and cursors into it, from each kind the service hands out, and ones it refuses.
 */
async function seedChangeLog(gw: TestGateway, userId: string): Promise<Seeded['changeCursors']> {
  const db = gw.gateway.dataSource;
  type Logged = { id: string; item_id: string; plaid_transaction_id: string };
  const rows = await db.query<Logged[]>('SELECT id, item_id, plaid_transaction_id FROM transactions WHERE user_id = $1 ORDER BY id', [
    userId,
  ]);
  const gone: Logged = { id: randomUUID(), item_id: rows[0].item_id, plaid_transaction_id: `tx-gone-${randomUUID()}` };
  const log: Array<[Logged, string]> = [
    [rows[6], 'modified'],
    [rows[7], 'added'],
    [rows[0], 'added'],
    [rows[1], 'modified'],
    [rows[0], 'modified'],
    [rows[2], 'removed'],
    [gone, 'added'],
    [gone, 'removed'],
    [rows[3], 'added'],
    [rows[4], 'modified'],
    [rows[5], 'modified'],
    [rows[1], 'modified'],
  ];
  const streamKey = randomUUID();
  // Positions 1 and 2 are older than retention keeps: a cursor at 1 is CURSOR_EXPIRED.
  await db.query('INSERT INTO event_streams (user_id, stream_key, last_sequence, pruned_through) VALUES ($1, $2, $3, 2)', [
    userId,
    streamKey,
    log.length,
  ]);
  for (const [index, [row, change]] of log.entries())
    await db.query(
      'INSERT INTO transaction_changes (user_id, sequence, item_id, transaction_id, plaid_transaction_id, change) VALUES ($1, $2, $3, $4, $5, $6)',
      [userId, index + 1, row.item_id, row.id, row.plaid_transaction_id, change],
    );
  const at = (sequence: number, resume?: { afterTransactionId: string } | { afterSequence: number }) =>
    encodeStreamCursor({ streamKey, sequence, resume });
  return {
    valid: [
      at(2),
      at(4),
      at(3, { afterSequence: 6 }),
      at(log.length),
      at(log.length, { afterTransactionId: rows[10].id }),
      at(5, { afterSequence: 9 }),
    ],
    refused: [
      at(1),
      at(log.length + 1),
      at(3, { afterSequence: log.length + 1 }),
      encodeStreamCursor({ streamKey: randomUUID(), sequence: 3 }),
      Buffer.from(`${streamKey}.3.x.y`, 'utf8').toString('base64url'),
      encodeStreamCursor({ streamKey: streamKey.toUpperCase(), sequence: 3 }),
      'not-a-cursor',
    ],
  };
}

/** Query strings in a source file: template literals and quoted strings that parse as a document, and ```graphql blocks. */
function documentsIn(text: string): string[] {
  const candidates = [
    ...[...text.matchAll(/`([^`$]*)`/g)].map((match) => match[1]),
    ...[...text.matchAll(/'((?:query|\{)[^'\n]*)'/g)].map((match) => match[1]),
    ...[...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]),
  ];
  return candidates.filter((candidate) => /^\s*(query\b|\{|fragment\b)/.test(candidate));
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx|md|graphql)$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** A value for a variable the extracted document declares, from the rich user's rows. */
function valueFor(name: string, type: GraphQLInputType, seeded: Seeded): unknown {
  if (isNonNullType(type)) return valueFor(name, type.ofType, seeded);
  if (isListType(type)) return [valueFor(name, type.ofType, seeded)];
  const named = getNamedType(type);
  const lower = name.toLowerCase();
  if (named.name === 'ID')
    return lower.includes('account')
      ? seeded.ids.accounts[0]
      : lower.includes('transaction')
        ? seeded.ids.transactions[0]
        : seeded.ids.items[0];
  if (named.name === 'Int') return 3;
  if (named.name === 'Boolean') return true;
  if (named.name === 'String')
    return lower.includes('after') ? seeded.cursors[0] : lower.includes('cursor') ? seeded.changeCursors.valid[0] : 'Caf';
  if (named.name === 'Date') return daysAgo(3);
  if (named.name === 'Decimal') return '12.30';
  if (isEnumType(named)) return named.getValues()[0].value;
  return {};
}

async function extractedCases(schema: GraphQLSchema, seeded: Seeded): Promise<Case[]> {
  const files = [
    ...(await filesUnder(path.join(ROOT, 'test'))),
    ...(await filesUnder(path.join(ROOT, 'examples'))),
    ...(await filesUnder(path.join(ROOT, 'docs'))),
    path.join(ROOT, 'README.md'),
  ];
  const seen = new Set<string>();
  const cases: Case[] = [];
  for (const file of files) {
    for (const query of documentsIn(await readFile(file, 'utf8'))) {
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch {
        continue;
      }
      // Real-time balances call Plaid (and store what it says): not a read of stored data, and no two answers alike.
      if (validate(schema, document).length > 0 || seen.has(query) || /\brealtime\b/.test(query)) continue;
      seen.add(query);
      for (const operation of document.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== OperationTypeNode.QUERY) continue;
        const roots = operation.selectionSet.selections
          .filter((selection) => selection.kind === Kind.FIELD)
          .map((field) => field.name.value);
        if (!roots.some((root) => READ_ROOTS.has(root))) continue;
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).map((definition) => {
            const type = typeFromAST(schema, definition.type) as GraphQLInputType;
            return [definition.variable.name.value, valueFor(definition.variable.name.value, type, seeded)];
          }),
        );
        const name = path.relative(ROOT, file);
        for (const user of ['rich', 'empty'] as const)
          cases.push({ name: `${name} ${operation.name?.value ?? ''}`, query, variables, operationName: operation.name?.value, user });
      }
    }
  }
  return cases;
}

/** Random read selections: aliases, named and inline fragments, @include/@skip with variables, filters, page sizes, cursors. */
function generatedCases(schema: GraphQLSchema, seeded: Seeded, seed: number, count: number): Case[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const queryType = schema.getQueryType()!;

  const generate = (): Case => {
    const variables: Record<string, unknown> = {};
    const definitions: string[] = [];
    const fragments: string[] = [];
    let aliases = 0;
    const variable = (type: string, value: unknown) => {
      const name = `v${definitions.length}`;
      definitions.push(`$${name}: ${type}`);
      variables[name] = value;
      return `$${name}`;
    };
    const directive = () => {
      if (!chance(0.15)) return '';
      const name = chance(0.5) ? 'include' : 'skip';
      const condition = chance(0.6) ? variable('Boolean!', chance(0.5)) : String(chance(0.5));
      return ` @${name}(if: ${condition})`;
    };
    const filterArgument = () => {
      const filter: Record<string, unknown> = {};
      if (chance(0.3)) filter.search = pick(['caf', 'MERCHANT', '日本', '"', "'", '%', '_', '\\']);
      if (chance(0.3)) filter.from = daysAgo(pick([2, 5, 20]));
      if (chance(0.3)) filter.to = daysAgo(pick([0, 3, 8]));
      if (chance(0.2)) filter.pending = chance(0.5);
      if (chance(0.2)) filter.minAmount = pick([-1, 0, 0.01, 12.3]);
      if (chance(0.2)) filter.maxAmount = pick([0, 100, 1e6]);
      // Exact bounds, equal to stored amounts written otherwise (12.3 is 12.30), and a malformed one.
      if (chance(0.2)) filter.minExactAmount = pick(['-0.001', '0', '0.0000001', '12.3', '-45.10', '1e3']);
      if (chance(0.2)) filter.maxExactAmount = pick(['0', '12.30', '100', '123456789012.345', '-7']);
      if (chance(0.1)) filter.category = pick(['FOOD_AND_DRINK', 'FOOD_AND_DRINK_COFFEE', 'NONE', 'MY_OWN']);
      if (chance(0.15)) filter.tags = pick([[], [pick(TAGS)], [TAGS[0], TAGS[1]], [` ${TAGS[0]} `], null]);
      if (chance(0.15)) filter.hidden = pick([true, false, null]);
      if (chance(0.1)) filter.accountIds = [pick(seeded.ids.accounts), pick([seeded.ids.otherAccount, 'bad-id'])];
      if (chance(0.1)) filter.itemId = pick([...seeded.ids.items, seeded.ids.otherItem, 'bad-id']);
      return `filter: ${variable('TransactionFilter', filter)}`;
    };
    const pageArguments = (withFilter = true) => {
      const args: string[] = [];
      if (chance(0.7))
        args.push(`first: ${chance(0.3) ? variable('Int', pick([1, 2, 5, null])) : pick(['1', '2', '3', '5', '10', '50', 'null'])}`);
      if (chance(0.05)) args.push(`first: ${pick(['0', '-1', '100000'])}`);
      if (chance(0.25)) args.push(`after: ${variable('String', chance(0.9) ? pick(seeded.cursors) : 'not-a-cursor')}`);
      if (withFilter && chance(0.4)) args.push(filterArgument());
      return args.length ? `(${args.join(', ')})` : '';
    };
    /** A range of days ago: mostly valid, sometimes backwards or longer than SPENDING_MAX_RANGE_DAYS (the resolvers answer those). */
    const spendingArguments = () => {
      const [from, to] = pick([
        [30, 0],
        [5, 2],
        [3, 3],
        [730, 0],
        [731, 0],
        [0, 5],
      ]);
      const args = [
        `from: ${chance(0.5) ? `"${daysAgo(from)}"` : variable('Date!', daysAgo(from))}`,
        `to: ${chance(0.5) ? `"${daysAgo(to)}"` : variable('Date!', daysAgo(to))}`,
        ...(chance(0.7)
          ? [
              `groupBy: ${chance(0.5) ? pick(['CATEGORY', 'MERCHANT', 'MONTH', 'ACCOUNT']) : variable('SpendingGrouping!', pick(['MERCHANT', 'ACCOUNT']))}`,
            ]
          : []),
        ...(chance(0.4) ? [filterArgument()] : []),
      ];
      return `(${args.join(', ')})`;
    };
    const idArgument = (kind: 'items' | 'accounts' | 'transactions') => {
      const own = seeded.ids[kind];
      const others = { items: seeded.ids.otherItem, accounts: seeded.ids.otherAccount, transactions: seeded.ids.otherTransaction };
      const id = chance(0.75) ? pick(own) : pick([others[kind], 'not-an-id', own[0].toUpperCase()]);
      return chance(0.5) ? `"${id}"` : variable('ID!', id);
    };
    const argumentsFor = (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string | null => {
      // A stream's transactions take a page but no filter.
      if (field.name === 'transactions') return pageArguments(type.name !== 'RecurringStream');
      if (type !== queryType) return '';
      switch (field.name) {
        case 'item':
          return `(id: ${idArgument('items')})`;
        case 'account':
          return `(id: ${idArgument('accounts')})`;
        case 'transaction':
          return `(id: ${idArgument('transactions')})`;
        case 'items':
          return chance(0.3) ? `(status: ${pick(['ACTIVE', 'LOGIN_REQUIRED', 'REVOKED'])})` : '';
        case 'accounts': {
          const args = [
            ...(chance(0.3) ? [`type: ${pick(['DEPOSITORY', 'CREDIT', 'INVESTMENT', 'OTHER'])}`] : []),
            ...(chance(0.2) ? [`itemId: "${pick([...seeded.ids.items, seeded.ids.otherItem, 'bad'])}"`] : []),
          ];
          return args.length ? `(${args.join(', ')})` : '';
        }
        case 'transactionChanges': {
          const { valid, refused } = seeded.changeCursors;
          const args = [
            ...(chance(0.6) ? [`cursor: ${variable('String', chance(0.8) ? pick(valid) : pick([...refused, '']))}`] : []),
            ...(chance(0.5)
              ? [`count: ${chance(0.5) ? variable('Int', pick([1, 2, 3, null])) : pick(['1', '2', '3', '5', '500', '0', '501', '-1'])}`]
              : []),
            ...(chance(0.3)
              ? [
                  `itemId: ${variable('ID', pick([...seeded.ids.items, seeded.ids.otherItem, seeded.ids.items[0].toUpperCase(), 'bad-id', '']))}`,
                ]
              : []),
          ];
          return args.length ? `(${args.join(', ')})` : '';
        }
        case 'spending':
          return spendingArguments();
        case 'recurringStreams': {
          const args = [
            ...(chance(0.3) ? [`itemId: ${variable('ID', pick([...seeded.ids.items, seeded.ids.otherItem, 'bad-id']))}`] : []),
            ...(chance(0.3)
              ? [
                  `accountIds: ${variable('[ID!]', [pick(seeded.ids.accounts), pick([seeded.ids.otherAccount, 'bad-id', seeded.ids.accounts[1]])])}`,
                ]
              : []),
            ...(chance(0.3) ? [`direction: ${pick(['INFLOW', 'OUTFLOW'])}`] : []),
          ];
          return args.length ? `(${args.join(', ')})` : '';
        }
        case 'balances':
          if (chance(0.5)) return '';
          return `(accountIds: ${variable('[ID!]', chance(0.8) ? seeded.ids.accounts.slice(0, 1 + Math.floor(random() * 4)) : [seeded.ids.accounts[0], seeded.ids.otherAccount])})`;
        default:
          return null;
      }
    };
    const selection = (type: GraphQLObjectType, depth: number): string => {
      const fields = Object.values(type.getFields());
      const chosen: string[] = [];
      const size = 1 + Math.floor(random() * Math.min(4, fields.length));
      for (let n = 0; n < size; n += 1) {
        if (chance(0.1)) {
          chosen.push('__typename');
          continue;
        }
        const field = pick(fields);
        const named = getNamedType(field.type);
        if (isObjectType(named) && depth >= 4) continue;
        const args = argumentsFor(type, field);
        if (args === null) continue;
        const alias = chance(0.25) && aliases < 10 ? `a${aliases++}: ` : '';
        const sub = isObjectType(named) ? ` { ${selection(named, depth + 1)} }` : '';
        if (!isObjectType(named) && !isScalarType(named) && !isEnumType(named)) continue;
        const text = `${alias}${field.name}${args}${directive()}${sub}`;
        if (chance(0.1)) chosen.push(`... on ${type.name}${directive()} { ${text} }`);
        else if (chance(0.08)) {
          const name = `F${fragments.length}`;
          fragments.push(`fragment ${name} on ${type.name} { ${text} }`);
          chosen.push(`...${name}${directive()}`);
        } else chosen.push(text);
      }
      return chosen.length ? chosen.join(' ') : '__typename';
    };
    const roots = [...READ_ROOTS];
    const rootFields = Object.values(queryType.getFields()).filter((field) => roots.includes(field.name));
    const parts: string[] = [];
    for (let n = 0; n < 1 + Math.floor(random() * 2); n += 1) {
      const field = pick(rootFields);
      const named = getNamedType(field.type) as GraphQLObjectType;
      const alias = chance(0.3) ? `r${n}: ` : parts.length ? `r${n}: ` : '';
      parts.push(`${alias}${field.name}${argumentsFor(queryType, field) ?? ''} { ${selection(named, 1)} }`);
    }
    const user = chance(0.85) ? 'rich' : pick(['empty', 'other'] as const);
    const query = `query Generated${definitions.length ? `(${definitions.join(', ')})` : ''} { ${parts.join(' ')} } ${fragments.join(' ')}`;
    return { name: 'generated', query, variables, user };
  };
  return Array.from({ length: count }, generate);
}

describe('the read planner against the resolvers', () => {
  let planner: TestGateway | undefined;
  let resolvers: TestGateway | undefined;

  beforeAll(async () => {
    // Hundreds of operations per user: no rate limit may answer in their place.
    const env = { SYNC_SWEEP_INTERVAL_MINUTES: '59', RATE_LIMIT_OPERATIONS: '1000000' };
    planner = await startTestGateway({ ...env, READ_PLANNER: 'on' });
    resolvers = await startTestGateway({ ...env, READ_PLANNER: 'off' });
  });

  afterAll(async () => {
    await planner?.close();
    await resolvers?.close();
  });

  it('answers every read operation byte for byte as the resolvers do', async () => {
    const seeded = await seedRows(planner!);
    const schema = buildSchema(await readFile(path.join(ROOT, 'schema.graphql'), 'utf8'));
    const seed = Number(process.env.READ_PLANNER_SEED ?? randomBytes(4).readUInt32BE());
    const cases = [...(await extractedCases(schema, seeded)), ...generatedCases(schema, seeded, seed, GENERATED_SELECTIONS)];
    const tokens = {
      rich: await planner!.tokenFor(seeded.rich),
      empty: await planner!.tokenFor(seeded.empty),
      other: await planner!.tokenFor(seeded.other),
    };
    const post = async (gw: TestGateway, testCase: Case) => {
      const response = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[testCase.user]}` },
        body: JSON.stringify({ query: testCase.query, variables: testCase.variables, operationName: testCase.operationName }),
      });
      return `${response.status} ${await response.text()}`;
    };
    const plannedBefore = await plannedCount(planner!);
    const mismatches: string[] = [];
    const isStreams = (testCase: Case) => /\brecurringStreams\b/.test(testCase.query);
    let streamCases = 0;
    let plannedStreamCases = 0;
    for (const testCase of cases) {
      // One after the other: nothing either path does may race the other's read.
      const plannedBeforeCase = isStreams(testCase) ? await plannedCount(planner!) : 0;
      let viaPlanner = await post(planner!, testCase);
      if (isStreams(testCase)) {
        streamCases += 1;
        if ((await plannedCount(planner!)) > plannedBeforeCase) plannedStreamCases += 1;
      }
      let viaResolvers = await post(resolvers!, testCase);
      // Errors are always the resolvers' (the planner hands failing requests to them). Where two
      // root fields fail, graphql-jit reports whichever failed first, on either gateway, and one
      // may be the rarer outcome: ask both again until they meet on the same error.
      const failedWhole = (answer: string) => answer.endsWith('"data":null}\n');
      for (let retry = 0; retry < 20 && viaPlanner !== viaResolvers && failedWhole(viaPlanner) && failedWhole(viaResolvers); retry += 1) {
        viaPlanner = await post(planner!, testCase);
        viaResolvers = await post(resolvers!, testCase);
      }
      if (viaPlanner !== viaResolvers && mismatches.length < 5)
        mismatches.push(
          `${testCase.name} (${testCase.user})\n${testCase.query}\n${JSON.stringify(testCase.variables)}\nplanner:   ${viaPlanner}\nresolvers: ${viaResolvers}`,
        );
      else if (viaPlanner !== viaResolvers) mismatches.push(testCase.name);
    }
    // transactionChanges paged with the cursors it hands out: every page through both paths, the next one from the planner's nextCursor.
    const PAGED = `query Paged($cursor: String, $count: Int, $itemId: ID) {
      feed: transactionChanges(cursor: $cursor, count: $count, itemId: $itemId) {
        __typename hasMore added { ...row } modified { ...row account { name __typename } } gone: removed { __typename id plaidTransactionId } nextCursor
      } } fragment row on Transaction { id amount date name pending effectiveCategory annotation { categoryOverride note tags hidden updatedAt } }`;
    let pages = 0;
    const plannedBeforePaging = await plannedCount(planner!);
    for (const start of [undefined, ...seeded.changeCursors.valid])
      for (const count of [1, 3, 500])
        for (const itemId of [undefined, ...seeded.ids.items.slice(0, 2)]) {
          let cursor = start;
          for (let page = 0; page < 60; page += 1) {
            const testCase: Case = { name: 'paged', query: PAGED, variables: { cursor, count, itemId }, user: 'rich' };
            cases.push(testCase);
            pages += 1;
            const viaPlanner = await post(planner!, testCase);
            const viaResolvers = await post(resolvers!, testCase);
            if (viaPlanner !== viaResolvers) {
              mismatches.push(
                `${testCase.name} ${JSON.stringify(testCase.variables)}\nplanner:   ${viaPlanner}\nresolvers: ${viaResolvers}`,
              );
              break;
            }
            const { feed } = (JSON.parse(viaPlanner.slice(4)) as { data: { feed: { hasMore: boolean; nextCursor: string } } }).data;
            cursor = feed.nextCursor;
            if (!feed.hasMore) break;
          }
        }
    // Valid cursors, the caller's own Items: every page is the planner's.
    const plannedPages = (await plannedCount(planner!)) - plannedBeforePaging;
    const planned = (await plannedCount(planner!)) - plannedBefore;
    const extracted = cases.filter((testCase) => testCase.name !== 'generated' && testCase.name !== 'paged').length;
    console.log(
      `read planner differential: seed ${seed}, corpus ${cases.length} operations (${extracted} extracted, ${cases.length - extracted - pages} generated, ${pages} transactionChanges pages), ${planned} answered by the planner (${plannedStreamCases} of ${streamCases} recurringStreams operations), ${mismatches.length} different`,
    );
    expect(mismatches.slice(0, 5).join('\n\n')).toBe('');
    expect(mismatches).toHaveLength(0);
    expect(plannedPages).toBe(pages);
    expect(cases.length - extracted - pages).toBeGreaterThanOrEqual(500);
    // Spending summaries among them: a tenth of the generated roots, and the integration tests' own.
    expect(cases.filter((testCase) => /\bspending\b/.test(testCase.query)).length).toBeGreaterThan(30);
    // Recurring streams among them, and the planner answers them (with their transactions).
    expect(plannedStreamCases).toBeGreaterThan(0);
    // The corpus must exercise the planner, not only its fallback.
    expect(planned).toBeGreaterThan(cases.length / 2);
  }, 300_000);
});

async function plannedCount(gw: TestGateway): Promise<number> {
  const metric = await gw.gateway.metrics.registry.getSingleMetric('gateway_graphql_read_path_total')?.get();
  return metric?.values.find((value) => value.labels.path === 'planner')?.value ?? 0;
}
