import type { ShareLink } from '@/db/shares';
import { formatDateTime } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { CopyText } from '../../../_components/share/CopyText';
import { citationOf } from './describe';
import '../../../_components/share/share.css';

interface Props {
  link: ShareLink;
  asOf: string;
  dataHash: string;
  /** The view's data (a board's citation names its title). */
  data?: unknown;
  url: string;
  locale: Locale;
  only: boolean;
  localMode: boolean;
}

/** Above a shared view: what it is, how fresh, until when, and the citation line to paste into a report. */
export function ShareBanner({ link, asOf, dataHash, data, url, locale, only, localMode }: Props) {
  const t = translator(locale);
  const citation = citationOf({ title: link.title, path: link.path, mode: link.mode, asOf, dataHash, url, data }, locale);
  return (
    <section className="share-banner" aria-label={t('share.banner.label')} data-testid="share-banner" data-mode={link.mode}>
      {only ? (
        <p className="notice" role="status" data-testid="share-only">
          {t('share.banner.only')}
        </p>
      ) : null}
      <div className="share-banner-head">
        <span className="badge">{t('share.banner.label')}</span>
        <strong className="share-banner-title">{link.title}</strong>
      </div>
      <p className="small">
        {t('share.banner.readOnly')}{' '}
        <span data-testid="share-asof">{link.mode === 'snapshot' ? t('share.banner.snapshot', { at: formatDateTime(asOf) }) : t('share.banner.live', { at: formatDateTime(asOf) })}</span>
        {link.expiresAt ? <> {t('share.banner.expires', { at: formatDateTime(link.expiresAt) })}</> : null}
      </p>
      <div className="share-citation">
        <span className="muted small">{t('share.citation')}:</span>
        <code data-testid="share-citation">{citation}</code>
        <CopyText text={citation} label={t('share.copy')} done={t('share.copied')} />
      </div>
      {localMode ? (
        <p className="small">
          <a href={`/s/${link.token}/leave`}>{t('share.banner.leave')}</a>
        </p>
      ) : null}
    </section>
  );
}
