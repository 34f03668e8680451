import type { Collection } from '../collections/types';
import type { Metric } from '../concentration/report';
import { concentrationView, hrefOf, tableView } from '../query/view-state';
import { compareToParams, parseCompareParams } from '../scenarios/compare';
import type { ChartName } from './kinds';

// What "Pin to board" sends from each page: a tile without id or place (POST /api/v1/boards/{id}/tiles fills
// both in), whose path is the view's canonical URL through the view-state codec — the same URL whatever order
// or spelling of parameters the page was opened with. A parameter the view would refuse throws its 400.

/** A tile as a page pins it (lib/boards/kinds.ts has the full shape). */
export type PinTile =
  | { kind: 'table'; path: string; title?: string }
  | { kind: 'chart'; path: string; chart: ChartName; title?: string }
  | { kind: 'metric'; path: string; metric: Metric; title?: string }
  | { kind: 'indicator'; hypothesis_id: string; title?: string };

/** One thing a page offers to pin, with its label in the reader's language. */
export interface PinChoice {
  key: string;
  label: string;
  tile: PinTile;
}

/** Metrics the concentration view offers to pin (the five; the tile kind takes cr1/3/8 too). */
export const PINNED_METRICS = ['hhi', 'cr4', 'gini', 'equivalentFirms', 'n'] as const satisfies readonly Metric[];
export const CONCENTRATION_CHARTS = ['shares', 'lorenz', 'hhi-series'] as const satisfies readonly ChartName[];

/** A table view's canonical path. Paging is left out: a tile shows its own first rows. */
export function tablePinPath(collection: Collection, params: URLSearchParams): string {
  const state = tableView.parse(params, collection);
  const canonical = tableView.format(state);
  canonical.delete('page');
  canonical.delete('pageSize');
  return hrefOf(`/${collection.id}`, canonical);
}

/** The concentration view's canonical path, without the merger picker (a setting of the page, not of its data). */
export function concentrationPinPath(params: URLSearchParams): string {
  const state = concentrationView.parse(params);
  return hrefOf('/concentration', concentrationView.format({ ...state, mergeA: null, mergeB: null }));
}

export function comparePinPath(params: URLSearchParams): string {
  return hrefOf('/scenarios/compare', compareToParams(parseCompareParams(params)));
}

/** The dashboard's charts take no parameter: their path is always the dashboard's. */
export const HOME_PATH = '/';
export const COMPARE_CHART = 'compare' satisfies ChartName;
