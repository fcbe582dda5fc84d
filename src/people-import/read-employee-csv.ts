// Reads an uploaded employee CSV as a stream: refuses files that are not CSV text, maps the header to the known
// columns, and checks every line on its own (fields, and emails repeated within the file). Needs no database.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { restoreNeutralisedCell } from '../people-export/spreadsheet-safety';
import { HttpError } from '../http/errors';
import { columnHeaders, columnKeyFor, importColumnKeys, requiredColumnKeys, type ImportColumnKey } from './import-columns';
import { checkImportRow, importRowSchema, type ImportRow, type RowProblem, type RowValues } from './import-row';

/** A file refused as a whole: not CSV text (415), too large (413), or unusable (422). */
export class ImportFileRejected extends HttpError {
  constructor(status: 413 | 415 | 422, message: string) {
    super(status, 'File not imported', message);
  }
}

export interface EmployeeCsv {
  rows: ImportRow[];
  /** Sorted by line. */
  problems: RowProblem[];
  /** Each column as the file's header spells it, for messages. */
  columnLabels: Record<ImportColumnKey, string>;
  hasTerminationDateColumn: boolean;
  hasRolesColumn: boolean;
  ignoredColumns: string[];
}

export interface ReadEmployeeCsvOptions {
  /** As the uploader named it; its extension tells a spreadsheet from a CSV before a byte is read. */
  fileName: string;
  organisationDateFormat: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

const textExtensions = new Set(['', '.csv', '.txt']);
// A person's columns take a few hundred characters; without a bound, the parser spends seconds of CPU on one long line.
const maxLineBytes = 64 * 1024;
const notCsvMessage = 'This is not a CSV file. In your spreadsheet, choose Save as (or Download as) “CSV UTF-8” and upload that file.';
const notUtf8Message =
  'This file is not UTF-8 text: it is a spreadsheet or other binary file, or a CSV saved in an older encoding. In your spreadsheet, choose Save as “CSV UTF-8” and upload that file.';

export async function readEmployeeCsv(filePath: string, options: ReadEmployeeCsvOptions): Promise<EmployeeCsv> {
  if (!textExtensions.has(path.extname(options.fileName).toLowerCase())) throw new ImportFileRejected(415, notCsvMessage);
  const { size } = await stat(filePath);
  const delimiter = delimiterOf(await firstLineOf(filePath));
  const parser = parse({ bom: true, delimiter, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, max_record_size: maxLineBytes });
  // A failure in any stage destroys the parser with it, so it surfaces in the loop below rather than in this callback.
  pipeline(createReadStream(filePath), new StrictTextDecoder((bytesRead) => options.onProgress?.(bytesRead, size)), parser, () => {});

  const reader = new RowReader(options.organisationDateFormat);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const newlinesInside = record.reduce((count, cell) => count + (cell.includes('\n') ? cell.split('\n').length - 1 : 0), 0);
      reader.add(record, info.lines - newlinesInside);
    }
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileRejected(422, `The file could not be read as CSV near line ${error.lines}: ${csvErrorText(error)}.`);
    throw error;
  }
  return reader.result();
}

const emptyValues = Object.fromEntries(importColumnKeys.map((key) => [key, ''])) as RowValues;

class RowReader {
  private readonly schema;
  private header: { keys: (ImportColumnKey | undefined)[]; labels: Record<ImportColumnKey, string>; ignored: string[] } | undefined;
  private readonly rows: ImportRow[] = [];
  private readonly problems: RowProblem[] = [];
  private readonly firstLineOfEmail = new Map<string, number>();

  constructor(organisationDateFormat: string) {
    this.schema = importRowSchema(organisationDateFormat);
  }

