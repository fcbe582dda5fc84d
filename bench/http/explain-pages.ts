// Opens each key page once in this process, records the statements it sends, and EXPLAIN ANALYZEs each read to find
// any sequential scan of a large table (one PostgreSQL estimates at more than 10,000 rows) and how long PostgreSQL
// spends on the page, which tells a page's database time from its Node time.
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { demoPassword } from '../../src/seed/organisation';
import type { KeyPage, KeyPageTargets, Persona } from '../../test/support/key-pages';
import { recordQueries } from '../../test/support/query-recorder';
import { signIn, type Agent } from '../../test/support/sessions';

const largeTableRows = 10_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

interface ExplainedStatement {
  Plan: PlanNode;
  'Execution Time': number;
}

function sequentialScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(sequentialScans)];
}

export interface ExplainedPage {
  page: string;
  /** The most any of the page's addresses sent. */
  statements: number;
  largeSeqScans: string[];
  /** PostgreSQL's execution time of the page's reads, summed, for its slowest address. */
  databaseMs: number;
}

export async function explainKeyPages(dataSource: DataSource, pages: KeyPage[], targets: KeyPageTargets): Promise<ExplainedPage[]> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = buildApp({ dataSource, config, logger: pino({ level: 'silent' }) });
  const agents = {} as Record<Persona, Agent>;
  for (const persona of ['employee', 'head', 'hr'] as const) agents[persona] = await signIn(app, targets.emails[persona], demoPassword);
  const large = new Set<string>(
    (await dataSource.query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > $1`, [largeTableRows])).map((row: { relname: string }) => row.relname),
  );

  const explained: ExplainedPage[] = [];
  for (const page of pages) {
    let statements = 0;
    let databaseMs = 0;
    const scans = new Set<string>();
    for (const path of page.paths) {
      await agents[page.persona].get(path);
      const { result, queries } = await recordQueries(() => agents[page.persona].get(path));
      if (result.status !== 200) throw new Error(`${path} answered ${result.status}`);
      statements = Math.max(statements, queries.length);
      let pathMs = 0;
      // ANALYZE runs the statement: inside a transaction rolled back, a WITH that writes leaves nothing behind.
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        for (const query of queries.filter((q) => /^\s*(SELECT|WITH)\b/i.test(q.text))) {
          const [{ 'QUERY PLAN': [plan] }]: { 'QUERY PLAN': ExplainedStatement[] }[] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.values);
          pathMs += plan['Execution Time'];
          for (const table of sequentialScans(plan.Plan)) if (large.has(table)) scans.add(table);
        }
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      databaseMs = Math.max(databaseMs, pathMs);
    }
    explained.push({ page: page.name, statements, largeSeqScans: [...scans], databaseMs });
  }
  return explained;
}
