import { Products } from 'plaid';
import { PlaidProduct } from '../schema/enums';

const PRODUCTS: Record<PlaidProduct, Products> = {
  [PlaidProduct.TRANSACTIONS]: Products.Transactions,
  [PlaidProduct.AUTH]: Products.Auth,
  [PlaidProduct.IDENTITY]: Products.Identity,
};

/** The schema's product names as Plaid's, for Link tokens and sandbox Items alike. */
export const toPlaidProducts = (products: PlaidProduct[] | null | undefined) => products?.map((product) => PRODUCTS[product]);
