import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldDiff, hunks, lineDiff, versionsOf } from '../../lib/versions/diff';

const entry = (id: number, after: Record<string, unknown> | null, action = 'update') => ({ id, at: `2026-01-0${id}T00:00:00Z`, actor: 'local', action, after });

describe('versions from the change log', () => {
  it('numbers the states oldest first and skips deletes', () => {
    const versions = versionsOf([entry(4, { title: 'c' }, 'restore'), entry(3, null, 'delete'), entry(2, { title: 'b' }), entry(1, { title: 'a' }, 'create')]);
    expect(versions.map((v) => [v.number, v.changeId, v.row.title, v.action])).toEqual([
      [1, 1, 'a', 'create'],
      [2, 2, 'b', 'update'],
      [3, 4, 'c', 'restore'],
    ]);
  });
});

describe('field diff', () => {
  it('lists changed fields in the given order, JSON compared by value, timestamps ignored', () => {
    const a = { id: 'x', title: 'A', probability: 30, assumptions: { changes: [1] }, body: 'x', updated_at: '1' };
    const b = { id: 'x', title: 'A', probability: 35, assumptions: { changes: [1] }, body: null, updated_at: '2' };
    expect(fieldDiff(a, b, ['title', 'probability', 'assumptions', 'body', 'updated_at'])).toEqual([
      { field: 'probability', before: 30, after: 35 },
      { field: 'body', before: 'x', after: null },
    ]);
    expect(fieldDiff(a, { ...a, hypothesis_id: 'h7' }).map((c) => c.field)).toEqual(['hypothesis_id']);
  });
});

describe('line diff', () => {
  it('a changed line in the middle: removed before added, line numbers on both sides', () => {
    const diff = lineDiff('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(diff.lines.map((l) => `${l.op}:${l.text}:${l.oldLine ?? '-'}:${l.newLine ?? '-'}`)).toEqual([
      'same:a:1:1',
      'del:b:2:-',
      'add:B:-:2',
      'same:c:3:3',
      'same:d:4:4',
      'add:e:-:5',
    ]);
    expect(diff).toMatchObject({ added: 2, removed: 1, coarse: false });
  });

  it('handles empty and missing texts and CRLF', () => {
    expect(lineDiff(null, 'x\r\ny').lines.map((l) => l.op)).toEqual(['add', 'add']);
    expect(lineDiff('x', '').lines.map((l) => l.op)).toEqual(['del']);
    expect(lineDiff('a\r\nb', 'a\nb').lines.every((l) => l.op === 'same')).toBe(true);
  });

  it('falls back to a coarse diff when the changed middle is too long to align', () => {
    const diff = lineDiff('a\nx\ny\nz', 'a\np\nq\nz', 3);
    expect(diff.coarse).toBe(true);
    expect(diff.lines.map((l) => l.op)).toEqual(['same', 'del', 'del', 'add', 'add', 'same']);
  });

  it('property: the old side of the diff is the old text, the new side the new text, and same lines are an LCS', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '', '<script>'), { maxLength: 12 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { lines } = lineDiff(a, b);
        expect(lines.filter((l) => l.op !== 'add').map((l) => l.text).join('\n')).toBe(a);
        expect(lines.filter((l) => l.op !== 'del').map((l) => l.text).join('\n')).toBe(b);
        if (a === b) expect(lines.every((l) => l.op === 'same')).toBe(true);
      }),
    );
  });

  it('hunks keep context around changes and mark the gaps', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const next = old.replace('line 10', 'LINE 10');
    const shown = hunks(lineDiff(old, next).lines, 1);
    expect(shown.map((l) => (l === null ? '…' : `${l.op}:${l.text}`))).toEqual(['…', 'same:line 9', 'del:line 10', 'add:LINE 10', 'same:line 11', '…']);
  });
});
