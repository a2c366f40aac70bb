import type {
  SandboxTransactionsCreateRequest,
  SandboxTransactionsCreateResponse,
  Transaction,
  TransactionsGetRequest,
  TransactionsGetResponse,
  TransactionsRecurringGetRequest,
  TransactionsRecurringGetResponse,
  TransactionsRefreshRequest,
  TransactionsRefreshResponse,
  TransactionsSyncRequest,
  TransactionsSyncResponse,
} from 'plaid';
import { Products, TransactionsUpdateStatus } from '../data/plaid-enums';
import type { EmulatorServices } from '../server/emulator-services';
import type { ItemRecord } from '../state/emulator-state';
import {
  sandboxTransactionsCreateSchema,
  transactionsGetSchema,
  transactionsRecurringGetSchema,
  transactionsRefreshSchema,
  transactionsSyncSchema,
} from './endpoint-request-schemas';
import { ensureProduct } from '../link/item-linker';
import { isoDateTime } from '../state/emulator-clock';
import { itemAccountTemplates, itemView } from './item-view';
import { itemEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { accountView } from '../data/sandbox-accounts';
import { createSandboxTransactions, itemRecurringStreams, recordFailedUpdate, refreshTransactions } from '../state/transaction-updates';

const DEFAULT_SYNC_COUNT = 100;
const DEFAULT_GET_COUNT = 100;

/** Whether the Item's initial transactions pull has ended (it takes `initialPullDelayMs` after linking). */
function transactionsReady(item: ItemRecord, services: EmulatorServices): boolean {
  return item.transactions_ready_at === undefined || item.transactions_ready_at <= services.clock.now();
}

/** The Item has the transactions product and its initial pull has ended; else Plaid's error for it. */
function ensureTransactionsReady(item: ItemRecord, services: EmulatorServices): void {
  ensureProduct(services, item, Products.Transactions);
  if (!transactionsReady(item, services)) throw EmulatedPlaidError.of('PRODUCT_NOT_READY');
}

/** The accounts that carry transactions, narrowed to `account_ids` (unknown ids are INVALID_ACCOUNT_ID). */
function transactionAccountViews(item: ItemRecord, accountIds: readonly string[] | undefined) {
  return itemAccountTemplates(item, accountIds)
    .filter((template) => template.transactionRole !== null)
    .map((template) => accountView(item, template, null));
}

/**
 * `/transactions/get`: the Item's transactions dated within [start_date, end_date], newest
 * first, paged by `count`/`offset`. It reads the same ledger as `/transactions/sync`, so both
 * see one set of transactions, pending ones replaced by their posted versions after a refresh.
 */
function getTransactions(
  request: TransactionsGetRequest,
  item: ItemRecord,
  services: EmulatorServices,
): Omit<TransactionsGetResponse, 'request_id'> {
  ensureTransactionsReady(item, services);
  if (request.end_date < request.start_date) {
    throw EmulatedPlaidError.of('INVALID_FIELD', { message: 'end_date must be on or after start_date' });
  }
  const options = request.options ?? {};
  const accountIds = options.account_ids ?? undefined;
  const accounts = transactionAccountViews(item, accountIds);
  const inDates = services.state
    .ledger(item)
    .live()
    .filter((entry) => entry.date >= request.start_date && entry.date <= request.end_date);
  // Narrowing to accounts needs each row; without it only the page's rows are computed.
  const wanted = accountIds === undefined ? null : new Set(accountIds);
  const listed = wanted === null ? inDates : inDates.filter((entry) => wanted.has(entry.transaction().account_id));
  // Newest first; within a day, the later arrival first.
  listed.sort((a, b) => (a.date === b.date ? b.addedAt - a.addedAt : a.date < b.date ? 1 : -1));
  const offset = options.offset ?? 0;
  const page = listed.slice(offset, offset + (options.count ?? DEFAULT_GET_COUNT)).map((entry) => entry.transaction());
  const original = options.include_original_description === true;
  // Stored transactions are shared state: hide the raw description on a copy.
  const view = (transaction: Transaction): Transaction =>
    original || transaction.original_description === null ? transaction : { ...transaction, original_description: null };
  return {
    accounts,
    transactions: page.map(view),
    total_transactions: listed.length,
    item: itemView(item),
  };
}

/** `/transactions/recurring/get`: the streams found in the Item's history, per account when asked. */
function getRecurringTransactions(
  request: TransactionsRecurringGetRequest,
  item: ItemRecord,
  services: EmulatorServices,
): Omit<TransactionsRecurringGetResponse, 'request_id'> {
  ensureTransactionsReady(item, services);
  const accountIds = request.account_ids;
  if (accountIds) transactionAccountViews(item, accountIds);
  if (!item.recurring_called) {
    item.recurring_called = true;
    services.persist();
  }
  const streams = itemRecurringStreams(services, item);
  const inAccounts = (stream: { account_id: string }) => accountIds === undefined || accountIds.includes(stream.account_id);
  return {
    inflow_streams: streams.inflow_streams.filter(inAccounts),
    outflow_streams: streams.outflow_streams.filter(inAccounts),
    updated_datetime: isoDateTime(Date.parse(item.last_transactions_update)),
  };
}

export const transactionEndpoints: readonly PlaidEndpoint[] = [
  itemEndpoint<TransactionsSyncRequest, TransactionsSyncResponse>(
    '/transactions/sync',
    transactionsSyncSchema,
    'healthy',
    (request, item, services) => {
      ensureProduct(services, item, Products.Transactions);
      // Before the initial pull ends Plaid answers an empty page and keeps the cursor where it was.
      if (!transactionsReady(item, services)) {
        return {
          transactions_update_status: TransactionsUpdateStatus.NotReady,
          accounts: transactionAccountViews(item, undefined),
          added: [],
          modified: [],
          removed: [],
          next_cursor: request.cursor ?? '',
          has_more: false,
        };
      }
      if (!item.sync_called) {
        item.sync_called = true;
        services.persist();
      }
      const accountId = request.options?.account_id;
      const page = services.state.ledger(item).sync({
        cursor: request.cursor,
        count: request.count ?? DEFAULT_SYNC_COUNT,
        accountId,
        includeOriginalDescription: request.options?.include_original_description === true,
      });
      return {
        transactions_update_status: TransactionsUpdateStatus.HistoricalUpdateComplete,
        accounts: transactionAccountViews(item, accountId === undefined ? undefined : [accountId]),
        added: page.added,
        modified: page.modified,
        removed: page.removed,
        next_cursor: page.next_cursor,
        has_more: page.has_more,
      };
    },
  ),

  itemEndpoint<TransactionsGetRequest, TransactionsGetResponse>('/transactions/get', transactionsGetSchema, 'healthy', getTransactions),

  itemEndpoint<TransactionsRecurringGetRequest, TransactionsRecurringGetResponse>(
    '/transactions/recurring/get',
    transactionsRecurringGetSchema,
    'healthy',
    getRecurringTransactions,
  ),

  itemEndpoint<TransactionsRefreshRequest, TransactionsRefreshResponse>(
    '/transactions/refresh',
    transactionsRefreshSchema,
    'any',
    (_request, item, services) => {
      // The update is attempted and fails: /item/get reports it as last_failed_update.
      if (item.error) {
        recordFailedUpdate(services, item);
        throw new EmulatedPlaidError(item.error);
      }
      if (!item.products.includes(Products.Transactions)) {
        throw EmulatedPlaidError.of('PRODUCTS_NOT_SUPPORTED', {
          message: 'the Item must have transactions as a product to call /transactions/refresh',
        });
      }
      refreshTransactions(services, item);
      return {};
    },
  ),

  itemEndpoint<SandboxTransactionsCreateRequest, SandboxTransactionsCreateResponse>(
    '/sandbox/transactions/create',
    sandboxTransactionsCreateSchema,
    'any',
    (request, item, services) => {
      createSandboxTransactions(services, item, request.transactions);
      return {};
    },
  ),
];
