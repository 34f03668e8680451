import { SafeMarkdown } from '@/app/scenarios/_components/SafeMarkdown';
import type { Locale } from '@/lib/i18n';
import type { TileDataOf } from './loaders';

/** A note's Markdown (its Chinese text for a Chinese reader, when it has one), rendered as scenario notes are: raw HTML stays text, unsafe links are dropped. */
export function NoteTile({ data, locale }: { data: TileDataOf['note']; locale: Locale }) {
  return <SafeMarkdown text={(locale === 'zh' && data.text_zh) || data.text} />;
}
