// HR users changing one assignment at the same moment: the version on the forms they loaded lets exactly one change
// through, and the others get 409 with the assignment as the winner left it. (One HR user posting after the other
// is in assignment-changes.test.ts; here the posts leave together.)
import { formBody, type FormFields } from '../rotations/forms';
import { buildHr } from '../support/factories';
import { csrfTokenIn, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { assignmentRow, auditActions, buildOrganisation, buildRotatingEmployee, noticesFor, week, type Organisation } from './schedule-setup';

let t: TestApp;
let org: Organisation;
let hrAgents: Agent[];
beforeAll(async () => {
  t = await startTestApp();
  org = await buildOrganisation(t);
  hrAgents = [org.hr];
  for (let i = 0; i < 3; i += 1) hrAgents.push(await signIn(t.app, (await buildHr(t.dataSource)).email));
});
afterAll(() => t.close());

interface OpenedForm {
  agent: Agent;
  token: string;
  version: string;
}

/** Loads the assignment's page as a browser would, keeping the form's token and version for the post. */
async function openAssignment(agent: Agent, assignmentId: string): Promise<OpenedForm> {
  const page = await agent.get(`/hr/assignments/${assignmentId}`);
  expect(page.status).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(page.text)?.[1];
  if (!version) throw new Error('No version on the assignment page');
  return { agent, token: csrfTokenIn(page.text), version };
}

interface Change {
  action: 'move' | 'cancel' | 'defer' | 'exempt';
  /** The form's fields, read when the test runs (the desk is made before it). */
  fields: () => FormFields;
  /** What the assignment holds when this change wins. */
  after: Record<string, unknown>;
  /** The audit action and notice it leaves. */
  audit: string;
  notice: string;
}

const moveTo = (offset: number): Change => ({
  action: 'move',
  fields: () => ({ firstWeek: week(offset), deskId: org.deskId }),
  after: { first_week: week(offset), status: 'scheduled', status_reason: null },
  audit: 'moved',
  notice: 'changed',
});
const withReason = (action: 'cancel' | 'defer' | 'exempt', reason: string, status: string, audit: string): Change => ({
  action,
  fields: () => ({ reason }),
  after: { status, status_reason: action === 'exempt' ? expect.stringContaining(reason) : reason },
  audit,
  notice: 'cancelled',
});

async function race(assignmentId: string, changes: Change[]) {
  const forms = await Promise.all(changes.map((_, index) => openAssignment(hrAgents[index], assignmentId)));
  expect(forms.map((form) => form.version)).toEqual(changes.map(() => '1'));
  return Promise.all(
    changes.map((change, index) => {
      const { agent, token, version } = forms[index];
      return agent.post(`/hr/assignments/${assignmentId}/${change.action}`).type('form').send(formBody({ _csrf: token, version, ...change.fields() }));
    }),
  );
}

describe('HR users changing one assignment at the same moment', () => {
  it.each([
    ['a move and a cancellation', 100, [moveTo(102), withReason('cancel', 'Parental leave', 'cancelled', 'cancelled')]],
    ['two moves to different weeks', 110, [moveTo(112), moveTo(114)]],
    ['a deferral and an exemption', 120, [withReason('defer', 'Product launch', 'deferred', 'deferred'), withReason('exempt', 'Works nights', 'cancelled', 'exempted')]],
    ['four moves to four weeks', 130, [moveTo(131), moveTo(133), moveTo(135), moveTo(137)]],
  ] as [string, number, Change[]][])('%s: exactly one wins, the others get 409 and the assignment as the winner left it', async (_case, firstWeek, changes) => {
    const { employee, assignmentId } = await buildRotatingEmployee(t.dataSource, org, week(firstWeek));
    const responses = await race(assignmentId, changes);

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(changes.length - 1);
    const winner = changes[statuses.indexOf(303)];

    expect(await assignmentRow(t, assignmentId)).toMatchObject({ ...winner.after, version: 2 });
    expect(await auditActions(t, 'assignment', assignmentId)).toEqual([winner.audit]);
    expect(await noticesFor(t, assignmentId)).toEqual([winner.notice]);
    const exemptions = await t.dataSource.query(`SELECT 1 FROM programme_exemptions WHERE employee_id = $1`, [employee.id]);
    expect(exemptions).toHaveLength(winner.action === 'exempt' ? 1 : 0);

    const now = await assignmentRow(t, assignmentId);
    for (const late of responses.filter((response) => response.status === 409)) {
      expect(late.text).toContain('Someone else changed this assignment after you opened it');
      expect(late.text).toContain(`data-status="${now.status}"`);
      expect(late.text).toContain(`from ${now.first_week} (`);
      // The page shown with the refusal holds no form with the stale version, so nothing can be sent from it by mistake.
      expect(late.text).not.toContain('name="version" value="1"');
    }
  });
});
