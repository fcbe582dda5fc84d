import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { actorOf } from '../audit/audit-log';
import type { Config } from '../config';
import { inTransaction } from '../db/transaction';
import { hrOnly, signedIn } from '../http/access';
import { setFlash, takeFlash } from '../http/flash';
import { parseForm, type FieldErrors } from '../http/validation';
import { inviteEmployees } from '../invitations/invitations.service';
import { departmentOptions } from './departments.service';
import {
  employeeListSearchParams,
  findEmployees,
  parseEmployeeListFilters,
  parseEmployeeListPage,
  type EmployeeListFilters,
  type EmployeeSortKey,
} from './employee-list';
import { listAbsences } from '../absences/absences.service';
import { employeeProfile } from './employee-profile';
import { deactivationForm, employeeEditForm, newEmployeeForm, reactivationForm } from './employees.schemas';
import { createEmployee, setTermination, updateEmployee } from './employees.service';
import { idParam } from '../http/id-param';
import { asChangeOutcome, asFormResult } from '../http/invalid-fields';
import { siteOptions } from './sites.service';

interface EmployeeFormValues {
  fullName: string;
  email: string;
  departmentId: string;
  siteId: string;
  jobTitle: string;
  hireDate: string;
  terminationDate: string;
  roles: string[];
  sendInvitation: boolean;
  version: string;
}

function submitted(req: Request): EmployeeFormValues {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const text = (field: string) => String(body[field] ?? '');
  return {
    fullName: text('fullName'),
    email: text('email'),
    departmentId: text('departmentId'),
    siteId: text('siteId'),
    jobTitle: text('jobTitle'),
    hireDate: text('hireDate'),
    terminationDate: text('terminationDate'),
    roles: ([] as unknown[]).concat(body.roles ?? []).map(String),
    sendInvitation: body.sendInvitation === 'on',
    version: text('version'),
  };
}

const newEmployeeValues: EmployeeFormValues = {
  fullName: '',
  email: '',
  departmentId: '',
  siteId: '',
  jobTitle: '',
  hireDate: '',
  terminationDate: '',
  roles: ['employee'],
  sendInvitation: true,
  version: '',
};

const today = () => DateTime.now().toISODate()!;

