import type { EntityManager } from 'typeorm';

/**
 * Everything that rewrites an Item's data (a sync's write, removal, a revocation, a relink, a
 * real-time balance read) takes this PostgreSQL advisory lock in its write transaction, first.
 * Without it a removal's cascade and a sync's upserts lock the same rows in opposite orders and
 * deadlock. It is held only until that transaction ends: nobody holds it across a Plaid call.
 */
export async function lockItemInTransaction(db: EntityManager, itemId: string): Promise<void> {
  await db.query<unknown[]>('SELECT pg_advisory_xact_lock(hashtext($1))', [`item:${itemId}`]);
}
