import { describe, expect, it } from 'vitest';
import { citationOf, viewLabel } from '../../app/s/[token]/view/describe';

// How a share link names its view; a board by its title in the reader's language.

describe('viewLabel', () => {
  const data = { board: { id: 'b1', title: 'CICC thesis', title_zh: '中金论点' } };
  it('names a board by its title, in the reader’s language, else by its id', () => {
    expect(viewLabel('/boards/b1?layer=foundation', 'en', data)).toBe('Board CICC thesis');
    expect(viewLabel('/boards/b1', 'zh', data)).toBe('看板 中金论点');
    expect(viewLabel('/boards/b1', 'zh', { board: { title: 'Only English', title_zh: null } })).toBe('看板 Only English');
    expect(viewLabel('/boards/b1', 'en')).toBe('Board b1');
  });
  it('names the other views as before', () => {
    expect(viewLabel('/hypotheses/h7', 'en')).toBe('Hypothesis h7');
    expect(viewLabel('/investments', 'en')).toBe('Investments');
  });
  it('cites a board with its title and filters', () => {
    const line = citationOf({ title: 'My board', path: '/boards/b1?from=2022', mode: 'snapshot', asOf: '2026-12-07T00:00:00.000Z', dataHash: 'a'.repeat(64), url: 'http://x/s/t', data }, 'en');
    expect(line).toContain('view: Board CICC thesis; filters: from = 2022;');
  });
});
