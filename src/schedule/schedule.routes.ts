// The live schedule's pages: HR's assignments and coverage, and everyone's move and swap requests.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { assignmentRoutes } from './assignments.routes';
import { coverageRoutes } from './coverage.routes';
import { requestRoutes } from './requests.routes';

export function scheduleRoutes(dataSource: DataSource): Router {
  return Router().use(assignmentRoutes(dataSource), coverageRoutes(dataSource), requestRoutes(dataSource));
}
