import type { Verdict } from './rule';

// What a notification says, in both languages, and the link to exactly the rows it is about. Pure.

export interface RowCounts {
  added: number;
  changed: number;
  removed: number;
}

/** Payload of a notification (`notifications.payload`); the webhook's `event` is built from these keys. */
export interface NotificationPayload {
  rows?: { count: number; ids?: string[]; added?: number; changed?: number; removed?: number };
  indicator?: { id: string; from: Verdict | null; to: Verdict; value: number | null };
  metric?: { name: string; value: number | null; threshold: number; direction: string };
}

/** Ids listed in a payload and in a link: more rows are linked by the write's time instead. */
export const MAX_LISTED_IDS = 100;

const NOUNS: Record<string, { one: string; many: string; zh: string }> = {
  investments: { one: 'round', many: 'rounds', zh: '轮融资' },
  companies: { one: 'company', many: 'companies', zh: '家公司' },
  'use-cases': { one: 'use case', many: 'use cases', zh: '个用例' },
  'market-shares': { one: 'market share', many: 'market shares', zh: '条市场份额' },
  events: { one: 'milestone', many: 'milestones', zh: '个里程碑' },
  hypotheses: { one: 'hypothesis', many: 'hypotheses', zh: '个假设' },
  scenarios: { one: 'scenario', many: 'scenarios', zh: '个情景' },
  evidence: { one: 'piece of evidence', many: 'pieces of evidence', zh: '条证据' },
  'fx-rates': { one: 'exchange rate', many: 'exchange rates', zh: '条汇率' },
};
const nounOf = (collection: string) => NOUNS[collection] ?? { one: 'row', many: 'rows', zh: '行' };

/** "3 new rounds and 1 changed round match “X”" / "“X”:新增 3 轮融资,修改 1 轮融资"; an import undone says what it removed or set back. */
export function rowsSummary(collection: string, counts: RowCounts, title: string, undo = false): { en: string; zh: string } {
  const noun = nounOf(collection);
  const n = (k: number) => (k === 1 ? noun.one : noun.many);
  const parts: string[] = [];
  const partsZh: string[] = [];
  if (counts.added) {
    parts.push(`${counts.added} new ${n(counts.added)}`);
    partsZh.push(`新增 ${counts.added} ${noun.zh}`);
  }
  if (counts.changed) {
    parts.push(undo ? `${counts.changed} ${n(counts.changed)} set back` : `${counts.changed} changed ${n(counts.changed)}`);
    partsZh.push(`${undo ? '恢复' : '修改'} ${counts.changed} ${noun.zh}`);
  }
  if (counts.removed) {
    parts.push(`${counts.removed} ${n(counts.removed)} removed`);
    partsZh.push(`移除 ${counts.removed} ${noun.zh}`);
  }
  const listed = parts.join(' and ');
  if (undo) return { en: `An import was undone: ${listed} in “${title}”`, zh: `“${title}”:撤销导入,${partsZh.join(',')}` };
  const matching = counts.added + counts.changed;
  const verb = matching === 0 ? 'from' : matching === 1 && !counts.removed ? 'matches' : 'match';
  return { en: `${listed} ${verb} “${title}”`, zh: `“${title}”:${partsZh.join(',')}` };
}

const VERDICT_WORDS: Record<Verdict, { en: string; zh: string }> = {
  supporting: { en: 'supporting', zh: '支持' },
  'not-supporting': { en: 'not supporting', zh: '不支持' },
  'no-reading': { en: 'no reading', zh: '无读数' },
};

const formatNumber = (value: number | null) => (value === null ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 3 : 1));

/** "H7's indicator moved from 'not supporting' to 'supporting' (cr4 99.1 > 80)". */
export function indicatorSummary(code: string, from: Verdict | null, to: Verdict, reading: { metric: string; value: number | null; threshold: number | null; direction: string | null }): { en: string; zh: string } {
  const sign = reading.direction === 'below' ? '<' : '>';
  const figure = reading.threshold === null ? '' : ` (${reading.metric.toUpperCase()} ${formatNumber(reading.value)} ${to === 'supporting' ? sign : `not ${sign}`} ${formatNumber(reading.threshold)})`;
  const figureZh = reading.threshold === null ? '' : `(${reading.metric.toUpperCase()} ${formatNumber(reading.value)},阈值 ${formatNumber(reading.threshold)})`;
  const was = from ? VERDICT_WORDS[from] : null;
  return {
    en: was ? `${code}'s indicator moved from '${was.en}' to '${VERDICT_WORDS[to].en}'${figure}` : `${code}'s indicator is now '${VERDICT_WORDS[to].en}'${figure}`,
    zh: was ? `${code} 的指标从“${was.zh}”变为“${VERDICT_WORDS[to].zh}”${figureZh}` : `${code} 的指标现为“${VERDICT_WORDS[to].zh}”${figureZh}`,
  };
}

/** "CR4 of “X” rose to 82.3 (at or above 80)". */
export function metricSummary(title: string, metric: string, direction: string, threshold: number, before: number | null, value: number | null): { en: string; zh: string } {
  const name = metric.toUpperCase();
  const v = formatNumber(value);
  const t = formatNumber(threshold);
  if (direction === 'change') {
    return { en: `${name} of “${title}” moved from ${formatNumber(before)} to ${v} (by more than ${t})`, zh: `“${title}”的 ${name} 从 ${formatNumber(before)} 变为 ${v}(变动超过 ${t})` };
  }
  const above = direction === 'above';
  return {
    en: `${name} of “${title}” ${above ? 'rose' : 'fell'} to ${v} (at or ${above ? 'above' : 'below'} ${t})`,
    zh: `“${title}”的 ${name} ${above ? '升至' : '降至'} ${v}(${above ? '达到或高于' : '达到或低于'} ${t})`,
  };
}

/**
 * The view narrowed to exactly the rows concerned: `id=` for each (up to MAX_LISTED_IDS), otherwise the rows
 * the write stamped (`updated_at` of that instant). Rows that are gone are not linked: the view itself is.
 */
export function rowsUrl(pathname: string, params: URLSearchParams, ids: readonly string[], total: number, stampedAt: string | null): string {
  const next = new URLSearchParams(params);
  next.delete('page');
  if (total > 0 && total <= MAX_LISTED_IDS && ids.length === total) for (const id of ids) next.append('id', id);
  else if (total > 0 && stampedAt) {
    next.set('updated_at__gte', stampedAt);
    next.set('updated_at__lte', stampedAt);
  }
  const query = next.toString();
  return query ? `${pathname}?${query}` : pathname;
}
