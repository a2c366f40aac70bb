import { AccountType } from '../../../src/schema/enums';
import { accountTypeOf, plaidTypesOf } from '../../../src/services/account-type';

describe('account types', () => {
  it.each([
    ['depository', AccountType.DEPOSITORY],
    ['credit', AccountType.CREDIT],
    ['loan', AccountType.LOAN],
    ['investment', AccountType.INVESTMENT],
    ['brokerage', AccountType.INVESTMENT],
    ['other', AccountType.OTHER],
    ['payroll', AccountType.OTHER],
  ])("reads Plaid's %s as %s", (plaidType, type) => {
    expect(accountTypeOf(plaidType)).toBe(type);
  });

  it('filters each named type by its Plaid types, and OTHER by none of them', () => {
    expect(plaidTypesOf(AccountType.INVESTMENT)).toEqual(['investment', 'brokerage']);
    expect(plaidTypesOf(AccountType.OTHER)).toBeNull();
  });
});
