// SVG fill patterns, so that series differ by texture as well as by colour.

export type PatternKind = 'hatch' | 'dots' | 'cross';

export function Pattern({ id, kind, color }: { id: string; kind: PatternKind; color: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform={kind === 'hatch' ? 'rotate(45)' : undefined}>
      <rect width="6" height="6" fill={color} fillOpacity="0.28" />
      {kind === 'hatch' ? <line x1="0" y1="0" x2="0" y2="6" stroke={color} strokeWidth="2.5" /> : null}
      {kind === 'dots' ? <circle cx="3" cy="3" r="1.4" fill={color} /> : null}
      {kind === 'cross' ? <path d="M0 3h6M3 0v6" stroke={color} strokeWidth="1.2" /> : null}
    </pattern>
  );
}

/** A DOM-safe id for a pattern of one chart (useId returns colons). */
export const patternId = (chartId: string, name: string) => `pat-${chartId.replace(/[^a-zA-Z0-9_-]/g, '')}-${name}`;
