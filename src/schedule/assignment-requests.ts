// Employees' requests to move their rotation or swap it with a colleague's, through the colleague's answer and,
// where the organisation wants it, HR's approval. The checker decides at each step, on the schedule of that
// moment: a request that has become illegal meanwhile is refused with the reason when it would take effect.
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit-log';
import { Conflict, Forbidden, RuleViolation } from '../http/errors';
import { weekNumber, type IsoDate } from '../planner';
import { advanceScheduleVersion, readSettings } from '../settings/settings.service';
import type { AssignmentPlace } from '../notices/schedule-notices';
import { activeDeskName, AssignmentChangedMeanwhile, blockOf, findAssignment, lockAssignment, saveAssignmentChange, type Assignment } from './assignment-store';
import { openRequestStatuses } from './request-closing';
import { ownChangeableAssignment, swappedBlocks } from './request-options';
import { insertRequest, lockRequest, requestStatusLabels, setRequestStatus, type AssignmentRequest, type RequestStatus } from './request-records';
import { checkChangeableWeek, firstChangeableWeek, loadScheduleChecker } from './schedule-check';

/** The signed-in employee acting on their own requests. */
export type Requester = AuditActor & { id: string };

export interface RequestOutcome {
  status: RequestStatus;
  /** Why the request was refused, when it was. */
  reasons: string[];
}

