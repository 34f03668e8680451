import { ALERT_DIRECTIONS, ALERT_KINDS } from '../alerts/kinds';
import type { Collection } from './types';
import { idColumn, timestampColumns } from './shared-columns';

/**
 * Alert rules (issue 18): each belongs to its owner alone (another user's rules are not found). The webhook's
 * secret is kept in `alerts.webhook_secret`, which is no column here: no list, CSV, change-log entry or page
 * can show it (app/api/_lib/alert-writes.ts takes it out of a write). Channels, what each kind needs and paths are
 * checked in lib/collections/rules.ts.
 */
export const alerts: Collection = {
  id: 'alerts',
  table: 'alerts',
  label: { en: 'Alert rules', zh: '提醒规则' },
  singular: { en: 'Alert rule', zh: '提醒规则' },
  titleColumn: 'title',
  defaultSort: { column: 'updated_at', order: 'desc' },
  idPrefix: 'alert',
  ownership: { owner: 'owner' },
  versionColumn: 'version',
  columns: [
    idColumn,
    { id: 'title', type: 'text', label: { en: 'Title', zh: '标题' }, required: true, sortable: true, filter: 'text', maxLength: 200, listed: true, zhAsIs: true },
    { id: 'kind', type: 'enum', values: ALERT_KINDS, label: { en: 'Kind', zh: '类型' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'path', type: 'text', label: { en: 'View', zh: '视图' }, filter: 'text', maxLength: 2000, listed: true },
    { id: 'hypothesis_id', type: 'ref', ref: 'hypotheses', label: { en: 'Hypothesis', zh: '假设' }, filter: 'facet', sortable: true },
    // One of lib/concentration's METRICS, checked on the server (lib/alerts/rule.ts): kept out of browser bundles.
    { id: 'metric', type: 'text', label: { en: 'Metric', zh: '指标' }, filter: 'facet', sortable: true, maxLength: 40 },
    { id: 'threshold', type: 'number', label: { en: 'Threshold', zh: '阈值' }, filter: 'range', sortable: true, decimals: 4 },
    { id: 'direction', type: 'enum', values: ALERT_DIRECTIONS, label: { en: 'Direction', zh: '方向' }, filter: 'facet', sortable: true },
    // Its shape ({ inbox, webhook, email }) is checked with the kind's needs in lib/collections/rules.ts (lib/alerts/rule.ts).
    { id: 'channels', type: 'json', label: { en: 'Channels', zh: '渠道' }, required: true },
    { id: 'active', type: 'flag', label: { en: 'Active', zh: '启用' }, filter: 'facet', sortable: true, listed: true, flagLabels: { yes: { en: 'Active', zh: '启用' }, no: { en: 'Paused', zh: '暂停' } } },
    { id: 'failing', type: 'flag', warns: true, label: { en: 'Failing', zh: '投递失败' }, filter: 'facet', sortable: true, readOnly: true, listed: true, flagLabels: { yes: { en: 'Failing', zh: '投递失败' }, no: { en: 'Delivering', zh: '投递正常' } } },
    { id: 'owner', type: 'text', label: { en: 'Owner', zh: '所有者' }, filter: 'facet', sortable: true, readOnly: true },
    { id: 'version', type: 'integer', label: { en: 'Version', zh: '版本' }, sortable: true, readOnly: true },
    ...timestampColumns,
  ],
  derive: (row, context) => (context.previous === null && row.active === undefined ? { active: 1 } : {}),
};
