import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { historyOf } from '@/db/changes';
import { getAtlas } from '@/db/connection';
import { getRow, listNames } from '@/db/rows';
import { scenarioOutcome } from '@/db/scenarios';
import { getCollection } from '@/lib/collections';
import { formatNumber } from '@/lib/format';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import { EnMarker } from '../../_components/EnMarker';
import { readAssumptions } from '@/lib/scenarios/assumptions';
import { versionsOf } from '@/lib/versions/diff';
import { DeleteButton } from '../../[collection]/_components/DeleteButton';
import { requireUser } from '../../_lib/auth';
import { getTranslator } from '../../_lib/locale';
import { AssumptionsEditor } from '../_components/AssumptionsEditor';
import { OutcomePanel } from '../_components/OutcomePanel';
import { SafeMarkdown } from '../_components/SafeMarkdown';
import { VersionsPanel } from '../_components/VersionsPanel';
import '../../hypotheses/hypotheses.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const changeId = (v: string | string[] | undefined) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireUser('read');
  const row = await getRow(await getAtlas(), getCollection('scenarios'), decodeURIComponent((await params).id));
  return { title: row ? String(row.title) : 'Not found' };
}

export default async function ScenarioPage({ params, searchParams }: Props) {
  await requireUser('read');
  const id = decodeURIComponent((await params).id);
  const atlas = await getAtlas();
  const row = await getRow(atlas, getCollection('scenarios'), id);
  if (!row) notFound();
  const { locale, t } = await getTranslator();
  const search = await searchParams;
  const [outcome, history, companies] = await Promise.all([scenarioOutcome(atlas, row.assumptions), historyOf(atlas.db, 'scenarios', id), listNames(atlas, getCollection('companies'))]);
  const title = localText(row.title, row.title_zh, locale);
  const body = localText(row.body, row.body_zh, locale);
  const hypothesis = row.hypothesis as { id: string; name: string; name_zh?: string | null } | null;
  const compareHref = row.hypothesis_id ? `/scenarios/compare?hypothesis=${encodeURIComponent(String(row.hypothesis_id))}` : `/scenarios/compare?ids=${encodeURIComponent(row.id)}`;

  return (
    <>
      <div className="page-head">
        <div>
          <p className="small">
            <Link href="/scenarios">← {t('detail.back', { collection: getCollection('scenarios').label[locale] })}</Link>
          </p>
          <h1 data-testid="detail-title">
            {title?.text ?? row.id}
            {title?.fallback ? <> <EnMarker locale={locale} /></> : null}
          </h1>
          <p className="hyp-badges inline-links">
            <span className={`badge kind-${String(row.kind)}`} data-testid="scenario-kind">
              {t('scn.kind')}: {valueLabel(String(row.kind), locale)}
            </span>{' '}
            <span className="badge">
              {t('scn.probability')}: {typeof row.probability === 'number' ? `${formatNumber(row.probability, locale, 1)}%` : t('common.none')}
            </span>{' '}
            <span className="badge">
              {t('scn.horizon')}: {row.horizon === null ? t('common.none') : String(row.horizon)}
            </span>{' '}
            {hypothesis ? (
              <span className="badge">
                {t('scn.hypothesis')}: <Link href={`/hypotheses/${encodeURIComponent(hypothesis.id)}`}>{(locale === 'zh' && hypothesis.name_zh) || hypothesis.name}</Link>
              </span>
            ) : null}
          </p>
        </div>
        <div className="toolbar-actions">
          <Link className="btn" href={compareHref} data-testid="compare-link">
            {t('scn.compare')}
          </Link>
          <Link className="btn" href={`/scenarios/${encodeURIComponent(row.id)}/edit`} data-testid="edit-row">
            {t('detail.edit')}
          </Link>
          <DeleteButton collectionId="scenarios" id={row.id} locale={locale} />
        </div>
      </div>

      <section className="panel" aria-labelledby="note-heading">
        <h2 id="note-heading">{t('scn.note')}</h2>
        {body ? (
          <>
            {body.fallback ? <p><EnMarker locale={locale} /></p> : null}
            <div lang={body.fallback ? 'en' : undefined}>
              <SafeMarkdown text={body.text} />
            </div>
          </>
        ) : (
          <p className="muted">{t('scn.noNote')}</p>
        )}
      </section>
      <section className="panel" aria-labelledby="outcome-heading" data-testid="scenario-outcome">
        <h2 id="outcome-heading">{t('scn.out.title')}</h2>
        <OutcomePanel outcome={outcome} locale={locale} />
        <AssumptionsEditor key={JSON.stringify(row.assumptions ?? null)} scenarioId={row.id} locale={locale} initial={readAssumptions(row.assumptions)} companies={companies.map((c) => ({ id: c.id, name: c.name }))} />
      </section>

      <VersionsPanel scenarioId={row.id} versions={versionsOf(history)} from={changeId(search.from)} to={changeId(search.to)} locale={locale} />
    </>
  );
}
