// The rules every seed row in data/ must meet (`npm run data:check`, and test/unit/data-check.test.ts).
// Pure: the caller reads the files; see ./files.ts.
import { COLLECTIONS } from '../collections';
import { ruleIssuesOf } from '../collections/rules';
import type { Collection } from '../collections/types';
import { issuesOf, rowSchemas } from '../collections/schemas';
import { parseSeedCsv, type SeedRow } from './parse';
import { sourceUrlProblem } from './urls';

export interface SeedInput {
  /** CSV text by collection id; a collection without a file has no seed rows. */
  csv: Partial<Record<string, string>>;
  /** The source report (shared/seeds/…txt), or null when it could not be read. */
  report: string | null;
}

/** Collections whose rows state a figure or a dated fact: each row must name the page that states it. */
const SOURCED_COLLECTIONS: Readonly<Record<string, string>> = { investments: 'a figure row', 'market-shares': 'a figure row', 'fx-rates': 'a figure row', events: 'a milestone' };
const POSITIVE_COLUMNS: Record<string, readonly string[]> = {
  investments: ['amount_usd', 'amount_original', 'post_money_usd'],
  'market-shares': ['share_pct', 'value'],
  'fx-rates': ['rate'],
};
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** Where a disputed round's notes give the competing figures. */
const DISPUTE_MARK = 'Disputed:';
/** A hypothesis citing the report by this name must quote it. */
const REPORT_SOURCE = /CICC/;
/** An elision inside a quotation: each side must be in the report on its own. */
const ELISION = /…|\.\.\./;

const present = (v: unknown) => v !== null && v !== undefined && v !== '';
const withoutSpaces = (s: string) => s.replace(/\s+/g, '');

export function normaliseCompanyName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function checkSeedData(input: SeedInput): string[] {
  const problems: string[] = [];
  const rows = new Map<string, SeedRow[]>();
  for (const collection of COLLECTIONS) {
    const text = input.csv[collection.id];
    const parsed = text === undefined ? { rows: [], problems: [] } : parseSeedCsv(collection, text);
    problems.push(...parsed.problems);
    rows.set(collection.id, parsed.rows);
  }
  const ids = new Map<string, Set<string>>([...rows].map(([id, list]) => [id, new Set(list.map((r) => String(r.values.id ?? '')))]));

  for (const collection of COLLECTIONS) {
    const seen = new Set<string>();
    for (const row of rows.get(collection.id) ?? []) {
      const at = `${collection.id}.csv line ${row.line} (${String(row.values.id ?? 'no id')})`;
      const report = (message: string) => problems.push(`${at}: ${message}`);
      const id = String(row.values.id ?? '');
      if (!id) report('has no id');
      else if (seen.has(id)) report('repeats an id');
      seen.add(id);
      rowProblems(collection, row.values, ids).forEach(report);
    }
  }
  problems.push(...companyNameProblems(rows.get('companies') ?? []));
  problems.push(...hypothesisQuoteProblems(rows.get('hypotheses') ?? [], input.report));
  problems.push(...shareTotalProblems(rows.get('market-shares') ?? []));
  problems.push(...segmentNameProblems(rows.get('market-shares') ?? []));
  return problems;
}

