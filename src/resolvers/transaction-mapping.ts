import { moneyOf } from '../money/money';
import type { TransactionConnection, TransactionEdge } from '../schema/transaction-connection.type';
import type { Transaction } from '../schema/transaction.type';
import { encodeTransactionCursor } from '../services/transaction-cursor';
import type { PageRecord, TransactionPage, TransactionRecord } from '../services/transaction-query.service';

export function toTransaction(record: TransactionRecord): Transaction {
  return {
    ...record,
    // The deprecated Float field only; every other use of the amount keeps the exact text.
    amount: Number(record.amount),
    money: moneyOf(record.amount, record.isoCurrencyCode, record.unofficialCurrencyCode),
  };
}

/** A page's node: GraphQL reads only the selected fields, which with the keys are all the page read. */
function toPageNode(record: PageRecord): Transaction {
  if (record.amount === undefined) return record as unknown as Transaction;
  return toTransaction(record as TransactionRecord);
}

/** An edge whose cursor is encoded only if the operation reads it (most read just the nodes). */
class PageEdge implements TransactionEdge {
  readonly node: Transaction;

  constructor(private readonly record: PageRecord) {
    this.node = toPageNode(record);
  }

  get cursor(): string {
    return encodeTransactionCursor(this.record);
  }
}

export function toConnection(page: TransactionPage): TransactionConnection {
  const edges = page.records.map((record) => new PageEdge(record));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
}
