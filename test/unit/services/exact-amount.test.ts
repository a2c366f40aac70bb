import { exactAmount, minorUnitDigits } from '../../../src/services/exact-amount';

describe('exact amounts', () => {
  it.each<[number, string, number]>([
    [0.1, '0.1', 1],
    [42.5, '42.5', 1],
    [123456789.01, '123456789.01', 2],
    [670824017.06, '670824017.06', 2],
    [10.001, '10.001', 3],
    [1e21, '1e+21', 0],
  ])('reads %p as the decimal %s with %p decimals', (value, text, decimals) => {
    expect(exactAmount(value).toString()).toBe(text);
    expect(exactAmount(value).decimalPlaces()).toBe(decimals);
  });

  it('adds what Plaid wrote exactly', () => {
    expect(exactAmount(0.1).plus(exactAmount(0.2)).toString()).toBe('0.3');
  });

  it.each<[string | null, number]>([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['BHD', 3],
    [null, 2],
    ['not a currency', 2],
  ])('gives %p %p decimals', (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });
});
