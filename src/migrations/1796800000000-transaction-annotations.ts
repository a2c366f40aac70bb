import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user's own layer over Plaid's transactions (category override, note, tags, hidden), in a
 * table of its own so that Plaid's rows are never edited. One row per transaction; it goes when
 * the transaction goes (an Item removed, a transaction Plaid removed), except that a sync moves
 * it from a pending transaction to the posted one that replaces it before the pending one goes.
 */
export class TransactionAnnotations1796800000000 implements MigrationInterface {
  name = 'TransactionAnnotations1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "transaction_annotations" (
        "transaction_id" uuid PRIMARY KEY REFERENCES "transactions" ("id") ON DELETE CASCADE,
        "user_id" text NOT NULL,
        "category_override" text,
        "note" text,
        "tags" text[] NOT NULL DEFAULT '{}',
        "hidden" boolean NOT NULL DEFAULT false,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_transaction_annotations_user" ON "transaction_annotations" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "transaction_annotations"`);
  }
}
