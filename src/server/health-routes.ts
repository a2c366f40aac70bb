import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { hasPendingMigrations } from '../database/data-source';

export interface HealthState {
  shuttingDown: boolean;
}

/** /healthz: the process is up. /readyz: the database answers and every migration is applied. */
export function healthRoutes(dataSource: DataSource, state: HealthState): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (state.shuttingDown) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    try {
      await dataSource.query('SELECT 1');
      if (await hasPendingMigrations(dataSource)) {
        res.status(503).json({ status: 'migrations_pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database_unreachable' });
    }
  });
  return router;
}
