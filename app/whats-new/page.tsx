import type { Metadata } from 'next';
import Link from 'next/link';
import { getAtlas } from '@/db/connection';
import { inboxOf, listFollows, ruleTitles, type Notification } from '@/db/follows';
import { formatDateTime } from '@/lib/format';
import { requireUser } from '../_lib/auth';
import { actorOf } from '../_lib/follows';
import { getTranslator } from '../_lib/locale';
import { MarkSeenButton } from './_components/MarkSeenButton';
import './whats-new.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: "What's new" };

const SHOWN = 200;

interface Group {
  key: string;
  title: string;
  href: string | null;
  rule: boolean;
  rows: Notification[];
}

/** The viewer's notifications, grouped by the follow or rule that caused them, the group with the newest first. */
export default async function WhatsNewPage() {
  const viewer = await requireUser('read');
  const { locale, t } = await getTranslator();
  const actor = actorOf(viewer);
  const db = (await getAtlas()).db;
  const { rows, unseen } = actor ? await inboxOf(db, actor, { limit: SHOWN }) : { rows: [], unseen: 0 };
  const follows = new Map((actor ? await listFollows(db, actor) : []).map((f) => [f.id, f]));
  const rules = await ruleTitles(db, [...new Set(rows.map((r) => r.alertId).filter((id): id is string => id !== null))]);
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = row.followId ? `f:${row.followId}` : `a:${row.alertId}`;
    let group = groups.get(key);
    if (!group) {
      const follow = row.followId ? follows.get(row.followId) : undefined;
      const title = row.followId ? (follow?.title ?? follow?.target ?? t('whatsNew.removed')) : (rules.get(row.alertId ?? '') ?? row.alertId ?? '');
      const href = row.alertId ? `/alerts/${encodeURIComponent(row.alertId)}` : null;
      group = { key, title, href, rule: row.alertId !== null, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('whatsNew.title')}</h1>
          <p>{t('whatsNew.intro')}</p>
        </div>
        <div className="toolbar-actions">
          {unseen > 0 ? (
            <span className="badge" data-testid="whats-new-unseen">
              {t('whatsNew.unseen', { n: unseen })}
            </span>
          ) : null}
          {unseen > 0 && rows.length ? <MarkSeenButton upTo={rows[0].id} label={t('whatsNew.markAll')} /> : null}
          <Link className="btn" href="/following">
            {t('nav.following')}
          </Link>
        </div>
      </div>
      {groups.size === 0 ? (
        <p className="muted" data-testid="whats-new-empty">
          {t('whatsNew.empty')}
        </p>
      ) : (
        [...groups.values()].map((group) => (
          <section key={group.key} className="panel news-group" aria-labelledby={`g-${group.key}`} data-testid="news-group">
            <h2 id={`g-${group.key}`} className="news-title">
              {group.rule ? <span className="badge">{t('whatsNew.rule')}</span> : null} {group.href ? <Link href={group.href}>{group.title}</Link> : group.title}
            </h2>
            <ul className="news-list">
              {group.rows.map((row) => (
                <li key={row.id} className={row.seen ? 'news-item' : 'news-item news-unseen'} data-testid="news-item">
                  {row.seen ? null : <span className="badge lead">{t('whatsNew.new')}</span>}{' '}
                  {row.url ? <Link href={row.url}>{(locale === 'zh' && row.summaryZh) || row.summary}</Link> : (locale === 'zh' && row.summaryZh) || row.summary}{' '}
                  <time className="small muted" dateTime={row.at}>
                    {formatDateTime(row.at)}
                  </time>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <p className="small muted feed-hint">
        {t('following.feedHint')} <Link href="/account/feeds">{t('following.feed')}</Link>
      </p>
    </>
  );
}
