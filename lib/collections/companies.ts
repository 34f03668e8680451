import type { Collection } from './types';
import { idColumn, sourceColumns, timestampColumns } from './shared-columns';

export const COMPANY_KINDS = ['builder', 'investor', 'adopter', 'other'] as const;
export const LAYERS = ['foundation', 'infrastructure', 'application'] as const;
export const MODALITIES = ['text', 'image', 'video', 'audio', 'code', 'multimodal'] as const;
export const BUSINESS_MODELS = ['b2b', 'b2c', 'b2b2c', 'open_source', 'maas'] as const;
export const COMPANY_STATUSES = ['private', 'public', 'acquired', 'closed'] as const;
export const REGIONS = ['china', 'overseas'] as const;

/** Greater China counts as "china" in the report's domestic-vs-overseas split. */
const CHINA_COUNTRIES = new Set(['CN', 'HK', 'MO', 'TW']);

export const companies: Collection = {
  id: 'companies',
  table: 'companies',
  label: { en: 'Companies', zh: '公司' },
  singular: { en: 'Company', zh: '公司' },
  titleColumn: 'name',
  defaultSort: { column: 'name', order: 'asc' },
  columns: [
    idColumn,
    { id: 'name', type: 'text', label: { en: 'Name', zh: '名称' }, required: true, sortable: true, search: true, filter: 'text', maxLength: 200, zhTwin: 'name_zh', zhAsIs: true, listed: true },
    { id: 'name_zh', type: 'text', label: { en: 'Chinese name', zh: '中文名称' }, sortable: true, search: true, filter: 'text', maxLength: 200 },
    { id: 'kind', type: 'enum', values: COMPANY_KINDS, label: { en: 'Kind', zh: '类型' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'country', type: 'text', label: { en: 'Country', zh: '国家/地区' }, filter: 'facet', sortable: true, maxLength: 2, listed: true },
    { id: 'region', type: 'enum', values: REGIONS, label: { en: 'Region', zh: '区域' }, filter: 'facet', sortable: true, readOnly: true, listed: true },
    { id: 'layer', type: 'enum', values: LAYERS, label: { en: 'Layer', zh: '层级' }, filter: 'facet', sortable: true, listed: true },
    { id: 'modality', type: 'enum', values: MODALITIES, label: { en: 'Modality', zh: '模态' }, filter: 'facet', sortable: true, listed: true },
    { id: 'vertical', type: 'text', labelledValues: true, label: { en: 'Vertical', zh: '垂直领域' }, filter: 'facet', sortable: true, maxLength: 80, listed: true },
    { id: 'business_model', type: 'enum', values: BUSINESS_MODELS, label: { en: 'Business model', zh: '商业模式' }, filter: 'facet', sortable: true },
    { id: 'founded_year', type: 'integer', label: { en: 'Founded', zh: '成立年份' }, filter: 'range', sortable: true, min: 1800, max: 2100, listed: true },
    { id: 'hq', type: 'text', label: { en: 'Headquarters', zh: '总部' }, filter: 'text', sortable: true, search: true, maxLength: 200 },
    { id: 'website', type: 'url', label: { en: 'Website', zh: '网站' }, filter: 'text', maxLength: 2000 },
    { id: 'status', type: 'enum', values: COMPANY_STATUSES, label: { en: 'Status', zh: '状态' }, filter: 'facet', sortable: true },
    { id: 'parent_id', type: 'ref', ref: 'companies', label: { en: 'Parent', zh: '母公司' }, filter: 'facet', sortable: true },
    { id: 'description', type: 'longtext', label: { en: 'Description', zh: '简介(英文)' }, search: true, filter: 'text', maxLength: 20_000, zhTwin: 'description_zh' },
    { id: 'description_zh', type: 'longtext', label: { en: 'Description (Chinese)', zh: '简介' }, search: true, filter: 'text', maxLength: 20_000 },
    ...sourceColumns,
    ...timestampColumns,
  ],
  derive: (row) => {
    if (!('country' in row)) return {};
    const country = typeof row.country === 'string' ? row.country : null;
    return { region: country ? (CHINA_COUNTRIES.has(country) ? 'china' : 'overseas') : null };
  },
};
