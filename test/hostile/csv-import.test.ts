// Broken and hostile files on the people import: bad quoting, other encodings, a byte-order mark, a 10 MB line, an
// empty or binary file, control characters and markup in cells. Each is refused with a message that says what to do,
// or previewed with the problem on its line; nothing reaches the employees until a clean file is applied.
import { buildHr } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';
import { csvOf, header, uploadCsv } from '../people-import/import-requests';
import { databaseState, changedTables, rowCounts, type DatabaseState } from './database-state';
import { answerOf, problemsWith } from './form-attacks';
import { eventHandler, scriptTag, unescapedMarkup } from './hostile-values';

let t: TestApp;
let hr: Agent;
let state: DatabaseState;
beforeAll(async () => {
  // Room for a 10 MB line: the size limit itself is tried in oversized-bodies.test.ts.
  t = await startTestApp({ importMaxBytes: 12 * 1024 * 1024 });
  const person = await buildHr(t.dataSource);
  await t.dataSource.query(`UPDATE departments SET name = 'Alpha' WHERE id = $1`, [person.departmentId]);
  await t.dataSource.query(`UPDATE sites SET name = 'Berlin' WHERE id = $1`, [person.siteId]);
  hr = await signIn(t.app, person.email);
  state = await databaseState(t.dataSource);
});
afterAll(() => t.close());

const line = (name: string, email: string) => `${name},${email},Alpha,Berlin,Analyst,2024-02-01,,employee`;
const headerLine = header.join(',');
const importTables = ['employees', 'import_batches', 'import_batch_rows', 'import_batch_problems', 'departments', 'sites', 'audit_log'];

/** Uploads the file; expects it refused as a whole with the status and message, and no row anywhere changed. */
async function expectFileRefused(content: string | Buffer, status: number, message: string | RegExp, fileName = 'people.csv') {
  const before = await state.fingerprints();
  const response = await uploadCsv(hr, content, { fileName });
  expect({ status: response.status, changed: changedTables(before, await state.fingerprints()), problems: problemsWith(answerOf(response)) }).toEqual({
    status,
    changed: [],
    problems: [],
  });
  expect(response.text).toContain('enctype="multipart/form-data"');
  expect(response.text).toMatch(message);
}

describe('files refused as a whole', () => {
  it.each([
    ['a quote that never closes', `${headerLine}\n"Ada,ada@example.test,Alpha,Berlin,Analyst,2024-02-01,,\n`, /opens a quote \(&#34;\) that is never closed/],
    ['a quote in the middle of a value', `${headerLine}\nAda "the" Admin,ada@example.test,Alpha,Berlin,Analyst,2024-02-01,,\n`, /could not be read as CSV near line 2/],
    ['text after a closing quote', `${headerLine}\n"Ada"x,ada@example.test,Alpha,Berlin,Analyst,2024-02-01,,\n`, /inside a quoted value must be doubled/],
  ])('refuses %s, naming the line', async (_what, content, message) => {
    await expectFileRefused(content, 422, message);
  });

  it.each([
    ['UTF-16 with its byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${headerLine}\n${line('Ada', 'ada@example.test')}\n`, 'utf16le')])],
    ['UTF-16 without a byte-order mark', Buffer.from(`${headerLine}\n${line('Ada', 'ada@example.test')}\n`, 'utf16le')],
    ['Latin-1', Buffer.from(`${headerLine}\n${line('Ren\u00e9 M\u00fcller', 'rene@example.test')}\n`, 'latin1')],
    ['Windows-1252 quotes', Buffer.from([...Buffer.from(`${headerLine}\n`), 0x93, 0x41, 0x94, ...Buffer.from(',a@example.test,Alpha,Berlin,Analyst,2024-02-01,,\n')])],
  ])('refuses a file in %s, asking for CSV UTF-8', async (_what, content) => {
    await expectFileRefused(content, 415, /not UTF-8 text|not a CSV file/);
  });

  it.each([
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256))],
    ['a NUL byte in a name', Buffer.from(`${headerLine}\n${line('Ada\u0000Lovelace', 'ada@example.test')}\n`)],
  ])('refuses %s as not CSV text', async (_what, content) => {
    await expectFileRefused(content, 415, /not UTF-8 text|not a CSV file/);
  });

  it('refuses an empty file, one of blank lines, and one with only a byte-order mark', async () => {
    await expectFileRefused('', 422, 'The file is empty.');
    await expectFileRefused('\n\n\r\n', 422, 'The file is empty.');
    await expectFileRefused('\ufeff', 422, 'The file is empty.');
  });

  it('refuses 10 MB of one line, quickly and without echoing it', async () => {
    const oneLine = `${headerLine}${','.repeat(10)}${'x'.repeat(10 * 1024 * 1024)}`;
    await expectFileRefused(oneLine, 422, /near line 1: a line is longer than 64 KB/);
    const quotedLine = `${headerLine}\n"${'y'.repeat(10 * 1024 * 1024)}"\n`;
    await expectFileRefused(quotedLine, 422, /near line 2: a line is longer than 64 KB/);
  });

  it('refuses a spreadsheet saved under another name, whatever its content', async () => {
    await expectFileRefused(`${headerLine}\n${line('Ada', 'ada@example.test')}\n`, 415, 'This is not a CSV file', 'people.xlsx');
  });
});

