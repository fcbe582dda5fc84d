// What a draft plan would change in the published schedule, matched by person and programme.
import type { AssignmentBlock } from '../planner';

export type ScheduleChangeKind = 'added' | 'moved' | 'removed';

export interface ScheduleChange {
  kind: ScheduleChangeKind;
  personId: string;
  programmeId: string;
  before: { deskId: string; firstWeek: string } | null;
  after: { deskId: string; firstWeek: string } | null;
}

export interface ScheduleChanges {
  added: number;
  moved: number;
  removed: number;
  unchanged: number;
  /** The moved and removed ones first, since those are what people already told will notice; capped for the page. */
  examples: ScheduleChange[];
}

const exampleLimit = 200;
const keyOf = (block: AssignmentBlock) => `${block.personId}|${block.programmeId}|${block.firstWeek}`;
const personProgramme = (block: AssignmentBlock) => `${block.personId}|${block.programmeId}`;
const placeOf = (block: AssignmentBlock) => ({ deskId: block.deskId, firstWeek: block.firstWeek });

export function compareWithSchedule(published: AssignmentBlock[], draft: AssignmentBlock[]): ScheduleChanges {
  const draftByKey = new Map(draft.map((block) => [keyOf(block), block]));
  const publishedKeys = new Set(published.map(keyOf));
  const draftByPersonProgramme = new Map<string, AssignmentBlock[]>();
  for (const block of draft) {
    if (publishedKeys.has(keyOf(block))) continue;
    const list = draftByPersonProgramme.get(personProgramme(block)) ?? [];
    list.push(block);
    draftByPersonProgramme.set(personProgramme(block), list);
  }

  const moved: ScheduleChange[] = [];
  const removed: ScheduleChange[] = [];
  let unchanged = 0;
  for (const block of published) {
    const same = draftByKey.get(keyOf(block));
    if (same && same.deskId === block.deskId && same.weeks === block.weeks) {
      unchanged += 1;
      continue;
    }
    const replacement = same ?? draftByPersonProgramme.get(personProgramme(block))?.shift();
    if (replacement) moved.push({ kind: 'moved', personId: block.personId, programmeId: block.programmeId, before: placeOf(block), after: placeOf(replacement) });
    else removed.push({ kind: 'removed', personId: block.personId, programmeId: block.programmeId, before: placeOf(block), after: null });
  }
  const movedTo = new Set(moved.map((change) => `${change.personId}|${change.programmeId}|${change.after!.firstWeek}`));
  const added = draft
    .filter((block) => !publishedKeys.has(keyOf(block)) && !movedTo.has(keyOf(block)))
    .map((block): ScheduleChange => ({ kind: 'added', personId: block.personId, programmeId: block.programmeId, before: null, after: placeOf(block) }));

  return {
    added: added.length,
    moved: moved.length,
    removed: removed.length,
    unchanged,
    examples: [...moved, ...removed, ...added].slice(0, exampleLimit),
  };
}
