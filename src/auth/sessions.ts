// Sessions live in PostgreSQL so that any app process can serve any request.
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';

declare module 'express-session' {
  interface SessionData {
    signedInAt?: number;
    flash?: string;
  }
}

export const sessionCookieName = 'frontline.sid';

export function sessionMiddleware(dataSource: DataSource, config: Config): RequestHandler {
  const PgStore = connectPgSimple(session);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store: new PgStore({ pool, tableName: 'sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    resave: false,
    saveUninitialized: false,
    // Idle timeout: every response pushes the expiry forward; a quiet session expires.
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.trustProxy ? 'auto' : config.env === 'production',
      maxAge: config.sessionIdleMinutes * 60 * 1000,
    },
  });
}

/** Ends sessions older than the absolute limit, however active they were. */
export function absoluteSessionTimeout(config: Config): RequestHandler {
  const limitMs = config.sessionAbsoluteHours * 60 * 60 * 1000;
  return (req, res, next) => {
    const signedInAt = req.session?.signedInAt;
    if (!signedInAt || Date.now() - signedInAt <= limitMs) return next();
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie(sessionCookieName);
      res.redirect(303, '/sign-in?expired=1');
    });
  };
}