function rowProblems(collection: Collection, values: Record<string, unknown>, ids: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  const parsed = rowSchemas(collection).create.safeParse(values);
  if (!parsed.success) problems.push(...issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`));
  problems.push(...(ruleIssuesOf(collection, values)).map((i) => `${i.path}: ${i.message}`));

  for (const column of collection.columns) {
    if ((column.type === 'ref' || column.type === 'refs') && column.ref) {
      const value = values[column.id];
      const wanted = Array.isArray(value) ? value : present(value) ? [value] : [];
      for (const target of wanted) {
        if (!ids.get(column.ref)?.has(String(target))) problems.push(`${column.id}: no ${column.ref} row "${String(target)}"`);
      }
    }
  }
  for (const ref of collection.references?.(values) ?? []) {
    if (!ids.get(ref.collection)?.has(ref.id)) problems.push(`${ref.path}: no ${ref.collection} row "${ref.id}"`);
  }

  if (collection.columns.some((c) => c.id === 'source_url')) {
    const url = values.source_url;
    if (present(url)) {
      const why = sourceUrlProblem(String(url));
      if (why) problems.push(`source_url ${why}`);
    } else if (SOURCED_COLLECTIONS[collection.id]) {
      problems.push(`source_url: ${SOURCED_COLLECTIONS[collection.id]} must name the page that states it`);
    }
  }
  for (const column of POSITIVE_COLUMNS[collection.id] ?? []) {
    const value = values[column];
    if (typeof value === 'number' && value <= 0) problems.push(`${column}: must be above 0 (unknown stays empty)`);
  }
  if (collection.id === 'investments') problems.push(...currencyProblems(values), ...disputeProblems(values));
  if (collection.id === 'events') problems.push(...milestoneDateProblems(values));
  if (collection.id === 'fx-rates' && present(values.currency_code) && !ISO_CURRENCIES.has(String(values.currency_code))) {
    problems.push(`currency_code: "${String(values.currency_code)}" is not an ISO 4217 code`);
  }
  return problems;
}

/**
 * A milestone says how precisely its date is known, and a date known to the month, quarter or year is the first
 * day of that span (2023-08-01 for "August 2023"): charts place it in the span's bucket, never in a finer one.
 */
function milestoneDateProblems(values: Record<string, unknown>): string[] {
  const date = String(values.date ?? '');
  const precision = values.date_precision;
  if (!present(precision)) return ['date_precision: a milestone says how precisely its date is known (day, month, quarter or year)'];
  const [, month, day] = date.split('-').map(Number);
  const start =
    precision === 'year' ? month === 1 && day === 1
    : precision === 'quarter' ? day === 1 && (month - 1) % 3 === 0
    : precision === 'month' ? day === 1
    : true;
  return start ? [] : [`date: a date known to the ${String(precision)} is the first day of that ${String(precision)} (got ${date})`];
}

/** A disputed round names its competing figures in notes after "Disputed:"; notes naming a dispute mark the round. */
function disputeProblems(values: Record<string, unknown>): string[] {
  const named = String(values.notes ?? '').includes(DISPUTE_MARK);
  const marked = values.disputed === 1;
  if (marked && !named) return [`disputed: the notes must give the competing figures and their sources after "${DISPUTE_MARK}"`];
  if (named && !marked) return [`notes describe a dispute ("${DISPUTE_MARK}") but the round is not marked disputed`];
  return [];
}

function currencyProblems(values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (present(values.currency) && !ISO_CURRENCIES.has(String(values.currency))) problems.push(`currency: "${String(values.currency)}" is not an ISO 4217 code`);
  if (present(values.amount_original) !== present(values.currency)) problems.push('amount_original and currency go together');
  return problems;
}

function companyNameProblems(companies: SeedRow[]): string[] {
  const byName = new Map<string, string>();
  const problems: string[] = [];
  for (const row of companies) {
    const key = normaliseCompanyName(String(row.values.name ?? ''));
    if (!key) continue;
    const other = byName.get(key);
    if (other) problems.push(`companies.csv line ${row.line} (${String(row.values.id)}): same name as ${other} once normalised ("${key}")`);
    else byName.set(key, String(row.values.id));
  }
  return problems;
}

function hypothesisQuoteProblems(hypotheses: SeedRow[], report: string | null): string[] {
  const cited = hypotheses.filter((r) => REPORT_SOURCE.test(String(r.values.source ?? '')));
  if (!cited.length) return [];
  if (report === null) return ['the source report (../shared/seeds/000_af8c5df4f2525c29.txt) could not be read'];
  const text = withoutSpaces(report);
  const problems: string[] = [];
  for (const row of cited) {
    const at = `hypotheses.csv line ${row.line} (${String(row.values.id)})`;
    const quote = String(row.values.statement_zh ?? '');
    if (!quote.trim()) {
      problems.push(`${at}: cites the report but has no Chinese statement`);
      continue;
    }
    for (const part of quote.split(ELISION).map(withoutSpaces).filter(Boolean)) {
      if (!text.includes(part)) problems.push(`${at}: statement_zh is not the report's own wording ("${part.slice(0, 40)}…" not found)`);
    }
  }
  return problems;
}

function shareTotalProblems(shares: SeedRow[]): string[] {
  const totals = new Map<string, number>();
  for (const row of shares) {
    const share = row.values.share_pct;
    if (typeof share !== 'number') continue;
    const key = `${String(row.values.segment)} · ${String(row.values.period)}`;
    totals.set(key, (totals.get(key) ?? 0) + share);
  }
  return [...totals].filter(([, total]) => total > 100 + 1e-9).map(([key, total]) => `market-shares.csv: shares of "${key}" add up to ${total} %, more than 100 %`);
}

/** Every segment has one Chinese name (segment_zh), the same on each of its rows: the Chinese UI shows it. */
function segmentNameProblems(shares: SeedRow[]): string[] {
  const names = new Map<string, Set<string>>();
  for (const row of shares) {
    const segment = String(row.values.segment ?? '');
    const zh = present(row.values.segment_zh) ? String(row.values.segment_zh) : '';
    names.set(segment, (names.get(segment) ?? new Set()).add(zh));
  }
  return [...names].flatMap(([segment, zh]) => {
    if (zh.has('')) return [`market-shares.csv: segment "${segment}" has a row without a Chinese name (segment_zh)`];
    return zh.size > 1 ? [`market-shares.csv: segment "${segment}" has several Chinese names (${[...zh].join(' / ')})`] : [];
  });
}
