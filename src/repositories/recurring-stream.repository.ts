import type { DataSource, EntityManager } from 'typeorm';
import type { FlowDirection, RecurringFrequency, RecurringStreamStatus } from '../entities/recurring-stream-kinds';
import type { FetchedStream } from '../plaid/recurring-streams';

/** A stored stream as the API reads it: amounts exact numeric text, dates 'YYYY-MM-DD'. */
export interface RecurringStreamRecord {
  id: string;
  itemId: string;
  accountId: string;
  plaidStreamId: string;
  direction: FlowDirection;
  description: string;
  merchantName: string | null;
  category: string | null;
  frequency: RecurringFrequency;
  status: RecurringStreamStatus;
  isActive: boolean;
  averageAmount: string;
  lastAmount: string;
  isoCurrencyCode: string | null;
  unofficialCurrencyCode: string | null;
  firstDate: string;
  lastDate: string;
  predictedNextDate: string | null;
  plaidTransactionIds: string[];
  updatedAt: Date;
}

/** Which of the caller's streams; ids are well-formed (the caller filters them). */
export interface RecurringStreamCriteria {
  itemId: string | null;
  accountIds: string[] | null;
  direction: FlowDirection | null;
}

// Dates and numerics as text: node-pg would shift a date by the time zone and a numeric is exact only as text.
const RECORD_COLUMNS = `r.id, r.item_id AS "itemId", r.account_id AS "accountId", r.plaid_stream_id AS "plaidStreamId", r.direction,
  r.description, r.merchant_name AS "merchantName", r.category, r.frequency, r.status, r.is_active AS "isActive",
  r.average_amount::text AS "averageAmount", r.last_amount::text AS "lastAmount", r.iso_currency_code AS "isoCurrencyCode",
  r.unofficial_currency_code AS "unofficialCurrencyCode", r.first_date::text AS "firstDate", r.last_date::text AS "lastDate",
  r.predicted_next_date::text AS "predictedNextDate", r.plaid_transaction_ids AS "plaidTransactionIds", r.updated_at AS "updatedAt"`;

/** The gateway's copy of Plaid's recurring streams, per Item. */
export class RecurringStreamRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's streams, active ones first, then the latest first; a stable order. */
  list(userId: string, criteria: RecurringStreamCriteria): Promise<RecurringStreamRecord[]> {
    return this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM recurring_streams r
        WHERE r.user_id = $1 AND ($2::uuid IS NULL OR r.item_id = $2::uuid)
          AND ($3::uuid[] IS NULL OR r.account_id = ANY ($3::uuid[])) AND ($4::text IS NULL OR r.direction = $4::text)
        ORDER BY r.is_active DESC, r.last_date DESC, r.id`,
      [userId, criteria.itemId, criteria.accountIds, criteria.direction],
    );
  }

  /**
   * The Item's streams become `streams`, all at once, inside the caller's transaction (which
   * holds the Item's lock). A stream of an account not stored yet is left out until a sync
   * brings the account. Answers how many are stored.
   */
  async replaceForItem(db: EntityManager, itemId: string, streams: readonly FetchedStream[]): Promise<number> {
    await db.query('DELETE FROM recurring_streams WHERE item_id = $1', [itemId]);
    if (streams.length === 0) return 0;
    // Amounts travel as decimal text in JSON strings and become numeric with no float between.
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO recurring_streams (user_id, item_id, account_id, plaid_stream_id, direction, description, merchant_name, category,
                                      frequency, status, is_active, average_amount, last_amount, iso_currency_code,
                                      unofficial_currency_code, first_date, last_date, predicted_next_date, plaid_transaction_ids)
       SELECT a.user_id, a.item_id, a.id, s."plaidStreamId", s.direction, s.description, s."merchantName", s.category,
              s.frequency, s.status, s."isActive", s."averageAmount"::numeric, s."lastAmount"::numeric, s."isoCurrencyCode",
              s."unofficialCurrencyCode", s."firstDate"::date, s."lastDate"::date, s."predictedNextDate"::date,
              ARRAY(SELECT json_array_elements_text(s."plaidTransactionIds"))
         FROM json_to_recordset($2::json) AS s("plaidStreamId" text, "plaidAccountId" text, direction text, description text,
              "merchantName" text, category text, frequency text, status text, "isActive" boolean, "averageAmount" text,
              "lastAmount" text, "isoCurrencyCode" text, "unofficialCurrencyCode" text, "firstDate" text, "lastDate" text,
              "predictedNextDate" text, "plaidTransactionIds" json)
         JOIN accounts a ON a.item_id = $1 AND a.plaid_account_id = s."plaidAccountId"
       ON CONFLICT (item_id, plaid_stream_id) DO NOTHING
       RETURNING id`,
      [itemId, JSON.stringify(streams)],
    );
    return rows.length;
  }
}
