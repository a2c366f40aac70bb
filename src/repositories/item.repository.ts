import { In, type DataSource, type EntityManager } from 'typeorm';
import type { TransactionsUpdateStatus } from '../entities/item-status';
import { ItemStatus } from '../entities/item-status';
import type { ItemStatusState } from '../entities/item-state-machine';
import type { ItemErrorFields } from '../entities/item-status-change';
import { ItemEntity } from '../entities/item.entity';

/** What of an account makes two Items "the same accounts" (see accountSignature). */
export interface AccountFingerprint {
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
}

/** An Item's status, as its state machine reads it. */
export interface ItemStatusRow extends ItemStatusState {
  id: string;
}

/** A status the state machine decided, with the details of the change behind it. */
export interface StatusWrite {
  itemId: string;
  /** The row as the decision read it: the write applies only if it still reads so. */
  expected: ItemStatusState;
  status: ItemStatus;
  eventAt: Date;
  error?: ItemErrorFields | null;
  consentExpiresAt?: Date | null;
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

  findByPlaidItemIds(plaidItemIds: string[], db: EntityManager = this.dataSource.manager): Promise<ItemEntity[]> {
    return plaidItemIds.length === 0 ? Promise.resolve([]) : this.repository(db).findBy({ plaidItemId: In(plaidItemIds) });
  }

  /**
   * Items whose last sync is older than `minutes` (or that never synced), but for those only
   * their user can repair (LOGIN_REQUIRED, REVOKED). ERROR is among them: a sync that passes is
   * what ends it.
   */
  async staleSyncIds(minutes: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM items
        WHERE status IN ('ACTIVE', 'PENDING_EXPIRATION', 'PENDING_DISCONNECT', 'ERROR')
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

  async flagNewAccounts(itemIds: string[], db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query('UPDATE items SET new_accounts_available = true, updated_at = now() WHERE id = ANY($1)', [itemIds]);
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

  /** The status of each of these Items, their rows locked in id order until the transaction ends. */
  async lockStatuses(db: EntityManager, itemIds: string[]): Promise<ItemStatusRow[]> {
    const rows: Array<{ id: string; status: ItemStatus; last_status_event_at: Date | null }> = await db.query(
      'SELECT id, status, last_status_event_at FROM items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [itemIds],
    );
    return rows.map((row) => ({ id: row.id, status: row.status, lastEventAt: row.last_status_event_at }));
  }

  /**
   * The next sync starts from the beginning, and one that read Plaid before now loses its
   * compare-and-set: for a write that took data away under the Item's lock (an account revoked).
   */
  async forgetSyncCursor(db: EntityManager, itemId: string): Promise<void> {
    await db.query<unknown[]>('UPDATE items SET transactions_cursor = NULL, updated_at = now() WHERE id = $1', [itemId]);
  }

  /**
   * Several Items' decided statuses in one statement (at most one per Item), each written only
   * if its row still reads as `expected` (a compare-and-set: the state machine decided from it).
   * An undefined error or consent date leaves the column as it is; null clears it. Answers the
   * ids written.
   */
  async writeStatuses(db: EntityManager, writes: StatusWrite[]): Promise<string[]> {
    if (writes.length === 0) return [];
    const column = <T>(pick: (write: StatusWrite) => T) => writes.map(pick);
    const [rows]: [Array<{ id: string }>, number] = await db.query(
      `UPDATE items SET
         status = w.status,
         last_status_event_at = w.event_at,
         updated_at = now(),
         error_type = CASE WHEN w.sets_error THEN w.error_type ELSE items.error_type END,
         error_code = CASE WHEN w.sets_error THEN w.error_code ELSE items.error_code END,
         error_message = CASE WHEN w.sets_error THEN w.error_message ELSE items.error_message END,
         error_display_message = CASE WHEN w.sets_error THEN w.error_display_message ELSE items.error_display_message END,
         consent_expires_at = CASE WHEN w.sets_consent THEN w.consent_expires_at ELSE items.consent_expires_at END
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::boolean[], $7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[], $12::timestamptz[])
         AS w (item_id, expected_status, expected_event_at, status, event_at, sets_error, error_type, error_code, error_message, error_display_message, sets_consent, consent_expires_at)
       WHERE items.id = w.item_id AND items.status = w.expected_status
         AND items.last_status_event_at IS NOT DISTINCT FROM w.expected_event_at
       RETURNING items.id`,
      [
        column((write) => write.itemId),
        column((write) => write.expected.status),
        column((write) => write.expected.lastEventAt),
        column((write) => write.status),
        column((write) => write.eventAt),
        column((write) => write.error !== undefined),
        column((write) => write.error?.type ?? null),
        column((write) => write.error?.code ?? null),
        column((write) => write.error?.message ?? null),
        column((write) => write.error?.displayMessage ?? null),
        column((write) => write.consentExpiresAt !== undefined),
        column((write) => write.consentExpiresAt ?? null),
      ],
    );
    return rows.map((row) => row.id);
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
