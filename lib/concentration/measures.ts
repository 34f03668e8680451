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
  /** Absent: the id stands for the name (a market read without names; the firms shown are named later). */
  readonly name?: string;
  readonly value: number | null;
  /** The firm's Chinese name, where the market knows it. */
  readonly name_zh?: string | null;
}

export interface ShareEntry {
  id: string;
  name: string;
  value: number;
  /** Percent of total (0–100). */
  share: number;
  /** Only on the grouped '_others' row: how many firms it holds. */
  count?: number;
  /** With `withNamesZh`: the firm's Chinese name, or null. */
  name_zh?: string | null;
}

export type CrKey = '1' | '3' | '4' | '8';
export type LorenzPoint = [number, number];

export interface ConcentrationOptions {
  /** Name the `top` largest firms and group the rest into one '_others' row. */
  top?: number;
  guidelines?: Guidelines;
  /** At most this many Lorenz points, evenly spaced along the firm axis, endpoints kept; the Gini is of the whole curve. */
  lorenzPoints?: number;
  /** Each share carries its firm's `name_zh` (null where none is known). */
  withNamesZh?: boolean;
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
  name?: string;
  value: number;
  name_zh?: string | null;
}

function byValueDescThenId(a: Firm, b: Firm): number {
  if (a.value !== b.value) return b.value - a.value;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether each entry's id is above the one before: then no two share an id (a market from SQL, grouped by id, usually is). */
function idsAscending(entries: readonly Entry[]): boolean {
  for (let i = 1; i < entries.length; i++) if (!(entries[i - 1].id < entries[i].id)) return false;
  return true;
}

/**
 * Disclosed values summed per id, undisclosed rows counted, non-positive sums dropped (in no particular order).
 * Entries already one per id, in id order, are the firms as they stand: no map by id (90,000 string keys: ~55 ms).
 */
function aggregate(entries: readonly Entry[]): { firms: Firm[]; excluded: number } {
  const byId = idsAscending(entries) ? null : new Map<string, Firm>();
  const firms: Firm[] = [];
  let excluded = 0;
  for (const e of entries) {
    if (e.value === null) {
      excluded += 1;
      continue;
    }
    if (!Number.isFinite(e.value)) throw new RangeError(`Value of ${e.id} is not finite: ${e.value}`);
    if (!byId) {
      if (e.value > 0) firms.push(e as Firm);
      continue;
    }
    const prev = byId.get(e.id);
    if (prev) prev.value += e.value;
    else byId.set(e.id, { id: e.id, name: e.name, value: e.value, name_zh: e.name_zh });
  }
  if (byId) for (const f of byId.values()) if (f.value > 0) firms.push(f);
  return { firms, excluded };
}

/**
 * The indices of `values` (positive, finite) by value, largest first, equal values in index order: a stable LSD radix
 * sort on the values' bits (a positive double's bits order as its value does), four passes of 16 bits.
 */
function indicesByValueDesc(values: Float64Array): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  // Little-endian hosts (every one Node.js runs on) hold the low word first.
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    // The digit complemented, so that an ascending sort of it orders the values descending.
    for (let i = 0; i < n; i++) counts[0xffff - ((words[2 * i + word] >>> shift) & 0xffff)]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = order[i];
      next[counts[0xffff - ((words[2 * at + word] >>> shift) & 0xffff)]++] = at;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Every firm, largest first, ties by id, from the radix sort of their values (`indicesByValueDesc`; no comparison sort
 * of the firms: 90,000 firms in a few ms rather than 200). Equal values come in input order; a run of them out of id
 * order is then sorted.
 */
function ranked(firms: readonly Firm[], order: Uint32Array): Firm[] {
  const out = new Array<Firm>(firms.length);
  for (let i = 0; i < order.length; i++) out[i] = firms[order[i]];
  for (let start = 0; start < out.length; ) {
    let end = start + 1;
    while (end < out.length && out[end].value === out[start].value) end++;
    let inOrder = true;
    for (let i = start + 1; i < end && inOrder; i++) inOrder = out[i - 1].id < out[i].id;
    if (!inOrder) {
      const run = out.slice(start, end).sort(byValueDescThenId);
      for (let i = 0; i < run.length; i++) out[start + i] = run[i];
    }
    start = end;
  }
  return out;
}

/** The `count` largest firms, largest first, ties by id: a bounded insertion, not a sort of every firm. */
function largest(firms: readonly Firm[], count: number): Firm[] {
  if (count === 0) return [];
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
  return lorenzAndGini(values.filter((v) => v > 0).sort((a, b) => a - b)).lorenz;
}

/**
 * The Lorenz curve of positive values in ascending order and its Gini coefficient, in one pass: the Gini of every
 * point (as `giniFromLorenz` adds them), the curve kept at `maxPoints` of them at most (the points `downsampleLorenz`
 * would keep), so that 100,000 firms need not become 100,000 pairs first.
 */
function lorenzAndGini(sorted: ArrayLike<number>, maxPoints?: number): { lorenz: LorenzPoint[]; gini: number } {
  const n = sorted.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  if (n === 0 || total <= 0) {
    const lorenz: LorenzPoint[] = [[0, 0], [1, 1]];
    return { lorenz, gini: giniFromLorenz(lorenz) };
  }
  // Point k of the kept ones is the full curve's point round(k·n/(maxPoints−1)); consecutive equal indices once.
  const sampled = maxPoints !== undefined && n + 1 > maxPoints;
  let k = 1;
  const lorenz: LorenzPoint[] = [[0, 0]];
  let area2 = 0;
  let previousX = 0;
  let previousY = 0;
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += sorted[i];
    const last = i === n - 1;
    const x = last ? 1 : (i + 1) / n;
    const y = last ? 1 : cum / total;
    area2 += (x - previousX) * (y + previousY);
    previousX = x;
    previousY = y;
    if (!sampled) {
      lorenz.push([x, y]);
      continue;
    }
    const index = i + 1;
    while (k < maxPoints && Math.round((k * n) / (maxPoints - 1)) < index) k++;
    if (k < maxPoints && Math.round((k * n) / (maxPoints - 1)) === index) lorenz.push([x, y]);
  }
  const g = 1 - area2;
  return { lorenz, gini: g < 0 ? 0 : g > 1 ? 1 : g };
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
  const { top, guidelines = DEFAULT_GUIDELINES, lorenzPoints, withNamesZh } = opts;
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) {
    throw new RangeError(`top must be a non-negative integer, got ${top}`);
  }
  const { firms, excluded } = aggregate(entries);
  if (firms.length === 0) return emptyResult(excluded);
  // The measures need the values alone in order: a typed array's, not the firms sorted by value and id.
  const values = new Float64Array(firms.length);
  for (let i = 0; i < firms.length; i++) values[i] = firms[i].value;
  let ascending: Float64Array;
  let named: Firm[];
  if (top !== undefined && top <= 64 && top < firms.length / 8) {
    // A few named firms: a numeric sort of the values, the firms kept by a bounded insertion.
    ascending = values.sort();
    named = largest(firms, top);
  } else {
    // Many or all: one radix sort ranks the firms and orders the values.
    const order = indicesByValueDesc(values);
    ascending = new Float64Array(firms.length);
    for (let i = 0; i < order.length; i++) ascending[order.length - 1 - i] = values[order[i]];
    const all = ranked(firms, order);
    named = top === undefined ? all : all.slice(0, top);
  }
  const { total, hhi, cr } = sizeOf(ascending);

  // Each share made whole at once (a property added later costs every one of 90,000 rows a copy).
  const shares: ShareEntry[] = withNamesZh
    ? named.map((f) => ({ id: f.id, name: f.name ?? f.id, value: f.value, share: (100 * f.value) / total, name_zh: f.name_zh ?? null }))
    : named.map((f) => ({ id: f.id, name: f.name ?? f.id, value: f.value, share: (100 * f.value) / total }));
  const restCount = firms.length - named.length;
  if (restCount > 0) {
    // The firms not named are the smallest values (ties hold equal values): summed largest first, as ever.
    let value = 0;
    for (let i = restCount - 1; i >= 0; i--) value += ascending[i];
    const others: ShareEntry = { id: OTHERS_ID, name: 'Others', value, share: (100 * value) / total, count: restCount };
    shares.push(withNamesZh ? { ...others, name_zh: null } : others);
  }

  const { lorenz, gini } = lorenzAndGini(ascending, lorenzPoints);
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
    gini,
  };
}

