import type { Department } from '../../src/people/department.entity';
import type { Site } from '../../src/people/site.entity';
import { buildDepartment, buildEmployee, buildHr, buildSite } from '../support/factories';
import { signIn, type Agent } from '../support/sessions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let hr: Agent;
let alpha: Department;
let beta: Department;
let bulk: Department;
let xanadu: Site;
let yonder: Site;

beforeAll(async () => {
  t = await startTestApp();
  hr = await signIn(t.app, (await buildHr(t.dataSource)).email);
  [alpha, beta, bulk] = await Promise.all(['Alpha Dept', 'Beta Dept', 'Gamma Bulk'].map((name) => buildDepartment(t.dataSource, { name })));
  [xanadu, yonder] = await Promise.all(['Xanadu', 'Yonder'].map((name) => buildSite(t.dataSource, { name })));
  const people = [
    { fullName: 'Mara Quill', email: 'mara.quill@list.test', jobTitle: 'Quality Lead', departmentId: alpha.id, siteId: xanadu.id, hireDate: '2021-03-01' },
    { fullName: 'Nils Orb', email: 'nils.orb@list.test', jobTitle: 'Orbit Planner', departmentId: alpha.id, siteId: yonder.id, hireDate: '2022-06-15' },
    { fullName: 'Olga Pike', email: 'olga.pike@list.test', jobTitle: 'Analyst', departmentId: alpha.id, siteId: xanadu.id, hireDate: '2020-01-01', terminationDate: '2023-01-31' },
    { fullName: 'Paul Rook', email: 'paul.rook@list.test', jobTitle: 'Analyst', departmentId: alpha.id, siteId: yonder.id, hireDate: '2099-01-01' },
    { fullName: 'Quinn Stone', email: 'quinn.stone@list.test', jobTitle: 'Analyst', departmentId: beta.id, siteId: xanadu.id, hireDate: '2021-07-07' },
    { fullName: 'Ruth 100% Sure', email: 'ruth.sure@list.test', jobTitle: 'Analyst', departmentId: beta.id, siteId: yonder.id, hireDate: '2021-08-08' },
  ];
  for (const person of people) await buildEmployee(t.dataSource, person);
  for (let n = 1; n <= 55; n++) {
    const number = String(n).padStart(2, '0');
    await buildEmployee(t.dataSource, { fullName: `Bulk Person ${number}`, departmentId: bulk.id, siteId: xanadu.id, password: null });
  }
});
afterAll(() => t.close());

/** The names in the list, in the order shown. */
function namesOn(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/hr\/employees\/[0-9a-f-]+">([^<]+)<\/a><\/td>/g)].map((match) => match[1]);
}

async function listNames(query: string): Promise<string[]> {
  const page = await hr.get(`/hr/employees?${query}`);
  expect(page.status).toBe(200);
  return namesOn(page.text);
}

describe('searching the employee list', () => {
  it('finds people by any part of their name, email or job title, in any case', async () => {
    expect(await listNames('search=QUIL')).toEqual(['Mara Quill']);
    expect(await listNames('search=nils.orb%40list')).toEqual(['Nils Orb']);
    expect(await listNames('search=orbit%20plan')).toEqual(['Nils Orb']);
  });

  it('takes % and _ in a search literally', async () => {
    expect(await listNames('search=100%25')).toEqual(['Ruth 100% Sure']);
    expect(await listNames('search=a_a')).toEqual([]);
  });
});

