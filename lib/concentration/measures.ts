/**
 * Market-concentration measures: shares, HHI, CRn, equivalent number of firms,
 * Lorenz curve and Gini. Pure functions, no rounding (callers format).
 *
 * Input rules:
 * - `value: null` (undisclosed) rows are excluded and counted in `excluded`
 *   (per row), never treated as zero.
 * - Rows with the same id are summed first (null rows of that id still count
 *   in `excluded`; the disclosed rows of that id are summed).
 * - Ids whose summed value is <= 0 are dropped; `n` counts ids with a positive value.
 * - NaN / ±Infinity values are programming errors and throw a RangeError.
 */
import { classifyHhi, DEFAULT_GUIDELINES, HHI_MAX, OTHERS_ID } from './bands';
import type { Band, Guidelines } from './bands';

export interface Entry {
  readonly id: string;
  readonly name: string;
  readonly value: number | null;
}

export interface ShareEntry {
  id: string;
  name: string;
  value: number;
  /** Percent of total (0–100). */
  share: number;
  /** Only on the grouped '_others' row: how many firms it holds. */
  count?: number;
}

export type CrKey = '1' | '3' | '4' | '8';
export type LorenzPoint = [number, number];

export interface ConcentrationOptions {
  /** Name the `top` largest firms and group the rest into one '_others' row. */
  top?: number;
  guidelines?: Guidelines;
}

export interface ConcentrationResult {
  n: number;
  total: number;
  excluded: number;
  hhi: number;
  cr: Record<CrKey, number>;
  equivalentFirms: number | null;
  band: Band | null;
  shares: ShareEntry[];
  lorenz: LorenzPoint[];
  gini: number;
}

const CR_SIZES = [['1', 1], ['3', 3], ['4', 4], ['8', 8]] as const satisfies readonly (readonly [CrKey, number])[];

interface Firm {
  id: string;
  name: string;
  value: number;
}

function byValueDescThenId(a: Firm, b: Firm): number {
  if (a.value !== b.value) return b.value - a.value;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Disclosed values summed per id (a market from SQL has one row per id: then this is one pass); undisclosed rows counted. */
function sumById(entries: readonly Entry[]): { byId: Map<string, Firm>; excluded: number } {
  const byId = new Map<string, Firm>();
  let excluded = 0;
  for (const e of entries) {
    if (e.value === null) {
      excluded += 1;
      continue;
    }
    if (!Number.isFinite(e.value)) throw new RangeError(`Value of ${e.id} is not finite: ${e.value}`);
    const prev = byId.get(e.id);
    if (prev) prev.value += e.value;
    else byId.set(e.id, { id: e.id, name: e.name, value: e.value });
  }
  return { byId, excluded };
}

/** Sum duplicate ids, drop undisclosed and non-positive (in no particular order). */
function aggregate(entries: readonly Entry[]): { firms: Firm[]; excluded: number } {
  const { byId, excluded } = sumById(entries);
  const firms: Firm[] = [];
  for (const f of byId.values()) if (f.value > 0) firms.push(f);
  return { firms, excluded };
}

/** The `count` largest firms, largest first, ties by id: a bounded insertion, not a sort of every firm. */
function largest(firms: readonly Firm[], count: number): Firm[] {
  if (count === 0) return [];
  if (count > 64 || count >= firms.length / 8) return [...firms].sort(byValueDescThenId).slice(0, count);
  const kept: Firm[] = [];
  for (const firm of firms) {
    if (kept.length === count && byValueDescThenId(firm, kept[count - 1]) >= 0) continue;
    let at = kept.length === count ? count - 1 : kept.length;
    while (at > 0 && byValueDescThenId(firm, kept[at - 1]) < 0) {
      kept[at] = kept[at - 1];
      at -= 1;
    }
    kept[at] = firm;
  }
  return kept;
}

/** Lorenz points from values (any order): [cum. fraction of firms, cum. fraction of value]. */
export function lorenzCurve(values: readonly number[]): LorenzPoint[] {
  return lorenzOfAscending(values.filter((v) => v > 0).sort((a, b) => a - b));
}

/** Lorenz points from positive values already in ascending order. */
function lorenzOfAscending(sorted: ArrayLike<number>): LorenzPoint[] {
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += sorted[i];
  if (sorted.length === 0 || total <= 0) return [[0, 0], [1, 1]];
  const points: LorenzPoint[] = [[0, 0]];
  let cum = 0;
  for (let i = 0; i < sorted.length; i++) {
    cum += sorted[i];
    points.push(i === sorted.length - 1 ? [1, 1] : [(i + 1) / sorted.length, cum / total]);
  }
  return points;
}

/** Gini = 1 − Σ (x_k − x_{k−1})(y_k + y_{k−1}) over Lorenz points; clamped to [0, 1]. */
export function giniFromLorenz(points: readonly (readonly [number, number])[]): number {
  let area2 = 0;
  let prev: readonly [number, number] | undefined;
  for (const p of points) {
    if (prev) area2 += (p[0] - prev[0]) * (p[1] + prev[1]);
    prev = p;
  }
  const g = 1 - area2;
  if (g < 0) return 0;
  if (g > 1) return 1;
  return g;
}

function emptyResult(excluded: number): ConcentrationResult {
  const cr = { '1': 0, '3': 0, '4': 0, '8': 0 };
  const lorenz = lorenzCurve([]);
  return { n: 0, total: 0, excluded, hhi: 0, cr, equivalentFirms: null, band: null, shares: [], lorenz, gini: 0 };
}

/** Total, HHI and CRn of the firms' values in ascending order (the series needs no more than these). */
function sizeOf(ascending: Float64Array): { total: number; hhi: number; cr: Record<CrKey, number> } {
  // Sum largest first, in the same order as the CR prefix sums, so CRn over all firms is exactly 100.
  let total = 0;
  let sumSq = 0;
  for (let i = ascending.length - 1; i >= 0; i--) {
    total += ascending[i];
    sumSq += ascending[i] * ascending[i];
  }
  // 10,000·Σv²/(Σv)² has less float error than Σ(100·v/Σv)²; clamp guards noise.
  const hhi = Math.min(HHI_MAX, Math.max(0, (HHI_MAX * sumSq) / (total * total)));

  const cr: Record<CrKey, number> = { '1': 0, '3': 0, '4': 0, '8': 0 };
  for (const [key, size] of CR_SIZES) {
    let partial = 0;
    for (let i = ascending.length - 1; i >= Math.max(0, ascending.length - size); i--) partial += ascending[i];
    cr[key] = (100 * partial) / total;
  }
  return { total, hhi, cr };
}

/** Full concentration profile of a market. */
export function concentration(
  entries: readonly Entry[],
  opts: ConcentrationOptions = {},
): ConcentrationResult {
  const { top, guidelines = DEFAULT_GUIDELINES } = opts;
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) {
    throw new RangeError(`top must be a non-negative integer, got ${top}`);
  }
  const { firms, excluded } = aggregate(entries);
  if (firms.length === 0) return emptyResult(excluded);
  // The measures need the values alone: a numeric sort of a typed array, not of the firms by value and id.
  const ascending = new Float64Array(firms.length);
  for (let i = 0; i < firms.length; i++) ascending[i] = firms[i].value;
  ascending.sort();
  const { total, hhi, cr } = sizeOf(ascending);

  const named = top === undefined ? [...firms].sort(byValueDescThenId) : largest(firms, top);
  const shares: ShareEntry[] = named.map((f) => ({
    id: f.id,
    name: f.name,
    value: f.value,
    share: (100 * f.value) / total,
  }));
  const restCount = firms.length - named.length;
  if (restCount > 0) {
    // The firms not named are the smallest values (ties hold equal values): summed largest first, as ever.
    let value = 0;
    for (let i = restCount - 1; i >= 0; i--) value += ascending[i];
    shares.push({ id: OTHERS_ID, name: 'Others', value, share: (100 * value) / total, count: restCount });
  }

  const lorenz = lorenzOfAscending(ascending);
  return {
    n: firms.length,
    total,
    excluded,
    hhi,
    cr,
    equivalentFirms: hhi > 0 ? HHI_MAX / hhi : null,
    band: classifyHhi(hhi, guidelines),
    shares,
    lorenz,
    gini: giniFromLorenz(lorenz),
  };
}

