// A browser follows a redirect as soon as its headers arrive. The page it lands on must see what the POST put in the
// session (a flash message, a feed address shown once), even when storing the session takes a while.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session, { MemoryStore, type SessionData } from 'express-session';
import { saveSessionBeforeRedirect } from '../../src/auth/sessions';

/** A store as slow as a database round trip on a busy server. */
class SlowStore extends MemoryStore {
  override set(sid: string, sess: SessionData, callback?: (error?: unknown) => void): void {
    setTimeout(() => super.set(sid, sess, callback), 100);
  }
}

let server: http.Server;
let origin: string;
beforeAll(async () => {
  const app = express();
  app.use(session({ secret: 'a test secret of thirty-two characters', store: new SlowStore(), resave: false, saveUninitialized: false }));
  app.use((req, res, next) => {
    saveSessionBeforeRedirect(req, res, next);
    next();
  });
  app.post('/notes', (req, res) => {
    req.session.flash = 'Note saved.';
    res.redirect(303, '/notes');
  });
  app.get('/notes', (req, res) => {
    res.send(req.session.flash ?? 'No message');
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Posts, and on the redirect's headers (before its body has ended) fetches the page it names, as browsers do. */
function postThenFollowAtOnce(): Promise<string> {
  return new Promise((resolve, reject) => {
    const post = http.request(`${origin}/notes`, { method: 'POST' }, (redirect) => {
      const cookie = String(redirect.headers['set-cookie']?.[0] ?? '').split(';')[0];
      fetch(`${origin}${redirect.headers.location}`, { headers: { cookie } }).then((page) => page.text()).then(resolve, reject);
      redirect.resume();
    });
    post.on('error', reject);
    post.end();
  });
}

it('stores the session before sending the redirect, so the next page shows the flash message', async () => {
  expect(await postThenFollowAtOnce()).toBe('Note saved.');
});
