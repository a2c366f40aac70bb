import type { CategoriesGetResponse } from 'plaid';
import { categoriesGetSchema } from './endpoint-request-schemas';
import { clientEndpoint, type PlaidEndpoint } from '../server/plaid-endpoint';
import { LEGACY_CATEGORIES } from '../data/legacy-categories';

export const categoryEndpoints: readonly PlaidEndpoint[] = [
  // Plaid serves the category list without keys.
  clientEndpoint<object, CategoriesGetResponse>(
    '/categories/get',
    categoriesGetSchema,
    () => ({ categories: LEGACY_CATEGORIES.map((category) => ({ ...category, hierarchy: [...category.hierarchy] })) }),
    false,
  ),
];
