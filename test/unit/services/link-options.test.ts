import { CountryCode } from 'plaid';
import { DomainError } from '../../../src/errors/domain-error';
import { checkLinkOptions, type LinkOptionsInput } from '../../../src/services/link-options';

describe('Link option checks', () => {
  it.each<[string, LinkOptionsInput, ReturnType<typeof checkLinkOptions>]>([
    ['defaults', {}, { language: 'en', countryCodes: [CountryCode.Us] }],
    ['a language in any case', { language: 'FR' }, { language: 'fr', countryCodes: [CountryCode.Us] }],
    ['country codes in lower case', { countryCodes: ['gb', 'fr'] }, { language: 'en', countryCodes: [CountryCode.Gb, CountryCode.Fr] }],
    ['an empty country list, read as the default', { countryCodes: [] }, { language: 'en', countryCodes: [CountryCode.Us] }],
    [
      'an https redirect',
      { redirectUri: 'https://app.example.com/cb' },
      { language: 'en', countryCodes: [CountryCode.Us], redirectUri: 'https://app.example.com/cb' },
    ],
    [
      'an http redirect to localhost',
      { redirectUri: 'http://localhost:3000/cb' },
      { language: 'en', countryCodes: [CountryCode.Us], redirectUri: 'http://localhost:3000/cb' },
    ],
    [
      'an http redirect to 127.0.0.1',
      { redirectUri: 'http://127.0.0.1/cb' },
      { language: 'en', countryCodes: [CountryCode.Us], redirectUri: 'http://127.0.0.1/cb' },
    ],
    [
      'an Android package',
      { androidPackageName: 'com.example.app' },
      { language: 'en', countryCodes: [CountryCode.Us], androidPackageName: 'com.example.app' },
    ],
    [
      'nulls',
      { language: null, countryCodes: null, redirectUri: null, androidPackageName: null },
      { language: 'en', countryCodes: [CountryCode.Us] },
    ],
  ])('takes %s', (_case, options, checked) => {
    expect(checkLinkOptions(options, ['US'])).toEqual(checked);
  });

  it.each<[string, LinkOptionsInput, string]>([
    ['an unknown language', { language: 'klingon' }, 'language'],
    ['an unknown country', { countryCodes: ['US', 'ZZ'] }, 'countryCodes'],
    ['an http redirect elsewhere', { redirectUri: 'http://evil.example.com/cb' }, 'redirectUri'],
    ['a redirect that is no URL', { redirectUri: 'not a url' }, 'redirectUri'],
    ['another scheme', { redirectUri: 'ftp://example.com/cb' }, 'redirectUri'],
    ['a one-part package name', { androidPackageName: 'app' }, 'androidPackageName'],
    ['a package name with spaces', { androidPackageName: 'not a package' }, 'androidPackageName'],
  ])('refuses %s as BAD_USER_INPUT on its field', (_case, options, field) => {
    let thrown: unknown;
    try {
      checkLinkOptions(options, ['US']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
  });
});
