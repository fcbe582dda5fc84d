// Sites: where people work, with the time zone their shifts are in and the country whose public holidays apply.
import type { EntityManager } from 'typeorm';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit-log';
import { NotFound } from '../http/errors';
import { statusCondition } from './employee-status';
import { InvalidField, withUniqueFields } from '../http/invalid-fields';

export interface SiteFields {
  name: string;
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
}

export interface SiteSummary extends SiteFields {
  id: string;
  headcount: number;
}

const summarySelect = `
  SELECT s.id, s.name, s.time_zone AS "timeZone", s.country_code AS "countryCode",
         (SELECT count(*)::int FROM employees e WHERE e.site_id = s.id AND ${statusCondition('active')}) AS headcount
    FROM sites s`;

export function listSites(manager: EntityManager): Promise<SiteSummary[]> {
  return manager.query(`${summarySelect} ORDER BY lower(s.name)`);
}

export async function findSite(manager: EntityManager, id: string): Promise<SiteSummary> {
  const [site]: SiteSummary[] = await manager.query(`${summarySelect} WHERE s.id = $1`, [id]);
  if (!site) throw new NotFound('There is no such site.');
  return site;
}

export function siteOptions(manager: EntityManager): Promise<{ id: string; name: string }[]> {
  return manager.query(`SELECT id, name FROM sites ORDER BY lower(name)`);
}

const fieldLabels: Record<keyof SiteFields, string> = { name: 'name', timeZone: 'time zone', countryCode: 'country' };

const nameTaken = (name: string) => ({ sites_name_key: new InvalidField('name', `There is already a site called ${name}`) });

export async function createSite(manager: EntityManager, actor: AuditActor, fields: SiteFields): Promise<{ id: string }> {
  const [created]: { id: string }[] = await withUniqueFields(
    () => manager.query(`INSERT INTO sites (name, time_zone, country_code) VALUES ($1, $2, $3) RETURNING id`, [fields.name, fields.timeZone, fields.countryCode]),
    nameTaken(fields.name),
  );
  await recordAudit(manager, actor, { entityType: 'site', entityId: created.id, action: 'created', summary: `Created site ${fields.name}`, after: fields });
  return created;
}

export async function updateSite(manager: EntityManager, actor: AuditActor, id: string, fields: SiteFields): Promise<void> {
  const [site]: SiteFields[] = await manager.query(
    `SELECT name, time_zone AS "timeZone", country_code AS "countryCode" FROM sites WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!site) throw new NotFound('There is no such site.');
  const changes = changedFields(site, fields);
  if (!changes) return;
  await withUniqueFields(
    () => manager.query(`UPDATE sites SET name = $2, time_zone = $3, country_code = $4 WHERE id = $1`, [id, fields.name, fields.timeZone, fields.countryCode]),
    nameTaken(fields.name),
  );
  await recordAudit(manager, actor, {
    entityType: 'site',
    entityId: id,
    action: 'updated',
    summary: `Updated site ${fields.name}: ${(Object.keys(changes.after) as (keyof SiteFields)[]).map((key) => fieldLabels[key]).join(', ')}`,
    ...changes,
  });
}
