import 'reflect-metadata';
import type { Express } from 'express';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { buildApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { openTestDatabase } from './test-databases';

export interface TestApp {
  app: Express;
  dataSource: DataSource;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests read figures right after changing the data behind them; the figure cache has a test of its own.
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', FIGURES_MAX_AGE_SECONDS: '0' }), ...overrides };
}

/** The whole app on a fresh database of its own. */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = testConfig(overrides);
  const app = buildApp({ dataSource: database.dataSource, config, logger: pino({ level: 'silent' }) });
  return { app, dataSource: database.dataSource, config, close: () => database.close() };
}
