import { ViewLink as Link } from '@/app/_components/share/SharedView';
import type { BoardTileResult } from '@/app/_views/board';
import type { Tile } from '@/lib/boards/kinds';
import { translator, type Locale } from '@/lib/i18n';
import type { TileDataOf } from '../../_kinds/loaders';
import { renderTile, tileTitle } from '../../_kinds/renderers';
import { filterLabel } from './filter-label';

/** A tile's title, whether or not it loaded. */
export const titleOf = (tile: Tile, result: BoardTileResult | undefined, locale: Locale): string =>
  tileTitle(tile, result && result.error === undefined ? (result.data as TileDataOf[typeof tile.kind]) : undefined, locale);

/**
 * One tile: its title, a link to its whole view, the board filters it ignores, then its kind's look or its error.
 * Async so that each card is a part of the page's payload of its own, which BoardEditor places through a
 * component (docs/decisions/023); it awaits nothing.
 */
export async function TileCard({ tile, result, locale }: { tile: Tile; result: BoardTileResult; locale: Locale }) {
  const t = translator(locale);
  const title = titleOf(tile, result, locale);
  const headingId = `tile-${tile.id}-title`;
  const open = result.path ?? (tile.kind === 'indicator' ? `/hypotheses/${encodeURIComponent(tile.hypothesis_id)}` : null);
  return (
    <section className={`board-card board-card-${tile.kind}`} aria-labelledby={headingId} data-testid={`tile-${tile.id}`} data-kind={tile.kind}>
      <header className="board-card-head">
        <h2 id={headingId} title={title}>
          {title}
        </h2>
        {open ? (
          <Link href={open} className="board-card-open small" data-testid="tile-open">
            {t('board.tile.open')} <span aria-hidden="true">→</span>
          </Link>
        ) : null}
      </header>
      {result.ignored.length ? (
        <p className="board-card-ignores small muted" title={t('board.tile.ignoresHint')} data-testid="tile-ignores">
          {t('board.tile.ignores', { filters: result.ignored.map((f) => filterLabel(f, locale)).join(', ') })}
        </p>
      ) : null}
      <div className="board-card-body">
        {result.error ? (
          <div className="error-box" role="alert" data-testid="tile-error">
            <p>{t('board.tile.error')}</p>
            <p className="mono small">{result.error.message}</p>
          </div>
        ) : (
          renderTile({ tile, data: result.data as TileDataOf[typeof tile.kind], path: result.path, title, locale } as Parameters<typeof renderTile>[0])
        )}
      </div>
    </section>
  );
}
