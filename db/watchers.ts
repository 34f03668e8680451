import { sql } from 'kysely';
import { parseTablePath, parseConcentrationPath } from '../lib/alerts/paths';
import { channelsSchema, verdictOf, type AlertChannels, type Verdict } from '../lib/alerts/rule';
import { tilesOf } from '../lib/boards/kinds';
import { REGISTRY } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import { concentrationReport } from './concentration';
import { metricOf, parseConcentrationQuery, parseIndicator, readIndicator, type Metric } from '../lib/concentration';
import { parseQuery } from '../lib/query/parse';
import type { QuerySpec } from '../lib/query/spec';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import type { DialectName } from './dialect';
import { dynamic } from './types';
import { conditionsOf } from './where';

// What the follows and the active alert rules watch (issue 18), loaded inside the writing transaction: table
// views (a followed view, a company's rounds and use cases, a board's table tiles, a new-rows rule), hypothesis
// indicators (a followed hypothesis, an indicator rule) and concentration measures (a metric rule).

/** Who is told: a follow or an alert rule. */
export interface Source {
  type: 'follow' | 'alert';
  id: string;
  owner: string;
  title: string;
  /** A follow's kind (company, investor, view, hypothesis, board) or a rule's (new-rows, indicator, metric). */
  kind: string;
  channels: AlertChannels | null;
  lastState: string | null;
}

export interface TableWatch {
  source: Source;
  collection: Collection;
  spec: QuerySpec;
  pathname: string;
  params: URLSearchParams;
}

export interface IndicatorWatch {
  source: Source;
  hypothesisId: string;
}

export interface MetricWatch {
  source: Source;
  path: string;
  params: URLSearchParams;
  metric: Metric;
  threshold: number;
  direction: string;
}

export interface Watchers {
  tables: TableWatch[];
  indicators: IndicatorWatch[];
  metrics: MetricWatch[];
}

/** Collections whose rows a concentration measure (and so a hypothesis indicator) reads. */
export const CONCENTRATION_INPUTS = ['investments', 'companies', 'market-shares', 'fx-rates'];

interface WatcherRow {
  src: string;
  id: string;
  owner: string;
  kind: string;
  path: string | null;
  title: string | null;
  hypothesis_id: string | null;
  metric: string | null;
  threshold: number | null;
  direction: string | null;
  channels: string | null;
}

function tableWatch(source: Source, path: string): TableWatch | null {
  try {
    const view = parseTablePath(path, REGISTRY);
    const spec = parseQuery(view.collection, view.params, { extra: ['columns'] });
    const params = new URLSearchParams(view.params);
    params.delete('page');
    return { source, collection: view.collection, spec, pathname: `/${view.collection.id}`, params };
  } catch {
    return null; // a view that no longer parses (a column since removed) watches nothing
  }
}

/** The table views a company follow watches: as a company its rounds and use cases, as an investor the rounds it joins. */
const companyPaths = (kind: string, id: string): string[] =>
  kind === 'investor'
    ? [`/investments?investor=${encodeURIComponent(id)}`]
    : [`/investments?company_id=${encodeURIComponent(id)}`, `/use-cases?customer_id=${encodeURIComponent(id)}`, `/use-cases?provider_id=${encodeURIComponent(id)}`];

