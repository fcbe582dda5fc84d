// Recording, changing and removing absences. People manage their own; HR manages anyone's. Overlaps are
// prevented by locking the person's employee row first, so two requests at once cannot both pass the check.
import type { EntityManager } from 'typeorm';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit-log';
import type { SignedInUser } from '../auth/signed-in-user';
import { Forbidden, NotFound } from '../http/errors';
import { InvalidField } from '../http/invalid-fields';
import { absenceTypeNames, type Absence, type AbsenceFields, type AbsenceOwner, type AbsenceType } from './absence';

export type AbsenceEditor = Pick<SignedInUser, 'id' | 'fullName' | 'roles'>;

interface AbsenceRow {
  id: string;
  employeeId: string;
  type: AbsenceType;
  startsOn: string;
  endsOn: string;
  note: string | null;
  days: number;
}

const absenceColumns = `a.id, a.employee_id AS "employeeId", a.type,
  to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
  a.note, (a.ends_on - a.starts_on + 1) AS days`;

const toAbsence = (row: AbsenceRow): Absence => ({ ...row, typeName: absenceTypeNames[row.type] });

const fieldsOf = ({ type, startsOn, endsOn, note }: AbsenceFields): AbsenceFields => ({ type, startsOn, endsOn, note });

const summaryOf = (owner: AbsenceOwner, fields: AbsenceFields) =>
  `${absenceTypeNames[fields.type]} for ${owner.fullName}, ${fields.startsOn} to ${fields.endsOn}`;

const actorOf = (editor: AbsenceEditor): AuditActor => ({ id: editor.id, name: editor.fullName });

function checkMayManage(editor: AbsenceEditor, employeeId: string): void {
  if (editor.id !== employeeId && !editor.roles.includes('hr')) {
    throw new Forbidden('You can only change your own absences.');
  }
}

/** One person's absences, latest first. */
export async function listAbsences(manager: EntityManager, employeeId: string): Promise<Absence[]> {
  const rows: AbsenceRow[] = await manager.query(
    `SELECT ${absenceColumns} FROM absences a WHERE a.employee_id = $1 ORDER BY a.starts_on DESC`,
    [employeeId],
  );
  return rows.map(toAbsence);
}

/** Every absence that touches the period from..to (ISO dates, both included), for the planner. */
export async function absencesBetween(
  manager: EntityManager,
  from: string,
  to: string,
): Promise<{ employeeId: string; startsOn: string; endsOn: string }[]> {
  return manager.query(
    `SELECT a.employee_id AS "employeeId", to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn"
       FROM absences a
      WHERE daterange(a.starts_on, a.ends_on, '[]') && daterange($1::date, $2::date, '[]')
      ORDER BY a.employee_id, a.starts_on`,
    [from, to],
  );
}

/** The person whose absences the editor wants to see or change. */
export async function findAbsenceOwner(manager: EntityManager, editor: AbsenceEditor, employeeId: string): Promise<AbsenceOwner> {
  checkMayManage(editor, employeeId);
  const rows: AbsenceOwner[] = await manager.query(`SELECT id, full_name AS "fullName" FROM employees WHERE id = $1`, [employeeId]);
  if (!rows[0]) throw new NotFound('There is no such employee.');
  return rows[0];
}

/** An absence, with its owner, that the editor may change. */
export async function findAbsence(
  manager: EntityManager,
  editor: AbsenceEditor,
  absenceId: string,
): Promise<{ absence: Absence; owner: AbsenceOwner }> {
  const absence = await loadAbsence(manager, absenceId);
  return { absence, owner: await findAbsenceOwner(manager, editor, absence.employeeId) };
}

export async function createAbsence(
  manager: EntityManager,
  editor: AbsenceEditor,
  employeeId: string,
  fields: AbsenceFields,
): Promise<Absence> {
  checkMayManage(editor, employeeId);
  const owner = await lockEmployee(manager, employeeId);
  await checkNoOverlap(manager, employeeId, fields, null);
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO absences (employee_id, type, starts_on, ends_on, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [employeeId, fields.type, fields.startsOn, fields.endsOn, fields.note],
  );
  await recordAudit(manager, actorOf(editor), {
    entityType: 'absence',
    entityId: row.id,
    action: 'created',
    summary: `Recorded ${summaryOf(owner, fields)}`,
    after: { employeeId, ...fieldsOf(fields) },
  });
  return loadAbsence(manager, row.id);
}

