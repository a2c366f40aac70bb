import type { DataSource } from 'typeorm';
import { ItemEntity } from '../entities/item.entity';
import type { TokenCipher } from '../security/token-cipher';

export interface RotationResult {
  reEncrypted: number;
  currentKeyId: string;
}

/**
 * Re-seals every stored access token under the newest key, a batch per transaction, so a
 * retired key can then be dropped from TOKEN_ENCRYPTION_KEYS. Rows are locked while they
 * are rewritten; a token that does not decrypt stops the run before anything of its batch is written.
 */
export async function reEncryptAccessTokens(dataSource: DataSource, cipher: TokenCipher, batchSize = 200): Promise<RotationResult> {
  let reEncrypted = 0;
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      const items = await manager
        .getRepository(ItemEntity)
        .createQueryBuilder('item')
        .select(['item.id', 'item.accessTokenKeyId', 'item.accessTokenCiphertext'])
        .where('item.access_token_key_id <> :current', { current: cipher.currentKeyId })
        .orderBy('item.id')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (items.length === 0) return true;
      const resealed = items.map((item) => {
        const plaintext = cipher.decrypt({ keyId: item.accessTokenKeyId, ciphertext: item.accessTokenCiphertext }, item.id);
        return { id: item.id, ...cipher.encrypt(plaintext, item.id) };
      });
      await manager.query(
        `UPDATE items SET access_token_key_id = v.key_id, access_token_ciphertext = v.ciphertext, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS v(id, key_id, ciphertext)
          WHERE items.id = v.id`,
        [resealed.map((r) => r.id), resealed.map((r) => r.keyId), resealed.map((r) => r.ciphertext)],
      );
      reEncrypted += resealed.length;
      return false;
    });
    if (done) return { reEncrypted, currentKeyId: cipher.currentKeyId };
  }
}
