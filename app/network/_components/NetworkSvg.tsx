import type { PlacedNode } from '@/lib/analysis/force-layout';
import type { CoInvestments } from '@/lib/analysis/types';
import { formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { nameIn } from '../../_components/analysis/words';
import { regionClass } from '../../market-map/_components/MarketMapSvg';

// The co-investor network drawn on the server from the layout its loader computed (app/_views/network.ts):
// lines for pairs (wider for more shared rounds), circles for investors (larger for more rounds joined), each
// circle a link to the investor's page and portfolio. Labels on the larger circles; every circle has its title.

/** Investors labelled on the drawing: all of a small network, else the ones with most rounds. */
const LABELLED = 40;

interface Props {
  network: CoInvestments;
  layout: PlacedNode[];
  size: { width: number; height: number };
  locale: Locale;
  /** Circles link to the investors' pages; false in a shared view. */
  linked: boolean;
}

export function NetworkSvg({ network, layout, size, locale, linked }: Props) {
  const t = translator(locale);
  const at = new Map(layout.map((p) => [p.id, p]));
  const maxShared = Math.max(1, ...network.pairs.map((p) => p.rounds));
  const labelled = new Set(network.nodes.slice(0, LABELLED).map((n) => n.id));
  const focus = network.filters.investor;
  return (
    <svg
      className="chart-svg analysis-svg"
      viewBox={`0 0 ${size.width} ${size.height}`}
      role="group"
      aria-label={t('net.svgLabel', { nodes: formatNumber(network.nodes.length, locale, 0), pairs: formatNumber(network.pairs.length, locale, 0) })}
      data-testid="network-svg"
    >
      <defs>
        <pattern id="net-hatch-china" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="5" stroke="var(--chart-2)" strokeWidth="1.4" />
        </pattern>
      </defs>
      <g>
        {network.pairs.map((pair) => {
          const a = at.get(pair.a);
          const b = at.get(pair.b);
          if (!a || !b) return null;
          return <line key={`${pair.a} ${pair.b}`} className="net-link" x1={a.x} y1={a.y} x2={b.x} y2={b.y} strokeWidth={0.8 + 4.2 * (pair.rounds / maxShared)} strokeOpacity={0.25 + 0.45 * (pair.rounds / maxShared)} data-pair={`${pair.a} ${pair.b}`} />;
        })}
      </g>
      <g>
        {network.nodes.map((node) => {
          const p = at.get(node.id);
          if (!p) return null;
          const name = nameIn(node, locale === 'zh');
          const label = t('net.node', { name, rounds: formatNumber(node.rounds, locale, 0) });
          const shape = (
            <>
              <title>{label}</title>
              <circle className={`net-node ${regionClass(node.region)}${node.id === focus ? ' net-node-focus' : ''}`} cx={p.x} cy={p.y} r={p.r} />
              {node.region === 'china' ? <circle cx={p.x} cy={p.y} r={p.r} fill="url(#net-hatch-china)" stroke="none" /> : null}
              {labelled.has(node.id) ? (
                <text x={p.x < size.width - 130 ? p.x + p.r + 3 : p.x - p.r - 3} y={p.y + 4} textAnchor={p.x < size.width - 130 ? 'start' : 'end'}>
                  {name}
                </text>
              ) : null}
            </>
          );
          return linked ? (
            // Named by its <title> (and its label, when it shows one): no aria-label that the visible label must match.
            <a key={node.id} href={`/companies/${encodeURIComponent(node.id)}`} data-node={node.id}>
              {shape}
            </a>
          ) : (
            <g key={node.id} data-node={node.id}>
              {shape}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
