import type { Category } from 'plaid';

/**
 * Plaid's legacy transaction categories (`/categories/get`), superseded by the personal
 * finance categories but still read by older apps: an 8-digit id whose first two digits name
 * the top level, the next three the second level and the last three the third, a hierarchy
 * of names, and a group (`place` for physical purchases, `digital` for online ones, `special`
 * for money movements and fees). The top levels are all of Plaid's; below them, the branches
 * apps use most.
 */
type Group = 'place' | 'digital' | 'special';

function category(categoryId: string, group: Group, ...hierarchy: string[]): Category {
  return { category_id: categoryId, group, hierarchy };
}

export const LEGACY_CATEGORIES: readonly Category[] = [
  category('10000000', 'special', 'Bank Fees'),
  category('10001000', 'special', 'Bank Fees', 'Overdraft'),
  category('10002000', 'special', 'Bank Fees', 'ATM'),
  category('10003000', 'special', 'Bank Fees', 'Late Payment'),
  category('10004000', 'special', 'Bank Fees', 'Fraud Dispute'),
  category('10005000', 'special', 'Bank Fees', 'Foreign Transaction'),
  category('10006000', 'special', 'Bank Fees', 'Wire Transfer'),
  category('10007000', 'special', 'Bank Fees', 'Insufficient Funds'),
  category('10008000', 'special', 'Bank Fees', 'Cash Advance'),
  category('10009000', 'special', 'Bank Fees', 'Excess Activity'),
  category('11000000', 'special', 'Cash Advance'),
  category('12000000', 'place', 'Community'),
  category('12008000', 'place', 'Community', 'Education'),
  category('12012000', 'place', 'Community', 'Government Departments and Agencies'),
  category('12015000', 'place', 'Community', 'Religious'),
  category('12018000', 'place', 'Community', 'Animal Shelter'),
  category('13000000', 'place', 'Food and Drink'),
  category('13001000', 'place', 'Food and Drink', 'Bar'),
  category('13004000', 'place', 'Food and Drink', 'Nightlife'),
  category('13005000', 'place', 'Food and Drink', 'Restaurants'),
  category('13005032', 'place', 'Food and Drink', 'Restaurants', 'Fast Food'),
  category('13005043', 'place', 'Food and Drink', 'Restaurants', 'Coffee Shop'),
  category('14000000', 'place', 'Healthcare'),
  category('14001000', 'place', 'Healthcare', 'Healthcare Services'),
  category('14002000', 'place', 'Healthcare', 'Physicians'),
  category('15000000', 'special', 'Interest'),
  category('15001000', 'special', 'Interest', 'Interest Earned'),
  category('15002000', 'special', 'Interest', 'Interest Charged'),
  category('16000000', 'special', 'Payment'),
  category('16001000', 'special', 'Payment', 'Credit Card'),
  category('16002000', 'special', 'Payment', 'Rent'),
  category('16003000', 'special', 'Payment', 'Loan'),
  category('17000000', 'place', 'Recreation'),
  category('17018000', 'place', 'Recreation', 'Gyms and Fitness Centers'),
  category('17001000', 'place', 'Recreation', 'Arts and Entertainment'),
  category('17001018', 'digital', 'Recreation', 'Arts and Entertainment', 'Movie Theatres'),
  category('18000000', 'place', 'Service'),
  category('18006000', 'place', 'Service', 'Automotive'),
  category('18009000', 'place', 'Service', 'Cable'),
  category('18020000', 'special', 'Service', 'Financial'),
  category('18045000', 'place', 'Service', 'Personal Care'),
  category('18061000', 'digital', 'Service', 'Subscription'),
  category('18063000', 'place', 'Service', 'Telecommunication Services'),
  category('18068000', 'special', 'Service', 'Utilities'),
  category('18068001', 'special', 'Service', 'Utilities', 'Electric'),
  category('18068005', 'special', 'Service', 'Utilities', 'Gas'),
  category('19000000', 'place', 'Shops'),
  category('19012000', 'place', 'Shops', 'Clothing and Accessories'),
  category('19013000', 'place', 'Shops', 'Computers and Electronics'),
  category('19019000', 'digital', 'Shops', 'Digital Purchase'),
  category('19025000', 'place', 'Shops', 'Food and Beverage Store'),
  category('19025004', 'place', 'Shops', 'Food and Beverage Store', 'Farmers Markets'),
  category('19043000', 'place', 'Shops', 'Pharmacies'),
  category('19047000', 'place', 'Shops', 'Supermarkets and Groceries'),
  category('19051000', 'digital', 'Shops', 'Bookstores'),
  category('20000000', 'special', 'Tax'),
  category('20001000', 'special', 'Tax', 'Refund'),
  category('20002000', 'special', 'Tax', 'Payment'),
  category('21000000', 'special', 'Transfer'),
  category('21001000', 'special', 'Transfer', 'Internal Account Transfer'),
  category('21005000', 'special', 'Transfer', 'Check'),
  category('21006000', 'special', 'Transfer', 'Credit'),
  category('21007000', 'special', 'Transfer', 'Debit'),
  category('21007001', 'special', 'Transfer', 'Debit', 'ACH'),
  category('21009000', 'special', 'Transfer', 'Payroll'),
  category('21010000', 'special', 'Transfer', 'Third Party'),
  category('21010001', 'special', 'Transfer', 'Third Party', 'Venmo'),
  category('21012000', 'special', 'Transfer', 'Withdrawal'),
  category('21012002', 'special', 'Transfer', 'Withdrawal', 'ATM'),
  category('22000000', 'place', 'Travel'),
  category('22001000', 'place', 'Travel', 'Airlines and Aviation Services'),
  category('22006000', 'place', 'Travel', 'Gas Stations'),
  category('22012000', 'place', 'Travel', 'Lodging'),
  category('22016000', 'place', 'Travel', 'Taxi'),
];
