import type { SandboxTransactionsCreateRequest, Transaction } from 'plaid';
import { CounterpartyType, TransactionPaymentChannelEnum, TransactionTransactionTypeEnum } from '../data/plaid-enums';
import { DAY_MS, isoDate } from './emulator-clock';
import type { EmulatorServices } from '../server/emulator-services';
import type { ItemRecord } from './emulator-state';
import type { TransactionsChange } from '../webhooks/item-webhooks';
import { merchantMentionedIn, type Merchant } from '../data/merchant-catalog';
import { EmulatedPlaidError } from '../errors/plaid-error';
import { derivedPlaidId } from './plaid-id';
import { SeededRandom, hashString } from '../data/seeded-random';
import { composeTransaction, epochDay } from '../data/transaction-generator';
import type { LedgerMutation } from './transaction-ledger';
import { changedStreamAccounts, detectRecurringStreams, type DetectedStreams } from './recurring-streams';
import { itemWebhookBodies } from '../webhooks/item-webhooks';

/** `/sandbox/transactions/create` takes at most this many, dated within this many days. */
const MAX_SANDBOX_TRANSACTIONS = 10;
const SANDBOX_DATE_WINDOW_DAYS = 14;

function hasDynamicTransactions(item: ItemRecord): boolean {
  return item.profile === 'user_transactions_dynamic' || item.profile === 'generated';
}

/** The Item's recurring streams as of now: what `/transactions/recurring/get` answers. */
export function itemRecurringStreams(services: EmulatorServices, item: ItemRecord): DetectedStreams {
  const live = services.state
    .ledger(item)
    .live()
    .map((entry) => entry.transaction());
  return detectRecurringStreams(`${item.seed}|${item.item_id}`, live, services.clock.now());
}

function commit(services: EmulatorServices, item: ItemRecord, mutations: LedgerMutation[], change: TransactionsChange): TransactionsChange {
  item.last_transactions_update = new Date(services.clock.now()).toISOString();
  if (mutations.length > 0) {
    // Plaid watches streams only for Items whose recurring transactions were asked for.
    const streamsBefore = item.recurring_called ? itemRecurringStreams(services, item) : null;
    services.state.ledger(item).append(...mutations);
    services.webhooks.transactionsChanged(item, change);
    if (streamsBefore) {
      const accounts = changedStreamAccounts(streamsBefore, itemRecurringStreams(services, item));
      if (accounts.length > 0) services.webhooks.send(item, itemWebhookBodies.recurringTransactionsUpdate(item.item_id, accounts));
    }
  }
  services.persist();
  return change;
}

/** A transactions update that could not run because the Item is in an error state. */
export function recordFailedUpdate(services: EmulatorServices, item: ItemRecord): void {
  item.last_failed_transactions_update = new Date(services.clock.now()).toISOString();
  services.persist();
}

/**
 * What `/transactions/refresh` finds for `user_transactions_dynamic` (and generated) Items:
 * every pending transaction posts (the pending one is removed, a posted one with
 * `pending_transaction_id` is added), and new activity appears. `user_good` is static.
 */
export function refreshTransactions(services: EmulatorServices, item: ItemRecord): TransactionsChange {
  if (!hasDynamicTransactions(item)) return commit(services, item, [], { added: 0, removedIds: [] });
  const ledger = services.state.ledger(item);
  const generator = ledger.generator;
  const today = epochDay(services.clock.now());
  const round = ++item.refresh_count;
  const mutations: LedgerMutation[] = [];
  const removedIds: string[] = [];
  for (const { transaction, addedAt } of ledger.pending()) {
    const authorizedDay = epochDay(Date.parse(transaction.authorized_date ?? transaction.date));
    const posted: Transaction = {
      ...transaction,
      transaction_id: derivedPlaidId(item.seed, item.item_id, 'posted', transaction.transaction_id),
      pending: false,
      pending_transaction_id: transaction.transaction_id,
      date: generator.dateOf(Math.min(today, authorizedDay + 1)),
    };
    mutations.push(
      { kind: 'removed', transaction_id: transaction.transaction_id, account_id: transaction.account_id, added_at: addedAt },
      { kind: 'added', transaction: posted },
    );
    removedIds.push(transaction.transaction_id);
  }
  // Recurring payments due since the history (or the last refresh) ended, then noise.
  const seriesThrough = item.series_through_day ?? item.history.anchor_day;
  item.series_through_day = Math.max(seriesThrough, today);
  const fresh = [
    ...generator.seriesBetween(seriesThrough, today),
    generator.extra(`refresh-${round}-0`, today, true),
    generator.extra(`refresh-${round}-1`, today, true),
    generator.extra(`refresh-${round}-2`, today - 1, false),
  ];
  for (const transaction of fresh) mutations.push({ kind: 'added', transaction });
  return commit(services, item, mutations, { added: removedIds.length + fresh.length, removedIds });
}

