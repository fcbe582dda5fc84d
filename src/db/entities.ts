import { Department } from '../people/department.entity';
import { Employee } from '../people/employee.entity';
import { Site } from '../people/site.entity';
import { rotationEntities } from '../rotations/entities';

export const entities = [Site, Department, Employee, ...rotationEntities];
