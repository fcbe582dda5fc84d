// Receives the uploaded CSV into a temporary file, after the route's access rule and the CSRF check have passed,
// so nobody else can make the server store a file.
import os from 'node:os';
import type { Request, Response } from 'express';
import multer from 'multer';
import { ImportFileRejected } from './read-employee-csv';

export type UploadReceiver = (req: Request, res: Response) => Promise<Express.Multer.File | undefined>;

export function uploadReceiver(maxBytes: number): UploadReceiver {
  const upload = multer({
    dest: os.tmpdir(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  }).single('file');
  return (req, res) =>
    new Promise((resolve, reject) => {
      upload(req, res, (error: unknown) => {
        if (!error) return resolve(req.file);
        if (!(error instanceof multer.MulterError)) return reject(error);
        if (error.code === 'LIMIT_FILE_SIZE') {
          return reject(new ImportFileRejected(413, `The file is larger than ${megabytes(maxBytes)}, the most an import accepts. Split it into smaller files.`));
        }
        reject(new ImportFileRejected(422, 'The upload could not be read: choose one CSV file and send the form again.'));
      });
    });
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return value >= 1 ? `${Number(value.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
