import type { Collection, LinkTable } from './types';
import { usdAmountOf, USD_BASES } from '../fx/usd';
import { datePrecisionColumn, idColumn, sourceColumns, timestampColumns } from './shared-columns';

export const ROUND_TYPES = [
  'pre_seed', 'seed', 'series_a', 'series_b', 'series_c', 'series_d', 'series_e_plus',
  'strategic', 'grant', 'debt', 'ipo', 'fund', 'other',
] as const;
export const INSTRUMENTS = ['equity', 'convertible', 'compute_credits', 'strategic', 'grant', 'fund'] as const;

/** A round whose sources disagree: the better-sourced figure is kept, the others are in its notes (issue 21). */
const DISPUTED_LABELS = {
  yes: { en: 'Disputed', zh: '有争议' },
  no: { en: 'Not disputed', zh: '无争议' },
  hint: { en: 'Sources disagree: the competing figures and their sources are in the notes', zh: '来源说法不一:其他数字及其来源见备注' },
};

/** The companies in a round: one link per (round, company), `is_lead` marking the leads (migrations 001, 007, 008). */
const participants: LinkTable = {
  table: 'investment_participants',
  from: 'investment_id',
  to: 'investor_id',
  field: 'participants',
  flags: { is_lead: 'isLead' },
  copies: ['round_type', 'announced_on'],
  keptCounts: { table: 'investor_round_counts', key: 'investor_id', count: 'rounds' },
};

export const investments: Collection = {
  id: 'investments',
  table: 'investments',
  label: { en: 'Investments', zh: '投资' },
  singular: { en: 'Round', zh: '融资轮次' },
  titleColumn: 'round_type',
  defaultSort: { column: 'announced_on', order: 'desc' },
  timeColumn: 'announced_on',
  idPrefix: 'inv',
  columns: [
    idColumn,
    { id: 'company_id', type: 'ref', ref: 'companies', search: true, label: { en: 'Company', zh: '公司' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'round_type', type: 'enum', values: ROUND_TYPES, label: { en: 'Round', zh: '轮次' }, filter: 'facet', sortable: true, listed: true },
    { id: 'announced_on', type: 'date', label: { en: 'Announced', zh: '公布日期' }, filter: 'range', sortable: true, listed: true },
    datePrecisionColumn,
    { id: 'amount_usd', type: 'money', label: { en: 'Amount (USD)', zh: '金额(美元)' }, filter: 'range', sortable: true, min: 1, listed: true },
    { id: 'amount_original', type: 'number', label: { en: 'Amount (original)', zh: '原币金额' }, filter: 'range', sortable: true, min: 0 },
    { id: 'currency', type: 'text', label: { en: 'Currency', zh: '币种' }, sortable: true, maxLength: 3 },
    // How amount_usd was had: reported in US dollars, or converted from amount_original at its year's average rate
    // (fx_rate units of `currency` per US dollar, the average of fx_year): lib/fx/usd.ts, decision 027.
    { id: 'amount_usd_basis', type: 'enum', values: USD_BASES, label: { en: 'USD amount basis', zh: '美元金额口径' }, filter: 'facet', sortable: true, readOnly: true },
    { id: 'fx_rate', type: 'number', label: { en: 'FX rate (per US$)', zh: '折算汇率(每美元)' }, readOnly: true, decimals: 4 },
    { id: 'fx_year', type: 'integer', label: { en: 'FX rate year', zh: '汇率年份' }, readOnly: true },
    { id: 'post_money_usd', type: 'money', label: { en: 'Post-money (USD)', zh: '投后估值(美元)' }, filter: 'range', sortable: true, min: 1, listed: true },
    { id: 'instrument', type: 'enum', values: INSTRUMENTS, label: { en: 'Instrument', zh: '工具' }, filter: 'facet', sortable: true },
    { id: 'lead_investors', type: 'refs', ref: 'companies', virtual: true, relation: { link: participants, only: 'is_lead' }, label: { en: 'Lead investors', zh: '领投方' }, listed: true },
    { id: 'investors', type: 'refs', ref: 'companies', virtual: true, relation: { link: participants }, label: { en: 'Investors', zh: '投资方' }, listed: true },
    { id: 'disputed', type: 'flag', warns: true, label: { en: 'Disputed', zh: '存在争议' }, filter: 'facet', sortable: true, listed: true, flagLabels: DISPUTED_LABELS },
    { id: 'notes', type: 'longtext', label: { en: 'Notes', zh: '备注' }, search: true, filter: 'text', maxLength: 20_000 },
    ...sourceColumns,
    ...timestampColumns,
  ],
  derive: (row, context) => usdAmountOf(row, context.previous, context.fx),
  deriveUses: ['fx-rates'],
  relationFilters: [
    { param: 'investor', column: 'investors', children: 'parent_id', facet: true, label: { en: 'Investor', zh: '投资方' } },
    { param: 'lead', column: 'lead_investors', children: 'parent_id', label: { en: 'Lead investor', zh: '领投方' } },
  ],
};
