// HR's pages for the model the planner works from: support desks, programmes and department limits.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { deskRoutes } from './desk.routes';
import { limitRoutes } from './limits.routes';
import { programmeRoutes } from './programme.routes';

export function rotationRoutes(dataSource: DataSource): Router {
  const router = Router();
  router.use(deskRoutes(dataSource));
  router.use(programmeRoutes(dataSource));
  router.use(limitRoutes(dataSource));
  return router;
}
