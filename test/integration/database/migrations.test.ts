import type { DataSource } from 'typeorm';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratch-database';
import { createDataSource, hasPendingMigrations, runMigrations } from '../../../src/database/data-source';

describe('migrations', () => {
  let dataSource: DataSource;
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase('migrations');
    dataSource = createDataSource({ url: database.url, poolSize: 3 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('apply once to an empty database, then report nothing pending', async () => {
    expect(await hasPendingMigrations(dataSource)).toBe(true);
    expect(await runMigrations(dataSource)).toEqual(['InitialSchema1763715600000']);
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
