// Sessions live in PostgreSQL so that any app process can serve any request.
import connectPgSimple from 'connect-pg-simple';
import type { Request, RequestHandler, Response } from 'express';
import session, { type Session, type SessionData } from 'express-session';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
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
    // Expired sessions are deleted by the background job loop (pruneExpiredSessions), not by a timer in every store.
    super({ pool, tableName: 'sessions', createTableIfMissing: false, pruneSessionInterval: false });
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
  const sessions = session({
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
  return (req, res, next) =>
    sessions(req, res, (error?: unknown) => {
      if (error) return next(error);
      saveSessionBeforeRedirect(req, res, next);
      next();
    });
}

/** The session's data without its cookie, to tell whether a request changed it. */
const sessionData = (sess: Session) => JSON.stringify(sess, (key, value) => (key === 'cookie' ? undefined : value));

/**
 * express-session stores a changed session at the end of the response, but sends a redirect's headers before the
 * store has it, and a browser follows a redirect as soon as the headers arrive: with a pool of connections the next
 * page could read the session from before the POST, without its flash message or new feed address. So a changed
 * session is stored first, then the redirect is sent.
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: (error: unknown) => void): void {
  const before = req.session && sessionData(req.session);
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session || sessionData(req.session) === before) return redirect(...args);
    // A store that fails is reported as express-session reports it, rather than redirecting to a page without the message.
    req.session.save((error) => (error ? next(error) : redirect(...args)));
  }) as Response['redirect'];
}

/** Deletes the sessions whose idle expiry has passed; gives how many. */
export async function pruneExpiredSessions(manager: EntityManager): Promise<number> {
  const [, deleted]: [unknown, number] = await manager.query('DELETE FROM sessions WHERE expire < now()');
  return deleted;
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
