import { describe, expect, it } from 'vitest';
import { isOutside, safeHref, safeImageSrc } from '../../lib/markdown/links';

describe('links kept in rendered Markdown', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    '',
  ])('drops %j', (url) => {
    expect(safeHref(url)).toBeUndefined();
  });

  it.each([
    ['https://example.com/a?b=1#c', true],
    ['http://例子.测试/路径', true],
    ['mailto:analyst@example.com', true],
    ['//cdn.example.com/x', true],
    ['/concentration?layer=foundation&from=2022', false],
    ['#assumptions', false],
    ['?tab=versions', false],
    ['notes/a:b', false],
  ])('keeps %j (outside: %s)', (url, outside) => {
    expect(safeHref(url)).toBe(url);
    expect(isOutside(url)).toBe(outside);
  });

  it('loads images only over http(s)', () => {
    expect(safeImageSrc('https://example.com/x.png')).toBe('https://example.com/x.png');
    expect(safeImageSrc('/api/v1/changes')).toBeUndefined();
    expect(safeImageSrc('data:image/png;base64,AAAA')).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
  });
});