export async function updateAbsence(
  manager: EntityManager,
  editor: AbsenceEditor,
  absenceId: string,
  fields: AbsenceFields,
): Promise<Absence> {
  const { employeeId } = await loadAbsence(manager, absenceId);
  checkMayManage(editor, employeeId);
  const owner = await lockEmployee(manager, employeeId);
  // Read again under the lock: it may have been changed or deleted while we waited.
  const current = await loadAbsence(manager, absenceId);
  const changes = changedFields(fieldsOf(current), fieldsOf(fields));
  if (!changes) return current;
  await checkNoOverlap(manager, employeeId, fields, absenceId);
  await manager.query(`UPDATE absences SET type = $2, starts_on = $3, ends_on = $4, note = $5, updated_at = now() WHERE id = $1`, [
    absenceId,
    fields.type,
    fields.startsOn,
    fields.endsOn,
    fields.note,
  ]);
  await recordAudit(manager, actorOf(editor), {
    entityType: 'absence',
    entityId: absenceId,
    action: 'updated',
    summary: `Changed ${summaryOf(owner, fields)}`,
    ...changes,
  });
  return loadAbsence(manager, absenceId);
}

export async function deleteAbsence(manager: EntityManager, editor: AbsenceEditor, absenceId: string): Promise<Absence> {
  const { absence, owner } = await findAbsence(manager, editor, absenceId);
  const [, deletedCount]: [unknown[], number] = await manager.query(`DELETE FROM absences WHERE id = $1`, [absenceId]);
  if (!deletedCount) throw new NotFound('That absence no longer exists.');
  await recordAudit(manager, actorOf(editor), {
    entityType: 'absence',
    entityId: absenceId,
    action: 'deleted',
    summary: `Deleted ${summaryOf(owner, absence)}`,
    before: { employeeId: absence.employeeId, ...fieldsOf(absence) },
  });
  return absence;
}

async function loadAbsence(manager: EntityManager, absenceId: string): Promise<Absence> {
  const rows: AbsenceRow[] = await manager.query(`SELECT ${absenceColumns} FROM absences a WHERE a.id = $1`, [absenceId]);
  if (!rows[0]) throw new NotFound('That absence no longer exists.');
  return toAbsence(rows[0]);
}

/** Serialises every change to one person's absences until the transaction ends. */
async function lockEmployee(manager: EntityManager, employeeId: string): Promise<AbsenceOwner> {
  // NO KEY UPDATE is enough to make absence writers wait for each other, yet lets rows that merely
  // reference the employee (audit entries, sign-ins) go ahead.
  const rows: AbsenceOwner[] = await manager.query(
    `SELECT id, full_name AS "fullName" FROM employees WHERE id = $1 FOR NO KEY UPDATE`,
    [employeeId],
  );
  if (!rows[0]) throw new NotFound('There is no such employee.');
  return rows[0];
}

async function checkNoOverlap(manager: EntityManager, employeeId: string, fields: AbsenceFields, exceptId: string | null): Promise<void> {
  const rows: AbsenceRow[] = await manager.query(
    `SELECT ${absenceColumns} FROM absences a
      WHERE a.employee_id = $1 AND a.starts_on <= $3 AND a.ends_on >= $2 AND a.id IS DISTINCT FROM $4
      ORDER BY a.starts_on LIMIT 1`,
    [employeeId, fields.startsOn, fields.endsOn, exceptId],
  );
  const clash = rows[0] && toAbsence(rows[0]);
  if (clash) {
    throw new InvalidField(
      'startsOn',
      `These days overlap another absence: ${clash.typeName.toLowerCase()} from ${clash.startsOn} to ${clash.endsOn}`,
    );
  }
}
