'use client';

import type { Translate } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import type { Locale } from '@/lib/collections/types';
import { HiddenParams } from './HiddenParams';
import { PAGE_SIZES } from './types';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  locale: Locale;
  t: Translate;
  /** The link to another page of the same view. */
  pageHref: (page: number) => string;
  follow: (event: React.MouseEvent<HTMLAnchorElement>) => void;
  onPageSize: (size: number) => void;
  /** The view's parameters (the page-size form keeps them without JavaScript). */
  search: URLSearchParams;
  /** Only the range (a shared view cannot page). */
  readOnly?: boolean;
}

export function Pager({ page, pageSize, total, locale, t, pageHref, follow, onPageSize, search, readOnly = false }: PagerProps) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const n = (v: number) => formatNumber(v, locale, 0);
  // A link to a page that does not exist (before the first, after the last) is shown disabled, not linked.
  const step = (target: number, enabled: boolean, label: string, mark: string, testId?: string) =>
    enabled ? (
      <a className="btn" href={pageHref(target)} onClick={follow} aria-label={label} data-testid={testId}>
        {mark}
      </a>
    ) : (
      <span className="btn" aria-disabled="true" role="link" aria-label={label} data-testid={testId}>
        {mark}
      </span>
    );
  return (
    <div className="pager">
      <span data-testid="row-range" aria-live="polite">
        {t('tbl.rangeOf', { from: n(from), to: n(to), total: n(total) })}
      </span>
      {readOnly ? null : (
        <>
          <form className="pager-size" method="get" onSubmit={(e) => e.preventDefault()}>
            <HiddenParams search={search} except={['page', 'pageSize']} />
            <label>
              {t('tbl.pageSize')}{' '}
              <select name="pageSize" value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
            <noscript>
              <button type="submit" className="btn">
                {t('tbl.range.apply')}
              </button>
            </noscript>
          </form>
          <nav className="pager-buttons" aria-label={t('tbl.pages')}>
            {step(1, page > 1, t('tbl.first'), '«')}
            {step(page - 1, page > 1, t('tbl.prev'), '‹', 'page-prev')}
            <span className="pager-page">
              {n(page)} / {n(last)}
            </span>
            {step(page + 1, page < last, t('tbl.next'), '›', 'page-next')}
            {step(last, page < last, t('tbl.last'), '»')}
          </nav>
        </>
      )}
    </div>
  );
}