function parseChannels(raw: string | null): AlertChannels | null {
  if (!raw) return null;
  const parsed = channelsSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/**
 * Every follow and active rule, in one query (the whole cost of a write when there are none), then the boards
 * followed. Null when there is nothing to watch.
 */
export async function loadWatchers(trx: Executor): Promise<Watchers | null> {
  const { rows } = await sql<WatcherRow & { last_state: string | null }>`
    select 'follow' as src, id, owner, kind, target as path, title, null as hypothesis_id, null as metric, null as threshold, null as direction, null as channels, null as last_state from follows
    union all
    select 'alert' as src, id, owner, kind, path, title, hypothesis_id, metric, threshold, direction, channels, last_state from alerts where active = 1`.execute(trx);
  if (rows.length === 0) return null;
  const watchers: Watchers = { tables: [], indicators: [], metrics: [] };
  const boards = rows.filter((r) => r.src === 'follow' && r.kind === 'board').map((r) => String(r.path));
  const tiles = new Map<string, unknown>();
  if (boards.length) {
    const found = await dynamic(trx as Atlas['db']).selectFrom('boards').select([sql<string>`id`.as('id'), sql<string>`tiles`.as('tiles')]).where(sql<boolean>`id in (${sql.join(boards)})`).execute();
    for (const b of found) tiles.set(String(b.id), typeof b.tiles === 'string' ? JSON.parse(b.tiles) : b.tiles);
  }
  for (const row of rows) {
    const source: Source = { type: row.src === 'alert' ? 'alert' : 'follow', id: row.id, owner: row.owner, title: row.title ?? row.path ?? row.id, kind: row.kind, channels: parseChannels(row.channels), lastState: row.last_state };
    const addTable = (path: string) => {
      const watch = tableWatch(source, path);
      if (watch) watchers.tables.push(watch);
    };
    if (source.type === 'follow') {
      const target = String(row.path);
      if (row.kind === 'company' || row.kind === 'investor') companyPaths(row.kind, target).forEach(addTable);
      else if (row.kind === 'view') addTable(target);
      else if (row.kind === 'hypothesis') watchers.indicators.push({ source, hypothesisId: target });
      else if (row.kind === 'board') for (const tile of tilesOf(tiles.get(target))) if (tile.kind === 'table') addTable(tile.path);
    } else if (row.kind === 'new-rows' && row.path) addTable(row.path);
    else if (row.kind === 'indicator' && row.hypothesis_id) watchers.indicators.push({ source, hypothesisId: row.hypothesis_id });
    else if (row.kind === 'metric' && row.path && row.metric && row.threshold !== null && row.direction) {
      const metric = metricWatch(source, row.path, row.metric, Number(row.threshold), row.direction);
      if (metric) watchers.metrics.push(metric);
    }
  }
  return watchers;
}

function metricWatch(source: Source, path: string, metric: string, threshold: number, direction: string): MetricWatch | null {
  try {
    return { source, path, params: parseConcentrationPath(path, REGISTRY), metric: metric as Metric, threshold, direction };
  } catch {
    return null;
  }
}

/** Which rows of a set match a watched view: up to `limit` ids, their number, and how many were created at `clock`. */
export async function matchingRows(trx: Executor, dialect: DialectName, watch: TableWatch, rows: { ids: readonly string[] } | { clock: string }, limit: number): Promise<{ ids: string[]; count: number; created: number }> {
  const table = watch.collection.table;
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  const within = 'ids' in rows ? sql<boolean>`${ref('id')} in (${sql.join(rows.ids)})` : sql<boolean>`${ref('updated_at')} = ${rows.clock}`;
  const conditions = conditionsOf(dialect, watch.spec);
  const where = conditions ? sql<boolean>`${conditions} and ${within}` : within;
  const clock = 'clock' in rows ? rows.clock : '';
  const { rows: found } = await sql<{ id: string; n: number; created: number }>`
    select ${ref('id')} as id, count(*) over () as n, sum(case when ${ref('created_at')} = ${clock} then 1 else 0 end) over () as created
    from ${sql.table(table)} where ${where} order by ${ref('id')} limit ${limit}`.execute(trx);
  return { ids: found.map((r) => String(r.id)), count: Number(found[0]?.n ?? 0), created: Number(found[0]?.created ?? 0) };
}

export interface IndicatorNow {
  code: string;
  verdict: Verdict;
  reading: { metric: string; value: number | null; threshold: number | null; direction: string | null };
}

/** A hypothesis indicator read inside the transaction (what the write sees); null without a readable indicator. */
export async function indicatorNow(trx: Executor, dialect: DialectName, hypothesisId: string): Promise<IndicatorNow | null> {
  const row = await trx.selectFrom('hypotheses').select(['code', 'indicator']).where('id', '=', hypothesisId).executeTakeFirst();
  if (!row) return null;
  const parsed = parseIndicator(row.indicator);
  if (parsed.kind !== 'ok') return null;
  const report = await concentrationReport({ db: trx as Atlas['db'], dialect }, parsed.query, null);
  const reading = readIndicator(parsed.indicator, report);
  return { code: String(row.code), verdict: verdictOf(reading.met), reading };
}

/** A metric rule's measure read inside the transaction. */
export async function metricNow(trx: Executor, dialect: DialectName, watch: MetricWatch): Promise<number | null> {
  const query = parseConcentrationQuery(watch.params, { extra: ['mergeA', 'mergeB'] });
  const report = await concentrationReport({ db: trx as Atlas['db'], dialect }, query, null);
  return metricOf(report, watch.metric);
}
