// Apart from target.ts (zod and the registry) because browser code shows a view's filters with it.

/** The filters and settings of a shared path in words a report can quote ("layer = foundation; sort …"). */
export function describeParams(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (key === 'columns') continue;
    const [column, op] = key.split('__');
    const sign = op === 'gte' ? '≥' : op === 'lte' ? '≤' : op === 'gt' ? '>' : op === 'lt' ? '<' : op === 'ne' ? '≠' : op ? op : '=';
    parts.push(`${column} ${sign} ${value}`);
  }
  return parts.join('; ');
}
