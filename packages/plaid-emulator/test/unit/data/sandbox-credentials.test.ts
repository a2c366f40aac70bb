import { interpretSandboxLogin } from '../../../src/data/sandbox-credentials';

it("reads Plaid's sandbox users", () => {
  expect(interpretSandboxLogin('user_good', 'pass_good')).toEqual({ profile: 'user_good', error: null });
  expect(interpretSandboxLogin('user_transactions_dynamic', 'whatever')).toEqual({ profile: 'user_transactions_dynamic', error: null });
});

it('puts the Item in the error an error_<CODE> password names', () => {
  expect(interpretSandboxLogin('user_good', 'error_ITEM_LOGIN_REQUIRED').error).toMatchObject({
    error_type: 'ITEM_ERROR',
    error_code: 'ITEM_LOGIN_REQUIRED',
  });
  expect(interpretSandboxLogin('user_good', 'error_INSTITUTION_DOWN').error).toMatchObject({ error_type: 'INSTITUTION_ERROR' });
});

it.each([
  ['user_good', 'wrong'],
  ['someone', 'pass_good'],
  ['user_good', 'error_NOT_A_CODE'],
  ['user_good', 'error_INVALID_API_KEYS'],
  ['user_transactions_dynamic', ''],
])('refuses %s / %s with INVALID_CREDENTIALS', (username, password) => {
  expect(() => interpretSandboxLogin(username, password)).toThrow(
    expect.objectContaining({ body: expect.objectContaining({ error_code: 'INVALID_CREDENTIALS' }) }),
  );
});