async function refuseSecondRequest(manager: EntityManager, assignmentId: string): Promise<void> {
  const [{ open }]: { open: boolean }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM assignment_requests WHERE assignment_id = $1 AND status = ANY($2::text[])) AS open`,
    [assignmentId, openRequestStatuses],
  );
  if (open) throw new RuleViolation('This rotation already has a request waiting: withdraw it first to ask for something else.');
}

const describePlace = (assignment: Pick<Assignment, 'deskName' | 'firstWeek'>) => `${assignment.deskName} from ${assignment.firstWeek}`;

export async function requestMove(
  manager: EntityManager,
  requester: Requester,
  assignmentId: string,
  version: number,
  target: { deskId: string; firstWeek: string },
  note: string | null,
  today: IsoDate,
): Promise<RequestOutcome> {
  const { swapsNeedApproval } = await readSettings(manager);
  // Applied at once: the schedule's lock comes first, as for every change to it.
  if (!swapsNeedApproval) await advanceScheduleVersion(manager);
  const assignment = await ownChangeableAssignment(manager, requester.id, assignmentId, today);
  if (assignment.version !== version) throw new AssignmentChangedMeanwhile(assignmentId);
  await refuseSecondRequest(manager, assignmentId);
  checkChangeableWeek(target.firstWeek, today);
  const deskName = await activeDeskName(manager, target.deskId);
  if (assignment.deskId === target.deskId && assignment.firstWeek === target.firstWeek) throw new RuleViolation('Your rotation is already there.');
  const place = { deskId: target.deskId, firstWeek: target.firstWeek, weeks: assignment.weeks };
  (await loadScheduleChecker(manager, today)).require([blockOf(assignment, place)], [assignment.id]);

  const summary = `Move ${assignment.employeeName}’s ${assignment.programmeName} from ${describePlace(assignment)} to ${describePlace({ deskName, firstWeek: target.firstWeek })}`;
  const status: RequestStatus = swapsNeedApproval ? 'pending-hr' : 'approved';
  await insertRequest(manager, requester, { kind: 'move', requesterId: requester.id, assignmentId, assignmentVersion: version, target: { deskId: target.deskId, week: target.firstWeek }, status, summary, note });
  if (!swapsNeedApproval) await saveMove(manager, requester, assignment, place, summary);
  return { status, reasons: [] };
}

export async function requestSwap(
  manager: EntityManager,
  requester: Requester,
  assignmentId: string,
  version: number,
  counterpart: { assignmentId: string; version: number },
  note: string | null,
  today: IsoDate,
): Promise<void> {
  const mine = await ownChangeableAssignment(manager, requester.id, assignmentId, today);
  if (mine.version !== version) throw new AssignmentChangedMeanwhile(assignmentId);
  const theirs = await findAssignment(manager, counterpart.assignmentId);
  if (theirs.version !== counterpart.version) throw new Conflict(`${theirs.employeeName}’s rotation changed after you opened the page. Choose again from the list as it is now.`);
  if (theirs.employeeId === mine.employeeId) throw new RuleViolation('Choose a colleague’s rotation, not one of yours.');
  if (theirs.programmeId !== mine.programmeId) throw new RuleViolation(`Swaps are within one programme: ${theirs.employeeName}’s rotation is for ${theirs.programmeName}.`);
  if (theirs.status !== 'scheduled' || weekNumber(theirs.firstWeek) < weekNumber(firstChangeableWeek(today))) {
    throw new RuleViolation(`${theirs.employeeName}’s rotation has begun or is no longer scheduled.`);
  }
  await refuseSecondRequest(manager, assignmentId);
  (await loadScheduleChecker(manager, today)).require(swappedBlocks(mine, theirs), [mine.id, theirs.id]);
  await insertRequest(manager, requester, {
    kind: 'swap',
    requesterId: requester.id,
    assignmentId,
    assignmentVersion: version,
    counterpart: { assignmentId: theirs.id, version: theirs.version, employeeId: theirs.employeeId },
    status: 'pending-colleague',
    summary: `Swap ${mine.employeeName}’s ${mine.programmeName} on ${describePlace(mine)} with ${theirs.employeeName}’s on ${describePlace(theirs)}`,
    note,
  });
}

function checkStatus(request: AssignmentRequest, ...expected: RequestStatus[]): void {
  if (!expected.includes(request.status)) throw new RuleViolation(`This request is already ${requestStatusLabels[request.status]}.`);
}

export async function withdrawRequest(manager: EntityManager, requester: Requester, requestId: string): Promise<void> {
  const request = await lockRequest(manager, requestId);
  if (request.requesterId !== requester.id) throw new Forbidden('Only the person who asked can withdraw a request.');
  checkStatus(request, ...openRequestStatuses);
  await setRequestStatus(manager, requester, request, { status: 'withdrawn', action: 'withdrew' });
}

/** The colleague's answer to a swap. Accepted, it takes effect at once unless HR must approve it. */
export async function answerSwap(
  manager: EntityManager,
  colleague: Requester,
  requestId: string,
  answer: { accept: boolean; note: string | null },
  today: IsoDate,
): Promise<RequestOutcome> {
  const { swapsNeedApproval } = await readSettings(manager);
  const takesEffect = answer.accept && !swapsNeedApproval;
  if (takesEffect) await advanceScheduleVersion(manager);
  const request = await lockRequest(manager, requestId);
  if (request.counterpartEmployeeId !== colleague.id) throw new Forbidden('Only the colleague asked can answer this request.');
  checkStatus(request, 'pending-colleague');
  if (!answer.accept) {
    await setRequestStatus(manager, colleague, request, { status: 'declined', action: 'declined', reason: answer.note });
    return { status: 'declined', reasons: [] };
  }
  if (takesEffect) return takeEffect(manager, colleague, request, today);
  // HR will decide, but a swap that is already illegal need not wait for them to find out.
  const { reasons } = await plannedChange(manager, request, today, false);
  if (reasons.length) return refuse(manager, colleague, request, reasons);
  await setRequestStatus(manager, colleague, request, { status: 'pending-hr', action: 'accepted', reason: answer.note });
  return { status: 'pending-hr', reasons: [] };
}

/** HR's decision on a request waiting for them. Approved, it takes effect if it is still legal. */
export async function decideRequest(
  manager: EntityManager,
  hr: AuditActor,
  requestId: string,
  decision: { approve: boolean; reason: string | null },
  today: IsoDate,
): Promise<RequestOutcome> {
  if (decision.approve) await advanceScheduleVersion(manager);
  const request = await lockRequest(manager, requestId);
  checkStatus(request, 'pending-hr');
  if (!decision.approve) {
    await setRequestStatus(manager, hr, request, { status: 'declined', action: 'declined', reason: decision.reason });
    return { status: 'declined', reasons: [] };
  }
  return takeEffect(manager, hr, request, today);
}

async function refuse(manager: EntityManager, actor: AuditActor, request: AssignmentRequest, reasons: string[]): Promise<RequestOutcome> {
  await setRequestStatus(manager, actor, request, { status: 'refused', action: 'refused', reason: reasons.join('; ') });
  return { status: 'refused', reasons };
}

/** Applies the request if it is still legal now; otherwise marks it refused with the reasons. */
async function takeEffect(manager: EntityManager, actor: AuditActor, request: AssignmentRequest, today: IsoDate): Promise<RequestOutcome> {
  const { reasons, moves } = await plannedChange(manager, request, today, true);
  if (reasons.length) return refuse(manager, actor, request, reasons);
  await setRequestStatus(manager, actor, request, { status: 'approved', action: 'approved' });
  for (const { assignment, place } of moves) await saveMove(manager, actor, assignment, place, request.summary);
  return { status: 'approved', reasons: [] };
}

interface PlannedMove {
  assignment: Assignment;
  place: AssignmentPlace;
}

/** What the request would change now, and what would stop it; `lock` holds the assignments until the transaction ends. */
async function plannedChange(manager: EntityManager, request: AssignmentRequest, today: IsoDate, lock: boolean): Promise<{ reasons: string[]; moves: PlannedMove[] }> {
  const read = (id: string) => (lock ? lockAssignment(manager, id) : findAssignment(manager, id));
  const mine = await read(request.assignmentId);
  const theirs = request.counterpartAssignmentId ? await read(request.counterpartAssignmentId) : null;
  const asked: [Assignment, number][] = theirs ? [[mine, request.assignmentVersion], [theirs, request.counterpartVersion!]] : [[mine, request.assignmentVersion]];
  const changed = asked.filter(([assignment, version]) => assignment.status !== 'scheduled' || assignment.version !== version);
  if (changed.length) return { reasons: changed.map(([assignment]) => `${assignment.employeeName}’s rotation has changed since the request was made`), moves: [] };

  const moves: PlannedMove[] = theirs
    ? [
        { assignment: mine, place: { deskId: theirs.deskId, firstWeek: theirs.firstWeek, weeks: theirs.weeks } },
        { assignment: theirs, place: { deskId: mine.deskId, firstWeek: mine.firstWeek, weeks: mine.weeks } },
      ]
    : [{ assignment: mine, place: { deskId: request.targetDeskId!, firstWeek: request.targetWeek!, weeks: mine.weeks } }];
  const first = firstChangeableWeek(today);
  const begun = moves.filter(({ assignment, place }) => weekNumber(assignment.firstWeek) < weekNumber(first) || weekNumber(place.firstWeek) < weekNumber(first));
  if (begun.length) return { reasons: [`The weeks asked for have begun: changes can start from ${first}`], moves: [] };
  const checker = await loadScheduleChecker(manager, today);
  if (moves.some(({ place }) => !checker.input.desks.some((desk) => desk.id === place.deskId))) {
    return { reasons: ['The desk asked for is no longer in use'], moves: [] };
  }
  const reasons = checker.check(
    moves.map(({ assignment, place }) => blockOf(assignment, place)),
    moves.map(({ assignment }) => assignment.id),
  );
  return { reasons, moves };
}

async function saveMove(manager: EntityManager, actor: AuditActor, assignment: Assignment, place: AssignmentPlace, summary: string): Promise<void> {
  await saveAssignmentChange(manager, actor, assignment, {
    place,
    status: 'scheduled',
    statusReason: null,
    action: 'moved',
    summary: `${summary} (as requested)`,
    notice: 'changed',
  });
}
