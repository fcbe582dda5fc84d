import { DateTime } from 'luxon';
import type { IsoDate } from '../planner';

/** Today's date where the app runs; services take it as an argument so that tests can name the day. */
export const today = (): IsoDate => DateTime.now().toISODate()!;
