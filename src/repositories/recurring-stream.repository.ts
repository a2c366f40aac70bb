import type { DataSource, EntityManager } from 'typeorm';
import type { FlowDirection } from '../entities/recurring-stream-kinds';
import type { FetchedStream } from '../plaid/recurring-streams';

/** A stream to store: Plaid's, its amounts exact decimal text. */
export type StreamToStore = Omit<FetchedStream, 'averageAmount' | 'lastAmount'> & { averageAmount: string; lastAmount: string };

/** A stored stream as the API reads it: what was stored, under the gateway's ids; dates 'YYYY-MM-DD'. */
export type RecurringStreamRecord = Omit<StreamToStore, 'plaidAccountId'> & {
  id: string;
  itemId: string;
  accountId: string;
  updatedAt: Date;
};

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

/**
 * Which streams `list` reads, as one SQL condition on `row` (a recurring_streams alias): the
 * user's (`userId`, an expression) matching `criteria`, whose values are appended to `params`.
 * Shared with the read planner, so both read the same streams.
 */
export function streamConditions(row: string, userId: string, criteria: RecurringStreamCriteria, params: unknown[]): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  return [
    `${row}.user_id = ${userId}`,
    ...(criteria.itemId !== null ? [`${row}.item_id = ${add(criteria.itemId)}::uuid`] : []),
    ...(criteria.accountIds !== null ? [`${row}.account_id = ANY (${add(criteria.accountIds)}::uuid[])`] : []),
    ...(criteria.direction !== null ? [`${row}.direction = ${add(criteria.direction)}::text`] : []),
  ].join(' AND ');
}

/** The order `list` answers in (active ones first, then the latest first, a stable order), on `row`. Shared with the read planner. */
export const streamOrder = (row: string): string[] => [`${row}.is_active DESC`, `${row}.last_date DESC`, `${row}.id`];

/** The gateway's copy of Plaid's recurring streams, per Item. */
export class RecurringStreamRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's streams, active ones first, then the latest first; a stable order. */
  list(userId: string, criteria: RecurringStreamCriteria): Promise<RecurringStreamRecord[]> {
    const params: unknown[] = [userId];
    return this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM recurring_streams r WHERE ${streamConditions('r', '$1', criteria, params)}
        ORDER BY ${streamOrder('r').join(', ')}`,
      params,
    );
  }

  /**
   * The Item's streams become `streams`, all at once, inside the caller's transaction (which
   * holds the Item's lock): each keeps its id from one refresh to the next (keyed by Plaid's
   * stream id), and those Plaid no longer reports go. A stream of an account not stored yet is
   * left out until a sync brings the account. Answers how many are stored.
   */
  async replaceForItem(db: EntityManager, itemId: string, streams: readonly StreamToStore[]): Promise<number> {
    // Amounts travel as decimal text in JSON strings and become numeric with no float between.
    const [{ stored }]: Array<{ stored: number }> = await db.query(
      `WITH fetched AS (
         SELECT a.user_id, a.item_id, a.id AS account_id, s.*
           FROM json_to_recordset($2::json) AS s("plaidStreamId" text, "plaidAccountId" text, direction text, description text,
                "merchantName" text, category text, frequency text, status text, "isActive" boolean, "averageAmount" text,
                "lastAmount" text, "isoCurrencyCode" text, "unofficialCurrencyCode" text, "firstDate" text, "lastDate" text,
                "predictedNextDate" text, "plaidTransactionIds" json)
           JOIN accounts a ON a.item_id = $1 AND a.plaid_account_id = s."plaidAccountId"
       ), gone AS (
         DELETE FROM recurring_streams r WHERE r.item_id = $1 AND r.plaid_stream_id NOT IN (SELECT "plaidStreamId" FROM fetched)
       ), written AS (
         INSERT INTO recurring_streams (user_id, item_id, account_id, plaid_stream_id, direction, description, merchant_name, category,
                                        frequency, status, is_active, average_amount, last_amount, iso_currency_code,
                                        unofficial_currency_code, first_date, last_date, predicted_next_date, plaid_transaction_ids)
         SELECT f.user_id, f.item_id, f.account_id, f."plaidStreamId", f.direction, f.description, f."merchantName", f.category,
                f.frequency, f.status, f."isActive", f."averageAmount"::numeric, f."lastAmount"::numeric, f."isoCurrencyCode",
                f."unofficialCurrencyCode", f."firstDate"::date, f."lastDate"::date, f."predictedNextDate"::date,
                ARRAY(SELECT json_array_elements_text(f."plaidTransactionIds"))
           FROM fetched f
         ON CONFLICT (item_id, plaid_stream_id) DO UPDATE SET
           account_id = excluded.account_id, direction = excluded.direction, description = excluded.description,
           merchant_name = excluded.merchant_name, category = excluded.category, frequency = excluded.frequency,
           status = excluded.status, is_active = excluded.is_active, average_amount = excluded.average_amount,
           last_amount = excluded.last_amount, iso_currency_code = excluded.iso_currency_code,
           unofficial_currency_code = excluded.unofficial_currency_code, first_date = excluded.first_date,
           last_date = excluded.last_date, predicted_next_date = excluded.predicted_next_date,
           plaid_transaction_ids = excluded.plaid_transaction_ids, updated_at = now()
         RETURNING 1
       )
       SELECT count(*)::int AS stored FROM written`,
      [itemId, JSON.stringify(streams)],
    );
    return stored;
  }

  /** The Item's streams go (its user revoked consent), inside the caller's transaction. */
  async deleteOfItem(db: EntityManager, itemId: string): Promise<void> {
    await db.query('DELETE FROM recurring_streams WHERE item_id = $1', [itemId]);
  }
}
