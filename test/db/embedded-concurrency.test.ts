// PGlite behind one pooled connection must keep concurrent requests apart (see shared/STACK-NOTES.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFolderInUse, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { buildEmployee } from '../support/factories';
import request from 'supertest';
import { signIn, submitSignIn } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('concurrent requests', () => {
  it('serve 60 interleaved requests of 6 people, each seeing only their own page', async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => buildEmployee(t.dataSource)));
    const agents = await Promise.all(people.map((person) => signIn(t.app, person.email)));
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) => agents[index % agents.length].get('/me').then((response) => ({ response, person: people[index % people.length] }))),
    );
    for (const { response, person } of responses) {
      expect(response.status).toBe(200);
      expect(response.text).toContain(person.fullName);
    }
  });

  it('keep concurrent sign-ins and sign-in failures apart', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, () => buildEmployee(t.dataSource)));
    const results = await Promise.all(
      people.map((person, index) => submitSignIn(request.agent(t.app), person.email, index % 2 ? 'wrong password!' : 'correct horse battery staple')),
    );
    expect(results.map((response) => response.status)).toEqual(people.map((_, index) => (index % 2 ? 401 : 303)));
  });
});

describe('the embedded data folder', () => {
  it('cannot be opened by a second process while one holds it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-lock-'));
    const first = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'db'), maxConnections: 2 });
    try {
      await expect(startEmbeddedPostgres({ dataDir: path.join(dataDir, 'db'), maxConnections: 2 })).rejects.toBeInstanceOf(DataFolderInUse);
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'db'), maxConnections: 2 });
    await again.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
