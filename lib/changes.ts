/** The fields whose values differ between two snapshots of a row (timestamps ignored). */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => k !== 'updated_at' && k !== 'created_at' && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
