import type { PatternKind } from '../../_components/chart/patterns';

// How each milestone kind is drawn on the timeline: a shape of its own as well as a colour (never colour alone).

export const KIND_STYLE: Record<string, { color: string; shape: 'circle' | 'square' | 'diamond' | 'up' | 'down' | 'cross' }> = {
  model: { color: 'var(--chart-1)', shape: 'circle' },
  product: { color: 'var(--chart-2)', shape: 'square' },
  funding: { color: 'var(--chart-3)', shape: 'diamond' },
  policy: { color: 'var(--chart-4)', shape: 'up' },
  'open-source': { color: 'var(--chart-5)', shape: 'down' },
  other: { color: 'var(--muted)', shape: 'cross' },
};

/** The layers of the funding bars, drawn as on the dashboard's chart (colour and texture). */
export const LAYERS: { key: string; color: string; pattern?: PatternKind }[] = [
  { key: 'foundation', color: 'var(--chart-1)' },
  { key: 'infrastructure', color: 'var(--chart-3)', pattern: 'dots' },
  { key: 'application', color: 'var(--chart-2)', pattern: 'hatch' },
  { key: 'none', color: 'var(--chart-5)', pattern: 'cross' },
];

/** A kind's marker centred on (x, y). */
export function KindShape({ kind, x, y, r = 5 }: { kind: string; x: number; y: number; r?: number }) {
  const { color, shape } = KIND_STYLE[kind] ?? KIND_STYLE.other;
  const common = { fill: color, stroke: 'var(--panel)', strokeWidth: 1.5 };
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={r} {...common} />;
    case 'square':
      return <rect x={x - r + 0.5} y={y - r + 0.5} width={2 * r - 1} height={2 * r - 1} {...common} />;
    case 'diamond':
      return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z`} {...common} />;
    case 'up':
      return <path d={`M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z`} {...common} />;
    case 'down':
      return <path d={`M${x - r - 1} ${y - r}L${x + r + 1} ${y - r}L${x} ${y + r + 1}Z`} {...common} />;
    default:
      return <path d={`M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`} stroke={color} strokeWidth={2.5} fill="none" />;
  }
}

/** A small picture of a kind's marker, for legends and the kind filter. */
export function KindSwatch({ kind }: { kind: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <KindShape kind={kind} x={7} y={7} r={4.5} />
    </svg>
  );
}
