import { describe, expect, it } from 'vitest';
import { tileIssues } from '../../lib/boards/validate';
import { comparePinPath, concentrationPinPath, CONCENTRATION_CHARTS, HOME_PATH, PINNED_METRICS, tablePinPath } from '../../lib/boards/pin-targets';
import { placePinned } from '../../lib/boards/pin';
import { tilesSchema } from '../../lib/boards/kinds';
import { getCollection, REGISTRY } from '../../lib/collections';
import { ApiError } from '../../lib/errors';

// "Pin to board" stores each view's canonical URL: one spelling whatever the page was opened with, and one
// that the board's own validation accepts.

const q = (query: string) => new URLSearchParams(query);

describe('pin targets', () => {
  it('a table view pins its canonical path, without paging', () => {
    const investments = getCollection('investments');
    expect(tablePinPath(investments, q('investor=openai'))).toBe('/investments?investor=openai');
    expect(tablePinPath(investments, q('page=3&pageSize=50&order=desc&sort=announced_on&investor=openai'))).toBe('/investments?investor=openai');
    expect(tablePinPath(investments, q('sort=amount_usd&investor=openai&columns=company_id,amount_usd'))).toBe('/investments?investor=openai&sort=amount_usd&order=asc&columns=company_id%2Camount_usd');
    expect(tablePinPath(getCollection('companies'), q(''))).toBe('/companies');
    expect(() => tablePinPath(investments, q('colour=red'))).toThrow(ApiError);
  });

  it('the concentration view pins its canonical path without the merger picker', () => {
    const path = concentrationPinPath(q('mergeA=openai&mergeB=anthropic&layer=foundation'));
    expect(path.startsWith('/concentration?')).toBe(true);
    expect(new URL(path, 'http://x').searchParams.get('layer')).toBe('foundation');
    expect(path).not.toMatch(/merge/);
    expect(concentrationPinPath(q(path.split('?')[1]))).toBe(path);
    expect(() => concentrationPinPath(q('basis=vibes'))).toThrow(ApiError);
  });

  it('the scenario comparison pins its selection', () => {
    expect(comparePinPath(q('hypothesis=h7'))).toBe('/scenarios/compare?hypothesis=h7');
    expect(comparePinPath(q('ids=b&ids=a,b'))).toBe('/scenarios/compare?ids=b%2Ca');
    expect(() => comparePinPath(q('colour=red'))).toThrow(ApiError);
  });

  it('every tile a page pins passes the board validation once placed', () => {
    const conc = concentrationPinPath(q('layer=foundation&from=2020'));
    const pins = [
      { kind: 'table', path: tablePinPath(getCollection('investments'), q('investor=openai&sort=amount_usd&order=desc')) },
      ...CONCENTRATION_CHARTS.map((chart) => ({ kind: 'chart', path: conc, chart })),
      ...PINNED_METRICS.map((metric) => ({ kind: 'metric', path: conc, metric })),
      { kind: 'chart', path: HOME_PATH, chart: 'funding-by-layer' },
      { kind: 'chart', path: HOME_PATH, chart: 'funding-by-region' },
      { kind: 'chart', path: comparePinPath(q('hypothesis=h7')), chart: 'compare' },
      { kind: 'indicator', hypothesis_id: 'h7' },
    ];
    const tiles: unknown[] = [];
    for (const pin of pins) tiles.push(placePinned(tilesSchema.parse(tiles), pin));
    const parsed = tilesSchema.safeParse(tiles);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(tileIssues(parsed.data ?? [], REGISTRY)).toEqual([]);
  });
});
