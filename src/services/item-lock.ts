import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DomainError } from '../errors/domain-error';

/**
 * Everything that rewrites an Item's data (a sync, removal, a revocation) serialises on one
 * PostgreSQL advisory lock per Item. Without it a removal's cascade and a sync's upserts lock
 * the same rows in opposite orders and deadlock.
 */
const key = (itemId: string) => `item:${itemId}`;

const FIRST_RETRY_MS = 20;
const LONGEST_RETRY_MS = 250;

/**
 * Held for a whole sync (its Plaid calls included), on a connection of its own. While
 * another holder has it, the waiter tries again and again with `pg_try_advisory_lock`,
 * giving its connection back to the pool between tries: a queue of waiters for one Item
 * must not take the connections every other user needs. Past `maxWaitMs` the wait ends
 * in a typed error the caller (a user, or the job queue) retries.
 */
export async function withItemLock<T>(
  dataSource: DataSource,
  itemId: string,
  maxWaitMs: number,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const giveUpAt = performance.now() + maxWaitMs;
  for (let retry = FIRST_RETRY_MS; ; retry = Math.min(LONGEST_RETRY_MS, retry * 2)) {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key(itemId)])) as Array<{
        locked: boolean;
      }>;
      if (locked) {
        try {
          return await work(runner);
        } finally {
          await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key(itemId)]).catch(() => undefined);
        }
      }
    } finally {
      await runner.release();
    }
    if (performance.now() + retry > giveUpAt) {
      throw new DomainError('SERVICE_UNAVAILABLE', `Another sync of Item ${itemId} is still running; retry shortly`, {
        itemId,
        retryAfterSeconds: 5,
      });
    }
    await sleep(retry / 2 + Math.random() * (retry / 2));
  }
}

/** Held until the surrounding transaction ends. */
export async function lockItemInTransaction(manager: EntityManager, itemId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key(itemId)]);
}
