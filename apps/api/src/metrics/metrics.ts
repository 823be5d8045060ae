import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per app instance (tests boot several apps in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'granary_' });
  const requestDuration = new Histogram({
    name: 'granary_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  /** Records each request under its route template (never the raw URL: ids would explode cardinality). */
  function middleware(req: Request, res: Response, next: NextFunction) {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      requestDuration.labels(req.method, route, String(res.statusCode)).observe(seconds);
    });
    next();
  }

  return { registry, middleware };
}

export type Metrics = ReturnType<typeof createMetrics>;
export const METRICS = Symbol('METRICS');
