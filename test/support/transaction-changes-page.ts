/** One page of `transactionChanges` as the tests select it: their own `Row` of the added and modified transactions. */
export interface ChangesPage<Row> {
  added: Row[];
  modified: Row[];
  removed: Array<{ id: string; plaidTransactionId: string }>;
  nextCursor: string;
  hasMore: boolean;
}
