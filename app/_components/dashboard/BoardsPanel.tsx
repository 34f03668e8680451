import Link from 'next/link';
import { translator, type Locale } from '@/lib/i18n';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import { EnMarker } from '../EnMarker';

export interface HomeBoard {
  id: string;
  title: string;
  title_zh: string | null;
  visibility: string;
  tiles: number;
  updated_at: string;
}

/** The dashboard's list of the viewer's boards (last updated first), with links to all of them and to a new one. */
export function BoardsPanel({ rows, total, canCreate, locale }: { rows: HomeBoard[]; total: number; canCreate: boolean; locale: Locale }) {
  const t = translator(locale);
  return (
    <section className="panel dash-boards" aria-labelledby="dash-boards" data-testid="dash-boards">
      <div className="panel-head">
        <h2 id="dash-boards">{t('board.home.title')}</h2>
        <span className="inline-links small">
          {total > 0 ? <Link href="/boards">{t('board.home.all')} →</Link> : null}
          {canCreate ? (
            <>
              {total > 0 ? ' · ' : null}
              <Link href="/boards/new" data-testid="dash-new-board">
                + {t('board.home.new')}
              </Link>
            </>
          ) : null}
        </span>
      </div>
      {rows.length ? (
        <ul className="dash-board-list">
          {rows.map((row) => {
            const title = localText(row.title, row.title_zh, locale);
            return (
              <li key={row.id}>
                <Link href={`/boards/${encodeURIComponent(row.id)}`} lang={title?.fallback ? 'en' : undefined}>
                  {title?.text ?? row.id}
                </Link>
                {title?.fallback ? <> <EnMarker locale={locale} /></> : null}
                <div className="muted small">
                  {t('board.home.tiles', { n: row.tiles })} · {valueLabel(row.visibility, locale, { id: 'visibility' })} · <time dateTime={row.updated_at}>{row.updated_at.slice(0, 10)}</time>
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted small">
          {t('board.home.none')} {t('board.home.intro')}
        </p>
      )}
    </section>
  );
}
