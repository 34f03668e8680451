import { SafeMarkdown } from '@/app/scenarios/_components/SafeMarkdown';
import type { TileDataOf } from './loaders';

/** A note's Markdown, rendered as scenario notes are: raw HTML stays text, unsafe links are dropped. */
export function NoteTile({ data }: { data: TileDataOf['note'] }) {
  return <SafeMarkdown text={data.text} />;
}
