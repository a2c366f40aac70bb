import { categoryLabel, isPlainDecimal, isPositive, isZero, money, negated } from '../../../examples/web/src/format';

/** The reference web app's money on screen: the Decimal's text, formatted without passing through a float. */
describe("the web app's money formatting (examples/web/src/format.ts)", () => {
  it.each([
    ['12.34', 'USD', '$12.34'],
    ['-12.34', 'USD', '-$12.34'],
    ['1000', 'USD', '$1,000.00'],
    ['0.3', 'USD', '$0.30'],
    // A double would print 9007199254740993 as ...992, and lose the cents.
    ['9007199254740993.01', 'USD', '$9,007,199,254,740,993.01'],
    // More digits than the currency's are shown, not rounded away.
    ['0.125', 'USD', '$0.125'],
    ['1234.567891', 'EUR', '€1,234.567891'],
    // The currency's own digits: none for yen, three for dinar.
    ['1234', 'JPY', '¥1,234'],
    ['5.5', 'KWD', 'KWD 5.500'],
    // Plaid's unofficial codes are not ISO 4217: the amount as it is, then the code.
    ['0.00012345', 'DOGE', '0.00012345 DOGE'],
    [null, 'USD', '—'],
  ])('%s %s -> %s', (amount, currency, shown) => {
    expect(money(amount, currency).replace(/\u00a0/g, ' ')).toBe(shown);
  });

  it.each([
    ['12.34', '-12.34'],
    ['-12.34', '12.34'],
    ['0', '0'],
    ['-0.00', '0.00'],
    ['100000000000000.000001', '-100000000000000.000001'],
  ])('negates %s exactly as %s', (amount, opposite) => {
    expect(negated(amount)).toBe(opposite);
  });

  it.each([
    ['12.34', true],
    ['-5', true],
    ['0', true],
    ['007', false],
    ['1e3', false],
    ['0x10', false],
    ['NaN', false],
    ['', false],
    ['1,5', false],
    ['.5', false],
    ['5.', false],
    [' 5', false],
  ])('takes %j as a plain decimal: %s', (text, plain) => {
    expect(isPlainDecimal(text)).toBe(plain);
  });

  it.each([
    ['0.01', true, false],
    ['-0.01', false, false],
    ['0.00', false, true],
    ['-0', false, true],
  ])('%s is positive: %s, zero: %s', (amount, positive, zero) => {
    expect(isPositive(amount)).toBe(positive);
    expect(isZero(amount)).toBe(zero);
  });

  it.each([
    ['FOOD_AND_DRINK', 'food and drink'],
    ['Gifts for Sam', 'Gifts for Sam'],
    [null, ''],
  ])('labels the category %j as %j', (category, label) => {
    expect(categoryLabel(category)).toBe(label);
  });
});
