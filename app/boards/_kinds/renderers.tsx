import type { ReactNode } from 'react';
import type { Tile, TileKind } from '@/lib/boards/kinds';
import { ownTitle } from '@/lib/boards/titles';
import { findCollection } from '@/lib/collections';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';
import { ChartTile } from './ChartTile';
import { hypothesisName, IndicatorTile } from './IndicatorTile';
import type { TileDataOf } from './loaders';
import { MetricTile, segmentOf } from './MetricTile';
import { NoteTile } from './NoteTile';
import { TableTile } from './TableTile';

// The render half of the tile kinds (fields: lib/boards/kinds.ts, data: ./loaders.ts): each kind's look, and
// the title a tile shows when it has none of its own.

interface RenderProps<K extends TileKind> {
  tile: Extract<Tile, { kind: K }>;
  data: TileDataOf[K];
  /** The tile's view with the board's filters merged in. */
  path: string | null;
  title: string;
  locale: Locale;
}

interface KindRenderer<K extends TileKind> {
  render: (props: RenderProps<K>) => ReactNode;
  /** The title of a tile without one; `data` is missing when the tile failed to load. */
  title: (tile: Extract<Tile, { kind: K }>, data: TileDataOf[K] | undefined, locale: Locale) => string;
}

const collectionOfPath = (path: string) => findCollection(path.split(/[/?]/)[1] ?? '');

export const TILE_RENDERERS: { [K in TileKind]: KindRenderer<K> } = {
  table: {
    render: ({ data, title, locale }) => <TableTile data={data} title={title} locale={locale} />,
    title: (tile, data, locale) => (findCollection(data?.collection ?? '') ?? collectionOfPath(tile.path))?.label[locale] ?? translator(locale)('board.tile.table'),
  },
  chart: {
    render: ({ data, path, locale }) => <ChartTile data={data} path={path} locale={locale} />,
    title: (tile, _data, locale) => translator(locale)(`board.chart.${tile.chart}` as MessageKey),
  },
  metric: {
    render: ({ data, locale }) => <MetricTile data={data} locale={locale} />,
    title: (tile, _data, locale) => {
      const name = translator(locale)(`hyp.metric.${tile.metric}` as MessageKey);
      const segment = segmentOf(tile.path, locale);
      return segment ? `${name} · ${segment}` : name;
    },
  },
  indicator: {
    render: ({ tile, data, locale }) => <IndicatorTile data={data} named={tile.title !== undefined} locale={locale} />,
    title: (tile, data, locale) => (data ? hypothesisName(data.hypothesis, locale) : tile.hypothesis_id),
  },
  note: {
    render: ({ data, locale }) => <NoteTile data={data} locale={locale} />,
    title: (_tile, _data, locale) => translator(locale)('board.tile.note'),
  },
};

/** A tile's title: its own, else its kind's default. */
export function tileTitle<K extends TileKind>(tile: Extract<Tile, { kind: K }>, data: TileDataOf[K] | undefined, locale: Locale): string {
  const renderer = TILE_RENDERERS[tile.kind] as unknown as KindRenderer<K>;
  return ownTitle(tile, locale) ?? renderer.title(tile, data, locale);
}

/** A loaded tile's look, by its kind. */
export function renderTile<K extends TileKind>(props: RenderProps<K>): ReactNode {
  const renderer = TILE_RENDERERS[props.tile.kind] as unknown as KindRenderer<K>;
  return renderer.render(props);
}
