import { describe, expect, it } from 'vitest';
import { rowSchemas } from '../../lib/collections/schemas';
import { getCollection } from '../../lib/collections';
import { BASES, METRICS, parseIndicator } from '../../lib/concentration';
import { evidenceIssues } from '../../lib/collections/evidence';
import { byStance, stanceCounts, targetLabel } from '../../lib/hypotheses/evidence';
import { fromQueryForm, indicatorParams, indicatorWriteSchema } from '../../lib/hypotheses/indicator';

const valid = { basis: 'funding', filters: 'layer=foundation', from: '2022', to: null, metric: 'cr4', threshold: 80, direction: 'above', label: { en: 'Foundation CR4 above 80 %', zh: '基础层 CR4 高于 80%' } };

describe('the indicator schema', () => {
  it('accepts the stored form, which the dashboard reader parses the same way', () => {
    const parsed = indicatorWriteSchema().parse(valid);
    expect(parsed).toEqual(valid);
    const read = parseIndicator(parsed);
    expect(read.kind).toBe('ok');
    if (read.kind === 'ok') expect(read.query).toMatchObject({ basis: 'funding', from: '2022-01-01', to: null });
  });

  it('splits the one-string query form into basis, filters and window', () => {
    expect(fromQueryForm({ query: 'basis=rounds&layer=application&region=overseas&from=2021&to=2023', metric: 'hhi', threshold: 1000, direction: 'below' })).toEqual({
      basis: 'rounds',
      from: '2021',
      to: '2023',
      filters: 'layer=application&region=overseas',
      metric: 'hhi',
      threshold: 1000,
      direction: 'below',
    });
    expect(indicatorWriteSchema().parse({ query: 'layer=foundation', metric: 'hhi', threshold: 1800, direction: 'above' })).toMatchObject({ basis: 'funding', filters: 'layer=foundation' });
    expect(indicatorParams({ basis: 'share', filters: 'layer=foundation', from: 2022, to: null }).toString()).toBe('basis=share&from=2022&layer=foundation');
  });

  it.each([
    ['an unknown metric', { ...valid, metric: 'gdp' }, 'metric'],
    ['a missing threshold', { ...valid, threshold: undefined }, 'threshold'],
    ['another direction', { ...valid, direction: 'sideways' }, 'direction'],
    ['a filter that is not a companies column', { ...valid, filters: 'planet=mars' }, 'filters'],
    ['a bad layer', { ...valid, filters: 'layer=mantle' }, 'filters'],
    ['the window inside filters', { ...valid, filters: 'layer=foundation&from=2020' }, 'filters'],
    ['a window that is not a date', { ...valid, from: '20x2' }, 'from'],
    ['an unknown key', { ...valid, script: '<script>' }, ''],
    ['both forms at once', { ...valid, query: 'layer=foundation' }, ''],
  ])('refuses %s', (_name, value, path) => {
    const parsed = indicatorWriteSchema().safeParse(value);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('is the schema of hypotheses.indicator in the registry (null clears it)', () => {
    const update = rowSchemas(getCollection('hypotheses')).update;
    expect(update.safeParse({ indicator: valid }).success).toBe(true);
    expect(update.safeParse({ indicator: null }).success).toBe(true);
    expect(update.safeParse({ indicator: { anything: 1 } }).success).toBe(false);
  });

  it('offers every basis and metric of the concentration module', () => {
    for (const basis of BASES) expect(indicatorWriteSchema().safeParse({ ...valid, basis, filters: null }).success).toBe(true);
    for (const metric of METRICS) expect(indicatorWriteSchema().safeParse({ ...valid, metric }).success).toBe(true);
  });
});

describe('evidence rules', () => {
  it('cites a row or a URL, exactly one', () => {
    expect(evidenceIssues({ target_collection: 'companies', target_id: 'openai', url: null })).toEqual([]);
    expect(evidenceIssues({ url: 'https://example.com' })).toEqual([]);
    expect(evidenceIssues({})[0].path).toBe('target_id');
    expect(evidenceIssues({ target_collection: 'companies', target_id: 'openai', url: 'https://x.org' })[0].path).toBe('url');
    expect(evidenceIssues({ target_collection: 'companies' })[0].path).toBe('target_id');
    expect(evidenceIssues({ target_id: 'openai', url: 'https://x.org' })[0].path).toBe('target_collection');
  });

  it('groups by stance, counts, and names cited rows in both languages', () => {
    const rows = [{ stance: 'supports' }, { stance: 'context' }, { stance: 'supports' }];
    expect(byStance(rows).map((g) => [g.stance, g.rows.length])).toEqual([['supports', 2], ['contradicts', 0], ['context', 1]]);
    expect(stanceCounts(rows)).toEqual({ supports: 2, contradicts: 0, context: 1 });
    const round = { id: 'r1', company: { id: 'harvey', name: 'Harvey', name_zh: null }, round_type: 'seed', announced_on: '2022-11-23', date_precision: 'day' };
    expect(targetLabel('investments', round, 'en')).toBe('Harvey · Seed · 23 Nov 2022');
    expect(targetLabel('investments', round, 'zh')).toBe('Harvey · 种子轮 · 2022年11月23日');
    expect(targetLabel('companies', { id: 'baidu', name: 'Baidu', name_zh: '百度' }, 'zh')).toBe('百度');
    expect(targetLabel('use-cases', { id: 'u', customer: { id: 'b', name: 'BuzzFeed' }, product: 'OpenAI API' }, 'en')).toBe('BuzzFeed · OpenAI API');
    expect(targetLabel('market-shares', { id: 'ms-1' }, 'en')).toBe('ms-1');
  });
});

describe('segment fields', () => {
  it('splits layer, region and window off a query string and puts them back', async () => {
    const { segmentFromParams, segmentToParams } = await import('../../lib/hypotheses/segment');
    const fields = segmentFromParams(new URLSearchParams('layer=foundation&from=2022&modality=text&country=US'));
    expect(fields).toEqual({ basis: 'funding', layer: 'foundation', region: '', from: '2022', to: '', filters: 'modality=text&country=US' });
    expect(segmentToParams(fields).toString()).toBe('layer=foundation&from=2022&modality=text&country=US');
    expect(segmentFromParams(new URLSearchParams('layer=foundation&layer=application')).filters).toBe('layer=foundation&layer=application');
  });
});
