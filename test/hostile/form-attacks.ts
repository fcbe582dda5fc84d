// Sends a form found on a page with one field replaced by a hostile value, and judges the answer as a user would:
// never a server error, never hostile markup made live, and a refusal that says why and changes nothing.
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { testPassword } from '../support/factories';
import type { Agent } from '../support/sessions';
import { changedTables, type DatabaseState, type TableFingerprints } from './database-state';
import { unescapedMarkup, type HostileValue } from './hostile-values';
import type { PageForm } from './page-forms';

export type Submission = Map<string, string[]>;

// Plausible values for fields a page leaves empty, so that a hostile value in one field is the only thing wrong
// with the form and reaches the code behind it.
const exampleValues: Record<string, () => string> = {
  name: () => `Example ${randomUUID().slice(0, 8)}`,
  fullName: () => 'Example Person',
  email: () => `example.${randomUUID().slice(0, 8)}@example.test`,
  jobTitle: () => 'Analyst',
  hireDate: () => '2024-02-01',
  timeZone: () => 'Europe/Dublin',
  countryCode: () => 'IE',
  startsOn: () => '2031-03-03',
  endsOn: () => '2031-03-07',
  week: () => '2031-W10',
  capacity: () => '2',
  weeklyCapacity: () => '3',
  lengthWeeks: () => '2',
  expectedHoursPerWeek: () => '10',
  everyMonths: () => '12',
  earlyWeeks: () => '2',
  'stages.0.name': () => 'Solo',
  'stages.0.amount': () => '2',
  summary: () => 'The checkout button does nothing',
  verbatim: () => 'I pressed it three times',
  contactsRaised: () => '1',
  contacts: () => '3',
  reason: () => 'Example reason',
  currentPassword: () => testPassword,
  newPassword: () => 'a brand new passphrase',
  confirmPassword: () => 'a brand new passphrase',
};

/** What a browser sends for the form when a person fills the obvious fields and picks the first choices. */
export function defaultSubmission(form: PageForm): Submission {
  const submission: Submission = new Map();
  for (const field of form.fields) {
    if (field.kind === 'file') continue;
    const values = submission.get(field.name) ?? [];
    submission.set(field.name, values);
    // A named submit button sends its value when clicked: the last one is the form's main action.
    if (field.kind === 'button') submission.set(field.name, [field.value ?? '']);
    else if (field.value !== undefined) values.push(field.value);
  }
  for (const [name, values] of submission) {
    const fields = form.fields.filter((field) => field.name === name);
    const firstChoice = fields.flatMap((field) => field.choices).find((choice) => choice !== '');
    // A radio group or boxes nobody ticked, or a list left at "choose one", get their first real choice.
    if ((fields[0].kind === 'radio' || fields[0].kind === 'checkbox') && !values.length && firstChoice) submission.set(name, [firstChoice]);
    else if (fields[0].kind === 'select' && values.every((value) => value === '') && firstChoice) submission.set(name, [firstChoice]);
    else if (values.every((value) => value === '') && exampleValues[name]) submission.set(name, [exampleValues[name]()]);
    else if (!values.length) submission.delete(name);
  }
  return submission;
}

/** The submission with one field replaced by a hostile value (or left out). */
export function withHostileValue(submission: Submission, field: string, hostile: HostileValue): Submission {
  const attacked = new Map(submission);
  if (hostile.value === undefined) attacked.delete(field);
  else attacked.set(field, [hostile.value].flat());
  return attacked;
}

function encoded(submission: Submission): string {
  const body = new URLSearchParams();
  for (const [name, values] of submission) for (const value of values) body.append(name, value);
  return body.toString();
}

/** Sends a submission as the form would: a POST body, an upload, or a GET query string. */
export function send(agent: Agent, form: PageForm, submission: Submission, file?: { content: Buffer; name: string }) {
  if (form.method === 'get') return agent.get(`${form.action}?${encoded(submission)}`);
  if (!form.multipart) return agent.post(form.action).type('form').send(encoded(submission));
  const csrf = submission.get('_csrf')?.[0] ?? '';
  const upload = agent.post(`${form.action}?_csrf=${encodeURIComponent(csrf)}`);
  for (const [name, values] of submission) for (const value of values) if (name !== '_csrf') upload.field(name, value);
  return file ? upload.attach('file', file.content, file.name) : upload;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export const answerOf = (response: Response): Answer => ({ status: response.status, contentType: String(response.headers['content-type'] ?? ''), body: response.text ?? '' });

/** What is wrong with an answer, in words; empty when it is what a user should get. */
export function problemsWith(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`answered ${answer.status}`);
  if (answer.contentType.startsWith('text/html')) {
    for (const markup of unescapedMarkup(answer.body)) problems.push(`shows ${JSON.stringify(markup)} unescaped`);
    if (answer.status >= 400 && !/class="error-(summary|message)"/.test(answer.body)) problems.push(`refused (${answer.status}) without a message`);
  }
  return problems;
}

/** Follows the data from request to request, so that each refusal can be checked for leaving it as it was. */
export class DataWatch {
  private last: TableFingerprints | undefined;

  constructor(private readonly state: DatabaseState) {}

  /** Call before a request whose refusal is to be checked. */
  async before(): Promise<void> {
    this.last ??= await this.state.fingerprints();
  }

  /** The tables a refused request changed (none for one that was accepted). */
  async after(status: number): Promise<string[]> {
    const now = await this.state.fingerprints();
    const changed = status >= 400 && status < 500 ? changedTables(this.last!, now) : [];
    this.last = now;
    return changed;
  }

  /** Something unwatched (a page load) may have changed the data since. */
  forget(): void {
    this.last = undefined;
  }
}
