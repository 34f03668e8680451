import type { Collection, Column } from '../collections/types';

// Is an imported row the same as the stored one? Column by column over the columns the file has, with
// participant lists compared as sets (the database keeps no order among them).

/** Investment participants: `lead_investors` are the leads, `investors` every participant (leads included). */
export interface Participants {
  lead_investors: string[];
  investors: string[];
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * The participants after an import, as an update through the API would leave them (db/repository.ts): a
 * column the file lacks keeps the stored list; `investors` alone replaces the participants, keeping the leads
 * that remain; `lead_investors` alone re-marks the leads and keeps every other participant. Leads are always
 * participants, so an export with either column alone imports unchanged.
 */
export function participantsAfter(stored: Record<string, unknown> | null, data: Record<string, unknown>): Participants {
  const investors = 'investors' in data ? asList(data.investors) : asList(stored?.investors);
  const leads = 'lead_investors' in data ? asList(data.lead_investors) : asList(stored?.lead_investors).filter((id) => investors.includes(id));
  return { lead_investors: [...new Set(leads)], investors: [...new Set([...leads, ...investors])] };
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/** JSON with object keys sorted, so that key order does not count as a change. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function sameValue(column: Column, stored: unknown, incoming: unknown): boolean {
  const a = stored ?? null;
  const b = incoming ?? null;
  if (a === null || b === null) return a === b;
  switch (column.type) {
    case 'refs':
      return sameSet(asList(a), asList(b));
    case 'json':
      return canonicalJson(a) === canonicalJson(b);
    case 'integer':
    case 'money':
    case 'number':
    case 'flag':
      return Number(a) === Number(b);
    default:
      return String(a) === String(b);
  }
}

/** True when writing `data` (and these participants) would change nothing in the stored row. */
export function isUnchanged(collection: Collection, stored: Record<string, unknown>, data: Record<string, unknown>, participants: Participants | null): boolean {
  for (const column of collection.columns) {
    if (column.type === 'refs') {
      if (participants && !sameValue(column, stored[column.id], participants[column.id as keyof Participants])) return false;
      continue;
    }
    if (column.id in data && !sameValue(column, stored[column.id], data[column.id])) return false;
  }
  return true;
}

/** Whether the collection has participant lists (investments). */
export const hasParticipants = (collection: Collection) => collection.columns.some((c) => c.type === 'refs');
