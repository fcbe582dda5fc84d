import { buildDepartment, buildHr, buildSite } from '../support/factories';
import { csrfTokenFrom, signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { csvOf, header, uploadCsv } from './import-requests';

const maxBytes = 4096;

let t: TestApp;
let hr: Agent;
beforeAll(async () => {
  t = await startTestApp({ importMaxBytes: maxBytes });
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
});
afterAll(() => t.close());

const batchCount = async () => (await t.dataSource.query('SELECT count(*)::int AS count FROM import_batches'))[0].count as number;

/** The upload form is shown again, with the message and the boxes as they were ticked. */
function expectUploadFormAgain(html: string, message: string) {
  expect(html).toContain('Please check the form');
  expect(html).toContain(message);
  expect(html).toContain('enctype="multipart/form-data"');
  expect(html).toMatch(/name="createMissing" checked/);
}

describe('files the import refuses as a whole', () => {
  it('refuses a spreadsheet or other binary file with 415', async () => {
    const before = await batchCount();
    const spreadsheet = await uploadCsv(hr, Buffer.from('PK\u0003\u0004 spreadsheet bytes'), { fileName: 'people.xlsx', createMissing: true });
    expect(spreadsheet.status).toBe(415);
    expectUploadFormAgain(spreadsheet.text, 'This is not a CSV file');

    const binary = await uploadCsv(hr, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x65, 0x6d]), { createMissing: true });
    expect(binary.status).toBe(415);
    expectUploadFormAgain(binary.text, 'This is not a CSV file');

    const latin1 = await uploadCsv(hr, Buffer.from(`${header.join(',')}\nRen\u00e9,rene@example.test\n`, 'latin1'), { createMissing: true });
    expect(latin1.status).toBe(415);
    expectUploadFormAgain(latin1.text, 'not UTF-8 text');
    expect(await batchCount()).toBe(before);
  });

  it('refuses an empty file, and one with a header but no people, with 422', async () => {
    const empty = await uploadCsv(hr, '', { createMissing: true });
    expect(empty.status).toBe(422);
    expectUploadFormAgain(empty.text, 'The file is empty.');

    const headerOnly = await uploadCsv(hr, csvOf([header]), { createMissing: true });
    expect(headerOnly.status).toBe(422);
    expectUploadFormAgain(headerOnly.text, 'The file names its columns but holds no people.');
  });

  it('refuses a file without an email column, or without another required column', async () => {
    const noEmail = await uploadCsv(hr, csvOf([['full_name', 'department'], ['Ada', 'Engineering']]), { createMissing: true });
    expect(noEmail.status).toBe(422);
    expectUploadFormAgain(noEmail.text, 'The file has no email column.');

    const noHireDate = await uploadCsv(hr, csvOf([header.filter((column) => column !== 'hire_date'), ['Ada', 'ada@example.test', 'Eng', 'Berlin', 'Clerk', '', '']]), {
      createMissing: true,
    });
    expect(noHireDate.status).toBe(422);
    expectUploadFormAgain(noHireDate.text, 'The file has no hire_date column.');
  });

  it('refuses a file that is not well-formed CSV, naming the line', async () => {
    const response = await uploadCsv(hr, `${header.join(',')}\nAda,ada@example.test,Eng,Berlin,"Clerk,2025-01-01,,\n`, { createMissing: true });
    expect(response.status).toBe(422);
    expectUploadFormAgain(response.text, 'The file could not be read as CSV near line');
  });

  it('refuses a file over the size limit with 413', async () => {
    const department = await buildDepartment(t.dataSource);
    const site = await buildSite(t.dataSource);
    const rows = Array.from({ length: 100 }, (_, index) => [`Person ${index}`, `big.${index}@example.test`, department.name, site.name, 'Clerk', '2025-01-01', '', '']);
    const content = csvOf([header, ...rows]);
    expect(content.length).toBeGreaterThan(maxBytes);
    const before = await batchCount();
    const response = await uploadCsv(hr, content, { createMissing: true });
    expect(response.status).toBe(413);
    expectUploadFormAgain(response.text, 'The file is larger than 4 KB');
    expect(await batchCount()).toBe(before);

    const justSmallEnough = await uploadCsv(hr, csvOf([header, ...rows.slice(0, 10)]));
    expect(justSmallEnough.status).toBe(303);
  });

  it('asks for a file when none was chosen', async () => {
    const token = await csrfTokenFrom(hr, '/hr/import');
    const response = await hr.post(`/hr/import?_csrf=${encodeURIComponent(token)}`).field('createMissing', 'on');
    expect(response.status).toBe(422);
    expectUploadFormAgain(response.text, 'Choose a CSV file to upload');
  });
});
