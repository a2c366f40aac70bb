import type { DataSource } from 'typeorm';

interface LockRow {
  locked: boolean;
}

/**
 * Work that every instance of a deployment would otherwise repeat at start (moving Items'
 * webhooks) runs on one instance at a time: a PostgreSQL session advisory lock, held on a
 * connection of its own for the task's length. Another instance that finds it held skips the
 * task, since the holder is doing the same work.
 */
export class DeploymentTaskLock {
  constructor(private readonly dataSource: DataSource) {}

  /** The task's result, or `skipped` when another instance holds the lock. */
  async runAlone<T>(task: string, work: () => Promise<T>): Promise<{ skipped: true } | { skipped: false; result: T }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`task:${task}`])) as LockRow[];
      if (!locked) return { skipped: true };
      try {
        return { skipped: false, result: await work() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`task:${task}`]);
      }
    } finally {
      await runner.release();
    }
  }
}
