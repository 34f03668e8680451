import Link from 'next/link';
import type { CoInvestments, NetworkNode, NetworkPair } from '@/lib/analysis/types';
import { formatNumber } from '@/lib/format';
import type { Locale, MessageKey, Translate } from '@/lib/i18n';
import { hrefOf, withNextSort, type NetworkSort, type NetworkViewState } from '@/lib/query/view-state';
import type { ChartTable } from '../../_components/chart/ChartFrame';
import { nameIn } from '../../_components/analysis/words';

// The network's twin: its pairs as a table whose headers are links to the next order (they work without
// JavaScript), and the rows of its CSV download.

const HEADERS: { sort: NetworkSort; key: MessageKey; numeric?: boolean }[] = [
  { sort: 'a', key: 'net.col.a' },
  { sort: 'b', key: 'net.col.b' },
  { sort: 'rounds', key: 'net.col.rounds', numeric: true },
];

type Named = Map<string, NetworkNode>;
const nameOf = (names: Named, id: string, locale: Locale) => {
  const node = names.get(id);
  return node ? nameIn(node, locale === 'zh') : id;
};

/** The pairs in the table's order: by shared rounds (ties by names), or by either investor's name. */
export function sortedPairs(network: CoInvestments, state: Pick<NetworkViewState, 'sort' | 'order'>, locale: Locale): NetworkPair[] {
  const names: Named = new Map(network.nodes.map((n) => [n.id, n]));
  const collator = new Intl.Collator(locale === 'zh' ? 'zh-CN' : 'en');
  const byName = (x: NetworkPair, y: NetworkPair, key: 'a' | 'b') => collator.compare(nameOf(names, x[key], locale), nameOf(names, y[key], locale));
  const sign = state.order === 'asc' ? 1 : -1;
  return [...network.pairs].sort((x, y) => {
    if (state.sort === 'rounds') return sign * (x.rounds - y.rounds) || byName(x, y, 'a') || byName(x, y, 'b');
    const other = state.sort === 'a' ? 'b' : 'a';
    return sign * byName(x, y, state.sort) || byName(x, y, other) || y.rounds - x.rounds;
  });
}

export function pairsCsv(network: CoInvestments, locale: Locale, t: Translate): ChartTable {
  const names: Named = new Map(network.nodes.map((n) => [n.id, n]));
  return {
    columns: [
      { key: 'a', label: t('net.col.aId') },
      { key: 'aName', label: t('net.col.a') },
      { key: 'b', label: t('net.col.bId') },
      { key: 'bName', label: t('net.col.b') },
      { key: 'rounds', label: t('net.col.rounds'), numeric: true },
    ],
    rows: network.pairs.map((p) => ({ a: p.a, aName: nameOf(names, p.a, locale), b: p.b, bName: nameOf(names, p.b, locale), rounds: p.rounds })),
  };
}

interface Props {
  network: CoInvestments;
  state: NetworkViewState;
  /** The page's URL parameters (for the headers' links). */
  params: URLSearchParams;
  locale: Locale;
  t: Translate;
  /** Names and headers are links; false in a shared view. */
  linked: boolean;
}

export function PairsTable({ network, state, params, locale, t, linked }: Props) {
  const names: Named = new Map(network.nodes.map((n) => [n.id, n]));
  const investor = (id: string) => (linked ? <Link href={`/companies/${encodeURIComponent(id)}`}>{nameOf(names, id, locale)}</Link> : nameOf(names, id, locale));
  return (
    <section className="panel" aria-labelledby="net-table-title">
      <h2 id="net-table-title">{t('net.table.title')}</h2>
      <div className="analysis-table" role="region" aria-labelledby="net-table-title" tabIndex={0}>
        <table className="data" data-testid="pairs-table">
          <caption className="sr-only">{t('net.table.caption')}</caption>
          <thead>
            <tr>
              {HEADERS.map((h) => {
                const current = state.sort === h.sort;
                const label = t(h.key);
                return (
                  <th key={h.sort} scope="col" className={h.numeric ? 'num' : undefined} aria-sort={current ? (state.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                    {linked ? (
                      <a href={hrefOf('/network', withNextSort(params, h.sort))} aria-current={current ? 'true' : undefined} title={t('net.sortBy', { column: label })} data-testid={`sort-${h.sort}`}>
                        {label} {current ? (state.order === 'asc' ? '▲' : '▼') : ''}
                      </a>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sortedPairs(network, state, locale).map((p) => (
              <tr key={`${p.a} ${p.b}`} data-pair={`${p.a} ${p.b}`}>
                <td>{investor(p.a)}</td>
                <td>{investor(p.b)}</td>
                <td className="num">{formatNumber(p.rounds, locale, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
