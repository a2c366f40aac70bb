import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { GatewayMetrics } from './gateway-metrics';

/**
 * GET /metrics: the Prometheus text format. With METRICS_TOKEN set, only a scrape that sends it
 * as a bearer token reads it: the series name every route, Plaid endpoint and operation.
 */
export function metricsRoute(metrics: GatewayMetrics, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      res.status(401).set('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('METRICS_TOKEN required\n');
      return;
    }
    const body = await metrics.render();
    res.type(metrics.contentType).send(body);
  });
  return router;
}

/** Compared as digests, so neither the length nor the content leaks through timing. */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const sent = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(token));
}
