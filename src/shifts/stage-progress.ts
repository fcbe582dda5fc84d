// How far a person has come through a programme's stages, from the shifts they logged. Stages run in order; one
// counted in shifts is done once that many shifts were logged at its stage, one counted in weeks once that many
// rotation weeks are over in which the person logged at least one shift at its stage (a week under way does not
// count yet). The person has reached the first stage not done, and every stage before it.
import type { ProgrammeStagePlan } from './rotation';
import { stages, type Stage } from './shift';

/**
 * Programme stages have free names; a shift is logged as shadowing, paired or solo. A stage whose name says which
 * is that one; otherwise its place decides: the last stage is solo, the first (of several) shadowing, any other paired.
 */
export function stageKindOf(name: string, index: number, count: number): Stage {
  const lower = name.toLowerCase();
  if (lower.includes('shadow')) return 'shadowing';
  if (lower.includes('pair')) return 'paired';
  if (lower.includes('solo')) return 'solo';
  if (index === count - 1) return 'solo';
  return index === 0 ? 'shadowing' : 'paired';
}

export interface StageStep extends ProgrammeStagePlan {
  kind: Stage;
  /** Shifts or finished weeks counted towards it, at most its amount. */
  done: number;
  complete: boolean;
}

export interface StageProgress {
  steps: StageStep[];
  /** The stage the person is at now. */
  reached: Stage;
  /** The stages a new shift may be logged at: the one reached and those before it. */
  offered: Stage[];
}

export interface LoggedStage {
  stage: Stage;
  /** The ISO week of the shift's day at the desk. */
  week: string;
}

export function stageProgress(plan: ProgrammeStagePlan[], logged: LoggedStage[], currentWeek: string): StageProgress {
  if (!plan.length) return { steps: [], reached: 'solo', offered: [...stages] };
  const usedShifts = new Map<Stage, number>();
  const usedWeeks = new Map<Stage, number>();
  const steps = plan.map((stage, index): StageStep => {
    const kind = stageKindOf(stage.name, index, plan.length);
    const used = stage.unit === 'shifts' ? usedShifts : usedWeeks;
    const counted =
      stage.unit === 'shifts'
        ? logged.filter((shift) => shift.stage === kind).length
        : new Set(logged.filter((shift) => shift.stage === kind && shift.week < currentWeek).map((shift) => shift.week)).size;
    const done = Math.max(0, Math.min(stage.amount, counted - (used.get(kind) ?? 0)));
    used.set(kind, (used.get(kind) ?? 0) + done);
    return { ...stage, kind, done, complete: done >= stage.amount };
  });
  const current = steps.findIndex((step) => !step.complete);
  const reachedSteps = current === -1 ? steps : steps.slice(0, current + 1);
  return {
    steps,
    reached: reachedSteps[reachedSteps.length - 1].kind,
    offered: stages.filter((stage) => reachedSteps.some((step) => step.kind === stage)),
  };
}
