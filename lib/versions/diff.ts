/**
 * Versions of a row from its change log, and what changed between two of them: the fields whose values
 * differ and a line diff of a long text (a scenario's Markdown body). Pure.
 */

/** The part of a change-log entry a version needs (db/changes.ts ChangeEntry fits). */
export interface LoggedChange {
  id: number;
  at: string;
  actor: string;
  action: string;
  after: Record<string, unknown> | null;
}

export interface Version {
  /** 1 for the first state the log knows, counting up. */
  number: number;
  /** The change that produced this state (its id also names the version in URLs). */
  changeId: number;
  at: string;
  actor: string;
  action: string;
  row: Record<string, unknown>;
}

/** Every state a row has had, oldest first; a delete leaves no version (a later restore does). */
export function versionsOf(entries: readonly LoggedChange[]): Version[] {
  return [...entries]
    .sort((a, b) => a.id - b.id)
    .filter((e) => e.after !== null)
    .map((e, i) => ({ number: i + 1, changeId: e.id, at: e.at, actor: e.actor, action: e.action, row: e.after as Record<string, unknown> }));
}

const IGNORED = new Set(['id', 'created_at', 'updated_at']);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields (in the given order, timestamps and id left out) whose values differ between two rows. */
export function fieldDiff(before: Record<string, unknown>, after: Record<string, unknown>, fields?: readonly string[]): FieldChange[] {
  const keys = fields ?? [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => !IGNORED.has(k) && !same(before[k], after[k])).map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
}

export type LineOp = 'same' | 'add' | 'del';

export interface DiffLine {
  op: LineOp;
  text: string;
  /** 1-based line number in the old text (same, del) and in the new text (same, add). */
  oldLine: number | null;
  newLine: number | null;
}

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** The changed middle was too long to align line by line: it is shown as removed, then added. */
  coarse: boolean;
}

/** Above this many cells (lines × lines of the changed middle) the diff does not align lines. */
export const MAX_DIFF_CELLS = 4_000_000;

const splitLines = (text: string) => (text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n'));

/** A line diff (longest common subsequence of the lines between a shared head and tail). */
export function lineDiff(oldText: string | null | undefined, newText: string | null | undefined, maxCells = MAX_DIFF_CELLS): LineDiff {
  const a = splitLines(oldText ?? '');
  const b = splitLines(newText ?? '');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);

  const ops: LineOp[] = [];
  const coarse = midA.length * midB.length > maxCells;
  if (coarse) {
    ops.push(...midA.map((): LineOp => 'del'), ...midB.map((): LineOp => 'add'));
  } else {
    // lcs[i][j] = length of the LCS of midA[i..] and midB[j..], one flat array.
    const w = midB.length + 1;
    const lcs = new Uint32Array((midA.length + 1) * w);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lcs[i * w + j] = midA[i] === midB[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        ops.push('same');
        i++;
        j++;
      } else if (j < midB.length && (i === midA.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
        ops.push('add');
        j++;
      } else {
        ops.push('del');
        i++;
      }
    }
    // Within a run of changes show the removed lines before the added ones.
    for (let k = 0; k < ops.length; ) {
      if (ops[k] === 'same') {
        k++;
        continue;
      }
      let end = k;
      while (end < ops.length && ops[end] !== 'same') end++;
      const run = ops.slice(k, end);
      const dels = run.filter((o) => o === 'del').length;
      for (let m = 0; m < run.length; m++) ops[k + m] = m < dels ? 'del' : 'add';
      k = end;
    }
  }

  const lines: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  const emit = (op: LineOp, text: string) => {
    lines.push({ op, text, oldLine: op === 'add' ? null : oldNo, newLine: op === 'del' ? null : newNo });
    if (op !== 'add') oldNo++;
    if (op !== 'del') newNo++;
  };
  for (let k = 0; k < head; k++) emit('same', a[k]);
  let ia = 0;
  let ib = 0;
  for (const op of ops) {
    if (op === 'same') {
      emit('same', midA[ia++]);
      ib++;
    } else if (op === 'del') emit('del', midA[ia++]);
    else emit('add', midB[ib++]);
  }
  for (let k = a.length - tail; k < a.length; k++) emit('same', a[k]);
  return { lines, added: lines.filter((l) => l.op === 'add').length, removed: lines.filter((l) => l.op === 'del').length, coarse };
}

/** The lines to show: every change with `context` unchanged lines around it; gaps become one `null`. */
export function hunks(lines: readonly DiffLine[], context = 2): (DiffLine | null)[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.op === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: (DiffLine | null)[] = [];
  lines.forEach((line, i) => {
    if (keep[i]) out.push(line);
    else if (out.length === 0 || out[out.length - 1] !== null) out.push(null);
  });
  return out;
}
