import Link from 'next/link';
import { EVENT_KINDS } from '@/lib/collections/events';
import { withMilestoneView, withToggledKind, type MilestoneView } from '@/lib/events/view';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { hrefOf } from '@/lib/query/view-state';
import { sharedView } from '../../_views/shared';
import './milestones.css';

interface Props {
  /** The page the links stay on, with its other parameters. */
  pathname: string;
  params: URLSearchParams;
  view: MilestoneView | null;
  locale: Locale;
  /** Why the URL's milestone parameters were refused, if they were. */
  error?: string | null;
}

/**
 * Links that turn the milestones on a page's time charts on and off and choose their kinds: plain links to the
 * next URL (`events=1`, `eventKinds=…`), so they work before the scripts load and without them. Not in a shared
 * view, whose visitor sees the one view that was shared.
 */
export function MilestoneToggle({ pathname, params, view, locale, error }: Props) {
  if (sharedView()) return null;
  const t = translator(locale);
  const href = (next: MilestoneView | null) => hrefOf(pathname, withMilestoneView(params, next));
  return (
    <nav className="milestone-toggle small" aria-label={t('ms.toggle.label')} data-testid="milestone-toggle">
      {view ? (
        <Link href={href(null)} scroll={false} className="btn" data-testid="milestones-hide">
          {t('ms.toggle.hide')}
        </Link>
      ) : (
        <Link href={href({ kinds: [] })} scroll={false} className="btn" data-testid="milestones-show">
          {t('ms.toggle.show')}
        </Link>
      )}
      {view ? (
        <span className="milestone-kinds">
          <span className="muted">{t('ms.toggle.kinds')}</span>
          <Link href={href({ kinds: [] })} scroll={false} className="milestone-kind" aria-current={view.kinds.length === 0 ? 'true' : undefined}>
            {t('ms.kinds.all')}
          </Link>
          {EVENT_KINDS.map((kind) => (
            <Link key={kind} href={href(withToggledKind(view, kind))} scroll={false} className="milestone-kind" aria-current={view.kinds.includes(kind) ? 'true' : undefined} data-testid={`milestone-kind-${kind}`}>
              {valueLabel(kind, locale)}
            </Link>
          ))}
        </span>
      ) : null}
      <Link href="/timeline">{t('ms.timeline')} →</Link>
      {error ? (
        <span className="error-text" role="alert" data-testid="milestones-error">
          {t('ms.error', { message: error })}
        </span>
      ) : null}
    </nav>
  );
}
