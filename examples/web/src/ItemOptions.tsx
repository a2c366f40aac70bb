import type { Item } from './ItemsPanel';

/** One <option> per Item, named by its institution: the bank picker of the transaction filters. */
export function ItemOptions({ items }: { items: Item[] }) {
  return items.map((item) => (
    <option key={item.id} value={item.id}>
      {item.institutionName ?? item.id}
    </option>
  ));
}
