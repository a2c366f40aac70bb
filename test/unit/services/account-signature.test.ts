import { accountSignature } from '../../../src/services/account-signature';

const account = (name: string, mask: string | null = null, type = 'depository', subtype: string | null = null) => ({
  name,
  mask,
  type,
  subtype,
});

describe('the duplicate-Item signature', () => {
  it.each([
    [
      'the same accounts in another order',
      [account('checking', '0000'), account('Savings', '1111'), account('savings', '2222')],
      [account('savings', '2222'), account('checking', '0000'), account('Savings', '1111')],
    ],
    [
      'mixed-case names whatever the order',
      [account('Plaid CD', '2222'), account('Plaid Cash Management', '9002')],
      [account('Plaid Cash Management', '9002'), account('Plaid CD', '2222')],
    ],
    ['absent masks and subtypes', [account('a'), account('B', null, 'credit')], [account('B', null, 'credit'), account('a')]],
  ])('is equal for %s', (_case, first, second) => {
    expect(accountSignature(first)).toBe(accountSignature(second));
  });

  it.each([
    ['names differing only in case', [account('savings', '1111')], [account('Savings', '1111')]],
    ['another mask', [account('checking', '0000')], [account('checking', '0001')]],
    ['another subtype', [account('x', '0', 'depository', 'checking')], [account('x', '0', 'depository', 'savings')]],
    ['one account fewer', [account('a'), account('b')], [account('a')]],
  ])('differs for %s', (_case, first, second) => {
    expect(accountSignature(first)).not.toBe(accountSignature(second));
  });

  it('orders its parts by code unit, not by any locale ("Savings" before "checking")', () => {
    expect(accountSignature([account('checking', '0000'), account('savings', '2222'), account('Savings', '1111')])).toBe(
      'Savings|1111|depository,checking|0000|depository,savings|2222|depository',
    );
  });
});