describe('filtering the employee list', () => {
  it('filters by department, site, status and hire dates, alone or together', async () => {
    expect(await listNames(`department=${alpha.id}`)).toEqual(['Mara Quill', 'Nils Orb', 'Olga Pike', 'Paul Rook']);
    expect(await listNames(`department=${alpha.id}&status=active`)).toEqual(['Mara Quill', 'Nils Orb']);
    expect(await listNames(`department=${alpha.id}&status=terminated`)).toEqual(['Olga Pike']);
    expect(await listNames(`department=${alpha.id}&status=upcoming`)).toEqual(['Paul Rook']);
    expect(await listNames(`department=${alpha.id}&site=${yonder.id}`)).toEqual(['Nils Orb', 'Paul Rook']);
    expect(await listNames(`search=list.test&hiredFrom=2021-03-01&hiredTo=2021-07-07`)).toEqual(['Mara Quill', 'Quinn Stone']);
  });

  it('shows the chosen filters in the form again', async () => {
    const page = await hr.get(`/hr/employees?department=${beta.id}&status=active&search=sure`);
    expect(page.text).toContain(`<option value="${beta.id}" selected>Beta Dept</option>`);
    expect(page.text).toContain('<option value="active" selected>');
    expect(page.text).toContain('value="sure"');
    expect(page.text).toContain('1 person');
  });

  it('ignores malformed values in the address instead of failing', async () => {
    const everyone = (await t.dataSource.query('SELECT count(*)::int AS n FROM employees'))[0].n;
    const page = await hr.get(
      `/hr/employees?department=nope&site=1&status=bogus&hiredFrom=2025-13-45&hiredTo=yesterday&sort=name;drop&direction=sideways&page=-3&search=a&search=b`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${everyone} people`);
  });
});

describe('sorting the employee list', () => {
  it('sorts by name either way', async () => {
    expect(await listNames(`department=${alpha.id}&sort=name&direction=desc`)).toEqual(['Paul Rook', 'Olga Pike', 'Nils Orb', 'Mara Quill']);
  });

  it('sorts by hire date, email, department and site', async () => {
    expect(await listNames(`department=${alpha.id}&sort=hireDate`)).toEqual(['Olga Pike', 'Mara Quill', 'Nils Orb', 'Paul Rook']);
    expect(await listNames(`search=list.test&sort=email&direction=desc`)).toEqual([
      'Ruth 100% Sure',
      'Quinn Stone',
      'Paul Rook',
      'Olga Pike',
      'Nils Orb',
      'Mara Quill',
    ]);
    expect(await listNames(`search=list.test&sort=department&direction=desc`)).toEqual([
      'Ruth 100% Sure',
      'Quinn Stone',
      'Paul Rook',
      'Olga Pike',
      'Nils Orb',
      'Mara Quill',
    ]);
    expect(await listNames(`search=list.test&sort=site`)).toEqual(['Mara Quill', 'Olga Pike', 'Quinn Stone', 'Nils Orb', 'Paul Rook', 'Ruth 100% Sure']);
  });

  it('marks the sorted column and links to the other direction, keeping the filters', async () => {
    const page = await hr.get(`/hr/employees?department=${alpha.id}&sort=hireDate`);
    expect(page.text).toContain('aria-sort="ascending"');
    expect(page.text).toContain(`href="/hr/employees?department=${alpha.id}&amp;sort=hireDate&amp;direction=desc"`);
  });
});

describe('paging through the employee list', () => {
  it('shows 50 people a page, with links to the next and previous pages', async () => {
    const first = await hr.get(`/hr/employees?department=${bulk.id}`);
    expect(first.text).toContain('55 people, page 1 of 2');
    const firstNames = namesOn(first.text);
    expect(firstNames).toHaveLength(50);
    expect(firstNames[0]).toBe('Bulk Person 01');
    expect(firstNames[49]).toBe('Bulk Person 50');
    expect(first.text).toContain(`href="/hr/employees?department=${bulk.id}&amp;page=2" rel="next"`);

    const second = await hr.get(`/hr/employees?department=${bulk.id}&page=2`);
    expect(namesOn(second.text)).toEqual(['Bulk Person 51', 'Bulk Person 52', 'Bulk Person 53', 'Bulk Person 54', 'Bulk Person 55']);
    expect(second.text).toContain(`href="/hr/employees?department=${bulk.id}" rel="prev"`);
  });

  it('shows the last page for a page number past the end', async () => {
    const page = await hr.get(`/hr/employees?department=${bulk.id}&page=40`);
    expect(page.text).toContain('page 2 of 2');
    expect(namesOn(page.text)).toHaveLength(5);
  });
});

describe('exporting from the list', () => {
  it('offers a CSV of exactly the filtered list', async () => {
    const page = await hr.get(`/hr/employees?search=analyst&department=${beta.id}`);
    const link = /href="(\/hr\/employees\/export\.csv\?[^"]+)"/.exec(page.text)![1].replace(/&amp;/g, '&');
    const csv = await hr.get(link);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('quinn.stone@list.test');
    expect(csv.text).toContain('ruth.sure@list.test');
    expect(csv.text).not.toContain('mara.quill@list.test');
    expect(csv.text).not.toContain('olga.pike@list.test');
  });
});
