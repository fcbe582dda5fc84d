export { planRotations } from './plan-rotations';
export { checkPlan } from './check-plan';
export { findDueCandidates, type DueCandidate } from './due-candidates';
export { weekLabel, weekNumber } from './weeks';
export type * from './types';
