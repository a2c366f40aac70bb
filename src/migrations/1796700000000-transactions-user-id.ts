import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's transactions by id: the change feed's first walk (transactionChanges without a
 * cursor) pages through them in id order, and without this index PostgreSQL walked the primary
 * key over every user's rows, so a user with few transactions paid for everyone's.
 */
export class TransactionsUserId1796700000000 implements MigrationInterface {
  name = 'TransactionsUserId1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_transactions_user_id" ON "transactions" ("user_id", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_transactions_user_id"`);
  }
}