function invalid(message: string): EmulatedPlaidError {
  return EmulatedPlaidError.of('INVALID_FIELD', { message, displayMessage: message });
}

function customMerchant(description: string, amount: number): Merchant {
  const incoming = amount < 0;
  return {
    name: description,
    rawDescription: description.toUpperCase(),
    merchantName: null,
    website: null,
    pfcPrimary: incoming ? 'TRANSFER_IN' : 'GENERAL_MERCHANDISE',
    pfcDetailed: incoming ? 'TRANSFER_IN_DEPOSIT' : 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE',
    channel: TransactionPaymentChannelEnum.Other,
    transactionType: TransactionTransactionTypeEnum.Special,
    counterpartyType: incoming ? CounterpartyType.IncomeSource : null,
    amount: [amount, amount],
    weight: 1,
    roles: ['checking'],
    canBePending: false,
  };
}

/** `/sandbox/transactions/create`: custom transactions on the depository account, seen by the next sync. */
export function createSandboxTransactions(
  services: EmulatorServices,
  item: ItemRecord,
  custom: SandboxTransactionsCreateRequest['transactions'],
): TransactionsChange {
  if (!hasDynamicTransactions(item)) {
    throw invalid('/sandbox/transactions/create can only be used with Items created with the user_transactions_dynamic test user');
  }
  if (custom.length > MAX_SANDBOX_TRANSACTIONS) throw invalid('The request contains too many transactions.');
  const now = services.clock.now();
  const earliest = isoDate(now - SANDBOX_DATE_WINDOW_DAYS * DAY_MS);
  const today = isoDate(now);
  for (const entry of custom) {
    const inWindow = [entry.date_transacted, entry.date_posted].every((date) => date >= earliest && date <= today);
    if (!inWindow || entry.date_posted < entry.date_transacted) {
      throw invalid('Transaction and posted dates must be within the last 14 days. The posted date cannot be before the transaction date.');
    }
  }
  const checking = services.state.ledger(item).generator.plan.accounts.find((account) => account.role === 'checking')!;
  const mutations: LedgerMutation[] = custom.map((entry) => {
    const key = `sandbox-${item.sandbox_transaction_count++}`;
    const mentioned = merchantMentionedIn(entry.description);
    const merchant = mentioned ? { ...mentioned, rawDescription: entry.description } : customMerchant(entry.description, entry.amount);
    const transaction = composeTransaction({
      transactionId: derivedPlaidId(item.seed, item.item_id, 'transaction', key),
      account: checking,
      merchant,
      amount: entry.amount,
      date: entry.date_posted,
      authorizedDate: entry.date_transacted,
      pending: false,
      random: new SeededRandom(hashString(`${item.seed}|${item.item_id}|${key}`)),
    });
    transaction.iso_currency_code = entry.iso_currency_code ?? 'USD';
    return { kind: 'added', transaction };
  });
  return commit(services, item, mutations, { added: mutations.length, removedIds: [] });
}

export interface TransactionChanges {
  amount?: number;
  name?: string;
  merchant_name?: string | null;
  date?: string;
}

/** Control API: changes a transaction in place, which the next sync reports under `modified`. */
export function modifyTransaction(
  services: EmulatorServices,
  item: ItemRecord,
  transactionId: string,
  changes: TransactionChanges,
): Transaction {
  const live = services.state.ledger(item).find(transactionId);
  if (!live) throw EmulatedPlaidError.of('INVALID_FIELD', { message: `no transaction ${transactionId} on this Item` });
  const transaction: Transaction = { ...live.transaction, ...changes };
  commit(services, item, [{ kind: 'modified', transaction, added_at: live.addedAt }], { added: 0, removedIds: [] });
  return transaction;
}