export function employeeRoutes(dataSource: DataSource, config: Config): Router {
  const router = Router();

  async function showNewForm(res: Response, status: number, values: EmployeeFormValues, errors: FieldErrors = {}) {
    const { departments, sites } = await inTransaction(dataSource, async (manager) => ({
      departments: await departmentOptions(manager),
      sites: await siteOptions(manager),
    }));
    res.status(status).render('people/employee-form', { title: 'New employee', employee: null, departments, sites, values, errors });
  }

  async function showEditForm(res: Response, id: string, status = 200, edited?: EmployeeFormValues, errors: FieldErrors = {}) {
    const { employee, departments, sites } = await inTransaction(dataSource, async (manager) => {
      const profile = await employeeProfile(manager, id);
      return { employee: profile, departments: await departmentOptions(manager, { keepId: profile.department.id }), sites: await siteOptions(manager) };
    });
    const values: EmployeeFormValues = edited ?? {
      fullName: employee.fullName,
      email: employee.email,
      departmentId: employee.department.id,
      siteId: employee.site.id,
      jobTitle: employee.jobTitle,
      hireDate: employee.hireDate,
      terminationDate: employee.terminationDate ?? '',
      roles: employee.roles,
      sendInvitation: false,
      version: String(employee.version),
    };
    res.status(status).render('people/employee-form', { title: `Edit ${employee.fullName}`, employee, departments, sites, values, errors });
  }

  async function showProfile(req: Request, res: Response, id: string, manage: boolean, status = 200, deactivation = { terminationDate: today() }, errors: FieldErrors = {}) {
    const { profile, absences } = await inTransaction(dataSource, async (manager) => ({
      profile: await employeeProfile(manager, id),
      absences: await listAbsences(manager, id),
    }));
    res.status(status).render('people/employee-profile', {
      title: profile.fullName,
      profile,
      absences,
      absencesUrl: manage ? `/hr/employees/${id}/absences` : '/me/absences',
      manage,
      deactivation,
      errors,
      notice: takeFlash(req),
    });
  }

  router.get('/hr/employees', hrOnly, async (req, res) => {
    const filters = parseEmployeeListFilters(req.query);
    const { list, departments, sites } = await inTransaction(dataSource, async (manager) => ({
      list: await findEmployees(manager, filters, parseEmployeeListPage(req.query)),
      departments: await departmentOptions(manager, { includeArchived: true }),
      sites: await siteOptions(manager),
    }));
    const href = (changes: Partial<EmployeeListFilters>, page?: number) => `/hr/employees?${employeeListSearchParams({ ...filters, ...changes }, page)}`;
    res.render('people/employees', {
      title: 'Employees',
      filters,
      list,
      departments,
      sites,
      pageHref: (page: number) => href({}, page),
      exportHref: `/hr/employees/export.csv?${employeeListSearchParams(filters)}`,
      sortHref: (sort: EmployeeSortKey) => href({ sort, direction: filters.sort === sort && filters.direction === 'asc' ? 'desc' : 'asc' }),
    });
  });

  router.get('/hr/employees/new', hrOnly, async (req, res) => {
    await showNewForm(res, 200, newEmployeeValues);
  });

  router.post('/hr/employees', hrOnly, async (req, res) => {
    const form = parseForm(newEmployeeForm, req.body);
    if (!form.ok) return showNewForm(res, 422, submitted(req), form.errors);
    const { sendInvitation, ...fields } = form.data;
    const saved = await asFormResult(() =>
      inTransaction(dataSource, async (manager) => {
        const employee = await createEmployee(manager, actorOf(req.user!), fields);
        if (sendInvitation) await inviteEmployees(manager, config, [employee]);
        return employee;
      }),
    );
    if (!saved.ok) return showNewForm(res, 422, submitted(req), saved.errors);
    setFlash(req, sendInvitation ? `${saved.data.fullName} added, and invited to choose a password.` : `${saved.data.fullName} added.`);
    res.redirect(303, `/hr/employees/${saved.data.id}`);
  });

  router.get('/hr/employees/:id', hrOnly, async (req, res) => {
    await showProfile(req, res, idParam(req.params.id), true);
  });

  router.get('/hr/employees/:id/edit', hrOnly, async (req, res) => {
    await showEditForm(res, idParam(req.params.id));
  });

  router.post('/hr/employees/:id', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(employeeEditForm, req.body);
    if (!form.ok) return showEditForm(res, id, 422, submitted(req), form.errors);
    const { version, ...fields } = form.data;
    const saved = await asChangeOutcome(() => inTransaction(dataSource, (manager) => updateEmployee(manager, actorOf(req.user!), id, version, fields)));
    if (!saved.ok) return showEditForm(res, id, saved.status, submitted(req), saved.errors);
    setFlash(req, 'Changes saved.');
    res.redirect(303, `/hr/employees/${id}`);
  });

  router.post('/hr/employees/:id/deactivate', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const entered = { terminationDate: submitted(req).terminationDate };
    const form = parseForm(deactivationForm, req.body);
    if (!form.ok) return showProfile(req, res, id, true, 422, entered, form.errors);
    const { version, terminationDate } = form.data;
    const saved = await asChangeOutcome(() => inTransaction(dataSource, (manager) => setTermination(manager, actorOf(req.user!), id, version, terminationDate)));
    if (!saved.ok) return showProfile(req, res, id, true, saved.status, entered, saved.errors);
    setFlash(req, `Deactivated: the last working day is ${terminationDate}.`);
    res.redirect(303, `/hr/employees/${id}`);
  });

  router.post('/hr/employees/:id/reactivate', hrOnly, async (req, res) => {
    const id = idParam(req.params.id);
    const form = parseForm(reactivationForm, req.body);
    if (!form.ok) return showProfile(req, res, id, true, 422, undefined, form.errors);
    const saved = await asChangeOutcome(() => inTransaction(dataSource, (manager) => setTermination(manager, actorOf(req.user!), id, form.data.version, null)));
    if (!saved.ok) return showProfile(req, res, id, true, saved.status, undefined, saved.errors);
    setFlash(req, 'Reactivated.');
    res.redirect(303, `/hr/employees/${id}`);
  });

  router.get('/me/profile', signedIn, async (req, res) => {
    await showProfile(req, res, req.user!.id, false);
  });

  return router;
}
