// The programme form: its fields, the rules between them, and the values it shows again.
import { z } from 'zod';
import type { FieldErrors, FormResult } from '../http/validation';
import { parseForm } from '../http/validation';
import { dateField } from '../people/employee-fields';
import { blankAsNull, idField, tickedField, wholeNumberField } from './form-fields';
import { type ProgrammeKind, programmeKinds, type Programme } from './programme.entity';
import { type StageUnit, stageUnits } from './programme-stage.entity';
import { text, ticked } from './submitted-values';

/** The form has this many stage rows; rows left blank are ignored. */
export const stageRowCount = 6;
export const maxProgrammeWeeks = 65;
export const defaultStartWithinWeeks = 2;
/**
 * A stage counted in shifts takes as many weeks as those shifts need at the programme's expected hours per week,
 * taking a shift as a working day of this many hours; desks' own hours differ, so this is the rule HR can predict.
 */
export const hoursPerShift = 8;

export interface StageFields {
  name: string;
  amount: number;
  unit: StageUnit;
}

const stageRows = z
  .array(z.object({ name: z.string(), amount: z.string(), unit: z.string() }))
  .transform((rows, context) => {
    const stages: StageFields[] = [];
    rows.forEach((row, index) => {
      const [name, amount, number] = [row.name.trim(), row.amount.trim(), index + 1];
      if (!name && !amount) return;
      const issue = (field: string, message: string) => context.addIssue({ code: 'custom', path: [index, field], message });
      if (!name) issue('name', `Name stage ${number}, or clear its length`);
      else if (name.length > 100) issue('name', `Stage ${number}’s name is at most 100 characters`);
      if (!/^\d+$/.test(amount) || Number(amount) < 1 || Number(amount) > 1000) {
        issue('amount', `Give stage ${number}’s length as a whole number of weeks or shifts, from 1 to 1000`);
      }
      if (!stageUnits.includes(row.unit as StageUnit)) issue('unit', `Choose weeks or shifts for stage ${number}`);
      stages.push({ name, amount: Number(amount), unit: row.unit as StageUnit });
    });
    if (!stages.length) context.addIssue({ code: 'custom', path: [0, 'name'], message: 'Give the programme at least one stage' });
    return stages;
  });

const programmeFields = z.object({
  name: z.string({ error: 'Enter the programme’s name' }).trim().min(1, 'Enter the programme’s name').max(100, 'A programme’s name is at most 100 characters'),
  kind: z.enum(programmeKinds, { error: 'Choose onboarding or recurring' }),
  lengthWeeks: wholeNumberField('the length in weeks', 1, maxProgrammeWeeks),
  expectedHoursPerWeek: wholeNumberField('the expected hours per week', 1, 60),
  stages: stageRows,
  appliesTo: z.enum(['all', 'some'], { error: 'Choose which departments the programme applies to' }),
  departmentIds: tickedField(idField('Choose departments from the list')),
  startWithinWeeks: blankAsNull(wholeNumberField('the weeks to start within', 0, 52)),
  appliesToHiresFrom: blankAsNull(dateField('first hire date')),
  everyMonths: blankAsNull(wholeNumberField('the months between rotations', 1, 120)),
  earlyWeeks: blankAsNull(wholeNumberField('the weeks a rotation may start early', 0, 52)),
});

export interface ProgrammeFields {
  name: string;
  kind: ProgrammeKind;
  lengthWeeks: number;
  expectedHoursPerWeek: number;
  stages: StageFields[];
  /** Empty: every department. */
  departmentIds: string[];
  startWithinWeeks: number | null;
  appliesToHiresFrom: string | null;
  everyMonths: number | null;
  earlyWeeks: number | null;
}

/** The weeks a stage takes; see hoursPerShift. */
export function stageWeeks(stage: StageFields, expectedHoursPerWeek: number): number {
  return stage.unit === 'weeks' ? stage.amount : Math.ceil((stage.amount * hoursPerShift) / expectedHoursPerWeek);
}

