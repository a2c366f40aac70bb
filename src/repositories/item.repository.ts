import { In, type DataSource, type EntityManager } from 'typeorm';
import type { TransactionsUpdateStatus } from '../entities/item-status';
import { ItemStatus } from '../entities/item-status';
import type { StatusChange } from '../entities/item-status-change';
import { ItemEntity } from '../entities/item.entity';

/** What of an account makes two Items "the same accounts" (see accountSignature). */
export interface AccountFingerprint {
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
}

/** An applied status change: the Item's row as it was just before. */
export interface StatusChangeRow {
  id: string;
  previous_status: ItemStatus;
}

/**
 * The items table. Methods that a service runs with others in one transaction take that
 * transaction's EntityManager; the others use the pool.
 */
export class ItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  listOwned(userId: string, status?: ItemStatus | null): Promise<ItemEntity[]> {
    return this.repository().find({ where: status ? { userId, status } : { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findOwned(userId: string, itemId: string): Promise<ItemEntity | null> {
    return this.repository().findOneBy({ id: itemId, userId });
  }

  findManyOwned(userId: string, itemIds: string[]): Promise<ItemEntity[]> {
    return itemIds.length
      ? this.repository()
          .createQueryBuilder('item')
          .where('item.user_id = :userId AND item.id = ANY(:ids)', { userId, ids: itemIds })
          .getMany()
      : Promise.resolve([]);
  }

  findById(itemId: string, db: EntityManager = this.dataSource.manager): Promise<ItemEntity | null> {
    return this.repository(db).findOneBy({ id: itemId });
  }

  getById(itemId: string, db: EntityManager = this.dataSource.manager): Promise<ItemEntity> {
    return this.repository(db).findOneByOrFail({ id: itemId });
  }

  findByIds(itemIds: string[], db: EntityManager = this.dataSource.manager): Promise<ItemEntity[]> {
    return this.repository(db).findBy({ id: In(itemIds) });
  }

  /** The user's Item linked with the public token of this SHA-256, if any. */
  findOwnedByPublicToken(userId: string, publicTokenSha256: string): Promise<ItemEntity | null> {
    return this.repository().findOneBy({ userId, publicTokenSha256 });
  }

  findByPlaidItemIds(plaidItemIds: string[]): Promise<ItemEntity[]> {
    return plaidItemIds.length === 0 ? Promise.resolve([]) : this.repository().findBy({ plaidItemId: In(plaidItemIds) });
  }

  /** Healthy Items whose last sync is older than `minutes` (or that never synced). */
  async staleSyncIds(minutes: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM items
        WHERE status IN ('ACTIVE', 'PENDING_EXPIRATION', 'PENDING_DISCONNECT')
          AND (last_synced_at IS NULL OR last_synced_at < now() - make_interval(mins => $1))
        ORDER BY last_synced_at NULLS FIRST`,
      [minutes],
    );
    return rows.map((row) => row.id);
  }

  /** Items not revoked whose webhook URL is not `url`. */
  withWebhookUrlOtherThan(url: string): Promise<ItemEntity[]> {
    return this.repository()
      .createQueryBuilder('item')
      .where('item.webhook_url IS DISTINCT FROM :url AND item.status <> :revoked', { url, revoked: ItemStatus.REVOKED })
      .getMany();
  }

  /**
   * The accounts of each of the user's Items at the institution that are not revoked. The
   * rows come unordered: comparing them is the caller's (one signature, computed in one place).
   */
  async accountsOfLinkedItems(
    userId: string,
    institutionId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, AccountFingerprint[]>> {
    const rows: Array<AccountFingerprint & { item_id: string }> = await db.query(
      `SELECT i.id AS item_id, a.name, a.mask, a.type, a.subtype
         FROM items i JOIN accounts a ON a.item_id = i.id
        WHERE i.user_id = $1 AND i.institution_id = $2 AND i.status <> 'REVOKED'
        ORDER BY i.created_at, i.id`,
      [userId, institutionId],
    );
    const byItem = new Map<string, AccountFingerprint[]>();
    for (const { item_id: itemId, ...account } of rows) {
      const list = byItem.get(itemId);
      if (list) list.push(account);
      else byItem.set(itemId, [account]);
    }
    return byItem;
  }

  /**
   * Serialises, until the transaction ends, the links of one user at one institution: the
   * duplicate check and the insert that follows it see every Item linked before.
   */
  async lockLinksAt(db: EntityManager, userId: string, institutionId: string): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`link:${userId}:${institutionId}`]);
  }

  async insert(db: EntityManager, item: Partial<ItemEntity>): Promise<void> {
    await db.insert(ItemEntity, item);
  }

  async update(
    itemId: string,
    fields: Partial<Pick<ItemEntity, 'newAccountsAvailable' | 'consentExpiresAt' | 'webhookUrl'>>,
    db: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await db.update(ItemEntity, { id: itemId }, fields);
  }

  async flagNewAccounts(itemIds: string[]): Promise<void> {
    await this.dataSource.query('UPDATE items SET new_accounts_available = true, updated_at = now() WHERE id = ANY($1)', [itemIds]);
  }

  /** Locks the Item's row until the transaction ends. */
  async lockRow(db: EntityManager, itemId: string): Promise<void> {
    await db.query('SELECT 1 FROM items WHERE id = $1 FOR UPDATE', [itemId]);
  }

  async delete(db: EntityManager, itemId: string): Promise<void> {
    await db.delete(ItemEntity, { id: itemId });
  }

  /**
   * Compare-and-set on the sync cursor: false (nothing written) when another writer moved it
   * from `expected`. A null update status leaves the stored one.
   */
  async advanceSyncCursor(
    db: EntityManager,
    itemId: string,
    expected: string | null,
    next: string,
    updateStatus: TransactionsUpdateStatus | null,
  ): Promise<boolean> {
    const [, moved]: [unknown, number] = await db.query(
      `UPDATE items SET transactions_cursor = $2, transactions_update_status = COALESCE($4, transactions_update_status),
              last_synced_at = now(), updated_at = now()
        WHERE id = $1 AND transactions_cursor IS NOT DISTINCT FROM $3`,
      [itemId, next, expected, updateStatus],
    );
    return moved === 1;
  }

  /**
   * The next sync starts from the beginning, and one that read Plaid before now loses its
   * compare-and-set: for a write that took data away under the Item's lock (an account revoked).
   */
  async forgetSyncCursor(db: EntityManager, itemId: string): Promise<void> {
    await db.query<unknown[]>('UPDATE items SET transactions_cursor = NULL, updated_at = now() WHERE id = $1', [itemId]);
  }

  /**
   * Several Items' changes in one statement (at most one per Item), each applied only if it is
   * not older than its Item's last applied change; the rows locked in id order.
   */
  async applyStatusChanges(db: EntityManager, changes: Array<{ itemId: string; change: StatusChange }>): Promise<StatusChangeRow[]> {
    const column = <T>(pick: (change: StatusChange) => T) => changes.map(({ change }) => pick(change));
    // Plaid's iat has whole-second resolution, so changes are ordered by the second, ties going to the later arrival.
    // An undefined error or consent date leaves the column as it is; null clears it.
    const [rows]: [StatusChangeRow[], number] = await db.query(
      `WITH change AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::timestamptz[])
           AS c (item_id, status, occurred_at, sets_error, error_type, error_code, error_message, error_display_message, sets_consent, consent_expires_at)
       ), previous AS (
         SELECT items.id, items.status FROM items JOIN change ON change.item_id = items.id ORDER BY items.id FOR UPDATE OF items
       )
       UPDATE items SET
         status = change.status,
         last_status_event_at = date_trunc('second', change.occurred_at),
         updated_at = now(),
         error_type = CASE WHEN change.sets_error THEN change.error_type ELSE items.error_type END,
         error_code = CASE WHEN change.sets_error THEN change.error_code ELSE items.error_code END,
         error_message = CASE WHEN change.sets_error THEN change.error_message ELSE items.error_message END,
         error_display_message = CASE WHEN change.sets_error THEN change.error_display_message ELSE items.error_display_message END,
         consent_expires_at = CASE WHEN change.sets_consent THEN change.consent_expires_at ELSE items.consent_expires_at END
       FROM change, previous
       WHERE items.id = change.item_id AND previous.id = items.id
         AND (items.last_status_event_at IS NULL OR items.last_status_event_at <= date_trunc('second', change.occurred_at))
       RETURNING items.id, previous.status AS previous_status`,
      [
        changes.map(({ itemId }) => itemId),
        column((change) => change.status),
        column((change) => change.occurredAt),
        column((change) => change.error !== undefined),
        column((change) => change.error?.type ?? null),
        column((change) => change.error?.code ?? null),
        column((change) => change.error?.message ?? null),
        column((change) => change.error?.displayMessage ?? null),
        column((change) => change.consentExpiresAt !== undefined),
        column((change) => change.consentExpiresAt ?? null),
      ],
    );
    return rows;
  }

  /** Up to `limit` Items sealed under another key than `keyId`, locked until the transaction ends; rows another run holds are skipped. */
  lockSealedWithOtherKey(
    db: EntityManager,
    keyId: string,
    limit: number,
  ): Promise<Array<Pick<ItemEntity, 'id' | 'accessTokenKeyId' | 'accessTokenCiphertext'>>> {
    return this.repository(db)
      .createQueryBuilder('item')
      .select(['item.id', 'item.accessTokenKeyId', 'item.accessTokenCiphertext'])
      .where('item.access_token_key_id <> :current', { current: keyId })
      .orderBy('item.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Writes the new seals, in one statement. */
  async reseal(db: EntityManager, sealed: Array<{ id: string; keyId: string; ciphertext: Buffer }>): Promise<void> {
    await db.query(
      `UPDATE items SET access_token_key_id = v.key_id, access_token_ciphertext = v.ciphertext, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS v(id, key_id, ciphertext)
        WHERE items.id = v.id`,
      [sealed.map((r) => r.id), sealed.map((r) => r.keyId), sealed.map((r) => r.ciphertext)],
    );
  }

  private repository(db: EntityManager = this.dataSource.manager) {
    return db.getRepository(ItemEntity);
  }
}
