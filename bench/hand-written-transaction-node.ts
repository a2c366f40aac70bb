/** The columns both hand-written screens read for a transaction node. */
export interface TransactionNodeRow {
  id: string;
  date: string;
  amount: string;
  name: string;
  merchant_name: string | null;
  pending: boolean;
}

/** `node { id date amount name merchantName pending }` as the gateway answers it. */
export function transactionNode(row: TransactionNodeRow) {
  return {
    id: row.id,
    date: row.date,
    amount: Number(row.amount),
    name: row.name,
    merchantName: row.merchant_name,
    pending: row.pending,
  };
}
