import Link from 'next/link';
import { getCollection } from '@/lib/collections';
import { translator, type Locale } from '@/lib/i18n';
import { fieldDiff, hunks, lineDiff, type Version } from '@/lib/versions/diff';
import { RestoreButton } from './RestoreButton';

/** The fields a restore writes back: every editable column of a scenario. */
const EDITABLE = getCollection('scenarios').columns.filter((c) => !c.readOnly && c.id !== 'id').map((c) => c.id);

const show = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : typeof value === 'object' ? JSON.stringify(value, null, 1) : String(value));

interface Props {
  scenarioId: string;
  versions: Version[];
  /** The change ids to compare (from the URL), or null for "the last two". */
  from: number | null;
  to: number | null;
  locale: Locale;
}

/** Every version of the note, a diff between two of them (chosen in the URL), and Restore. */
export function VersionsPanel({ scenarioId, versions, from, to, locale }: Props) {
  const t = translator(locale);
  const columns = getCollection('scenarios').columns;
  const labelOf = (field: string) => columns.find((c) => c.id === field)?.label[locale] ?? field;
  const current = versions.at(-1);
  const newer = versions.find((v) => v.changeId === to) ?? current;
  const older = versions.find((v) => v.changeId === from) ?? versions.at(-2);
  const changes = older && newer ? fieldDiff(older.row, newer.row, EDITABLE) : [];
  const body = older && newer ? lineDiff(String(older.row.body ?? ''), String(newer.row.body ?? '')) : null;
  const base = `/scenarios/${encodeURIComponent(scenarioId)}`;

  return (
    <section className="panel" id="versions" aria-labelledby="versions-heading" data-testid="versions">
      <h2 id="versions-heading">
        {t('scn.ver.title')} <span className="muted small">({versions.length})</span>
      </h2>
      <ol className="history versions" reversed>
        {[...versions].reverse().map((v) => {
          const previous = versions[v.number - 2];
          return (
            <li key={v.changeId} data-testid={`version-${v.number}`}>
              <div>
                <strong>{t('scn.ver.n', { n: v.number })}</strong>{' '}
                <span className="muted small">
                  <time dateTime={v.at}>{v.at.slice(0, 19).replace('T', ' ')}</time> · {t('change.by', { actor: v.actor })} · {t(v.action === 'create' ? 'change.create' : v.action === 'restore' ? 'change.restore' : 'change.update')}
                </span>
                {v === current ? <span className="badge">{t('scn.ver.current')}</span> : null}
                {previous ? (
                  <div className="small">
                    <Link href={`${base}?from=${previous.changeId}&to=${v.changeId}#versions`}>{t('scn.ver.diffWith', { n: previous.number })}</Link>
                  </div>
                ) : null}
              </div>
              {v !== current ? <RestoreButton scenarioId={scenarioId} version={v.number} locale={locale} values={Object.fromEntries(EDITABLE.map((k) => [k, v.row[k] ?? null]))} /> : null}
            </li>
          );
        })}
      </ol>
      {versions.length > 1 ? (
        <form method="get" action={`${base}#versions`} className="diff-pick">
          <label>
            {t('scn.ver.from')}{' '}
            <select name="from" defaultValue={older?.changeId}>
              {versions.map((v) => (
                <option key={v.changeId} value={v.changeId}>
                  {t('scn.ver.n', { n: v.number })}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('scn.ver.to')}{' '}
            <select name="to" defaultValue={newer?.changeId}>
              {versions.map((v) => (
                <option key={v.changeId} value={v.changeId}>
                  {t('scn.ver.n', { n: v.number })}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" className="btn" data-testid="diff-submit">
            {t('scn.ver.compare')}
          </button>
        </form>
      ) : null}
      {older && newer && older !== newer ? (
        <div className="diff" data-testid="version-diff">
          <h3>{t('scn.ver.diffTitle', { a: older.number, b: newer.number })}</h3>
          {changes.length === 0 ? <p className="muted">{t('scn.ver.same')}</p> : null}
          {changes.filter((c) => c.field !== 'body').length ? (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('scn.ver.field')}</th>
                  <th scope="col">{t('scn.ver.n', { n: older.number })}</th>
                  <th scope="col">{t('scn.ver.n', { n: newer.number })}</th>
                </tr>
              </thead>
              <tbody>
                {changes.filter((c) => c.field !== 'body').map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{labelOf(c.field)}</th>
                    <td><pre className="prewrap diff-del">{show(c.before)}</pre></td>
                    <td><pre className="prewrap diff-add">{show(c.after)}</pre></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {body && (body.added || body.removed) ? (
            <>
              <p className="small muted">{t('scn.ver.bodyStats', { added: body.added, removed: body.removed })}{body.coarse ? ` ${t('scn.ver.coarse')}` : ''}</p>
              <pre className="line-diff" data-testid="body-diff">
                {hunks(body.lines).map((line, i) =>
                  line === null ? (
                    <span key={i} className="diff-gap">⋯{'\n'}</span>
                  ) : (
                    <span key={i} className={`diff-${line.op}`}>
                      <span className="sr-only">{line.op === 'add' ? t('scn.ver.added') : line.op === 'del' ? t('scn.ver.removed') : ''}</span>
                      {line.op === 'add' ? '+ ' : line.op === 'del' ? '− ' : '  '}
                      {line.text}
                      {'\n'}
                    </span>
                  ),
                )}
              </pre>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
