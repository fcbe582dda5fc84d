// Requests too large to be a person filling a form: a form body over the limit, too many fields, an upload over
// IMPORT_MAX_MEGABYTES or with too many parts. Each is refused (413, or 422 for a malformed upload) with a page that
// says so in words, before anything is read into the database.
import request, { type Response } from 'supertest';
import { csvOf, header, uploadCsv } from '../people-import/import-requests';
import { buildHr } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { databaseState, changedTables, type DatabaseState } from './database-state';
import { answerOf, problemsWith } from './form-attacks';

const uploadLimit = 64 * 1024;

let t: TestApp;
let hr: Agent;
let state: DatabaseState;
beforeAll(async () => {
  t = await startTestApp({ importMaxBytes: uploadLimit });
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
  state = await databaseState(t.dataSource);
});
afterAll(() => t.close());

/** Runs the request; expects the status, a page with its message and nothing changed. */
async function expectRefused(send: () => PromiseLike<Response>, status: number, message: string) {
  const before = await state.fingerprints();
  const response = await send();
  expect({ status: response.status, problems: problemsWith(answerOf(response)), changed: changedTables(before, await state.fingerprints()) }).toEqual({
    status,
    problems: [],
    changed: [],
  });
  expect(response.text).toContain(message);
  expect(response.text).not.toMatch(/at .*\.(js|ts):\d+|PayloadTooLargeError|entity\.too\.large/);
  return response;
}

describe('form bodies', () => {
  it('answers a form over the limit with 413 and a page in words, saving nothing', async () => {
    const token = await csrfTokenFrom(hr, '/hr/departments');
    await expectRefused(() => hr.post('/hr/departments').type('form').send({ _csrf: token, name: 'x'.repeat(300_000) }), 413, 'What you sent is too large.');
    await expectRefused(() => hr.post('/hr/departments').type('form').send(`_csrf=${token}&name=${'%41'.repeat(100_000)}`), 413, 'What you sent is too large.');
  });

  it('answers a form of more fields than any page has with 413, saving nothing', async () => {
    const token = await csrfTokenFrom(hr, '/hr/departments');
    const fields = Array.from({ length: 2_000 }, (_, index) => `f${index}=1`).join('&');
    await expectRefused(() => hr.post('/hr/departments').type('form').send(`_csrf=${token}&name=Many&${fields}`), 413, 'What you sent is too large.');
  });

  it('answers the same to an anonymous visitor, before any session or form token is read', async () => {
    await expectRefused(() => request(t.app).post('/sign-in').type('form').send({ email: 'y'.repeat(300_000) }), 413, 'What you sent is too large.');
  });
});

describe('uploads', () => {
  const rows = (count: number) => Array.from({ length: count }, (_, index) => [`Person ${index}`, `big.${index}@example.test`, 'Alpha', 'Berlin', 'Clerk', '2025-01-01', '', '']);

  it('refuses a file over IMPORT_MAX_MEGABYTES with 413 on the upload form, importing nothing', async () => {
    const content = csvOf([header, ...rows(1_000)]);
    expect(content.length).toBeGreaterThan(uploadLimit);
    const response = await expectRefused(() => uploadCsv(hr, content), 413, 'The file is larger than 64 KB, the most an import accepts.');
    expect(response.text).toContain('enctype="multipart/form-data"');
  });

  it('refuses an upload of several files, or of more parts than the form has, with 422', async () => {
    const token = await csrfTokenFrom(hr, '/hr/import');
    const twoFiles = () =>
      hr
        .post(`/hr/import?_csrf=${encodeURIComponent(token)}`)
        .attach('file', Buffer.from(csvOf([header])), 'one.csv')
        .attach('file', Buffer.from(csvOf([header])), 'two.csv');
    await expectRefused(twoFiles, 422, 'The upload could not be read: choose one CSV file and send the form again.');
    const manyParts = () => {
      const upload = hr.post(`/hr/import?_csrf=${encodeURIComponent(token)}`);
      for (let index = 0; index < 50; index += 1) upload.field(`extra${index}`, 'x');
      return upload.attach('file', Buffer.from(csvOf([header, ...rows(1)])), 'people.csv');
    };
    await expectRefused(manyParts, 422, 'The upload could not be read');
    const longField = () => hr.post(`/hr/import?_csrf=${encodeURIComponent(token)}`).field('createMissing', 'x'.repeat(10_000)).attach('file', Buffer.from(csvOf([header, ...rows(1)])), 'people.csv');
    await expectRefused(longField, 422, 'The upload could not be read');
  });

  it('still takes a file just under the limit', async () => {
    const content = csvOf([header, ...rows(10)]);
    expect(content.length).toBeLessThan(uploadLimit);
    expect((await uploadCsv(hr, content)).status).toBe(303);
  });
});
