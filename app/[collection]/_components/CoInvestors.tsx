import Link from 'next/link';
import type { CoInvestor } from '@/db/coinvestments';
import { formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { hrefOf, networkView } from '@/lib/query/view-state';
import { nameIn } from '../../_components/analysis/words';

/** An investor's top co-investors (its detail page), with a link to its part of the co-investor network. */
export function CoInvestors({ id, coInvestors, locale }: { id: string; coInvestors: CoInvestor[]; locale: Locale }) {
  const t = translator(locale);
  const network = hrefOf('/network', networkView.format({ query: { layer: null, region: null, from: null, to: null, min: 1, investor: id, limit: null }, sort: 'rounds', order: 'desc' }));
  return (
    <section className="panel" aria-labelledby="co-investors" data-testid="co-investors">
      <div className="panel-head">
        <h2 id="co-investors">
          {t('detail.coInvestors')} <span className="muted small">({coInvestors.length})</span>
        </h2>
        <Link href={network} data-testid="co-investors-network">
          {t('detail.coInvestorsNetwork')}
        </Link>
      </div>
      <p className="muted small">{t('detail.coInvestorsIntro')}</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('net.col.b')}</th>
            <th scope="col" className="num">
              {t('net.col.rounds')}
            </th>
          </tr>
        </thead>
        <tbody>
          {coInvestors.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/companies/${encodeURIComponent(c.id)}`}>{nameIn(c, locale === 'zh')}</Link>
              </td>
              <td className="num">{formatNumber(c.rounds, locale, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
