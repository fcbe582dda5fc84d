// Spreadsheets run a cell that starts with = + - @ (or tab/CR, or their full-width forms) as a formula, so a name
// like "=HYPERLINK(...)" could act when HR opens an exported file. Exports prefix such cells with an apostrophe
// (csv-stringify's escape_formulas); imports remove exactly that prefix, so an exported file re-imports unchanged.
import type { Options } from 'csv-stringify';

export const spreadsheetSafeCsv: Options = { bom: true, escape_formulas: true };

const neutralisedCell = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function restoreNeutralisedCell(value: string): string {
  return neutralisedCell.test(value) ? value.slice(1) : value;
}
