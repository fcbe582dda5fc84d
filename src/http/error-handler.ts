// Maps every error to a status and a friendly page; users never see a stack trace or SQL.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnreachable } from '../db/connection-errors';
import { HttpError, NotFound, ServiceUnavailable, TooManyRequests } from './errors';

export const notFoundHandler: RequestHandler = () => {
  throw new NotFound();
};

interface ExpressStatusError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message: string;
}

const clientErrorMessages: Record<number, string> = {
  400: 'The request could not be read.',
  403: 'This form has expired or was not sent by Frontline. Reload the page and try again.',
  413: 'What you sent is too large.',
};

export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  let status = 500;
  let title = 'Something went wrong';
  let message = 'Frontline hit an unexpected problem. It has been logged; please try again.';
  const httpError = isDatabaseUnreachable(error) ? new ServiceUnavailable() : error;
  if (httpError instanceof HttpError) {
    ({ status, title, message } = httpError);
    if (httpError instanceof TooManyRequests || httpError instanceof ServiceUnavailable) {
      res.setHeader('Retry-After', String(httpError.retryAfterSeconds));
    }
  } else {
    // body-parser, csrf-sync and friends throw http-errors with a status of their own.
    const statusError = error as ExpressStatusError;
    const ownStatus = statusError.status ?? statusError.statusCode;
    if (ownStatus && ownStatus >= 400 && ownStatus < 500) {
      status = ownStatus;
      title = 'Request refused';
      message = clientErrorMessages[ownStatus] ?? (statusError.expose ? statusError.message : 'The request was refused.');
    }
  }
  if (status >= 500) req.log?.error({ err: error }, 'request failed');
  res.status(status).render('errors/error', { title, message, status });
};
