import { boardFiltersSchema } from '../boards/filters';
import { tilesOf, tilesSchema } from '../boards/kinds';
import type { Collection } from './types';
import { idColumn, timestampColumns } from './shared-columns';

export const VISIBILITIES = ['private', 'team'] as const;

/** Boards: an analyst's own dashboard of pinned views (issue 17; lib/boards, app/boards). */
export const boards: Collection = {
  id: 'boards',
  table: 'boards',
  label: { en: 'Boards', zh: '看板' },
  singular: { en: 'Board', zh: '看板' },
  titleColumn: 'title',
  defaultSort: { column: 'updated_at', order: 'desc' },
  idPrefix: 'board',
  ownership: { owner: 'owner', visibility: 'visibility', private: 'private' },
  versionColumn: 'version',
  columns: [
    idColumn,
    { id: 'title', type: 'text', label: { en: 'Title', zh: '标题(英文)' }, required: true, sortable: true, search: true, filter: 'text', maxLength: 200, listed: true, zhTwin: 'title_zh' },
    { id: 'title_zh', type: 'text', label: { en: 'Title (Chinese)', zh: '标题' }, sortable: true, search: true, filter: 'text', maxLength: 200 },
    { id: 'description', type: 'longtext', label: { en: 'Description (Markdown)', zh: '说明(英文,Markdown)' }, search: true, filter: 'text', maxLength: 20_000, zhTwin: 'description_zh' },
    { id: 'description_zh', type: 'longtext', label: { en: 'Description (Chinese, Markdown)', zh: '说明(Markdown)' }, maxLength: 20_000 },
    { id: 'visibility', type: 'enum', values: VISIBILITIES, label: { en: 'Visibility', zh: '可见范围' }, filter: 'facet', sortable: true, listed: true },
    { id: 'owner', type: 'text', label: { en: 'Owner', zh: '所有者' }, filter: 'facet', sortable: true, readOnly: true, listed: true },
    { id: 'filters', type: 'json', label: { en: 'Board filters', zh: '看板筛选' }, schema: boardFiltersSchema },
    { id: 'tiles', type: 'json', label: { en: 'Tiles', zh: '卡片' }, schema: tilesSchema },
    { id: 'version', type: 'integer', label: { en: 'Version', zh: '版本' }, sortable: true, readOnly: true },
    ...timestampColumns,
  ],
  derive: (row) => ({ tiles: row.tiles ?? [], visibility: row.visibility ?? 'private' }),
  // Tiles that name views are checked against those views' parsers in lib/collections/rules.ts.
  references: (row) =>
    tilesOf(row.tiles).flatMap((tile, i) => (tile.kind === 'indicator' ? [{ path: `tiles.${i}.hypothesis_id`, collection: 'hypotheses', id: tile.hypothesis_id }] : [])),
};
