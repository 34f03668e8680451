import { NotShared, ViewLink as Link } from '@/app/_components/share/SharedView';
import type { EvidenceRow } from '@/db/evidence';
import { getCollection } from '@/lib/collections';
import { byStance } from '@/lib/hypotheses/evidence';
import { EVIDENCE_TARGETS } from '@/lib/hypotheses/stances';
import { translator, type Locale } from '@/lib/i18n';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import { LocalizedNote } from '../../_components/EnMarker';
import { AddEvidence } from './AddEvidence';
import { RemoveEvidence } from './RemoveEvidence';

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/** Evidence grouped by stance, with counts, each citing a row of the database or an outside URL. */
export function EvidencePanel({ hypothesisId, rows, locale }: { hypothesisId: string; rows: EvidenceRow[]; locale: Locale }) {
  const t = translator(locale);
  const groups = byStance(rows);
  return (
    <section className="panel" aria-labelledby="evidence-heading" data-testid="evidence-panel">
      <div className="panel-head">
        <h2 id="evidence-heading">
          {t('hyp.ev.title')} <span className="muted small">({rows.length})</span>
        </h2>
        <p className="small muted stance-counts" data-testid="evidence-counts">
          {groups.map((g) => `${valueLabel(g.stance, locale)} ${g.rows.length}`).join(' · ')}
        </p>
      </div>
      <div className="evidence-groups">
        {groups.map((group) => (
          <div key={group.stance} className={`evidence-group stance-${group.stance}`} data-testid={`evidence-${group.stance}`}>
            <h3>
              {valueLabel(group.stance, locale)} <span className="muted">({group.rows.length})</span>
            </h3>
            {group.rows.length === 0 ? <p className="muted small">{t('hyp.ev.noneOfStance')}</p> : null}
            <ul>
              {group.rows.map((row) => {
                const target = row.target;
                const label = target ? (locale === 'zh' ? target.name_zh : target.name) : hostOf(String(row.url ?? ''));
                return (
                  <li key={row.id}>
                    <div className="evidence-cite">
                      {target ? (
                        <>
                          <span className="badge">{getCollection(target.collection).singular[locale]}</span>{' '}
                          {target.exists ? (
                            <Link href={`/${target.collection}/${encodeURIComponent(target.id)}`}>{label}</Link>
                          ) : (
                            <span>
                              {label} <span className="muted small">({t('hyp.ev.missing')})</span>
                            </span>
                          )}
                        </>
                      ) : row.url ? (
                        <a href={String(row.url)} target="_blank" rel="noopener noreferrer">
                          {label} ↗
                        </a>
                      ) : null}
                    </div>
                    <LocalizedNote text={localText(row.note, row.note_zh, locale)} locale={locale} />
                    <div className="evidence-actions small muted">
                      <NotShared>
                        <Link href={`/evidence/${encodeURIComponent(row.id)}`}>{t('hyp.ev.details')}</Link> <RemoveEvidence id={row.id} locale={locale} label={label} />
                      </NotShared>
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
      <NotShared>
        <AddEvidence hypothesisId={hypothesisId} locale={locale} targetLabels={Object.fromEntries(EVIDENCE_TARGETS.map((c) => [c, getCollection(c).label[locale]]))} />
      </NotShared>
    </section>
  );
}
