import type { Column, Label, Locale } from '../collections/types';

// Display names of enumeration values, shared by every column that uses them.
const VALUES: Record<string, Label> = {
  builder: { en: 'Builder', zh: '开发商' },
  investor: { en: 'Investor', zh: '投资方' },
  adopter: { en: 'Adopter', zh: '应用方' },
  other: { en: 'Other', zh: '其他' },
  china: { en: 'China', zh: '中国' },
  overseas: { en: 'Overseas', zh: '海外' },
  foundation: { en: 'Foundation', zh: '基础层' },
  infrastructure: { en: 'Infrastructure', zh: '基础设施层' },
  application: { en: 'Application', zh: '应用层' },
  text: { en: 'Text', zh: '文本' },
  image: { en: 'Image', zh: '图像' },
  video: { en: 'Video', zh: '视频' },
  audio: { en: 'Audio', zh: '音频' },
  code: { en: 'Code', zh: '代码' },
  multimodal: { en: 'Multimodal', zh: '多模态' },
  b2b: { en: 'B2B', zh: 'B2B' },
  b2c: { en: 'B2C', zh: 'B2C' },
  b2b2c: { en: 'B2B2C', zh: 'B2B2C' },
  open_source: { en: 'Open source', zh: '开源' },
  maas: { en: 'Model as a service', zh: '模型即服务' },
  private: { en: 'Private', zh: '未上市' },
  public: { en: 'Public', zh: '已上市' },
  acquired: { en: 'Acquired', zh: '已被收购' },
  closed: { en: 'Closed', zh: '已关闭' },
  verified: { en: 'Verified', zh: '已核实' },
  reported: { en: 'Reported', zh: '媒体报道' },
  estimate: { en: 'Estimate', zh: '估计' },
  unverified: { en: 'Unverified', zh: '未核实' },
  day: { en: 'Day', zh: '日' },
  month: { en: 'Month', zh: '月' },
  quarter: { en: 'Quarter', zh: '季度' },
  year: { en: 'Year', zh: '年' },
  pre_seed: { en: 'Pre-seed', zh: '种子前轮' },
  seed: { en: 'Seed', zh: '种子轮' },
  series_a: { en: 'Series A', zh: 'A 轮' },
  series_b: { en: 'Series B', zh: 'B 轮' },
  series_c: { en: 'Series C', zh: 'C 轮' },
  series_d: { en: 'Series D', zh: 'D 轮' },
  series_e_plus: { en: 'Series E+', zh: 'E 轮及以后' },
  strategic: { en: 'Strategic', zh: '战略投资' },
  grant: { en: 'Grant', zh: '资助' },
  debt: { en: 'Debt', zh: '债务融资' },
  ipo: { en: 'IPO', zh: 'IPO' },
  fund: { en: 'Fund', zh: '基金' },
  equity: { en: 'Equity', zh: '股权' },
  convertible: { en: 'Convertible', zh: '可转债' },
  compute_credits: { en: 'Compute credits', zh: '算力额度' },
  announced: { en: 'Announced', zh: '已宣布' },
  pilot: { en: 'Pilot', zh: '试点' },
  production: { en: 'Production', zh: '已投产' },
  revenue: { en: 'Revenue', zh: '收入' },
  users: { en: 'Users', zh: '用户' },
  traffic: { en: 'Traffic (visits)', zh: '流量(访问量)' },
  spend: { en: 'Spend', zh: '支出' },
  api_volume: { en: 'API usage (calls, tokens)', zh: 'API 用量(调用次数、token)' },
  compute: { en: 'Compute', zh: '算力' },
  open: { en: 'Open', zh: '待验证' },
  strengthening: { en: 'Strengthening', zh: '增强中' },
  weakening: { en: 'Weakening', zh: '减弱中' },
  confirmed: { en: 'Confirmed', zh: '已证实' },
  refuted: { en: 'Refuted', zh: '已证伪' },
  supports: { en: 'Supports', zh: '支持' },
  contradicts: { en: 'Contradicts', zh: '反驳' },
  context: { en: 'Context', zh: '背景' },
  bull: { en: 'Bull', zh: '乐观' },
  base: { en: 'Base', zh: '基准' },
  bear: { en: 'Bear', zh: '悲观' },
  custom: { en: 'Custom', zh: '自定义' },
  // Kinds of milestones (events.kind).
  model: { en: 'Model', zh: '模型' },
  product: { en: 'Product', zh: '产品' },
  funding: { en: 'Funding', zh: '融资' },
  policy: { en: 'Policy', zh: '政策' },
  'open-source': { en: 'Open source', zh: '开源' },
  // Common values of free-text columns marked `labelledValues` (verticals, use-case functions and industries);
  // a value not listed here shows as it is stored.
  agents: { en: 'Agents', zh: '智能体' },
  'ai-chips': { en: 'AI chips', zh: 'AI 芯片' },
  automotive: { en: 'Automotive', zh: '汽车' },
  chatbot: { en: 'Chatbot', zh: '聊天机器人' },
  cloud: { en: 'Cloud', zh: '云计算' },
  coding: { en: 'Coding', zh: '编程' },
  'computer-vision': { en: 'Computer vision', zh: '计算机视觉' },
  content: { en: 'Content', zh: '内容生成' },
  'corporate-video': { en: 'Corporate video', zh: '企业视频' },
  'customer-service': { en: 'Customer service', zh: '客户服务' },
  'data-labeling': { en: 'Data labelling', zh: '数据标注' },
  creative: { en: 'Creative tools', zh: '创意工具' },
  'developer-tools': { en: 'Developer tools', zh: '开发者工具' },
  'e-commerce': { en: 'E-commerce', zh: '电商' },
  education: { en: 'Education', zh: '教育' },
  entertainment: { en: 'Entertainment', zh: '娱乐' },
  finance: { en: 'Finance', zh: '金融' },
  general: { en: 'General', zh: '通用' },
  healthcare: { en: 'Healthcare', zh: '医疗健康' },
  'knowledge-search': { en: 'Knowledge search', zh: '知识检索' },
  legal: { en: 'Legal', zh: '法律' },
  'legal-research': { en: 'Legal research', zh: '法律研究' },
  marketing: { en: 'Marketing', zh: '营销' },
  media: { en: 'Media', zh: '媒体' },
  music: { en: 'Music', zh: '音乐' },
  notes: { en: 'Notes', zh: '笔记' },
  productivity: { en: 'Productivity', zh: '办公效率' },
  'professional-services': { en: 'Professional services', zh: '专业服务' },
  robotics: { en: 'Robotics', zh: '机器人' },
  search: { en: 'Search', zh: '搜索' },
  'shopping-assistant': { en: 'Shopping assistant', zh: '购物助手' },
  social: { en: 'Social', zh: '社交' },
  'social-media': { en: 'Social media', zh: '社交媒体' },
  'spatial-intelligence': { en: 'Spatial intelligence', zh: '空间智能' },
  speech: { en: 'Speech', zh: '语音' },
  technology: { en: 'Technology', zh: '科技' },
  tutoring: { en: 'Tutoring', zh: '辅导' },
  // Scopes of hypotheses (hypotheses.scope).
  'market-structure': { en: 'Market structure', zh: '市场结构' },
  commercialisation: { en: 'Commercialisation', zh: '商业化' },
  'business-model': { en: 'Business model', zh: '商业模式' },
  risk: { en: 'Risk', zh: '风险' },
  // Collections an evidence row may cite (evidence.target_collection).
  companies: { en: 'Companies', zh: '公司' },
  investments: { en: 'Investments', zh: '投资' },
  'use-cases': { en: 'Use cases', zh: '应用案例' },
  'market-shares': { en: 'Market shares', zh: '市场份额' },
};

