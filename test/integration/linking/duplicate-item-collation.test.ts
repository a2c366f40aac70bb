import { randomUUID } from 'node:crypto';
import { AccountEntity } from '../../../src/entities/account.entity';
import { ItemEntity } from '../../../src/entities/item.entity';
import { ItemRepository } from '../../../src/repositories/item.repository';
import { accountSignature } from '../../../src/services/account-signature';
import { linkItem } from '../../support/linking';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratch-database';
import { newUserId, startTestGateway, type TestGateway } from '../../support/test-gateway';

/**
 * Under an en-US collation "Plaid Cash Management" sorts before "Plaid CD" and "checking"
 * before "Savings"; byte order (C, and JavaScript's sort) has them the other way round. A
 * signature ordered by the database would not equal one ordered in TypeScript, and the
 * same accounts linked twice would pass as new.
 */
describe('duplicate Items on a database with an en-US collation', () => {
  let database: ScratchDatabase;
  let gw: TestGateway;

  beforeAll(async () => {
    database = await createScratchDatabase('gw_collation', "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'");
    gw = await startTestGateway({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await gw?.close();
    await database?.drop();
  });

  it('orders text otherwise than byte order', async () => {
    const [{ ordered }]: Array<{ ordered: string }> = await gw.gateway.dataSource.query(
      `SELECT string_agg(name, ',' ORDER BY name) AS ordered FROM unnest(ARRAY['Savings', 'checking', 'Plaid CD', 'Plaid Cash Management']) AS name`,
    );
    expect(ordered).toBe('checking,Plaid Cash Management,Plaid CD,Savings');
  });

  it('refuses linking the same institution and accounts twice', async () => {
    const token = await gw.tokenFor(newUserId());
    const first = await linkItem(gw, token);
    const error = await linkItem(gw, token).catch((e: Error) => e.message);
    expect(error).toContain('BAD_USER_INPUT');
    expect(error).toContain(first.id);
  });

  it('reads back mixed-case account names whose signature equals the one computed for the same accounts in another order', async () => {
    const userId = newUserId();
    const itemId = randomUUID();
    const accounts = [
      { name: 'checking', mask: '0000', type: 'depository', subtype: 'checking' },
      { name: 'Savings', mask: '1111', type: 'depository', subtype: 'savings' },
      { name: 'savings', mask: '2222', type: 'depository', subtype: 'savings' },
    ];
    const { dataSource } = gw.gateway;
    await dataSource.getRepository(ItemEntity).insert({
      id: itemId,
      userId,
      plaidItemId: `collation-${itemId}`,
      accessTokenKeyId: 'k',
      accessTokenCiphertext: Buffer.alloc(1),
      institutionId: 'ins_collation',
    });
    await dataSource.getRepository(AccountEntity).insert(
      accounts.map((account, index) => ({
        ...account,
        itemId,
        userId,
        plaidAccountId: `collation-${index}`,
        balanceUpdatedAt: new Date(),
      })),
    );

    const linked = await new ItemRepository(dataSource).accountsOfLinkedItems(userId, 'ins_collation');
    expect(accountSignature(linked.get(itemId)!)).toBe(accountSignature([...accounts].reverse()));
  });
});
