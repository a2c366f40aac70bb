import {
  Products,
  TransactionsUpdateStatus,
  type SandboxTransactionsCreateRequest,
  type SandboxTransactionsCreateResponse,
  type TransactionsRefreshRequest,
  type TransactionsRefreshResponse,
  type TransactionsSyncRequest,
  type TransactionsSyncResponse,
} from 'plaid';
import { sandboxTransactionsCreateSchema, transactionsRefreshSchema, transactionsSyncSchema } from './endpoint-request-schemas';
import { ensureProduct } from '../link/item-linker';
import { itemAccountTemplates } from './item-view';
import { itemEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { accountView } from '../data/sandbox-accounts';
import { createSandboxTransactions, refreshTransactions } from '../state/transaction-updates';

const DEFAULT_SYNC_COUNT = 100;

export const transactionEndpoints: readonly PlaidEndpoint[] = [
  itemEndpoint<TransactionsSyncRequest, TransactionsSyncResponse>(
    '/transactions/sync',
    transactionsSyncSchema,
    'healthy',
    (request, item, services) => {
      ensureProduct(services, item, Products.Transactions);
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
      const templates = itemAccountTemplates(item, accountId === undefined ? undefined : [accountId]).filter(
        (template) => template.transactionRole !== null,
      );
      return {
        transactions_update_status: TransactionsUpdateStatus.HistoricalUpdateComplete,
        accounts: templates.map((template) => accountView(item.item_id, template, null)),
        added: page.added,
        modified: page.modified,
        removed: page.removed,
        next_cursor: page.next_cursor,
        has_more: page.has_more,
      };
    },
  ),

  itemEndpoint<TransactionsRefreshRequest, TransactionsRefreshResponse>(
    '/transactions/refresh',
    transactionsRefreshSchema,
    'healthy',
    (_request, item, services) => {
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
