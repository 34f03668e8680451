import type { ValueKind } from '../../_components/chart/format';

/** How a concentration metric reads: HHI points, percentages (CRn), counts, or plain numbers. */
export const metricKind = (metric: string): ValueKind => (metric === 'hhi' ? 'hhi' : metric.startsWith('cr') ? 'percent' : metric === 'n' ? 'count' : 'number');
