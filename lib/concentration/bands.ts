/**
 * Concentration bands (HHI thresholds) and hypothetical-merger screening.
 *
 * Boundary handling (decided explicitly, mirrors the guideline wording
 * "below X" / "between X and Y" / "greater than Y"):
 *   hhi <  moderate           -> 'unconcentrated'
 *   moderate <= hhi <= high   -> 'moderately'   (exactly 1,800 under 2023 is 'moderately')
 *   hhi >  high               -> 'highly'
 * A presumption additionally needs ΔHHI strictly greater than `delta`
 * (exactly 100 under 2023 is NOT presumed harmful).
 *
 * Comparisons use a small tolerance (HHI_EPSILON, in HHI points) so that float
 * noise such as 1800.0000000000002 is treated as exactly 1,800.
 */

export type Guidelines = '2023' | '2010';
export type Band = 'unconcentrated' | 'moderately' | 'highly';

export interface GuidelineThresholds {
  /** HHI at which a market becomes 'moderately' concentrated (inclusive). */
  readonly moderate: number;
  /** HHI above which a market is 'highly' concentrated (exclusive). */
  readonly high: number;
  /** ΔHHI above which a change is significant (exclusive). */
  readonly delta: number;
}

/** Thresholds as data, so charts can shade the bands. */
export const GUIDELINES: Readonly<Record<Guidelines, GuidelineThresholds>> = Object.freeze({
  '2023': Object.freeze({ moderate: 1000, high: 1800, delta: 100 }),
  '2010': Object.freeze({ moderate: 1500, high: 2500, delta: 200 }),
});

export const DEFAULT_GUIDELINES: Guidelines = '2023';
/** HHI scale maximum (a monopoly). */
export const HHI_MAX = 10_000;
/** Tolerance, in HHI points, used for threshold comparisons. */
export const HHI_EPSILON = 1e-6;
/** Id of the grouped "Others" row produced by `concentration(…, { top })`. */
export const OTHERS_ID = '_others';
/** Id of the row standing for the part of the market no estimate names (basis=share). */
export const UNATTRIBUTED_ID = '_unattributed';

/** Classify an HHI value. Returns null for a non-positive HHI (no data). */
export function classifyHhi(hhi: number, guidelines: Guidelines = DEFAULT_GUIDELINES): Band | null {
  if (!Number.isFinite(hhi)) throw new RangeError(`HHI must be finite, got ${hhi}`);
  if (hhi <= 0) return null;
  const t = GUIDELINES[guidelines];
  if (hhi < t.moderate - HHI_EPSILON) return 'unconcentrated';
  if (hhi > t.high + HHI_EPSILON) return 'highly';
  return 'moderately';
}

export interface BandRange {
  readonly band: Band;
  readonly from: number;
  readonly to: number;
}

/** Band ranges on the 0–10,000 HHI axis, low to high (for chart shading). */
export function bandRanges(guidelines: Guidelines = DEFAULT_GUIDELINES): BandRange[] {
  const t = GUIDELINES[guidelines];
  return [
    { band: 'unconcentrated', from: 0, to: t.moderate },
    { band: 'moderately', from: t.moderate, to: t.high },
    { band: 'highly', from: t.high, to: HHI_MAX },
  ];
}

/** ΔHHI of merging two firms with shares s1 and s2 (percent): 2·s1·s2. */
export function hhiDelta(s1: number, s2: number): number {
  return 2 * s1 * s2;
}

export interface ShareInput {
  readonly id: string;
  /** Share in percent (0–100). */
  readonly share: number;
}

export interface MergerEffect {
  before: number;
  after: number;
  delta: number;
  /** Combined share of the merged firm (percent). */
  mergedShare: number;
  bandBefore: Band | null;
  bandAfter: Band | null;
  /** bandAfter is 'highly' and delta > the guideline's ΔHHI threshold. */
  presumedHarm: boolean;
}

/**
 * Effect of a hypothetical merger of firms `idA` and `idB`.
 * `shares` must be the full, ungrouped share list (e.g. `concentration(…).shares`
 * without `top`); a grouped '_others' row is rejected because it is not a firm.
 * Duplicate ids are summed. Throws if either id is missing or idA === idB.
 */
export function mergerEffect(
  shares: readonly ShareInput[],
  idA: string,
  idB: string,
  opts: { guidelines?: Guidelines } = {},
): MergerEffect {
  const guidelines = opts.guidelines ?? DEFAULT_GUIDELINES;
  if (idA === idB) throw new RangeError(`Cannot merge a firm with itself (${idA})`);
  const byId = new Map<string, number>();
  for (const s of shares) {
    if (s.id === OTHERS_ID) {
      throw new RangeError('mergerEffect needs ungrouped shares (found an "_others" row)');
    }
    if (!Number.isFinite(s.share)) throw new RangeError(`Share of ${s.id} is not finite`);
    byId.set(s.id, (byId.get(s.id) ?? 0) + s.share);
  }
  const sA = byId.get(idA);
  const sB = byId.get(idB);
  if (sA === undefined) throw new RangeError(`Unknown id: ${idA}`);
  if (sB === undefined) throw new RangeError(`Unknown id: ${idB}`);

  let before = 0;
  for (const s of byId.values()) before += s * s;
  const delta = hhiDelta(sA, sB);
  const after = before + delta;
  const bandAfter = classifyHhi(after, guidelines);
  return {
    before,
    after,
    delta,
    mergedShare: sA + sB,
    bandBefore: classifyHhi(before, guidelines),
    bandAfter,
    presumedHarm: bandAfter === 'highly' && delta > GUIDELINES[guidelines].delta + HHI_EPSILON,
  };
}
