import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhooks still pending or FAILED, indexed on their own: /readyz and every /metrics scrape
 * count them, and they are a handful among the many settled ones retention keeps.
 */
export class WebhookEventsUnsettled1765000000000 implements MigrationInterface {
  name = 'WebhookEventsUnsettled1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_events_unsettled" ON "webhook_events" ("outcome") WHERE "outcome" IN ('PENDING', 'FAILED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_webhook_events_unsettled"`);
  }
}
