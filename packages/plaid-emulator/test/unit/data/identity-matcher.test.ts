import { matchIdentity, similarity } from '../../../src/data/identity-matcher';
import { SANDBOX_OWNER } from '../../../src/data/sandbox-identity';

const owners = [SANDBOX_OWNER];

it.each([
  ['Alberta Bobbeth Charleson', 100, 100],
  ['alberta  bobbeth charleson', 100, 100],
  ['Alberta Charleson', 85, 99],
  ['Bert Charleson', 80, 90],
  ['Alberta Bobeth Charleson', 85, 99],
  ['Alberta Smith', 50, 69],
  ['John Smith', 0, 69],
  ['Jonathan Q. Stranger', 0, 69],
])('scores the name %s between %d and %d', (name, low, high) => {
  const score = matchIdentity({ legal_name: name }, owners).legal_name.score!;
  expect(score).toBeGreaterThanOrEqual(low);
  expect(score).toBeLessThanOrEqual(high);
});

it('flags nicknames, partial matches and business names', () => {
  expect(matchIdentity({ legal_name: 'Bert Charleson' }, owners).legal_name).toMatchObject({ is_nickname_match: true });
  expect(matchIdentity({ legal_name: 'Alberta Smith' }, owners).legal_name).toMatchObject({ is_first_name_or_last_name_match: true });
  expect(matchIdentity({ legal_name: 'Charleson Holdings LLC' }, owners).legal_name).toMatchObject({ is_business_name_detected: true });
});

it('scores emails, phones and addresses', () => {
  const scores = matchIdentity(
    {
      email_address: 'ACCOUNTHOLDER1@example.com',
      phone_number: '(111) 555-4444',
      address: { street: '2992 Cameron Rd', postal_code: '14236', city: 'Malakoff', region: 'NY', country: 'US' },
    },
    owners,
  );
  expect(scores.email_address.score).toBe(100);
  expect(scores.phone_number.score).toBe(100);
  expect(scores.address).toEqual({ score: 100, is_postal_code_match: true });
  const strangers = matchIdentity(
    { email_address: 'someone@else.org', phone_number: '+1 999 888 7777', address: { street: '1 Infinite Loop', postal_code: '95014' } },
    owners,
  );
  expect(strangers.email_address.score).toBeLessThan(70);
  expect(strangers.phone_number.score).toBeLessThan(70);
  expect(strangers.address).toMatchObject({ is_postal_code_match: false });
  expect(strangers.address.score).toBeLessThan(70);
});

it('leaves what was not asked unscored', () => {
  expect(matchIdentity(undefined, owners)).toEqual({
    legal_name: { score: null, is_first_name_or_last_name_match: null, is_nickname_match: null, is_business_name_detected: null },
    phone_number: { score: null },
    email_address: { score: null },
    address: { score: null, is_postal_code_match: null },
  });
});

it('measures string similarity from 0 to 1', () => {
  expect(similarity('abc', 'abc')).toBe(1);
  expect(similarity('abc', '')).toBe(0);
  expect(similarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7);
});
