import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A durable, ordered stream per user: subscription events (an outbox written with the change
 * it reports) and the transaction change log behind `transactionChanges`. Both take their
 * positions from the user's one counter row, whose lock is held to commit, so a user's
 * positions commit in order and a reader never sees a later one before an earlier one.
 */
export class EventStream1764633600000 implements MigrationInterface {
  name = 'EventStream1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "event_streams" (
        "user_id" text PRIMARY KEY,
        "stream_key" uuid NOT NULL,
        "last_sequence" bigint NOT NULL DEFAULT 0,
        "pruned_through" bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`
      CREATE TABLE "stream_events" (
        "user_id" text NOT NULL,
        "sequence" bigint NOT NULL,
        "topic" text NOT NULL,
        "item_id" uuid NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_stream_events" PRIMARY KEY ("user_id", "sequence")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_stream_events_created" ON "stream_events" ("created_at")`);
    await queryRunner.query(`
      CREATE TABLE "transaction_changes" (
        "user_id" text NOT NULL,
        "sequence" bigint NOT NULL,
        "item_id" uuid NOT NULL,
        "transaction_id" uuid NOT NULL,
        "plaid_transaction_id" text NOT NULL,
        "change" varchar(8) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_transaction_changes" PRIMARY KEY ("user_id", "sequence"),
        CONSTRAINT "CHK_transaction_changes_change" CHECK ("change" IN ('added', 'modified', 'removed'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_transaction_changes_created" ON "transaction_changes" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_events_received" ON "webhook_events" ("received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_webhook_events_received"`);
    await queryRunner.query(`DROP TABLE "transaction_changes"`);
    await queryRunner.query(`DROP TABLE "stream_events"`);
    await queryRunner.query(`DROP TABLE "event_streams"`);
  }
}
