import type { ShadedBand } from '@/app/_components/chart/LineSeriesChart';
// The modules themselves, not the index: the index also loads the parsers, and with them zod, into the browser.
import { bandRanges, HHI_MAX, OTHERS_ID, UNATTRIBUTED_ID, type BandRange, type Guidelines } from '@/lib/concentration/bands';
import type { ConcentrationReport } from '@/lib/concentration';
import { formatNumber } from '@/lib/format';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';

// Helpers shared by the server page and the client charts (no 'use client': callable on both sides).

export const bandKey = (band: string | null) => `conc.band.${band ?? 'none'}` as MessageKey;

const BAND_FILL = { unconcentrated: 'var(--band-un)', moderately: 'var(--band-mod)', highly: 'var(--band-high)' } as const;

export function shadedBands(guidelines: Guidelines, locale: Locale): ShadedBand[] {
  const t = translator(locale);
  const n = (v: number) => formatNumber(v, locale, 0);
  const range = (b: BandRange) => (b.from === 0 ? `< ${n(b.to)}` : b.to === HHI_MAX ? `> ${n(b.from)}` : `${n(b.from)}–${n(b.to)}`);
  return bandRanges(guidelines).map((b) => ({ from: b.from, to: b.to, label: `${t(bandKey(b.band))} (${range(b)})`, fill: BAND_FILL[b.band] }));
}

/** A y-axis top that shows the data and at least the "highly concentrated" threshold. */
export function hhiDomain(values: readonly number[], guidelines: Guidelines): [number, number] {
  const high = bandRanges(guidelines)[2].from;
  const top = Math.max(high * 1.25, ...values.map((v) => v * 1.12));
  return [0, Math.min(HHI_MAX, Math.ceil(top / 500) * 500)];
}

export function shareName(share: ConcentrationReport['shares'][number], locale: Locale): string {
  const t = translator(locale);
  if (share.id === OTHERS_ID) return t('conc.others', { n: share.count ?? 0 });
  if (share.id === UNATTRIBUTED_ID) return t('conc.unattributed');
  return locale === 'zh' && share.name_zh ? share.name_zh : share.name;
}
