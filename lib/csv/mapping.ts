import type { Collection, Column } from '../collections/types';

// Which column each header of a file goes to: by column id, or by the English or Chinese label, unless the
// caller maps it explicitly (to a column id, or to null to ignore it). Read-only columns (region, timestamps)
// are accepted and ignored, so that an export imports again unchanged.

export type HeaderMap = Record<string, string | null>;

export interface HeaderPlan {
  /** Per header position: the column it fills, or null when ignored. */
  targets: (Column | null)[];
  /** Column id → header position. */
  index: Map<string, number>;
  /** Headers that match no column and were not mapped. */
  unknown: string[];
  /** Two headers that fill the same column. */
  conflicts: { column: string; headers: string[] }[];
  /** Map entries naming a column the collection does not have. */
  badTargets: { header: string; column: string }[];
}

/** Comparable form of a header or label: width-normalised (全角 → ASCII), trimmed, spaces collapsed, lower case. */
export function headerKey(text: string): string {
  return text.replace(/^\uFEFF/, '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The column a header names, by id first, then English label, then Chinese label. */
export function suggestColumn(collection: Collection, header: string): Column | undefined {
  const key = headerKey(header);
  return (
    collection.columns.find((c) => c.id === key) ??
    collection.columns.find((c) => headerKey(c.label.en) === key) ??
    collection.columns.find((c) => headerKey(c.label.zh) === key)
  );
}

/** Columns an import can fill. */
export const importableColumns = (collection: Collection) => collection.columns.filter((c) => !c.readOnly);

export function planHeader(collection: Collection, headers: string[], map: HeaderMap | null = null): HeaderPlan {
  const plan: HeaderPlan = { targets: [], index: new Map(), unknown: [], conflicts: [], badTargets: [] };
  const filled = new Map<string, string[]>();
  for (const header of headers) {
    let column: Column | undefined;
    if (map && Object.hasOwn(map, header)) {
      const id = map[header];
      column = id === null ? undefined : collection.columns.find((c) => c.id === id);
      if (id !== null && !column) plan.badTargets.push({ header, column: id });
    } else {
      column = suggestColumn(collection, header);
      if (!column) plan.unknown.push(header);
    }
    const target = column && !column.readOnly ? column : null;
    if (target && !plan.index.has(target.id)) plan.index.set(target.id, plan.targets.length);
    plan.targets.push(target);
    if (target) filled.set(target.id, [...(filled.get(target.id) ?? []), header]);
  }
  for (const [column, list] of filled) if (list.length > 1) plan.conflicts.push({ column, headers: list });
  return plan;
}
