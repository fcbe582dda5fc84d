import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafeCsv } from '../people-export/spreadsheet-safety';
import { importColumns } from './import-columns';

/** The header line and one example person, for HR to fill in. */
export function importTemplateCsv(organisationDateFormat: string): string {
  const columns = importColumns(organisationDateFormat);
  return stringify(
    [columns.map((column) => column.header), columns.map((column) => column.example)],
    spreadsheetSafeCsv,
  );
}
