import type { DataSource } from 'typeorm';
import { ItemRepository } from '../repositories/item.repository';
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
  const repository = new ItemRepository(dataSource);
  let reEncrypted = 0;
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      const items = await repository.lockSealedWithOtherKey(manager, cipher.currentKeyId, batchSize);
      if (items.length === 0) return true;
      const resealed = items.map((item) => {
        const plaintext = cipher.decrypt({ keyId: item.accessTokenKeyId, ciphertext: item.accessTokenCiphertext }, item.id);
        return { id: item.id, ...cipher.encrypt(plaintext, item.id) };
      });
      await repository.reseal(manager, resealed);
      reEncrypted += resealed.length;
      return false;
    });
    if (done) return { reEncrypted, currentKeyId: cipher.currentKeyId };
  }
}
