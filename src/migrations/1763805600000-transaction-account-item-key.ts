import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A transaction's account must belong to the transaction's Item: one foreign key on
 * (account_id, item_id) says so, where two separate ones (to the account, to the Item) did
 * not. It is also one check per written row instead of two, which the initial sync of a
 * large Item pays a hundred thousand times. Deleting an Item still removes its transactions,
 * through its accounts.
 */
export class TransactionAccountItemKey1763805600000 implements MigrationInterface {
  name = 'TransactionAccountItemKey1763805600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "UQ_accounts_id_item" UNIQUE ("id", "item_id")`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_transactions_item"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_transactions_account"`);
    await queryRunner.query(
      `ALTER TABLE "transactions" ADD CONSTRAINT "FK_transactions_account_item" FOREIGN KEY ("account_id", "item_id") REFERENCES "accounts" ("id", "item_id") ON DELETE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_transactions_account_item"`);
    await queryRunner.query(
      `ALTER TABLE "transactions" ADD CONSTRAINT "FK_transactions_account" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "transactions" ADD CONSTRAINT "FK_transactions_item" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "UQ_accounts_id_item"`);
  }
}
