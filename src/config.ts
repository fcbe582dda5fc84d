// Every setting comes from the environment, parsed and checked once at start.
import path from 'node:path';
import { DateTime } from 'luxon';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('data/pglite'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  TRUST_PROXY: booleanFlag.default(false),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_THROTTLE_MINUTES: z.coerce.number().int().min(1).default(15),
  DEMO_SEED: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Frontline <frontline@localhost>'),
  ORGANISATION_DATE_FORMAT: z
    .string()
    .refine((format) => DateTime.fromFormat(DateTime.fromISO('2026-01-31').toFormat(format), format).isValid, 'is not a luxon date format')
    .default('dd/MM/yyyy'),
  IMPORT_MAX_MEGABYTES: z.coerce.number().int().min(1).max(500).default(50),
  FIGURES_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(24 * 60 * 60).default(300),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
  /** App processes serving requests; more than one runs node:cluster workers, which needs a PostgreSQL server. */
  webConcurrency: number;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  loginThrottle: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; minutes: number };
  demoSeed: boolean;
  logLevel: string;
  /** Where people reach the app, for links in emails; defaults to http://localhost:PORT. */
  publicUrl: string;
  /** Unset: messages go to the in-app outbox only. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Besides ISO dates, imports accept dates in this luxon format. */
  organisationDateFormat: string;
  importMaxBytes: number;
  /** How old the dashboards' and learnings figures may be before they are worked out again; 0 works them out on every visit. */
  figuresMaxAgeSeconds: number;
}

export class ConfigError extends Error {}

const developmentSecret = 'frontline-development-secret-not-for-production';

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === 'production' && !values.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production');
  }
  // Refused rather than quietly run as one process: whoever asked for N processes should learn they did not get them.
  if (values.WEB_CONCURRENCY > 1 && !values.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  WEB_CONCURRENCY: more than 1 needs DATABASE_URL (the embedded database serves a single process)',
    );
  }
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(values.DATA_DIR),
    databasePoolSize: values.DATABASE_POOL_SIZE,
    webConcurrency: values.WEB_CONCURRENCY,
    sessionSecret: values.SESSION_SECRET ?? developmentSecret,
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: values.SESSION_ABSOLUTE_HOURS,
    trustProxy: values.TRUST_PROXY,
    loginThrottle: {
      maxFailuresPerAccount: values.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: values.LOGIN_MAX_FAILURES_PER_ADDRESS,
      minutes: values.LOGIN_THROTTLE_MINUTES,
    },
    demoSeed: values.DEMO_SEED,
    logLevel: values.LOG_LEVEL,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    organisationDateFormat: values.ORGANISATION_DATE_FORMAT,
    importMaxBytes: values.IMPORT_MAX_MEGABYTES * 1024 * 1024,
    figuresMaxAgeSeconds: values.FIGURES_MAX_AGE_SECONDS,
  };
}
