import 'server-only';
import type { Atlas } from '@/db/connection';
import { labelledFacets } from '@/db/facets';
import { facetCounts, refNames, type RefName } from '@/db/rows';
import { getCollection } from '@/lib/collections';
import { parseQuery } from '@/lib/query/parse';

// The pickers of the analysis views' filter forms: investors (most rounds first) and countries.

const MAX_INVESTORS = 300;

/** The investors with the most rounds, plus the chosen one if it is not among them; its name, if it exists. */
export async function investorOptions(atlas: Atlas, chosen: string | null): Promise<{ investors: RefName[]; chosen: RefName | null }> {
  const spec = parseQuery(getCollection('investments'), new URLSearchParams());
  const facets = await labelledFacets(atlas, spec, ['investor'], MAX_INVESTORS);
  const investors: RefName[] = (facets.investor ?? [])
    .filter((f) => f.value !== null)
    .map((f) => ({ id: String(f.value), name: f.name ?? String(f.value), name_zh: f.name_zh ?? null }));
  let found = chosen ? (investors.find((i) => i.id === chosen) ?? null) : null;
  if (chosen && !found) {
    found = (await refNames(atlas, getCollection('companies'), [chosen])).get(chosen) ?? null;
    if (found) investors.push(found);
  }
  investors.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return { investors, chosen: found };
}

/** Countries of companies, most companies first. */
export async function countryOptions(atlas: Atlas): Promise<string[]> {
  const facets = await facetCounts(atlas, parseQuery(getCollection('companies'), new URLSearchParams()), ['country']);
  return (facets.country ?? []).map((f) => f.value).filter((v): v is string => typeof v === 'string').sort();
}
