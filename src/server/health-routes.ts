import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { hasPendingMigrations } from '../database/data-source';
import type { PlaidState } from '../plaid/plaid-health';
import type { UnsettledWebhookCounts } from '../repositories/webhook-event.repository';

export interface HealthState {
  shuttingDown: boolean;
  /** False while the embedded PostgreSQL this process owns is dead. */
  ownedDatabaseAlive(): boolean;
  redis(): 'up' | 'down' | 'not_configured';
  plaid(): PlaidState;
  /** Webhooks still pending and those that FAILED (used up their retries): the dead letter view. */
  webhooks(): Promise<UnsettledWebhookCounts>;
}

/** A frozen database must not hold the probe as long as a statement may take. */
const READINESS_DEADLINE_MS = 2_000;

type DatabaseState = 'up' | 'down' | 'migrations_pending';

/**
 * /healthz: the process is up and the database it owns (if any) is alive; a liveness probe
 * restarts it otherwise. /readyz: every dependency's state, and 503 only when the database
 * is unreachable (or migrations are pending): without Redis rate limits count in the process, and
 * without Plaid cached reads still work. It also counts the webhooks pending and FAILED.
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
    // A detail, not a condition: failed webhooks want looking into, but the gateway serves regardless.
    if (database === 'up') res.json({ status: 'ready', dependencies, webhooks: await withinDeadline(state.webhooks()) });
    else res.status(503).json({ status: database === 'down' ? 'database_unreachable' : 'migrations_pending', dependencies });
  });
  return router;
}

async function databaseState(dataSource: DataSource): Promise<DatabaseState> {
  const probe = (async (): Promise<DatabaseState> => {
    await dataSource.query('SELECT 1');
    return (await hasPendingMigrations(dataSource)) ? 'migrations_pending' : 'up';
  })().catch((): DatabaseState => 'down');
  return (await withinDeadline(probe)) ?? 'down';
}

/** What `work` answers within the probe's deadline; undefined if it fails or takes longer. */
async function withinDeadline<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), READINESS_DEADLINE_MS);
  });
  const answer = work.catch(() => undefined);
  return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
}
