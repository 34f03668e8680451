import { describe, expect, it } from 'vitest';
import { chartTable, indicatorTable, metricTable, readmeText, tileFileName } from '../../lib/boards/export';
import { plainCsv } from '../../lib/csv/write';

// The pure half of a board's zip: each tile's table and the README that says what is where.

describe('board export', () => {
  it('names files by place and tile id', () => {
    expect(tileFileName(0, 'rounds')).toBe('01-rounds.csv');
    expect(tileFileName(59, 't60')).toBe('60-t60.csv');
  });

  it('turns each chart into its data points', () => {
    const shares = chartTable({ chart: 'shares', report: { shares: [{ id: 'openai', name: 'OpenAI', name_zh: null, value: 10, share: 62.5 }, { id: '_others', name: 'Others', name_zh: null, value: 6, share: 37.5, count: 4 }] } });
    expect(shares.header).toEqual(['rank', 'id', 'name', 'name_zh', 'value', 'share_pct', 'firms']);
    expect(shares.rows).toEqual([[1, 'openai', 'OpenAI', null, 10, 62.5, null], [2, '_others', 'Others', null, 6, 37.5, 4]]);
    expect(chartTable({ chart: 'hhi-series', series: { points: [{ period: '2022', hhi: 5000, cr4: 100, n: 2, total: 7, excluded: 1, band: 'highly' }] } }).rows).toEqual([['2022', 5000, 100, 2, 7, 1, 'highly']]);
    expect(chartTable({ chart: 'funding-by-region', regions: [{ period: '2021', region: 'china', total: 5, rounds: 1 }] }).rows).toEqual([['2021', 'china', 5, 1]]);
    const compare = chartTable({
      chart: 'compare',
      comparison: {
        scenarios: [{ row: { id: 's1', kind: 'bull', title: 'Bull', probability: 30 }, outcome: { kind: 'ok', scenario: { hhi: 4000, cr4: 90, cr1: 50, equivalentFirms: 2.5, n: 5, band: 'highly' }, today: { hhi: 3000, cr4: 80 } } }],
        expectation: { hhi: 4000, cr4: 90, probabilityTotal: 30, skipped: 0 },
      },
    });
    expect(compare.rows).toEqual([
      ['s1', 'bull', 'Bull', 30, 4000, 90, 50, 2.5, 5, 'highly', 3000, 80],
      ['expected', 'probability-weighted', null, 30, 4000, 90, null, null, null, null, null, null],
    ]);
    expect(chartTable({ chart: 'compare', comparison: null }).rows).toEqual([]);
  });

  it('writes a figure and an indicator as small tables', () => {
    expect(metricTable({ metric: 'hhi', value: 5000, band: 'highly', n: 2, window: { from: '2020-01-01', to: '2022-12-31' }, comparison: { from: '2017-01-01', to: '2019-12-31', value: null, change: null } }).rows).toEqual([['hhi', 5000, 'highly', 2, '2020-01-01', '2022-12-31', '2017-01-01', '2019-12-31', null, null]]);
    const indicator = indicatorTable({ hypothesis: { id: 'h7', code: 'H7' }, evaluation: { kind: 'ok', reading: { metric: 'hhi', value: 5000, threshold: 1800, direction: 'above', met: true }, n: 2, trend: [{ period: '2021', value: 10000, n: 1, met: true }] } });
    expect(indicator.rows).toEqual([['h7', 'H7', 'hhi', '2021', 10000, 1800, 'above', true, 1], ['h7', 'H7', 'hhi', 'current', 5000, 1800, 'above', true, 2]]);
  });

  it('neutralises text cells that could run as a formula, not numbers', () => {
    expect(plainCsv(['name', 'value'], [['=1+1', -5], ['@SUM(A1)', null], ['plain', 1.5]])).toBe("name,value\r\n'=1+1,-5\r\n'@SUM(A1),\r\nplain,1.5\r\n");
  });

  it('README names the board, its filters, the time and each tile with its view and file', () => {
    const text = readmeText({
      board: { id: 'b1', title: 'Thesis', title_zh: '论点' },
      filters: { layer: 'foundation', from: '2022' },
      asOf: '2026-12-07T00:00:00.000Z',
      url: '/boards/b1?layer=foundation',
      tiles: [
        { index: 0, id: 'rounds', kind: 'table', title: 'Rounds', path: '/investments?layer=foundation', applied: ['from'], ignored: ['layer'], file: '01-rounds.csv', rows: 100_000, capped: { total: 120_000, max: 100_000 }, error: null },
        { index: 1, id: 'bad', kind: 'chart', title: null, path: '/concentration', applied: [], ignored: [], file: null, rows: null, capped: null, error: 'boom' },
      ],
    });
    expect(text).toContain('AIGC Atlas board: Thesis / 论点\r\n');
    expect(text).toContain('Filters in force: layer = foundation; from = 2022');
    expect(text).toContain('Data as of: 2026-12-07T00:00:00.000Z');
    expect(text).toContain('01. Rounds — table tile "rounds"\r\n    view: /investments?layer=foundation\r\n    board filters taken: from; ignored: layer\r\n    file: 01-rounds.csv (100,000 rows)\r\n    capped: the view holds 120,000 rows');
    expect(text).toContain('02. (untitled chart) — chart tile "bad"');
    expect(text).toContain('no file: the tile could not be loaded (boom)');
    expect(readmeText({ board: { id: 'b', title: 'x', title_zh: null }, filters: {}, asOf: 'now', url: '/boards/b', tiles: [] })).toContain('Filters in force: none');
  });
});
