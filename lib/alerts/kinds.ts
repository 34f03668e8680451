// The values an alert rule's enum columns take. Apart from lib/alerts/rule.ts (zod) because the registry, which
// browser code loads for its labels, needs these and nothing else.

export const ALERT_KINDS = ['new-rows', 'indicator', 'metric'] as const;
export const ALERT_DIRECTIONS = ['above', 'below', 'change'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertDirection = (typeof ALERT_DIRECTIONS)[number];
