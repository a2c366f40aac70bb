import type { TestGateway } from './test-gateway';

/** A transaction as an offline copy keeps it: what a list row shows, the user's annotation included. */
export interface CopiedTransaction {
  id: string;
  date: string;
  name: string;
  pending: boolean;
  money: { amount: string; currencyCode: string };
  effectiveCategory: string | null;
  annotation: { categoryOverride: string | null; note: string | null; tags: string[]; hidden: boolean; updatedAt: string } | null;
}

export interface TransactionChangesPage {
  added: CopiedTransaction[];
  modified: CopiedTransaction[];
  removed: Array<{ id: string }>;
  nextCursor: string;
  hasMore: boolean;
}

export const TRANSACTION_CHANGES = `
  query TransactionChanges($cursor: String) {
    transactionChanges(cursor: $cursor, count: 500) {
      added { ...CopiedTransaction }
      modified { ...CopiedTransaction }
      removed { id }
      nextCursor
      hasMore
    }
  }
  fragment CopiedTransaction on Transaction {
    id date name pending money { amount currencyCode } effectiveCategory
    annotation { categoryOverride note tags hidden updatedAt }
  }`;

/**
 * One page of changes applied to an offline copy. Added and modified transactions replace what
 * the copy holds under their id: an annotation written on any device comes back as a
 * modification carrying the whole new annotation. Removed ones go. When a pending transaction
 * posts, Plaid replaces it: the pending one is removed and the posted one added, already
 * carrying the annotation the gateway moved to it, so nothing is merged by hand.
 */
export function applyChanges(copy: Map<string, CopiedTransaction>, changes: TransactionChangesPage): void {
  for (const transaction of [...changes.added, ...changes.modified]) copy.set(transaction.id, transaction);
  for (const { id } of changes.removed) copy.delete(id);
}

/** Brings the copy up to date from `cursor` (none: everything), page by page; answers the pages and the cursor to keep. */
export async function catchUp(
  gw: Pick<TestGateway, 'graphql'>,
  token: string,
  copy: Map<string, CopiedTransaction>,
  cursor: string | null,
): Promise<{ cursor: string; pages: TransactionChangesPage[] }> {
  const pages: TransactionChangesPage[] = [];
  for (;;) {
    const answer = await gw.graphql<{ transactionChanges: TransactionChangesPage }>(TRANSACTION_CHANGES, { token, variables: { cursor } });
    if (!answer.data) throw new Error(`transactionChanges failed: ${JSON.stringify(answer.errors)}`);
    const page = answer.data.transactionChanges;
    applyChanges(copy, page);
    pages.push(page);
    cursor = page.nextCursor;
    if (!page.hasMore) return { cursor, pages };
  }
}
