import { parse } from 'graphql';
import { subscriptionRootDirectiveErrors } from '../../../src/server/subscription-root-directives';

describe('subscriptionRootDirectiveErrors: what graphql-js 16 would throw on while validating', () => {
  it.each([
    [
      '@skip on the root field',
      'subscription { a @skip(if: true) { b } }',
      ['Subscription An anonymous subscription must not use @skip on its top-level selection'],
    ],
    [
      '@include with a variable',
      'subscription S($v: Boolean!) { a @include(if: $v) { b } }',
      ['Subscription "S" must not use @include on its top-level selection'],
    ],
    [
      'inside an inline fragment',
      'subscription S { ... on Subscription { a @skip { b } } }',
      ['Subscription "S" must not use @skip on its top-level selection'],
    ],
    [
      'on the spread itself',
      'subscription S { ...F @skip(if: false) } fragment F on Subscription { a { b } }',
      ['Subscription "S" must not use @skip on its top-level selection'],
    ],
    [
      'inside a named fragment, spread twice',
      'subscription S { ...F ...F } fragment F on Subscription { a @skip { b } }',
      ['Subscription "S" must not use @skip on its top-level selection'],
    ],
    ['a fragment cycle', 'subscription S { ...F } fragment F on Subscription { ...G } fragment G on Subscription { ...F }', []],
    ['below the root field', 'subscription S { a { b @skip(if: true) } }', []],
    ['another directive at the root', 'subscription S { a @deprecated { b } }', []],
    ['in a query', 'query Q { a @skip(if: true) { b } }', []],
  ])('%s', (_, document, expected) => {
    expect(subscriptionRootDirectiveErrors(parse(document)).map((error) => error.message)).toEqual(expected);
  });
});
