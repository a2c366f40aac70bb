import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's copy of each Item's recurring streams (Plaid's /transactions/recurring/get), so
 * that reading them never calls Plaid. A refresh replaces an Item's rows in one transaction;
 * they go with their account (and so with their Item).
 */
export class RecurringStreams1796810000000 implements MigrationInterface {
  name = 'RecurringStreams1796810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "recurring_streams" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" text NOT NULL,
        "item_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "plaid_stream_id" text NOT NULL,
        "direction" text NOT NULL,
        "description" text NOT NULL,
        "merchant_name" text,
        "category" text,
        "frequency" text NOT NULL,
        "status" text NOT NULL,
        "is_active" boolean NOT NULL,
        "average_amount" numeric NOT NULL,
        "last_amount" numeric NOT NULL,
        "iso_currency_code" text,
        "unofficial_currency_code" text,
        "first_date" date NOT NULL,
        "last_date" date NOT NULL,
        "predicted_next_date" date,
        "plaid_transaction_ids" text[] NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_recurring_streams_item_stream" UNIQUE ("item_id", "plaid_stream_id"),
        CONSTRAINT "FK_recurring_streams_account_item" FOREIGN KEY ("account_id", "item_id")
          REFERENCES "accounts" ("id", "item_id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_recurring_streams_user" ON "recurring_streams" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recurring_streams"`);
  }
}
