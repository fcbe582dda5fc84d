import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data[\\/]pglite$/);
    expect(config.demoSeed).toBe(true);
  });

  it('names the variable and the problem for a bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ DEMO_SEED: 'maybe' })).toThrow(/DEMO_SEED/);
  });

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
  });
});

describe('mail and import settings', () => {
  it('rejects an unusable date format or mail server address', () => {
    expect(() => loadConfig({ ORGANISATION_DATE_FORMAT: 'nonsense' })).toThrow(/ORGANISATION_DATE_FORMAT/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(loadConfig({ PUBLIC_URL: 'https://frontline.example.com/' }).publicUrl).toBe('https://frontline.example.com');
  });
});

describe('WEB_CONCURRENCY', () => {
  const server = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/frontline' };

  it('runs one process unless told otherwise, and up to 64 on a PostgreSQL server', () => {
    expect(loadConfig({}).webConcurrency).toBe(1);
    expect(loadConfig({ ...server, WEB_CONCURRENCY: '4' }).webConcurrency).toBe(4);
    expect(loadConfig({ ...server, WEB_CONCURRENCY: '64' }).webConcurrency).toBe(64);
  });

  it('refuses a count that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', '65', '2.5', 'many']) {
      expect(() => loadConfig({ ...server, WEB_CONCURRENCY: bad })).toThrow(/WEB_CONCURRENCY/);
    }
  });

  it('refuses several processes on the embedded database, which one process holds', () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY: more than 1 needs DATABASE_URL/);
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).webConcurrency).toBe(1);
  });
});
