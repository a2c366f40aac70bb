import type { NextFunction, Request, Response } from 'express';
import type { GatewayMetrics } from './gateway-metrics';

/**
 * Times every HTTP request. The route label is the mount path plus the matched route's
 * pattern, both written in code, so a client cannot create new label values with its URLs.
 */
export function httpMetricsMiddleware(metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route = `${req.baseUrl}${typeof pattern === 'string' ? pattern : ''}` || 'unmatched';
      metrics.recordHttpRequest({
        method: req.method,
        route,
        statusCode: res.statusCode,
        durationSeconds: (performance.now() - started) / 1000,
      });
    });
    next();
  };
}
