import type { DataSource } from 'typeorm';
import { createDataSource, hasPendingMigrations, runMigrations } from '../../../src/database/data-source';

describe('migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource({ url: process.env.TEST_DATABASE_URL!, poolSize: 3 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('apply once, then report nothing pending', async () => {
    await runMigrations(dataSource);
    expect(await runMigrations(dataSource)).toEqual([]);
    expect(await hasPendingMigrations(dataSource)).toBe(false);
  });

  it('build exactly the schema the entities describe (no drift TypeORM would synchronize)', async () => {
    await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('store money as numeric, never floating point', async () => {
    const rows: Array<{ table_name: string; column_name: string; data_type: string }> = await dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('real', 'double precision', 'money')`,
    );
    expect(rows).toEqual([]);
  });
});
