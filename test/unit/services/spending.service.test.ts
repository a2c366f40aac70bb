import { DomainError } from '../../../src/errors/domain-error';
import { checkSpendingRange } from '../../../src/services/spending.service';

const refusal = (from: string, to: string, maxRangeDays: number): { code: string; field: unknown } | null => {
  try {
    checkSpendingRange(from, to, maxRangeDays);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.details.field };
  }
};

describe('checkSpendingRange', () => {
  it.each([
    ['one day', '2026-03-01', '2026-03-01', 731, null],
    ['a month', '2026-03-01', '2026-03-31', 731, null],
    ['two years with a leap day: 731 days, both counted', '2027-01-01', '2028-12-31', 731, null],
    ['two years and a day', '2027-01-01', '2029-01-01', 731, 'to'],
    ['732 days across a leap day', '2027-03-01', '2029-03-01', 731, 'to'],
    ['730 days, no leap day', '2025-01-01', '2026-12-31', 730, null],
    ['to before from', '2026-03-02', '2026-03-01', 731, 'from'],
    ['a year before', '2026-03-01', '2025-03-01', 731, 'from'],
    ['exactly the configured bound', '2026-01-01', '2026-01-10', 10, null],
    ['one past the configured bound', '2026-01-01', '2026-01-11', 10, 'to'],
    ['a one-day bound', '2026-01-01', '2026-01-02', 1, 'to'],
  ])('%s', (_name, from, to, maxRangeDays, refusedAt) => {
    expect(refusal(from, to, maxRangeDays)).toEqual(refusedAt === null ? null : { code: 'BAD_USER_INPUT', field: refusedAt });
  });
});
