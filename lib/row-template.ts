/**
 * New objects with these keys, in this order, each a copy of one template: `keys` null, `absentKeys` undefined
 * (left out of JSON). An object given many keys one at a time can become a hash table in V8 ("dictionary mode";
 * the 23-key rows of a page of rounds did), which is slow to copy (a page of 50 rounds: 0.2 ms, against 3 µs for
 * copies of a template), and each key added to an object costs it a new layout; copies of a template share its
 * fast layout, and setting a key the template has keeps it.
 */
export function rowTemplate(keys: readonly string[], absentKeys: readonly string[] = []): () => Record<string, unknown> {
  const all = [...keys, ...absentKeys];
  const template = JSON.parse(JSON.stringify(Object.fromEntries(all.map((key) => [key, null])))) as Record<string, unknown>;
  for (const key of absentKeys) template[key] = undefined;
  return () => ({ ...template });
}
