import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { departmentRoutes } from './departments.routes';
import { employeeRoutes } from './employees.routes';
import { siteRoutes } from './sites.routes';

/** HR's pages for the organisation: departments, sites and employees, and each person's own profile. */
export function peopleRoutes(dataSource: DataSource, config: Config): Router {
  const router = Router();
  router.use(departmentRoutes(dataSource), siteRoutes(dataSource), employeeRoutes(dataSource, config));
  return router;
}
