import type { MessageKey } from '@/lib/i18n';

/** Saved filters shown above a table: a label and the query string they apply. */
export const PRESETS: Record<string, { label: MessageKey; query: string }[]> = {
  companies: [
    { label: 'preset.foundation', query: 'layer=foundation' },
    { label: 'preset.application', query: 'layer=application' },
    { label: 'preset.china', query: 'region=china' },
  ],
  investments: [
    { label: 'preset.openaiBacked', query: 'investor=openai' },
    { label: 'preset.unicorns', query: 'post_money_usd__gte=1000000000' },
  ],
  'use-cases': [{ label: 'preset.production', query: 'stage=production' }],
};
