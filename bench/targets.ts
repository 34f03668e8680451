import os from 'node:os';

// The issues' speed targets, as each bench part measures them: parts call `recordTarget` once per target and
// database; `npm run bench` ends with one table of every target recorded in the run, PASS or FAIL each.

export interface TargetResult {
  /** The issue and item, e.g. "16.3". */
  issue: string;
  /** What is measured, short: "lists p95, every sortable column". */
  target: string;
  database: 'sqlite' | 'postgres' | 'both';
  /** The app's figure, with its unit: "41 ms", "2.4×". */
  measured: string;
  /** The limit, with its unit: "≤ 50 ms", "≤ 3× bare". */
  limit: string;
  pass: boolean;
  /** The bare limit or other baseline the figure is compared with, if any. */
  baseline?: string;
}

const recorded: TargetResult[] = [];

export function recordTarget(result: TargetResult): void {
  recorded.push(result);
}

export function recordedTargets(): readonly TargetResult[] {
  return recorded;
}

export const machine = () => `${os.cpus().length} CPUs, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`;

/** The closing table of `npm run bench`. */
export function targetTable(results: readonly TargetResult[] = recorded): string[] {
  if (results.length === 0) return ['(no targets recorded)'];
  const rows = results.map((r) => [r.issue, r.target, r.database, r.measured, r.limit, r.baseline ?? '', r.pass ? 'PASS' : 'FAIL']);
  const head = ['issue', 'target', 'db', 'measured', 'limit', 'baseline', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const passed = results.filter((r) => r.pass).length;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), `${passed} of ${results.length} targets pass (${machine()})`];
}
