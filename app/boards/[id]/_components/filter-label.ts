import type { BoardFilter } from '@/lib/boards/filters';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';

/** A board filter's name in the interface's language ("Layer", "From"). */
export const filterLabel = (filter: BoardFilter, locale: Locale): string => translator(locale)(`board.f.${filter}` as MessageKey);
