import type { Express } from 'express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { testPassword } from './factories';

export type Agent = TestAgent;

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** Loads a page and returns the form token on it, as a browser would have it. */
export async function csrfTokenFrom(agent: Agent, path: string): Promise<string> {
  const page = await agent.get(path);
  return csrfTokenIn(page.text);
}

export async function signIn(app: Express, email: string, password = testPassword): Promise<Agent> {
  const agent = request.agent(app);
  const response = await submitSignIn(agent, email, password);
  if (response.status !== 303) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
  return agent;
}

export async function submitSignIn(agent: Agent, email: string, password: string, next?: string) {
  const token = await csrfTokenFrom(agent, '/sign-in');
  return agent.post('/sign-in').type('form').send({ _csrf: token, email, password, ...(next ? { next } : {}) });
}
