import { BoundedLabel } from '../../../src/metrics/bounded-label';

describe('BoundedLabel', () => {
  it('keeps values that match, up to the cap, then answers the overflow value', () => {
    const label = new BoundedLabel(2, /^[a-z]+$/);
    expect(label.of('alpha')).toBe('alpha');
    expect(label.of('beta')).toBe('beta');
    expect(label.of('gamma')).toBe('other');
    // Values admitted before the cap stay themselves.
    expect(label.of('alpha')).toBe('alpha');
  });

  it('answers the invalid value for text that does not match, without using up the cap', () => {
    const label = new BoundedLabel(1, /^[a-z]+$/);
    expect(label.of('Bearer abc.def')).toBe('invalid');
    expect(label.of('ok')).toBe('ok');
  });
});
