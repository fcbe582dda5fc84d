import type { Response } from 'supertest';
import type { Agent } from '../support/sessions';

/** GETs a calendar; supertest leaves text/calendar bodies unread unless told to collect them. */
export async function getCalendar(agent: Agent, path: string): Promise<Response & { body: string }> {
  return agent
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => done(null, body));
    });
}