/** Checks each field, then the rules between them; each kind keeps only its own timing fields. */
export function parseProgrammeForm(body: unknown): FormResult<ProgrammeFields> {
  const form = parseForm(programmeFields, withStageRows(body));
  if (!form.ok) return form;
  const { appliesTo, departmentIds, ...fields } = form.data;
  const errors: FieldErrors = {};
  const stagesWeeks = fields.stages.reduce((sum, stage) => sum + stageWeeks(stage, fields.expectedHoursPerWeek), 0);
  if (stagesWeeks > fields.lengthWeeks) {
    errors.lengthWeeks = `The stages take ${weeks(stagesWeeks)} (shifts at ${hoursPerShift} hours each), more than the programme’s ${weeks(fields.lengthWeeks)}`;
  }
  if (appliesTo === 'some' && departmentIds.length === 0) errors.departmentIds = 'Tick the departments the programme applies to, or choose every department';
  if (fields.kind === 'onboarding') {
    if (fields.everyMonths !== null) errors.everyMonths = 'An onboarding programme happens once: leave “every … months” empty';
    if (fields.earlyWeeks !== null) errors.earlyWeeks = 'An onboarding programme cannot start before the hire date: leave “up to … weeks early” empty';
  } else {
    if (fields.everyMonths === null) errors.everyMonths = 'Enter how many months apart a recurring programme’s rotations are';
    if (fields.startWithinWeeks !== null) errors.startWithinWeeks = 'Only an onboarding programme starts within weeks of the hire date: leave this empty';
    if (fields.appliesToHiresFrom !== null) errors.appliesToHiresFrom = 'Only an onboarding programme has a first hire date: leave this empty';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const onboarding = fields.kind === 'onboarding';
  return {
    ok: true,
    data: {
      ...fields,
      departmentIds: appliesTo === 'all' ? [] : [...new Set(departmentIds)].sort(),
      startWithinWeeks: onboarding ? (fields.startWithinWeeks ?? defaultStartWithinWeeks) : null,
      appliesToHiresFrom: onboarding ? fields.appliesToHiresFrom : null,
      everyMonths: onboarding ? null : fields.everyMonths,
      earlyWeeks: onboarding ? null : (fields.earlyWeeks ?? 0),
    },
  };
}

const weeks = (count: number) => (count === 1 ? '1 week' : `${count} weeks`);

/** The form posts stage rows as flat fields (stages.0.name, ...); the schema reads them as a list. */
function withStageRows(body: unknown): Record<string, unknown> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const stages = Array.from({ length: stageRowCount }, (_, index) => ({
    name: text(fields[`stages.${index}.name`]),
    amount: text(fields[`stages.${index}.amount`]),
    unit: text(fields[`stages.${index}.unit`]) || 'weeks',
  }));
  return { ...fields, stages };
}

export interface ProgrammeFormValues {
  name: string;
  kind: string;
  lengthWeeks: string;
  expectedHoursPerWeek: string;
  stages: { name: string; amount: string; unit: string }[];
  appliesTo: string;
  departmentIds: string[];
  startWithinWeeks: string;
  appliesToHiresFrom: string;
  everyMonths: string;
  earlyWeeks: string;
}

const blankStages = (given: ProgrammeFormValues['stages']) =>
  [...given, ...Array.from({ length: stageRowCount }, () => ({ name: '', amount: '', unit: 'weeks' }))].slice(0, stageRowCount);

/** A new programme: onboarding from today's hires on, so people hired long ago are not all due at once. */
export function newProgrammeValues(today: string): ProgrammeFormValues {
  return {
    name: '',
    kind: 'onboarding',
    lengthWeeks: '',
    expectedHoursPerWeek: '',
    stages: blankStages([]),
    appliesTo: 'all',
    departmentIds: [],
    startWithinWeeks: String(defaultStartWithinWeeks),
    appliesToHiresFrom: today,
    everyMonths: '',
    earlyWeeks: '',
  };
}

export function programmeValuesOf(programme: Programme): ProgrammeFormValues {
  const optional = (value: number | string | null) => (value === null ? '' : String(value));
  return {
    name: programme.name,
    kind: programme.kind,
    lengthWeeks: String(programme.lengthWeeks),
    expectedHoursPerWeek: String(programme.expectedHoursPerWeek),
    stages: blankStages(programme.stages.map((stage) => ({ name: stage.name, amount: String(stage.amount), unit: stage.unit }))),
    appliesTo: programme.departments.length ? 'some' : 'all',
    departmentIds: programme.departments.map((department) => department.id),
    startWithinWeeks: optional(programme.startWithinWeeks),
    appliesToHiresFrom: optional(programme.appliesToHiresFrom),
    everyMonths: optional(programme.everyMonths),
    earlyWeeks: optional(programme.earlyWeeks),
  };
}

export function submittedProgrammeValues(body: Record<string, unknown> | undefined): ProgrammeFormValues {
  const fields = body ?? {};
  return {
    name: text(fields.name),
    kind: text(fields.kind),
    lengthWeeks: text(fields.lengthWeeks),
    expectedHoursPerWeek: text(fields.expectedHoursPerWeek),
    stages: withStageRows(fields).stages as ProgrammeFormValues['stages'],
    appliesTo: text(fields.appliesTo),
    departmentIds: ticked(fields.departmentIds),
    startWithinWeeks: text(fields.startWithinWeeks),
    appliesToHiresFrom: text(fields.appliesToHiresFrom),
    everyMonths: text(fields.everyMonths),
    earlyWeeks: text(fields.earlyWeeks),
  };
}