  add(record: string[], line: number): void {
    if (!this.header) {
      this.header = readHeader(record);
      return;
    }
    const { keys, labels } = this.header;
    const values = { ...emptyValues };
    keys.forEach((key, index) => {
      if (key) values[key] = restoreNeutralisedCell(record[index] ?? '');
    });
    const lineProblems: RowProblem[] = [];
    if (record.slice(keys.length).some((cell) => cell.trim() !== '')) {
      lineProblems.push({ line, column: '', message: `This line has ${record.length} values but the header names ${keys.length} columns` });
    }
    const checked = checkImportRow(this.schema, line, values, labels);
    if (checked.problems) lineProblems.push(...checked.problems);
    const emailIsValid = !checked.problems?.some((problem) => problem.column === labels.email);
    if (emailIsValid) {
      const email = checked.row?.email ?? values.email.trim().toLowerCase();
      const firstLine = this.firstLineOfEmail.get(email);
      if (firstLine === undefined) this.firstLineOfEmail.set(email, line);
      else lineProblems.push({ line, column: labels.email, message: `${email} is already on line ${firstLine}; each person may appear once` });
    }
    if (lineProblems.length) this.problems.push(...lineProblems);
    else this.rows.push(checked.row!);
  }

  result(): EmployeeCsv {
    if (!this.header) throw new ImportFileRejected(422, 'The file is empty. Its first line must name the columns, then one line per person.');
    if (!this.rows.length && !this.problems.length) throw new ImportFileRejected(422, 'The file names its columns but holds no people.');
    const { keys, labels, ignored } = this.header;
    return {
      rows: this.rows,
      problems: this.problems,
      columnLabels: labels,
      hasTerminationDateColumn: keys.includes('terminationDate'),
      hasRolesColumn: keys.includes('roles'),
      ignoredColumns: ignored,
    };
  }
}

function readHeader(record: string[]) {
  const keys = record.map((header) => columnKeyFor(header.trim()));
  const labels = { ...columnHeaders };
  const ignored: string[] = [];
  record.forEach((header, index) => {
    const key = keys[index];
    if (!key) {
      if (header.trim()) ignored.push(header.trim());
      return;
    }
    if (keys.indexOf(key) !== index) throw new ImportFileRejected(422, `The column “${header.trim()}” appears twice in the first line.`);
    labels[key] = header.trim();
  });
  const expected = Object.values(columnHeaders).join(',');
  if (!keys.includes('email')) {
    throw new ImportFileRejected(422, `The file has no email column. Its first line must name the columns, for example: ${expected}`);
  }
  const missing = requiredColumnKeys.filter((key) => !keys.includes(key)).map((key) => columnHeaders[key]);
  if (missing.length) {
    throw new ImportFileRejected(422, `The file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}. Expected columns: ${expected}`);
  }
  return { keys, labels, ignored };
}

async function firstLineOf(filePath: string): Promise<string> {
  const file = await open(filePath);
  try {
    const sample = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(sample, 0, sample.length, 0);
    return sample.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0];
  } finally {
    await file.close();
  }
}

/** Spreadsheets in many European locales save "CSV" with semicolons; the header line tells which. */
function delimiterOf(headerLine: string): string {
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: headerLine.split(delimiter).length - 1 }));
  return counts.reduce((best, candidate) => (candidate.count > best.count ? candidate : best)).delimiter;
}

/** UTF-8 text only: a spreadsheet or other binary file, or text in a legacy encoding, is refused rather than misread. */
class StrictTextDecoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytesRead = 0;

  constructor(private readonly onBytes: (bytesRead: number) => void) {
    super({ readableObjectMode: false, decodeStrings: true });
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytesRead += chunk.length;
    this.onBytes(this.bytesRead);
    this.pushText(() => this.decoder.decode(chunk, { stream: true }), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.pushText(() => this.decoder.decode(), callback);
  }

  private pushText(decode: () => string, callback: TransformCallback): void {
    let text: string;
    try {
      text = decode();
    } catch {
      return callback(new ImportFileRejected(415, notUtf8Message));
    }
    if (text.includes('\0')) return callback(new ImportFileRejected(415, notCsvMessage));
    callback(null, text);
  }
}

function csvErrorText(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a value opens a quote (") that is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quote (") inside a quoted value must be doubled ("")';
    case 'CSV_MAX_RECORD_SIZE':
      return `a line is longer than ${maxLineBytes / 1024} KB, far more than one person’s details`;
    default:
      return error.message;
  }
}
