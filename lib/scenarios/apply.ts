/**
 * A scenario's market: today's shares with the assumed changes applied and every other firm scaled, and
 * the concentration measures of both (HHI, CRn, equivalent number of firms). Pure.
 *
 * Shares are percent of the whole segment. A part no firm is named for (`UNATTRIBUTED`: estimates that
 * cover less than the market, or what the assumptions leave when no other firm remains) counts as spread
 * over many small firms: it adds nothing to HHI or CRn, as in the concentration report.
 */
import { classifyHhi, DEFAULT_GUIDELINES, HHI_MAX, type Band, type Guidelines } from '../concentration/bands';
import { UNATTRIBUTED_ID } from '../concentration/report';
import type { ShareChange } from './assumptions';

/** The part of the segment no firm is named for (the concentration report's id for it). */
export const UNATTRIBUTED = UNATTRIBUTED_ID;

export interface FirmShare {
  id: string;
  name: string;
  name_zh?: string | null;
  /** Percent of the segment. */
  share: number;
}

export interface ScenarioShare {
  id: string;
  name: string;
  name_zh: string | null;
  today: number;
  scenario: number;
  /** The share was set by an assumption (not scaled). */
  assumed: boolean;
  /** The share the analyst wrote as the starting point (`from`), if any. */
  stated: number | null;
}

export interface Measures {
  n: number;
  hhi: number | null;
  cr1: number;
  cr4: number;
  equivalentFirms: number | null;
  band: Band | null;
}

export type ApplyWarning =
  /** Nothing is left to scale: the rest of the segment goes to firms no one named. */
  | 'restEmpty'
  /** The assumed shares add up to more than 100 %: they were scaled down to fit. */
  | 'overAllocated'
  /** The segment has no measured shares today. */
  | 'noMarket';

export interface AppliedScenario {
  shares: ScenarioShare[];
  today: Measures;
  scenario: Measures;
  /** The factor every firm without an assumption was multiplied by (null when there were none to scale). */
  restFactor: number | null;
  warnings: ApplyWarning[];
}

const EPS = 1e-9;

/** HHI, CR1, CR4 and the equivalent number of firms of shares in percent (the unattributed part left out). */
export function measuresOf(shares: readonly { id: string; share: number }[], guidelines: Guidelines = DEFAULT_GUIDELINES): Measures {
  const firms = shares.filter((s) => s.id !== UNATTRIBUTED && s.share > EPS).map((s) => s.share).sort((a, b) => b - a);
  if (firms.length === 0) return { n: 0, hhi: null, cr1: 0, cr4: 0, equivalentFirms: null, band: null };
  const hhi = firms.reduce((sum, s) => sum + s * s, 0);
  const top = (k: number) => firms.slice(0, k).reduce((sum, s) => sum + s, 0);
  return { n: firms.length, hhi, cr1: top(1), cr4: top(4), equivalentFirms: hhi > 0 ? HHI_MAX / hhi : null, band: classifyHhi(hhi, guidelines) };
}

/**
 * Apply share changes to today's shares: each named company gets its assumed share (a company not in the
 * segment today enters with it), and every other firm — the unattributed part included — is multiplied by
 * one factor so that the whole adds up to 100 again.
 */
export function applyAssumptions(
  today: readonly FirmShare[],
  changes: readonly ShareChange[],
  names: ReadonlyMap<string, { name: string; name_zh?: string | null }> = new Map(),
  guidelines: Guidelines = DEFAULT_GUIDELINES,
): AppliedScenario {
  const warnings: ApplyWarning[] = [];
  const total = today.reduce((sum, s) => sum + s.share, 0);
  if (total <= EPS) warnings.push('noMarket');

  let assumedTotal = changes.reduce((sum, c) => sum + c.to, 0);
  let shrink = 1;
  if (assumedTotal > 100 + EPS) {
    warnings.push('overAllocated');
    shrink = 100 / assumedTotal;
    assumedTotal = 100;
  }
  const byId = new Map(changes.map((c) => [c.companyId, c]));
  const rest = today.filter((s) => !byId.has(s.id));
  const restToday = rest.reduce((sum, s) => sum + s.share, 0);
  const left = Math.max(0, 100 - assumedTotal);
  const restFactor = restToday > EPS ? left / restToday : null;

  const shares: ScenarioShare[] = today.map((s) => {
    const change = byId.get(s.id);
    return {
      id: s.id,
      name: s.name,
      name_zh: s.name_zh ?? null,
      today: s.share,
      scenario: change ? change.to * shrink : s.share * (restFactor ?? 0),
      assumed: Boolean(change),
      stated: change?.from ?? null,
    };
  });
  for (const change of changes) {
    if (today.some((s) => s.id === change.companyId)) continue;
    const known = names.get(change.companyId);
    shares.push({ id: change.companyId, name: known?.name ?? change.companyId, name_zh: known?.name_zh ?? null, today: 0, scenario: change.to * shrink, assumed: true, stated: change.from ?? null });
  }
  if (restFactor === null && left > EPS) {
    warnings.push('restEmpty');
    const unattributed = shares.find((s) => s.id === UNATTRIBUTED);
    if (unattributed) unattributed.scenario = left;
    else shares.push({ id: UNATTRIBUTED, name: 'Not attributed', name_zh: null, today: 0, scenario: left, assumed: false, stated: null });
  }
  shares.sort((a, b) => Number(a.id === UNATTRIBUTED) - Number(b.id === UNATTRIBUTED) || b.scenario - a.scenario || b.today - a.today || a.id.localeCompare(b.id));

  return {
    shares,
    today: measuresOf(shares.map((s) => ({ id: s.id, share: s.today })), guidelines),
    scenario: measuresOf(shares.map((s) => ({ id: s.id, share: s.scenario })), guidelines),
    restFactor,
    warnings,
  };
}

export interface Weighted {
  /** Probability-weighted means, the probabilities normalised to add up to 1. */
  hhi: number | null;
  cr4: number | null;
  /** The probabilities as given, added up (100 when they are complete). */
  probabilityTotal: number;
  /** Scenarios left out for a missing probability or measure. */
  skipped: number;
}

/** The expectation over scenarios weighted by their probabilities (percent; normalised when they do not add up to 100). */
export function weightedExpectation(items: readonly { probability: number | null; measures: Measures }[]): Weighted {
  const usable = items.filter((i) => i.probability !== null && i.probability > 0 && i.measures.hhi !== null);
  const weight = usable.reduce((sum, i) => sum + (i.probability ?? 0), 0);
  const probabilityTotal = items.reduce((sum, i) => sum + (i.probability ?? 0), 0);
  if (weight <= EPS) return { hhi: null, cr4: null, probabilityTotal, skipped: items.length };
  const mean = (pick: (m: Measures) => number) => usable.reduce((sum, i) => sum + ((i.probability ?? 0) / weight) * pick(i.measures), 0);
  return { hhi: mean((m) => m.hhi ?? 0), cr4: mean((m) => m.cr4), probabilityTotal, skipped: items.length - usable.length };
}
