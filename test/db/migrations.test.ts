import { openEmptyDatabase, type TestDatabase } from '../support/test-databases';

let database: TestDatabase;
beforeAll(async () => {
  database = await openEmptyDatabase();
});
afterAll(() => database.close());

describe('migrations', () => {
  it('build the whole schema on an empty database, and a second run has nothing to do', async () => {
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThan(0);
    const tables: { table_name: string }[] = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['employees', 'departments', 'sites', 'department_heads', 'sessions', 'login_throttle']),
    );
    expect(await database.dataSource.runMigrations({ transaction: 'each' })).toEqual([]);
  });

  it('can be undone step by step down to empty', async () => {
    while ((await database.dataSource.query(`SELECT count(*)::int AS n FROM migrations`))[0].n > 0) {
      await database.dataSource.undoLastMigration({ transaction: 'each' });
    }
    const tables: unknown[] = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
  });
});
