// Uploads and applies employee CSVs as the import page's forms do.
import { csrfTokenFrom, csrfTokenIn, type Agent } from '../support/sessions';

export const header = ['full_name', 'email', 'department', 'site', 'job_title', 'hire_date', 'termination_date', 'roles'];

/** A CSV file from rows of cells, quoting every cell so commas and quotes survive. */
export function csvOf(rows: string[][]): string {
  return rows.map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

interface UploadOptions {
  fileName?: string;
  createMissing?: boolean;
  sendInvitations?: boolean;
}

export async function uploadCsv(agent: Agent, content: string | Buffer, options: UploadOptions = {}) {
  const token = await csrfTokenFrom(agent, '/hr/import');
  const request = agent.post(`/hr/import?_csrf=${encodeURIComponent(token)}`);
  if (options.createMissing) request.field('createMissing', 'on');
  if (options.sendInvitations) request.field('sendInvitations', 'on');
  return request.attach('file', Buffer.from(content), options.fileName ?? 'people.csv');
}

/** Uploads a file and returns the address of its preview page. */
export async function previewCsv(agent: Agent, content: string | Buffer, options: UploadOptions = {}): Promise<string> {
  const response = await uploadCsv(agent, content, options);
  if (response.status !== 303) throw new Error(`Upload answered ${response.status}: ${response.text.slice(0, 2000)}`);
  return response.headers.location;
}

export async function applyPreview(agent: Agent, previewPath: string) {
  const page = await agent.get(previewPath);
  return agent.post(`${previewPath}/apply`).type('form').send({ _csrf: csrfTokenIn(page.text) });
}

/** The preview's figures as the page shows them. */
export function figuresOn(html: string): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [, name, value] of html.matchAll(/<dt>([^<]+)<\/dt><dd>(\d+)<\/dd>/g)) figures[name] = Number(value);
  return figures;
}