/** Values whose name depends on the column (a board's `private` is not a company's 未上市), keyed `column:value`. */
const COLUMN_VALUES: Record<string, Label> = {
  'visibility:private': { en: 'Private', zh: '仅自己可见' },
  'visibility:team': { en: 'Team', zh: '团队可见' },
  'amount_usd_basis:reported': { en: 'Reported in US$', zh: '按美元披露' },
  'amount_usd_basis:converted': { en: 'Converted to US$', zh: '折算为美元' },
  'quote:units_per_usd': { en: 'Units per US$', zh: '每美元兑换的单位数' },
  'quote:usd_per_unit': { en: 'US$ per unit', zh: '每单位兑换的美元数' },
};

export function valueLabel(value: string, locale: Locale, column?: Pick<Column, 'id'>): string {
  return (column && COLUMN_VALUES[`${column.id}:${value}`]?.[locale]) ?? VALUES[value]?.[locale] ?? value;
}

/** Whether a value has a display name (test/unit/value-labels.test.ts: every enum value of the registry has one). */
export const hasValueLabel = (value: string, column?: Pick<Column, 'id'>): boolean =>
  (column !== undefined && Object.hasOwn(COLUMN_VALUES, `${column.id}:${value}`)) || Object.hasOwn(VALUES, value);

/** What a flag column's 1 or 0 is called ("Disputed" / "Not disputed"). */
export function flagLabel(column: Pick<Column, 'flagLabels' | 'label'>, value: unknown, locale: Locale): string {
  const on = value === 1 || value === '1' || value === true || value === 'true';
  const labels = column.flagLabels;
  if (!labels) return on ? column.label[locale] : `${column.label[locale]}: ${locale === 'zh' ? '否' : 'no'}`;
  return (on ? labels.yes : labels.no)[locale];
}
