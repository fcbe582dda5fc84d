// HR's pages for the published schedule: the list of assignments, and one assignment with the changes HR can make.
import { type Request, type Response, Router } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { actorOf, type AuditActor } from '../audit/audit-log';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { RuleViolation } from '../http/errors';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { idParam } from '../http/id-param';
import { cancelAssignment, completeAssignment, deferAssignment, exemptFromProgramme, moveAssignment } from './assignment-changes';
import { startDueAssignments } from './assignment-clock';
import { moveForm, reasonForm, submittedChange, versionForm, type SubmittedChange } from './assignment-forms';
import { assignmentListSearchParams, findAssignments, parseAssignmentListQuery, scheduleOptions } from './assignment-list';
import { assignmentStatuses, canChangeStatus, statusLabels } from './assignment-status';
import { AssignmentChangedMeanwhile, findAssignment } from './assignment-store';
import { today } from './clock';
import { ScheduleRuleBroken, firstChangeableWeek } from './schedule-check';

interface PageState {
  errors?: FieldErrors;
  /** Why the change was refused: the rules it would break, in words. */
  refusal?: string[];
  conflict?: string;
  submitted?: SubmittedChange;
}

interface ChangeAction<S extends z.ZodType> {
  form: S;
  run: (manager: EntityManager, actor: AuditActor, id: string, data: z.output<S>) => Promise<void>;
  done: string;
}

const action = <S extends z.ZodType>(change: ChangeAction<S>) => change;

const changes = {
  move: action({
    form: moveForm,
    run: (manager, actor, id, data) => moveAssignment(manager, actor, id, data.version, { firstWeek: data.firstWeek, deskId: data.deskId }, today()),
    done: 'Moved; the employee will be told.',
  }),
  cancel: action({
    form: reasonForm,
    run: (manager, actor, id, data) => cancelAssignment(manager, actor, id, data.version, data.reason),
    done: 'Cancelled; the employee will be told.',
  }),
  defer: action({
    form: reasonForm,
    run: (manager, actor, id, data) => deferAssignment(manager, actor, id, data.version, data.reason),
    done: 'Deferred: the next plan run places the employee again.',
  }),
  exempt: action({
    form: reasonForm,
    run: (manager, actor, id, data) => exemptFromProgramme(manager, actor, id, data.version, data.reason),
    done: 'Exempted from the programme, and the assignment cancelled.',
  }),
  complete: action({
    form: versionForm,
    run: (manager, actor, id, data) => completeAssignment(manager, actor, id, data.version),
    done: 'Marked completed.',
  }),
};

export function assignmentRoutes(dataSource: DataSource): Router {
  const router = Router();

  async function showAssignment(req: Request, res: Response, id: string, status = 200, state: PageState = {}) {
    const { assignment, options } = await inTransaction(dataSource, async (manager) => {
      await startDueAssignments(manager, today());
      return { assignment: await findAssignment(manager, id), options: await scheduleOptions(manager) };
    });
    res.status(status).render('schedule/assignment', {
      title: `${assignment.employeeName}: ${assignment.programmeName}`,
      assignment,
      desks: options.desks.filter((desk) => !desk.archived),
      statusLabels,
      can: (to: (typeof assignmentStatuses)[number]) => canChangeStatus(assignment.status, to),
      firstWeek: firstChangeableWeek(today()),
      notice: takeFlash(req),
      errors: state.errors ?? {},
      refusal: state.refusal ?? [],
      conflict: state.conflict,
      submitted: state.submitted ?? submittedChange('', {}),
    });
  }

  router.get('/hr/assignments', hrOnly, async (req, res) => {
    const { filters, page } = parseAssignmentListQuery(req.query);
    const { list, options } = await inTransaction(dataSource, async (manager) => {
      await startDueAssignments(manager, today());
      return { list: await findAssignments(manager, filters, page), options: await scheduleOptions(manager) };
    });
    res.render('schedule/assignments', {
      title: 'Assignments',
      filters,
      list,
      ...options,
      statuses: assignmentStatuses,
      statusLabels,
      pageHref: (to: number) => `/hr/assignments?${assignmentListSearchParams(filters, to)}`,
    });
  });

  router.get('/hr/assignments/:id', hrOnly, async (req, res) => {
    await showAssignment(req, res, idParam(req.params.id));
  });

  for (const [name, change] of Object.entries(changes) as [string, ChangeAction<z.ZodType>][]) {
    router.post(`/hr/assignments/:id/${name}`, hrOnly, async (req, res) => {
      const id = idParam(req.params.id);
      const submitted = submittedChange(name, req.body);
      const form = parseForm(change.form, req.body);
      if (!form.ok) return showAssignment(req, res, id, 422, { errors: form.errors, submitted });
      try {
        await inTransaction(dataSource, (manager) => change.run(manager, actorOf(req.user!), id, form.data));
      } catch (error) {
        if (error instanceof AssignmentChangedMeanwhile) return showAssignment(req, res, id, error.status, { conflict: error.message });
        if (error instanceof ScheduleRuleBroken) return showAssignment(req, res, id, error.status, { refusal: error.reasons, submitted });
        if (error instanceof RuleViolation) return showAssignment(req, res, id, error.status, { refusal: [error.message], submitted });
        throw error;
      }
      setFlash(req, change.done);
      res.redirect(303, `/hr/assignments/${id}`);
    });
  }

  return router;
}
