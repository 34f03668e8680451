import { sql } from 'kysely';
import { COLLECTIONS, getCollection } from '../lib/collections';
import { CONFIDENCE } from '../lib/collections/shared-columns';
import type { Collection, Row } from '../lib/collections/types';
import { parseQuery } from '../lib/query/parse';
import { MAX_PAGE_SIZE } from '../lib/query/spec';
import type { Atlas } from './connection';
import { listRows } from './rows';
import { dynamic } from './types';

// What /sources and GET /api/v1/sources show (issue 21): which outside pages the data rests on, how sure we
// are of what they back, and which figures are disputed, with the sources that compete. Rows are counted per
// address and confidence in SQL; addresses are folded into domains here (a host name is not portable SQL).

export type Confidence = (typeof CONFIDENCE)[number];
/** A row without a confidence is counted under this key. */
export const NO_CONFIDENCE = 'none';

export interface SourceDomain {
  domain: string;
  /** Rows whose source_url is on this domain, in all. */
  rows: number;
  /** Rows per collection id (investments, market-shares, companies, use-cases). */
  byCollection: Record<string, number>;
  /** Rows per confidence value, `none` for rows without one. */
  byConfidence: Record<string, number>;
}

export interface DisputedFigure {
  collection: string;
  id: string;
  company: { id: string; name: string; name_zh: string | null } | null;
  round_type: string | null;
  announced_on: string | null;
  date_precision: string | null;
  amount_usd: number | null;
  amount_original: number | null;
  currency: string | null;
  post_money_usd: number | null;
  confidence: string | null;
  /** The source of the figure kept. */
  source_url: string | null;
  /** The competing figures and their sources, as the notes give them. */
  notes: string | null;
  /** The addresses the notes cite: the competing sources. */
  competing: string[];
}

export interface SourcesReport {
  /** Collections whose rows name a source, by id: rows in all and rows without a source. */
  collections: { id: string; rows: number; withoutSource: number }[];
  /** Rows per confidence over every sourced collection. */
  confidence: Record<string, number>;
  domains: SourceDomain[];
  disputed: DisputedFigure[];
}

const sourcedCollections = () => COLLECTIONS.filter((c) => c.columns.some((col) => col.id === 'source_url'));

/** `www.example.com/…` → `example.com`; null for an address that does not parse. */
export function domainOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** A full http(s) address, or a bare host name with an optional path (`reportify.ai/social-media/76…`, `d-nvest.com`). */
const ADDRESS_IN_TEXT = /\bhttps?:\/\/[^\s<>"')\]]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/[^\s<>"'),;\]]*)?/gi;

/**
 * The addresses a note names, as http(s) URLs (a bare host gets https://), without trailing punctuation, each once.
 * Our notes cite a competing source by its address or its host name (`per d-nvest.com`).
 */
export function urlsIn(text: string): string[] {
  const found = (text.match(ADDRESS_IN_TEXT) ?? []).map((u) => u.replace(/[.,;:]+$/, '')).map((u) => (/^https?:\/\//i.test(u) ? u : `https://${u}`));
  return [...new Set(found)].filter((u) => domainOf(u) !== null);
}

async function countsOf(atlas: Atlas, collection: Collection) {
  const hasConfidence = collection.columns.some((c) => c.id === 'confidence');
  const confidence = hasConfidence ? sql<string | null>`confidence` : sql<string | null>`null`;
  return dynamic(atlas.db)
    .selectFrom(collection.table)
    .select([sql<string | null>`source_url`.as('url'), confidence.as('confidence'), sql<number | string>`count(*)`.as('n')])
    .groupBy(hasConfidence ? [sql`source_url`, sql`confidence`] : [sql`source_url`])
    .execute();
}

/** The sources a disputed row's notes name after "Disputed:", other than the row's own source's domain. */
function competingSources(notes: string | null, source: string | null): string[] {
  if (!notes) return [];
  const dispute = notes.slice(Math.max(0, notes.indexOf('Disputed:')));
  const own = source ? domainOf(source) : null;
  return urlsIn(dispute).filter((u) => domainOf(u) !== own);
}

async function disputedOf(atlas: Atlas, collection: Collection): Promise<DisputedFigure[]> {
  if (!collection.columns.some((c) => c.id === 'disputed' && c.type === 'flag')) return [];
  const spec = parseQuery(getCollection(collection.id), new URLSearchParams({ disputed: '1', pageSize: String(MAX_PAGE_SIZE) }));
  const { rows } = await listRows(atlas, spec);
  return rows.map((row: Row) => {
    const value = <T,>(key: string) => (row[key] ?? null) as T | null;
    const notes = value<string>('notes');
    const source = value<string>('source_url');
    return {
      collection: collection.id,
      id: row.id,
      company: value<DisputedFigure['company']>('company'),
      round_type: value<string>('round_type'),
      announced_on: value<string>('announced_on'),
      date_precision: value<string>('date_precision'),
      amount_usd: value<number>('amount_usd'),
      amount_original: value<number>('amount_original'),
      currency: value<string>('currency'),
      post_money_usd: value<number>('post_money_usd'),
      confidence: value<string>('confidence'),
      source_url: source,
      notes,
      competing: competingSources(notes, source),
    };
  });
}

export async function sourcesReport(atlas: Atlas): Promise<SourcesReport> {
  const domains = new Map<string, SourceDomain>();
  const confidence: Record<string, number> = Object.fromEntries([...CONFIDENCE, NO_CONFIDENCE].map((c) => [c, 0]));
  const collections: SourcesReport['collections'] = [];
  const disputed: DisputedFigure[] = [];
  for (const collection of sourcedCollections()) {
    let rows = 0;
    let withoutSource = 0;
    for (const found of await countsOf(atlas, collection)) {
      const n = Number(found.n);
      rows += n;
      const level = found.confidence ?? NO_CONFIDENCE;
      confidence[level] = (confidence[level] ?? 0) + n;
      const domain = found.url ? domainOf(found.url) : null;
      if (!domain) {
        withoutSource += n;
        continue;
      }
      const entry = domains.get(domain) ?? { domain, rows: 0, byCollection: {}, byConfidence: {} };
      entry.rows += n;
      entry.byCollection[collection.id] = (entry.byCollection[collection.id] ?? 0) + n;
      entry.byConfidence[level] = (entry.byConfidence[level] ?? 0) + n;
      domains.set(domain, entry);
    }
    collections.push({ id: collection.id, rows, withoutSource });
    disputed.push(...(await disputedOf(atlas, collection)));
  }
  const sorted = [...domains.values()].sort((a, b) => b.rows - a.rows || (a.domain < b.domain ? -1 : 1));
  return { collections, confidence, domains: sorted, disputed };
}
