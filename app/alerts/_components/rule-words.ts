import type { AlertChannels } from '@/lib/alerts/rule';

/** What a rule watches, in a few words. */
export function watchesOf(row: Record<string, unknown>): string {
  if (row.kind === 'indicator') return `/hypotheses/${String(row.hypothesis_id ?? '')}`;
  if (row.kind === 'metric') return `${String(row.metric ?? '').toUpperCase()} · ${String(row.path ?? '')}`;
  return String(row.path ?? '');
}

export function channelNames(channels: AlertChannels | null): string[] {
  if (!channels) return [];
  return [...(channels.inbox ? ['inbox'] : []), ...(channels.webhook ? ['webhook'] : []), ...(channels.email ? ['email'] : [])];
}
