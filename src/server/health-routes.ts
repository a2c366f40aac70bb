import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { hasPendingMigrations } from '../database/data-source';
import type { PlaidState } from '../plaid/plaid-health';

export interface HealthState {
  shuttingDown: boolean;
  /** False while the embedded PostgreSQL this process owns is dead. */
  ownedDatabaseAlive(): boolean;
  redis(): 'up' | 'down' | 'not_configured';
  plaid(): PlaidState;
}

/** A frozen database must not hold the probe as long as a statement may take. */
const READINESS_DEADLINE_MS = 2_000;

type DatabaseState = 'up' | 'down' | 'migrations_pending';

/**
 * /healthz: the process is up and the database it owns (if any) is alive; a liveness probe
 * restarts it otherwise. /readyz: every dependency's state, and 503 only when the database
 * is unreachable (or migrations are pending): without Redis rate limits count in the process, and
 * without Plaid cached reads still work.
 */
export function healthRoutes(dataSource: DataSource, state: HealthState): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    if (state.ownedDatabaseAlive()) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'database_dead' });
  });
  router.get('/readyz', async (_req, res) => {
    if (state.shuttingDown) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    const database = await databaseState(dataSource);
    const dependencies = { database, redis: state.redis(), plaid: state.plaid() };
    if (database === 'up') res.json({ status: 'ready', dependencies });
    else res.status(503).json({ status: database === 'down' ? 'database_unreachable' : 'migrations_pending', dependencies });
  });
  return router;
}

async function databaseState(dataSource: DataSource): Promise<DatabaseState> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DatabaseState>((resolve) => {
    timer = setTimeout(() => resolve('down'), READINESS_DEADLINE_MS);
  });
  const probe = (async (): Promise<DatabaseState> => {
    await dataSource.query('SELECT 1');
    return (await hasPendingMigrations(dataSource)) ? 'migrations_pending' : 'up';
  })().catch((): DatabaseState => 'down');
  return Promise.race([probe, deadline]).finally(() => clearTimeout(timer));
}
