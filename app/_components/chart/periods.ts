// Period labels on a category axis: fill the gaps so that a missing year or quarter shows as a gap,
// not as two neighbouring bars or points.

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Every `2021` … `2023` or `2021-Q3` … `2022-Q2` between the first and last label; other labels as given. */
export function fillPeriods(labels: readonly string[]): string[] {
  const sorted = [...new Set(labels)].sort();
  if (sorted.length < 2) return sorted;
  if (sorted.every((l) => YEAR.test(l))) {
    const out: string[] = [];
    for (let y = Number(sorted[0]); y <= Number(sorted.at(-1)); y += 1) out.push(String(y));
    return out;
  }
  if (sorted.every((l) => QUARTER.test(l))) {
    const index = (l: string) => {
      const [, y, q] = QUARTER.exec(l) ?? [];
      return Number(y) * 4 + Number(q) - 1;
    };
    const out: string[] = [];
    for (let i = index(sorted[0]); i <= index(sorted.at(-1) ?? sorted[0]); i += 1) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
    return out;
  }
  return sorted;
}
