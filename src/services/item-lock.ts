import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * Everything that rewrites an Item's data (a sync, removal, a revocation) serialises on one
 * PostgreSQL advisory lock per Item. Without it a removal's cascade and a sync's upserts lock
 * the same rows in opposite orders and deadlock.
 */
const key = (itemId: string) => `item:${itemId}`;

/** Held for a whole sync (its Plaid calls included), on the runner's own connection. */
export async function holdItemLock<T>(runner: QueryRunner, itemId: string, work: () => Promise<T>): Promise<T> {
  await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key(itemId)]);
  try {
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key(itemId)]).catch(() => undefined);
  }
}

/** Held until the surrounding transaction ends. */
export async function lockItemInTransaction(manager: EntityManager, itemId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key(itemId)]);
}
