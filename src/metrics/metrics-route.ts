import { Router } from 'express';
import type { GatewayMetrics } from './gateway-metrics';

/** GET /metrics: the Prometheus text format. */
export function metricsRoute(metrics: GatewayMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const body = await metrics.render();
    res.type(metrics.contentType).send(body);
  });
  return router;
}
