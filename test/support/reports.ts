import { expect } from 'vitest';
import type { ConcentrationReport } from '../../lib/concentration';

/** A report naming `top` firms against the one naming all: the same, up to the order in which floats were added. */
export function expectSameReport(few: ConcentrationReport, all: ConcentrationReport, top: number): void {
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  const named = all.shares.slice(0, top);
  expect(few.shares.slice(0, named.length)).toEqual(named);
  const rest = all.shares.slice(top);
  if (rest.length) expect(few.shares[named.length]).toMatchObject({ id: '_others', count: rest.length });
  if (rest.length) close(few.shares[named.length].value, rest.reduce((sum, s) => sum + s.value, 0));
  expect(few.shares).toHaveLength(named.length + (rest.length ? 1 : 0));
  const numbers = (r: ConcentrationReport) => ({ hhi: r.hhi, gini: r.gini, equivalentFirms: r.equivalentFirms ?? 0, total: r.total, ...r.cr });
  const [a, b] = [numbers(few), numbers(all)];
  for (const key of Object.keys(b) as (keyof typeof b)[]) close(a[key], b[key]);
  expect(few.lorenz).toHaveLength(all.lorenz.length);
  few.lorenz.forEach((point, i) => point.forEach((v, j) => close(v, all.lorenz[i][j])));
  const rounded = { hhi: 0, gini: 0, equivalentFirms: 0, total: 0, cr: {}, lorenz: [], shares: [] };
  expect({ ...few, ...rounded }).toEqual({ ...all, ...rounded });
}
