import { DepartmentBlackoutWeek } from './department-blackout-week.entity';
import { Desk } from './desk.entity';
import { DeskCapacityOverride } from './desk-capacity-override.entity';
import { Programme } from './programme.entity';
import { ProgrammeExemption } from './programme-exemption.entity';
import { ProgrammeStage } from './programme-stage.entity';

export const rotationEntities = [Desk, DeskCapacityOverride, Programme, ProgrammeStage, ProgrammeExemption, DepartmentBlackoutWeek];
