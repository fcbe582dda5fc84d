import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { hrOnly } from '../http/access';
import { auditSearchParams, findAuditEntries, parseAuditQuery, type AuditCursor } from './audit-browse';
import { auditedEntityTypes } from './audit-log';
import { changeRows, formatWhen } from './audit-presentation';

const entityPaths: Record<string, (id: string) => string> = {
  employee: (id) => `/hr/employees/${id}`,
  department: (id) => `/hr/departments/${id}`,
  site: (id) => `/hr/sites/${id}`,
  desk: (id) => `/hr/desks/${id}`,
  programme: (id) => `/hr/programmes/${id}`,
  'plan-run': (id) => `/hr/plan-runs/${id}`,
  assignment: (id) => `/hr/assignments/${id}`,
  insight: (id) => `/hr/learnings/${id}`,
};

export function auditRoutes(dataSource: DataSource): Router {
  const router = Router();

  router.get('/hr/audit', hrOnly, async (req, res) => {
    const { filters, cursor } = parseAuditQuery(req.query);
    const page = await inTransaction(dataSource, (manager) => findAuditEntries(manager, filters, cursor));
    res.render('audit/audit-log', {
      title: 'Audit log',
      filters,
      page,
      paged: Boolean(cursor.before || cursor.after),
      entityTypes: auditedEntityTypes,
      pageHref: (to: AuditCursor = {}) => `/hr/audit?${auditSearchParams(filters, to)}`,
      everythingHref: `/hr/audit?${auditSearchParams({ ...filters, entityType: undefined, entityId: undefined })}`,
      entityHref: (type: string, id: string) => entityPaths[type]?.(id),
      formatWhen,
      changeRows,
    });
  });

  return router;
}
