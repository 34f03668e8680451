'use client';

import type { Translate } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import type { Locale } from '@/lib/collections/types';
import { PAGE_SIZES } from './types';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  locale: Locale;
  t: Translate;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
  /** Only the range (a shared view cannot page). */
  readOnly?: boolean;
}

export function Pager({ page, pageSize, total, locale, t, onPage, onPageSize, readOnly = false }: PagerProps) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const n = (v: number) => formatNumber(v, locale, 0);
  return (
    <div className="pager">
      <span data-testid="row-range" aria-live="polite">
        {t('tbl.rangeOf', { from: n(from), to: n(to), total: n(total) })}
      </span>
      {readOnly ? null : (
        <>
      <label className="pager-size">
        {t('tbl.pageSize')}{' '}
        <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <div className="pager-buttons">
        <button type="button" className="btn" onClick={() => onPage(1)} disabled={page <= 1} aria-label={t('tbl.first')}>«</button>
        <button type="button" className="btn" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label={t('tbl.prev')} data-testid="page-prev">‹</button>
        <span className="pager-page">
          {n(page)} / {n(last)}
        </span>
        <button type="button" className="btn" onClick={() => onPage(page + 1)} disabled={page >= last} aria-label={t('tbl.next')} data-testid="page-next">›</button>
        <button type="button" className="btn" onClick={() => onPage(last)} disabled={page >= last} aria-label={t('tbl.last')}>»</button>
      </div>
        </>
      )}
    </div>
  );
}
