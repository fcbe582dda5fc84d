import { Passport } from 'passport';

export type AppPassport = InstanceType<typeof Passport>;
import { Strategy as LocalStrategy } from 'passport-local';
import type { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from './passwords';
import { findActiveAccountByEmail, loadSignedInUser } from './signed-in-user';

/** A passport of the app's own, so that two apps in one process (as in tests) never share strategies. */
export function configurePassport(dataSource: DataSource): AppPassport {
  const passport = new Passport();
  // Unknown emails are checked against a throwaway hash too, so timing does not tell which emails exist.
  const decoyHash = hashPassword('decoy password that matches nothing');

  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      (async () => {
        const account = await findActiveAccountByEmail(dataSource, email);
        const hash = account?.passwordHash ?? (await decoyHash);
        const matches = await verifyPassword(hash, password);
        if (!account?.passwordHash || !matches) return done(null, false);
        return done(null, (await loadSignedInUser(dataSource, account.id)) ?? false);
      })().catch(done);
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: string, done) => {
    // A deactivated person's session simply stops being signed in.
    loadSignedInUser(dataSource, id).then((user) => done(null, user ?? false), done);
  });
  return passport;
}
