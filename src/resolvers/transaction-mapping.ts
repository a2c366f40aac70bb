import type { TransactionConnection } from '../schema/transaction-connection.type';
import type { Transaction } from '../schema/transaction.type';
import { encodeTransactionCursor } from '../services/transaction-cursor';
import type { TransactionPage, TransactionRecord } from '../services/transaction-query.service';

export function toTransaction(record: TransactionRecord): Transaction {
  return { ...record, amount: Number(record.amount) };
}

export function toConnection(page: TransactionPage): TransactionConnection {
  // A cursor is encoded only if the operation reads it (most read just the nodes).
  const edges = page.records.map((record) => ({
    node: toTransaction(record),
    get cursor() {
      return encodeTransactionCursor(record);
    },
  }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
}
