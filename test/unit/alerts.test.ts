import { describe, expect, it } from 'vitest';
import { atomFeed } from '../../lib/alerts/atom';
import { alertIssues, metricFires } from '../../lib/alerts/rule';
import { MAX_LISTED_IDS, rowsSummary, rowsUrl } from '../../lib/alerts/summaries';

describe('metric rules', () => {
  it.each([
    ['above', 80, 70, 85, true],
    ['above', 80, 85, 90, false], // already above: no second alert
    ['above', 80, null, 80, true],
    ['above', 80, 85, 70, false],
    ['below', 80, 85, 80, true],
    ['below', 80, 70, 60, false],
    ['change', 5, 70, 76, true],
    ['change', 5, 70, 75, false],
    ['change', 5, null, 75, false],
    ['above', 80, 70, null, false],
  ] as const)('%s %s: %s → %s fires: %s', (direction, threshold, before, now, fires) => {
    expect(metricFires(direction, threshold, before, now)).toBe(fires);
  });

  it('names what each kind lacks', () => {
    expect(alertIssues({ kind: 'metric', path: '/concentration' }).map((i) => i.path)).toEqual(['metric', 'threshold', 'direction']);
    expect(alertIssues({ kind: 'indicator' }).map((i) => i.path)).toEqual(['hypothesis_id']);
    expect(alertIssues({ kind: 'new-rows', path: '/investments', channels: { inbox: false, webhook: null, email: null } }).map((i) => i.path)).toEqual(['channels']);
  });
});

describe('notification words and links', () => {
  it('links to exactly the rows: ids up to the limit, else the stamp', () => {
    const params = new URLSearchParams('round_type=seed&page=3');
    expect(rowsUrl('/investments', params, ['a', 'b'], 2, null)).toBe('/investments?round_type=seed&id=a&id=b');
    const many = Array.from({ length: MAX_LISTED_IDS }, (_, i) => `r${i}`);
    expect(rowsUrl('/investments', params, many, 500, '2026-12-07T09:00:00.000Z')).toBe('/investments?round_type=seed&updated_at__gte=2026-12-07T09%3A00%3A00.000Z&updated_at__lte=2026-12-07T09%3A00%3A00.000Z');
    expect(rowsUrl('/investments', params, [], 0, null)).toBe('/investments?round_type=seed');
  });

  it('counts in both languages', () => {
    expect(rowsSummary('investments', { added: 3, changed: 0, removed: 0 }, 'Seed rounds')).toEqual({ en: '3 new rounds match “Seed rounds”', zh: '“Seed rounds”:新增 3 轮融资' });
    expect(rowsSummary('use-cases', { added: 0, changed: 1, removed: 0 }, 'X').en).toBe('1 changed use case matches “X”');
    expect(rowsSummary('investments', { added: 0, changed: 2, removed: 5 }, 'X', true).en).toBe('An import was undone: 2 rounds set back and 5 rounds removed in “X”');
  });
});

describe('the Atom feed', () => {
  it('escapes text and drops characters XML cannot hold', () => {
    const xml = atomFeed({ feedId: 'urn:x', title: 'T', origin: 'http://h', updated: '2026-12-07T00:00:00Z', entries: [{ id: 1, at: '2026-12-07T00:00:00Z', title: 'a <b> & "c"\u0001', link: 'http://h/x?a=1&b=2' }] });
    expect(xml).toContain('<title>a &lt;b&gt; &amp; &quot;c&quot;</title>');
    expect(xml).toContain('href="http://h/x?a=1&amp;b=2"');
    expect(xml).not.toContain('\u0001');
  });
});
