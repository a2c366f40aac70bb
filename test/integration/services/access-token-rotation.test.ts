import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openMigratedScratchDatabase, type MigratedScratchDatabase } from '../../support/scratch-database';
import { ItemEntity } from '../../../src/entities/item.entity';
import { TokenCipher, TokenDecryptionError } from '../../../src/security/token-cipher';
import { reEncryptAccessTokens } from '../../../src/services/access-token-rotation.service';

describe('re-encrypting access tokens under the newest key', () => {
  let dataSource: DataSource;
  let database: MigratedScratchDatabase;
  const oldKey = { id: `old-${randomUUID().slice(0, 8)}`, key: randomBytes(32) };
  const newKey = { id: `new-${randomUUID().slice(0, 8)}`, key: randomBytes(32) };
  const userId = `rotation-${randomUUID()}`;

  beforeAll(async () => {
    database = await openMigratedScratchDatabase('rotation');
    dataSource = database.dataSource;
  });

  afterAll(async () => {
    await database.close();
  });

  async function insertItem(cipher: TokenCipher, token: string): Promise<string> {
    const id = randomUUID();
    const sealed = cipher.encrypt(token, id);
    await dataSource.getRepository(ItemEntity).insert({
      id,
      userId,
      plaidItemId: `item-${id}`,
      accessTokenCiphertext: sealed.ciphertext,
      accessTokenKeyId: sealed.keyId,
    });
    return id;
  }

  it('moves every token to the first key, keeps them readable, and is a no-op the second time', async () => {
    const old = new TokenCipher([oldKey]);
    const tokens = new Map<string, string>();
    for (let i = 0; i < 5; i += 1) {
      const token = `access-sandbox-${randomUUID()}`;
      tokens.set(await insertItem(old, token), token);
    }
    const rotating = new TokenCipher([newKey, oldKey]);
    const first = await reEncryptAccessTokens(dataSource, rotating, 2);
    expect(first.reEncrypted).toBe(5);

    const rows = await dataSource.getRepository(ItemEntity).findBy({ userId });
    const onlyNew = new TokenCipher([newKey]);
    for (const row of rows) {
      expect(row.accessTokenKeyId).toBe(newKey.id);
      expect(onlyNew.decrypt({ keyId: row.accessTokenKeyId, ciphertext: row.accessTokenCiphertext }, row.id)).toBe(tokens.get(row.id));
    }
    expect((await reEncryptAccessTokens(dataSource, rotating)).reEncrypted).toBe(0);
  });

  it('stops, writing nothing of the batch, when a token was sealed with a key it does not have', async () => {
    const stranger = new TokenCipher([{ id: `lost-${randomUUID().slice(0, 8)}`, key: randomBytes(32) }]);
    const id = await insertItem(stranger, 'access-sandbox-unreadable');
    const before = await dataSource.getRepository(ItemEntity).findOneByOrFail({ id });
    await expect(reEncryptAccessTokens(dataSource, new TokenCipher([newKey]))).rejects.toBeInstanceOf(TokenDecryptionError);
    const after = await dataSource.getRepository(ItemEntity).findOneByOrFail({ id });
    expect(after.accessTokenKeyId).toBe(before.accessTokenKeyId);
    expect(after.accessTokenCiphertext.equals(before.accessTokenCiphertext)).toBe(true);
    await dataSource.query('DELETE FROM items WHERE id = $1', [id]);
  });
});
