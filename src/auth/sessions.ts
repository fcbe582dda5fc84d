// Sessions live in PostgreSQL so that any app process can serve any request.
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session, { type SessionData } from 'express-session';
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

// Pushing the idle expiry forward is a write on every page; a minute of slack in a 30-minute timeout saves nearly all.
const touchIntervalMs = 60 * 1000;
// Expiries read for requests whose touch has not come yet (a request that fails before it leaves one behind).
const maxRememberedExpiries = 10_000;

const PgStore = connectPgSimple(session);

/** The PostgreSQL store, writing a session's new expiry only once it has moved by a minute or more. */
class SessionStore extends PgStore {
  private readonly storedExpiries = new Map<string, number>();

  constructor(private readonly pool: Pool) {
    super({ pool, tableName: 'sessions', createTableIfMissing: false, pruneSessionInterval: 15 * 60 });
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.pool
      .query<{ sess: SessionData; expire: Date }>('SELECT sess, expire FROM sessions WHERE sid = $1 AND expire >= now()', [sid])
      .then(({ rows: [row] }) => {
        if (row) this.rememberExpiry(sid, row.expire.getTime());
        callback(null, row?.sess ?? null);
      }, callback);
  }

  override touch(sid: string, sess: SessionData, callback?: () => void): void {
    const stored = this.storedExpiries.get(sid);
    this.storedExpiries.delete(sid);
    const wanted = sess.cookie.expires?.getTime();
    if (stored !== undefined && wanted !== undefined && wanted - stored < touchIntervalMs) return callback?.();
    super.touch(sid, sess, callback);
  }

  private rememberExpiry(sid: string, expiry: number): void {
    this.storedExpiries.delete(sid);
    this.storedExpiries.set(sid, expiry);
    if (this.storedExpiries.size > maxRememberedExpiries) this.storedExpiries.delete(this.storedExpiries.keys().next().value!);
  }
}

export function sessionMiddleware(dataSource: DataSource, config: Config): RequestHandler {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store: new SessionStore(pool),
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