describe('files previewed with problems on their lines', () => {
  it('takes a byte-order mark in its stride: the first column is still found', async () => {
    const response = await uploadCsv(hr, `\ufeff${headerLine}\n${line('Bo Bom', 'bo.bom@example.test')}\n`);
    expect(response.status).toBe(303);
    const preview = await hr.get(response.headers.location);
    expect(preview.text).toMatch(/<dt>New people<\/dt><dd>1<\/dd>/);
  });

  it('shows a value of 10,000 characters, control characters and markup as problems on their lines, as text, and cannot apply them', async () => {
    const before = await rowCounts(t.dataSource, ['employees']);
    const content = csvOf([
      header,
      ['x'.repeat(10_000), 'long.name@example.test', 'Alpha', 'Berlin', 'Analyst', '2024-02-01', '', ''],
      ['Bell\u0007Ringer', 'bell@example.test', 'Alpha', 'Berlin', 'Analyst', '2024-02-01', '', ''],
      [scriptTag, eventHandler, 'Alpha', 'Berlin', 'Analyst', '2026-02-30', '', 'root'],
      ['Fine Person', 'fine@example.test', `Alpha${scriptTag}`, 'Berlin', 'Analyst', '2024-02-01', '', ''],
    ]);
    const response = await uploadCsv(hr, content);
    expect(response.status).toBe(303);
    const preview = await hr.get(response.headers.location);
    expect(unescapedMarkup(preview.text)).toEqual([]);
    expect(preview.text).toContain('A name is at most 200 characters');
    expect(preview.text).toContain('Remove the invisible control character');
    expect(preview.text).toContain('Enter an email like name@example.com');
    expect(preview.text).toMatch(/<dt>Invalid lines<\/dt><dd>4<\/dd>/);
    expect(preview.text.length).toBeLessThan(200_000);

    const applied = await hr.post(`${response.headers.location}/apply`).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(preview.text)![1] });
    expect(applied.status).toBeGreaterThanOrEqual(400);
    expect(applied.status).toBeLessThan(500);
    expect(await rowCounts(t.dataSource, ['employees'])).toEqual(before);
    const problems = await hr.get(`${response.headers.location}/problems.csv`);
    expect(problems.status).toBe(200);
  });

  it('keeps names in other scripts, with emoji and combining marks, exactly as written', async () => {
    const names = ['ليلى الحسن', 'נועה כהן', 'Sam 👩🏽‍💻', 'Zoe\u0308 Ame\u0301lie', 'Ann\u202Egnp.exe'];
    const content = csvOf([header, ...names.map((name, index) => [name, `script.${index}@example.test`, 'Alpha', 'Berlin', 'Analyst', '2024-02-01', '', ''])]);
    const uploaded = await uploadCsv(hr, content);
    expect(uploaded.status).toBe(303);
    const preview = await hr.get(uploaded.headers.location);
    expect(preview.text).toMatch(/<dt>New people<\/dt><dd>5<\/dd>/);
    expect((await hr.post(`${uploaded.headers.location}/apply`).type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(preview.text)![1] })).status).toBe(303);
    const stored: { full_name: string }[] = await t.dataSource.query(`SELECT full_name FROM employees WHERE email LIKE 'script.%' ORDER BY email`);
    expect(stored.map((row) => row.full_name)).toEqual(names);
  });
});

describe('every refusal leaves the import tables as they were', () => {
  it('counts the same rows as before the hostile files', async () => {
    const counts = await rowCounts(t.dataSource, importTables);
    await uploadCsv(hr, Buffer.from([0xff, 0xfe, 0x00, 0x00]));
    await uploadCsv(hr, '"');
    expect(await rowCounts(t.dataSource, importTables)).toEqual(counts);
  });
});
