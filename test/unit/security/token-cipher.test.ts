import { randomBytes } from 'node:crypto';
import { TokenCipher, TokenDecryptionError } from '../../../src/security/token-cipher';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('TokenCipher', () => {
  const oldKey = key('2025');
  const newKey = key('2026');
  const token = 'access-sandbox-8ab976e6-64bc-4b38-98f7-731e7a349970';

  it('round-trips and never contains the plaintext', () => {
    const cipher = new TokenCipher([newKey]);
    const sealed = cipher.encrypt(token, 'item-1');
    expect(sealed.keyId).toBe('2026');
    expect(sealed.ciphertext.includes(Buffer.from(token))).toBe(false);
    expect(cipher.decrypt(sealed, 'item-1')).toBe(token);
  });

  it('uses a fresh IV each time', () => {
    const cipher = new TokenCipher([newKey]);
    expect(cipher.encrypt(token, 'i').ciphertext.equals(cipher.encrypt(token, 'i').ciphertext)).toBe(false);
  });

  it('encrypts with the first key and still decrypts with older ones (rotation)', () => {
    const before = new TokenCipher([oldKey]).encrypt(token, 'item-1');
    const rotated = new TokenCipher([newKey, oldKey]);
    expect(rotated.needsRotation(before)).toBe(true);
    expect(rotated.decrypt(before, 'item-1')).toBe(token);
    expect(rotated.encrypt(token, 'item-1').keyId).toBe('2026');
  });

  it('refuses an unknown key id', () => {
    const sealed = new TokenCipher([oldKey]).encrypt(token, 'item-1');
    expect(() => new TokenCipher([newKey]).decrypt(sealed, 'item-1')).toThrow(
      new TokenDecryptionError('no key with id "2025" is configured'),
    );
  });

  it.each([
    ['a flipped ciphertext bit', (c: Buffer) => (c[c.length - 1] ^= 1)],
    ['a flipped tag bit', (c: Buffer) => (c[12] ^= 1)],
    ['a flipped IV bit', (c: Buffer) => (c[0] ^= 1)],
  ])('refuses %s', (_name, tamper) => {
    const cipher = new TokenCipher([newKey]);
    const sealed = cipher.encrypt(token, 'item-1');
    tamper(sealed.ciphertext);
    expect(() => cipher.decrypt(sealed, 'item-1')).toThrow(TokenDecryptionError);
  });

  it('refuses a ciphertext moved to another row', () => {
    const cipher = new TokenCipher([newKey]);
    expect(() => cipher.decrypt(cipher.encrypt(token, 'item-1'), 'item-2')).toThrow(/failed authentication/);
  });

  it('refuses a truncated ciphertext', () => {
    const cipher = new TokenCipher([newKey]);
    expect(() => cipher.decrypt({ keyId: '2026', ciphertext: Buffer.alloc(10) }, 'i')).toThrow(/truncated/);
  });

  it('does not put the key or token in its error messages', () => {
    const cipher = new TokenCipher([newKey]);
    const sealed = cipher.encrypt(token, 'item-1');
    try {
      cipher.decrypt(sealed, 'other');
    } catch (error) {
      expect(String(error)).not.toContain(token);
      expect(String(error)).not.toContain(newKey.key.toString('base64'));
    }
  });
});