/** A market measured by the database rather than from every firm's value (db/measured-report.ts). */
export interface MeasuredMarket {
  /** Firms with a positive value, their values added up, and their squares added up. */
  n: number;
  total: number;
  sumSq: number;
  excluded: number;
  /** The largest firms, largest first, ties by id: as many as the report names, and at least eight (or all n). */
  largest: { id: string; value: number }[];
  /** The Lorenz points `lorenzPoints` keeps, and the Gini coefficient of the whole curve. */
  lorenz: LorenzPoint[];
  gini: number;
}

/** What `concentration` gives for a market naming at most `top` firms, from the sums the database measured. */
export function concentrationOfMeasured(m: MeasuredMarket, opts: ConcentrationOptions & { top: number }): ConcentrationResult {
  const { top, guidelines = DEFAULT_GUIDELINES, withNamesZh } = opts;
  if (m.n === 0 || m.total <= 0) return emptyResult(m.excluded);
  if (m.largest.length < Math.min(m.n, Math.max(top, 8))) throw new RangeError('a measured market needs its largest firms');
  const hhi = Math.min(HHI_MAX, Math.max(0, (HHI_MAX * m.sumSq) / (m.total * m.total)));
  const cr: Record<CrKey, number> = { '1': 0, '3': 0, '4': 0, '8': 0 };
  for (const [key, size] of CR_SIZES) {
    let partial = 0;
    for (let i = 0; i < Math.min(size, m.largest.length); i++) partial += m.largest[i].value;
    cr[key] = (100 * partial) / m.total;
  }
  const named = m.largest.slice(0, top);
  const shares: ShareEntry[] = named.map((f) => ({ id: f.id, name: f.id, value: f.value, share: (100 * f.value) / m.total, ...(withNamesZh ? { name_zh: null } : {}) }));
  const restCount = m.n - named.length;
  if (restCount > 0) {
    const value = m.total - named.reduce((sum, f) => sum + f.value, 0);
    shares.push({ id: OTHERS_ID, name: 'Others', value, share: (100 * value) / m.total, count: restCount, ...(withNamesZh ? { name_zh: null } : {}) });
  }
  return { n: m.n, total: m.total, excluded: m.excluded, hhi, cr, equivalentFirms: hhi > 0 ? HHI_MAX / hhi : null, band: classifyHhi(hhi, guidelines), shares, lorenz: m.lorenz, gini: m.gini };
}

/** The indices (1…n) of the Lorenz points `lorenzPoints` keeps of a curve over n firms (point 0, [0, 0], always). */
export function lorenzSampleIndices(n: number, maxPoints: number): number[] {
  if (n + 1 <= maxPoints) return Array.from({ length: n }, (_, i) => i + 1);
  const indices: number[] = [];
  for (let k = 1; k < maxPoints; k++) {
    const index = Math.round((k * n) / (maxPoints - 1));
    if (index > 0 && index !== indices[indices.length - 1]) indices.push(index);
  }
  return indices;
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
    const { firms, excluded } = aggregate(entries);
    const n = firms.length;
    const sorted = new Float64Array(n);
    for (let i = 0; i < n; i++) sorted[i] = firms[i].value;
    sorted.sort();
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
