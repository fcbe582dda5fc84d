// The columns of an employee CSV, shared by the import, its template, its upload page and the export, so an
// exported file re-imports as it is.

export const importColumnKeys = ['fullName', 'email', 'department', 'site', 'jobTitle', 'hireDate', 'terminationDate', 'roles'] as const;
export type ImportColumnKey = (typeof importColumnKeys)[number];

export interface ImportColumn {
  key: ImportColumnKey;
  header: string;
  required: boolean;
  description: string;
  example: string;
}

export function importColumns(organisationDateFormat: string): ImportColumn[] {
  return [
    { key: 'fullName', header: 'full_name', required: true, description: 'The person’s full name.', example: 'Ada Lovelace' },
    {
      key: 'email',
      header: 'email',
      required: true,
      description: 'Work email, in any case. It identifies the person: a known email updates them, a new one creates them.',
      example: 'ada.lovelace@example.com',
    },
    { key: 'department', header: 'department', required: true, description: 'The department’s name as in Frontline, in any case.', example: 'Engineering' },
    { key: 'site', header: 'site', required: true, description: 'The site’s name as in Frontline, in any case.', example: 'Berlin' },
    { key: 'jobTitle', header: 'job_title', required: true, description: 'The job title.', example: 'Software Engineer' },
    {
      key: 'hireDate',
      header: 'hire_date',
      required: true,
      description: `First day of employment, as YYYY-MM-DD or in the organisation’s format (${organisationDateFormat}).`,
      example: '2026-03-01',
    },
    {
      key: 'terminationDate',
      header: 'termination_date',
      required: false,
      description: 'Last day of employment; empty while the person is employed. Without this column, known people keep theirs.',
      example: '',
    },
    {
      key: 'roles',
      header: 'roles',
      required: false,
      description: 'Any of hr, head and employee, separated by semicolons; everyone is an employee. Without this column, known people keep theirs.',
      example: 'employee',
    },
  ];
}

/** "Full name", "FULL_NAME" and "full-name" all name the same column. */
function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

const columnsWithoutFormat = importColumns('');

/** Each column's name in the template and in exports. */
export const columnHeaders = Object.fromEntries(columnsWithoutFormat.map((column) => [column.key, column.header])) as Record<ImportColumnKey, string>;

export const requiredColumnKeys = columnsWithoutFormat.filter((column) => column.required).map((column) => column.key);

const keysByNormalisedHeader = new Map(columnsWithoutFormat.map((column) => [normaliseHeader(column.header), column.key]));

export function columnKeyFor(header: string): ImportColumnKey | undefined {
  return keysByNormalisedHeader.get(normaliseHeader(header));
}
