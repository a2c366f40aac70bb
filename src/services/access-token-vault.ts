import type { ItemEntity } from '../entities/item.entity';
import type { TokenCipher } from '../security/token-cipher';

type SealedColumns = Pick<ItemEntity, 'accessTokenKeyId' | 'accessTokenCiphertext'>;

/** Access tokens in and out of their sealed columns; the Item's id is bound into the ciphertext. */
export class AccessTokenVault {
  constructor(private readonly cipher: TokenCipher) {}

  seal(itemId: string, accessToken: string): SealedColumns {
    const { keyId, ciphertext } = this.cipher.encrypt(accessToken, itemId);
    return { accessTokenKeyId: keyId, accessTokenCiphertext: ciphertext };
  }

  open(item: Pick<ItemEntity, 'id'> & SealedColumns): string {
    return this.cipher.decrypt({ keyId: item.accessTokenKeyId, ciphertext: item.accessTokenCiphertext }, item.id);
  }
}
