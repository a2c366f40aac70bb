import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the gateway issued to each user for linking, so that a public token is exchanged only
 * for the user whose Link made it: the link tokens (sealed: each is asked about at Plaid's
 * `/link/token/get`) and the sandbox public tokens (their SHA-256 only). Rows are useless once
 * `exchangeable_until` passes, and are deleted then.
 */
export class IssuedLinkTokens1796610000000 implements MigrationInterface {
  name = 'IssuedLinkTokens1796610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "issued_link_tokens" (
        "id" uuid PRIMARY KEY,
        "user_id" text NOT NULL,
        "link_token_ciphertext" bytea NOT NULL,
        "link_token_key_id" text NOT NULL,
        "exchangeable_until" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_issued_link_tokens_user_created" ON "issued_link_tokens" ("user_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "issued_public_tokens" (
        "public_token_sha256" text PRIMARY KEY,
        "user_id" text NOT NULL,
        "exchangeable_until" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_issued_public_tokens_user" ON "issued_public_tokens" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "issued_public_tokens"`);
    await queryRunner.query(`DROP TABLE "issued_link_tokens"`);
  }
}
