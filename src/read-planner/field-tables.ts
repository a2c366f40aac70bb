import { AccountType } from '../entities/account-type';
import { FlowDirection, RecurringFrequency, RecurringStreamStatus } from '../entities/recurring-stream-kinds';
import { streamTransactionsCondition } from '../repositories/transaction.repository';
import { NAMED_PLAID_TYPES, plaidTypesOf } from '../services/account-type';
import { isOpaqueId } from '../services/opaque-id';
import { enumSql, moneySql, nullableFloat, nullableText, nullableTimestamp, text, timestamp } from './column-fields';
import { connectionSql } from './connection-sql';
import { jsonBoolean, jsonNumber, jsonString, orNull, sqlLiteral } from './json-text-sql';
import type { PlannedField } from './planned-field';
import { recurringStreamsSql } from './recurring-streams-sql';
import { spendingSql } from './spending-sql';
import {
  alias,
  argumentsOf,
  bind,
  listSql,
  nullableRowSql,
  objectSql,
  type Build,
  type FieldSql,
  type FieldTable,
} from './statement-build';
import { transactionChangesSql } from './transaction-changes-sql';

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

/** An opaque id argument, or SQL NULL (matching no row) for one that cannot be ours, as the services treat it. */
const idArgument = (field: PlannedField, build: Build, name: string) => {
  const id = argumentsOf(field, build)[name] as string;
  return isOpaqueId(id) ? `${bind(build, id)}::uuid` : 'NULL::uuid';
};

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
 * Every field the planner answers, per type, with the SQL of its JSON; a field not here makes
 * its operation fall back to the resolvers. Each mirrors its resolver and mapping
 * (src/resolvers/*-mapping.ts), reading the rows the same services would read.
 */
export const FIELDS: FieldTable = {
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