/**
 * Split a round's amount equally among its participants (duplicate ids collapse
 * to one), so nothing is double counted in "by investor" concentration.
 * No participants -> [] (the amount cannot be attributed).
 */
export function splitEqually(
  amount: number,
  participantIds: readonly string[],
): { id: string; value: number }[] {
  if (!Number.isFinite(amount)) throw new RangeError(`amount must be finite, got ${amount}`);
  const ids = [...new Set(participantIds)];
  if (ids.length === 0) return [];
  const each = amount / ids.length;
  return ids.map((id) => ({ id, value: each }));
}

export interface SeriesPoint {
  period: string;
  hhi: number;
  cr4: number;
  n: number;
  total: number;
  excluded: number;
}

/**
 * Concentration per period, in input order: what `concentration` gives for HHI, CR4, n, total and excluded, summed in
 * the same order (largest value first; equal values add up the same in any order), without the shares, the Lorenz
 * curve and the Gini coefficient a series does not show, nor a sort of the firms by name. (Its band depends on the
 * guidelines: the caller classifies the HHI, lib/concentration/report.ts.)
 */
export function concentrationSeries(points: readonly { period: string; entries: readonly Entry[] }[]): SeriesPoint[] {
  return points.map(({ period, entries }) => {
    const { byId, excluded } = sumById(entries);
    const values = new Float64Array(byId.size);
    let n = 0;
    for (const f of byId.values()) if (f.value > 0) values[n++] = f.value;
    const sorted = values.subarray(0, n).sort();
    let total = 0;
    let sumSq = 0;
    let top4 = 0;
    for (let i = n - 1; i >= 0; i--) {
      const v = sorted[i];
      total += v;
      sumSq += v * v;
      if (i >= n - 4) top4 += v;
    }
    return seriesPointOf(period, { n, total, sumSq, top4, excluded });
  });
}

/** What a series point is made of: over the firms with a positive value, their number, Σv, Σv² and the four largest v added. */
export interface SeriesSums {
  n: number;
  total: number;
  sumSq: number;
  top4: number;
  excluded: number;
}

/** A series point from its sums (computed here from the firms, or by the database: db/concentration.ts). */
export function seriesPointOf(period: string, { n, total, sumSq, top4, excluded }: SeriesSums): SeriesPoint {
  if (n === 0 || total <= 0) return { period, hhi: 0, cr4: 0, n: 0, total: 0, excluded };
  const hhi = Math.min(HHI_MAX, Math.max(0, (HHI_MAX * sumSq) / (total * total)));
  return { period, hhi, cr4: (100 * top4) / total, n, total, excluded };
}
