// Probes for load balancers and orchestrators: /healthz says the process is up, /readyz that it can serve.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { anyone } from './access';

export function healthRoutes(dataSource: DataSource): Router {
  const router = Router();
  router.get('/healthz', anyone, (req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', anyone, async (req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });
  return router;
}
