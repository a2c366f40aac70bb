import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole domain: profiles, Items, accounts, transactions, webhook events, transfer decisions. */
export class InitialSchema1763715600000 implements MigrationInterface {
  name = 'InitialSchema1763715600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "user_profiles" (
        "user_id" text PRIMARY KEY,
        "legal_name" text,
        "email" text,
        "phone_number" text,
        "address_street" text,
        "address_city" text,
        "address_region" text,
        "address_postal_code" text,
        "address_country" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE "items" (
        "id" uuid PRIMARY KEY,
        "user_id" text NOT NULL,
        "plaid_item_id" text NOT NULL,
        "access_token_ciphertext" bytea NOT NULL,
        "access_token_key_id" text NOT NULL,
        "institution_id" text,
        "institution_name" text,
        "status" varchar(32) NOT NULL DEFAULT 'ACTIVE',
        "error_type" text,
        "error_code" text,
        "error_message" text,
        "error_display_message" text,
        "products" text[] NOT NULL DEFAULT '{}',
        "consent_expires_at" timestamptz,
        "new_accounts_available" boolean NOT NULL DEFAULT false,
        "transactions_cursor" text,
        "transactions_update_status" varchar(32),
        "last_synced_at" timestamptz,
        "webhook_url" text,
        "last_status_event_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_items_status"
          CHECK ("status" IN ('ACTIVE', 'LOGIN_REQUIRED', 'PENDING_EXPIRATION', 'PENDING_DISCONNECT', 'ERROR', 'REVOKED')),
        CONSTRAINT "CHK_items_transactions_update_status"
          CHECK ("transactions_update_status" IN ('UNKNOWN', 'NOT_READY', 'INITIAL_UPDATE_COMPLETE', 'HISTORICAL_UPDATE_COMPLETE'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_items_plaid_item_id" ON "items" ("plaid_item_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_items_user_created" ON "items" ("user_id", "created_at")`);

    await queryRunner.query(`
      CREATE TABLE "accounts" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "item_id" uuid NOT NULL,
        "user_id" text NOT NULL,
        "plaid_account_id" text NOT NULL,
        "name" text NOT NULL,
        "official_name" text,
        "mask" text,
        "type" text NOT NULL,
        "subtype" text,
        "balance_available" numeric,
        "balance_current" numeric,
        "balance_limit" numeric,
        "iso_currency_code" text,
        "unofficial_currency_code" text,
        "balance_updated_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_accounts_item_plaid_account" UNIQUE ("item_id", "plaid_account_id"),
        CONSTRAINT "FK_accounts_item" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_accounts_user" ON "accounts" ("user_id")`);

    await queryRunner.query(`
      CREATE TABLE "transactions" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" text NOT NULL,
        "item_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "plaid_transaction_id" text NOT NULL,
        "amount" numeric NOT NULL,
        "iso_currency_code" text,
        "unofficial_currency_code" text,
        "date" date NOT NULL,
        "authorized_date" date,
        "name" text NOT NULL,
        "merchant_name" text,
        "category" text,
        "category_detailed" text,
        "pending" boolean NOT NULL,
        "pending_transaction_id" text,
        "payment_channel" text,
        "logo_url" text,
        "website" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "FK_transactions_item" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_transactions_account" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_transactions_plaid_transaction_id" ON "transactions" ("plaid_transaction_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_transactions_user_date_id" ON "transactions" ("user_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_transactions_item_date_id" ON "transactions" ("item_id", "date", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_transactions_account_date_id" ON "transactions" ("account_id", "date", "id")`);

    await queryRunner.query(`
      CREATE TABLE "webhook_events" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "dedupe_key" text NOT NULL,
        "webhook_type" text NOT NULL,
        "webhook_code" text NOT NULL,
        "plaid_item_id" text,
        "item_id" uuid,
        "payload" jsonb NOT NULL,
        "issued_at" timestamptz,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "processed_at" timestamptz,
        "outcome" varchar(16) NOT NULL DEFAULT 'PENDING',
        "error" text,
        CONSTRAINT "CHK_webhook_events_outcome" CHECK ("outcome" IN ('PENDING', 'PROCESSED', 'IGNORED', 'FAILED')),
        CONSTRAINT "FK_webhook_events_item" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_webhook_events_dedupe_key" ON "webhook_events" ("dedupe_key")`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_events_item_received" ON "webhook_events" ("item_id", "received_at")`);

    await queryRunner.query(`
      CREATE TABLE "transfer_validations" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" text NOT NULL,
        "account_id" uuid,
        "plaid_account_id" text NOT NULL,
        "idempotency_key" text,
        "requested_amount" numeric NOT NULL,
        "iso_currency_code" text,
        "approved" boolean NOT NULL,
        "reasons" text[] NOT NULL DEFAULT '{}',
        "available_balance" numeric,
        "legal_name_score" integer,
        "phone_number_score" integer,
        "email_address_score" integer,
        "address_score" integer,
        "ach_account_mask" text,
        "checks" jsonb NOT NULL,
        "checked_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "FK_transfer_validations_account" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_transfer_validations_user_checked" ON "transfer_validations" ("user_id", "checked_at")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_transfer_validations_user_idempotency_key" ON "transfer_validations" ("user_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['transfer_validations', 'webhook_events', 'transactions', 'accounts', 'items', 'user_profiles']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
