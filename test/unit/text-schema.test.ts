import { describe, expect, it } from 'vitest';
import { getCollection } from '../../lib/collections';
import { isWellFormed, valueSchema } from '../../lib/collections/schemas';

describe('text values must be valid Unicode', () => {
  const name = getCollection('companies').columns.find((c) => c.id === 'name')!;

  it.each([
    ['plain', true],
    ['emoji 😀 and 👩‍👩‍👧', true],
    ['中文 and \u200f marks', true],
    ['cut \uD83D', false],
    ['\uDE00 cut', false],
    ['\uDE00\uD83D', false],
  ])('%j is well formed: %s', (text, expected) => {
    expect(isWellFormed(text)).toBe(expected);
    expect(valueSchema(name).safeParse(text).success).toBe(expected);
  });

  it('says why', () => {
    const result = valueSchema(name).safeParse('cut \uD83D');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/surrogate/);
  });
});
