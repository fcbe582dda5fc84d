// Every shift page: the employee's own, HR's corrections, and HR's decisions on incomplete rotations.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { hrShiftRoutes } from './hr-shifts.routes';
import { incompleteRoutes } from './incomplete.routes';
import { myShiftRoutes } from './my-shifts.routes';

export function shiftRoutes(dataSource: DataSource): Router {
  return Router().use(myShiftRoutes(dataSource), hrShiftRoutes(dataSource), incompleteRoutes(dataSource));
}
