import type { TransactionConnection } from '../schema/transaction-connection.type';
import type { Transaction } from '../schema/transaction.type';
import { encodeTransactionCursor } from '../services/transaction-cursor';
import type { TransactionPage, TransactionRecord } from '../services/transaction-query.service';

export function toTransaction(record: TransactionRecord): Transaction {
  return { ...record, amount: Number(record.amount) };
}

export function toConnection(page: TransactionPage): TransactionConnection {
  const edges = page.records.map((record) => ({ cursor: encodeTransactionCursor(record), node: toTransaction(record) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
}
