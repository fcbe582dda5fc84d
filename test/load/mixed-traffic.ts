// The load test's traffic, one request at a time: employees reading their pages, logging shifts and writing
// insights, a head reading the learnings and a desk calendar, HR reading the dashboard and the calendar. Every write
// is named by a key that can be found in the database afterwards, and the ledger keeps what the app answered to it.
import type autocannon from 'autocannon';
import { formBody } from '../rotations/forms';
import type { Credentials, LoadEmployee, LoadOrganisation } from './load-organisation';

export type WriteKind = 'shift' | 'insight';

interface PendingWrite {
  kind: WriteKind;
  key: string;
}

/** What was sent and what came back: every status, and each write by key. */
export class TrafficLedger {
  readonly statuses = new Map<number, number>();
  private readonly issued = new Map<string, WriteKind>();
  private readonly outcomes = new Map<string, 'accepted' | 'refused' | 'failed'>();
  /** The insight each accepted insight's redirect points at, by key. */
  readonly insightIds = new Map<string, string>();

  issue(write: PendingWrite): void {
    this.issued.set(write.key, write.kind);
  }

  answer(status: number, write: PendingWrite | undefined, location: string | undefined): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (!write) return;
    // A write is accepted when the app redirects after it (post/redirect/get); 422 is a form shown again.
    this.outcomes.set(write.key, status === 303 ? 'accepted' : status === 422 ? 'refused' : 'failed');
    const insightId = /^\/me\/insights\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1];
    if (status === 303 && write.kind === 'insight' && insightId) this.insightIds.set(write.key, insightId);
  }

  /** The keys of the writes of one kind that got an answer of that kind, or (`unanswered`) none before the test ended. */
  keys(kind: WriteKind, outcome: 'accepted' | 'refused' | 'failed' | 'unanswered'): string[] {
    return [...this.issued].filter(([key, issuedKind]) => issuedKind === kind && (this.outcomes.get(key) ?? 'unanswered') === outcome).map(([key]) => key);
  }
}

const steps = ['shift', 'employee-page', 'insight', 'employee-page', 'shift', 'head-page', 'employee-page', 'shift', 'hr-page', 'employee-page'] as const;
const employeePages = ['/me', '/me/rotations', '/me/shifts', '/me/insights'];
const quartersPerDay = 96;

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** Takes the list's items in turn, round and round. */
function rotation<T>(list: readonly T[]): () => T {
  let turn = 0;
  return () => list[turn++ % list.length];
}

/** The request autocannon sends over and over, each time set up as the next step of the mix. */
export function mixedTraffic(org: LoadOrganisation, ledger: TrafficLedger): autocannon.Request {
  const nextStep = rotation(steps);
  const nextEmployee = rotation(org.employees);
  const nextEmployeePage = rotation(employeePages);
  const nextHeadPage = rotation(['/head/learnings', `/desks/${org.deskId}/calendar`]);
  const nextHrPage = rotation(['/hr/dashboard', `/desks/${org.deskId}/calendar`]);
  let insightCount = 0;
  // Each employee's next free quarter-hour: ten-minute shifts on the quarter never overlap one another.
  const nextQuarter = new Map<string, number>();

  const page = (who: Credentials, path: string): autocannon.Request => ({ method: 'GET', path, headers: { cookie: who.cookie } });
  const form = (who: Credentials, path: string, fields: Record<string, string | number>): autocannon.Request => ({
    method: 'POST',
    path,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({ _csrf: who.token, ...fields }),
  });

  function logShift(employee: LoadEmployee): { request: autocannon.Request; write: PendingWrite } | null {
    const quarter = nextQuarter.get(employee.id) ?? 0;
    const date = org.freeDays[Math.floor(quarter / quartersPerDay)];
    if (!date) return null;
    nextQuarter.set(employee.id, quarter + 1);
    const start = (quarter % quartersPerDay) * 15;
    const fields = { assignmentId: employee.assignmentId, date, startTime: clock(start), endTime: clock(start + 10), channel: 'chat', contacts: 6, stage: 'solo', notes: 'Load test' };
    return { request: form(employee, '/me/shifts', fields), write: { kind: 'shift', key: `${employee.id} ${date}T${clock(start)}` } };
  }

  function writeInsight(employee: LoadEmployee): { request: autocannon.Request; write: PendingWrite } {
    insightCount += 1;
    const summary = `Load test insight ${insightCount}: the returns page times out`;
    const fields = {
      intent: 'save',
      summary,
      verbatim: 'I tried three times and the returns page never loaded.',
      categoryId: org.categoryId,
      severity: 'significant',
      shiftId: employee.shiftId,
      contactsRaised: 1,
      tags: 'returns, load',
      departmentIds: org.departmentId,
    };
    return { request: form(employee, '/me/insights', fields), write: { kind: 'insight', key: summary } };
  }

  function nextRequest(): { request: autocannon.Request; write?: PendingWrite } {
    const step = nextStep();
    if (step === 'head-page') return { request: page(org.head, nextHeadPage()) };
    if (step === 'hr-page') return { request: page(org.hr, nextHrPage()) };
    const employee = nextEmployee();
    if (step === 'insight') return writeInsight(employee);
    // An employee out of free time reads a page instead.
    if (step === 'shift') return logShift(employee) ?? { request: page(employee, '/me/shifts') };
    return { request: page(employee, nextEmployeePage()) };
  }

  return {
    setupRequest(defaults, context) {
      const { request, write } = nextRequest();
      (context as { write?: PendingWrite }).write = write;
      if (write) ledger.issue(write);
      return { ...defaults, ...request };
    },
    onResponse(status, _body, context, headers) {
      const location = headers?.location;
      ledger.answer(status, (context as { write?: PendingWrite }).write, typeof location === 'string' ? location : undefined);
    },
  };
}
