// Files name departments and sites in words; this finds each by name in any case, and those the file would create.
import type { EntityManager } from 'typeorm';
import { recordAuditEntries, type AuditActor } from '../audit/audit-log';
import type { ImportColumnKey } from './import-columns';
import type { ImportRow, RowProblem } from './import-row';

interface NamedUnit {
  id: string;
  name: string;
  archived: boolean;
}

/** Departments and sites by lower-case name. */
export interface OrganisationNames {
  departments: Map<string, NamedUnit>;
  sites: Map<string, NamedUnit>;
}

export interface OrganisationMatch {
  /** The rows whose department and site exist or will be created, named as Frontline spells them. */
  rows: ImportRow[];
  problems: RowProblem[];
  /** Spelt as the file first spells them. */
  missingDepartments: string[];
  missingSites: string[];
}

// A site needs a time zone and a country; the file gives neither, so HR sets them on the site afterwards.
export const createdSiteTimeZone = 'UTC';
export const createdSiteCountryCode = 'ZZ';

export async function loadOrganisationNames(manager: EntityManager): Promise<OrganisationNames> {
  const departments: NamedUnit[] = await manager.query('SELECT id, name, archived_at IS NOT NULL AS archived FROM departments');
  const sites: NamedUnit[] = await manager.query('SELECT id, name, false AS archived FROM sites');
  const byName = (units: NamedUnit[]) => new Map(units.map((unit) => [unit.name.toLowerCase(), unit]));
  return { departments: byName(departments), sites: byName(sites) };
}

export function matchOrganisation(
  rows: ImportRow[],
  names: OrganisationNames,
  createMissing: boolean,
  columnLabels: Record<ImportColumnKey, string>,
): OrganisationMatch {
  const missing = { department: new Map<string, string>(), site: new Map<string, string>() };
  const matched: ImportRow[] = [];
  const problems: RowProblem[] = [];
  const nameIn = (kind: 'department' | 'site', given: string, line: number): string | undefined => {
    const key = given.toLowerCase();
    const known = (kind === 'department' ? names.departments : names.sites).get(key);
    const column = columnLabels[kind];
    if (known?.archived) {
      problems.push({ line, column, message: `The ${kind} “${known.name}” is archived` });
      return undefined;
    }
    if (known) return known.name;
    if (!createMissing) {
      problems.push({ line, column, message: `No ${kind} is named “${given}”: add it first, or tick “create missing departments and sites”` });
      return undefined;
    }
    if (!missing[kind].has(key)) missing[kind].set(key, given);
    return missing[kind].get(key);
  };
  for (const row of rows) {
    const department = nameIn('department', row.department, row.line);
    const site = nameIn('site', row.site, row.line);
    if (department && site) matched.push({ ...row, department, site });
  }
  return { rows: matched, problems, missingDepartments: [...missing.department.values()], missingSites: [...missing.site.values()] };
}

/** Creates the departments and sites a file names but Frontline lacks, and returns the names with them added. */
export async function createMissingUnits(
  manager: EntityManager,
  actor: AuditActor,
  match: Pick<OrganisationMatch, 'missingDepartments' | 'missingSites'>,
): Promise<OrganisationNames> {
  const createdDepartments: { id: string; name: string }[] = match.missingDepartments.length
    ? await manager.query('INSERT INTO departments (name) SELECT unnest($1::text[]) RETURNING id, name', [match.missingDepartments])
    : [];
  const createdSites: { id: string; name: string }[] = match.missingSites.length
    ? await manager.query('INSERT INTO sites (name, time_zone, country_code) SELECT unnest($1::text[]), $2, $3 RETURNING id, name', [
        match.missingSites,
        createdSiteTimeZone,
        createdSiteCountryCode,
      ])
    : [];
  await recordAuditEntries(manager, actor, [
    ...createdDepartments.map((department) => ({
      entityType: 'department' as const,
      entityId: department.id,
      action: 'imported-created',
      summary: `Created department ${department.name} for a CSV import`,
      after: { name: department.name },
    })),
    ...createdSites.map((site) => ({
      entityType: 'site' as const,
      entityId: site.id,
      action: 'imported-created',
      summary: `Created site ${site.name} for a CSV import (time zone ${createdSiteTimeZone}, country not set)`,
      after: { name: site.name, timeZone: createdSiteTimeZone, countryCode: createdSiteCountryCode },
    })),
  ]);
  return loadOrganisationNames(manager);
}
