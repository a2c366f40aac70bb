import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public token an Item was linked with, as its SHA-256: Plaid answers a second exchange
 * of the same token with INVALID_PUBLIC_TOKEN, so a client's retry is answered from here with
 * the Item the first exchange stored. Unique: one token links at most one Item.
 */
export class LinkPublicToken1796533995056 implements MigrationInterface {
  name = 'LinkPublicToken1796533995056';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "items" ADD "public_token_sha256" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_items_public_token_sha256" ON "items" ("public_token_sha256")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_items_public_token_sha256"`);
    await queryRunner.query(`ALTER TABLE "items" DROP COLUMN "public_token_sha256"`);
  }
}
