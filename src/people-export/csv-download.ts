// Sends a CSV download as it is produced, so a large one never sits whole in memory; spreadsheet-safe throughout.
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { spreadsheetSafeCsv } from './spreadsheet-safety';

export type WriteRecord = (record: unknown[]) => Promise<void>;

class DownloadAbandoned extends Error {}

/**
 * Calls `produce` with a writer that waits while the client is behind. Headers go out with the first record, so an
 * error thrown before it (e.g. NotFound) still becomes an ordinary error page.
 */
export async function sendCsv(res: Response, fileName: string, header: string[], produce: (write: WriteRecord) => Promise<void>): Promise<void> {
  const csv = stringify(spreadsheetSafeCsv);
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    res.attachment(fileName).type('text/csv; charset=utf-8');
    csv.pipe(res);
    csv.write(header);
  };
  const write: WriteRecord = async (record) => {
    start();
    if (res.destroyed) throw new DownloadAbandoned();
    if (!csv.write(record)) {
      await new Promise<void>((resolve) => {
        const resume = () => {
          csv.off('drain', resume);
          res.off('close', resume);
          resolve();
        };
        csv.once('drain', resume);
        res.once('close', resume);
      });
    }
  };
  try {
    await produce(write);
  } catch (error) {
    if (error instanceof DownloadAbandoned) return;
    throw error;
  }
  start();
  csv.end();
}
