import 'server-only';
import { getAtlas } from '@/db/connection';
import { listRows } from '@/db/rows';
import { ALERT_DIRECTIONS, ALERT_KINDS, ALERT_METRICS, type AlertChannels } from '@/lib/alerts/rule';
import { getCollection } from '@/lib/collections';
import type { Locale, MessageKey } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { parseQuery } from '@/lib/query/parse';
import type { AlertValues, EditorText } from './AlertEditor';

const METRIC_NAMES: Partial<Record<string, { en: string; zh: string }>> = { gini: { en: 'Gini', zh: '基尼系数' }, equivalentFirms: { en: 'Equivalent firms', zh: '等效企业数' }, n: { en: 'Firms (n)', zh: '企业数(n)' } };

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const FIELDS = ['title', 'kind', 'hypothesis', 'hypothesisHint', 'pathRows', 'pathRowsHint', 'pathMetric', 'pathMetricHint', 'metric', 'direction', 'threshold', 'channels', 'inbox', 'webhook', 'webhookHint', 'viewerHint', 'secret', 'secretHint', 'secretKeep', 'email', 'active', 'save', 'cancel', 'secretTitle', 'secretOnce', 'done'] as const;

/** The rule editor's words and choices (it is browser code: it gets them as props). */
export async function editorText(locale: Locale, t: T): Promise<EditorText> {
  const spec = parseQuery(getCollection('hypotheses'), new URLSearchParams({ pageSize: '500' }));
  const hypotheses = (await listRows(await getAtlas(), spec)).rows.map((h) => ({ value: String(h.id), label: `${String(h.code)} · ${String((locale === 'zh' && h.title_zh) || h.title)}` }));
  const choices = (values: readonly string[]) => values.map((value) => ({ value, label: valueLabel(value, locale) }));
  return {
    labels: Object.fromEntries(FIELDS.map((f) => [f, t(`rules.f.${f}` as MessageKey)])),
    kinds: choices(ALERT_KINDS),
    metrics: ALERT_METRICS.map((value) => ({ value, label: METRIC_NAMES[value]?.[locale] ?? value.toUpperCase() })),
    directions: choices(ALERT_DIRECTIONS),
    hypotheses,
  };
}

/** A stored rule as the editor's values (a new rule when null). */
export function editorValues(row: Record<string, unknown> | null, preset: { path?: string } = {}): AlertValues {
  const channels = (row?.channels ?? { inbox: true, webhook: null, email: null }) as AlertChannels;
  return {
    id: row ? String(row.id) : undefined,
    version: row ? Number(row.version) : undefined,
    title: row ? String(row.title ?? '') : '',
    kind: row ? String(row.kind) : 'new-rows',
    path: row ? String(row.path ?? '') : (preset.path ?? ''),
    hypothesis_id: row ? String(row.hypothesis_id ?? '') : '',
    metric: row ? String(row.metric ?? 'hhi') : 'hhi',
    threshold: row && row.threshold !== null && row.threshold !== undefined ? String(row.threshold) : '',
    direction: row ? String(row.direction ?? 'above') : 'above',
    inbox: channels.inbox,
    webhookUrl: channels.webhook?.url ?? '',
    email: channels.email ?? '',
    active: row ? Number(row.active) === 1 : true,
    hasWebhook: Boolean(channels.webhook),
  };
}
