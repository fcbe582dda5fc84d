// Submits HR's forms as a browser would: repeated names for ticked boxes, and the page's CSRF token.
import { csrfTokenFrom, type Agent } from '../support/sessions';

export type FormFields = Record<string, string | number | (string | number)[] | undefined>;

export function formBody(fields: FormFields): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of [value].flat()) if (item !== undefined) body.append(name, String(item));
  }
  return body.toString();
}

/** Posts the form with a token from a page every signed-in person may see. */
export async function postForm(agent: Agent, path: string, fields: FormFields = {}) {
  const token = await csrfTokenFrom(agent, '/about');
  return agent.post(path).type('form').send(formBody({ _csrf: token, ...fields }));
}
