import 'server-only';
import type { Atlas } from '@/db/connection';
import { listNames } from '@/db/rows';
import { getCollection } from '@/lib/collections';
import type { Collection } from '@/lib/collections/types';
import type { RefOption } from './RowForm';

/** Choices for every ref / refs column of a form (ids with names). */
export async function refOptionsFor(atlas: Atlas, collection: Collection): Promise<Record<string, RefOption[]>> {
  const options: Record<string, RefOption[]> = {};
  for (const column of collection.columns.filter((c) => (c.type === 'ref' || c.type === 'refs') && !c.readOnly)) {
    options[column.id] = (await listNames(atlas, getCollection(column.ref ?? ''))).map((n) => ({ id: n.id, name: n.name }));
  }
  return options;
}
