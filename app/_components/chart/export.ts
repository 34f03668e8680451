import Papa from 'papaparse';
import { neutralise } from '@/lib/csv/neutralise';

// Chart export in the browser: the SVG as drawn (CSS variables resolved, title and source added), a PNG
// drawn from that SVG, and the chart's data as CSV.

export interface LegendItem {
  label: string;
  color: string;
  /** SVG stroke-dasharray for line series. */
  dash?: string;
  /** Id of an SVG pattern (see patterns.tsx) for filled series. */
  pattern?: string;
  /** Outline of the swatch when the fill is faint (shaded bands). */
  stroke?: string;
}

const INLINE = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'paint-order'];
const NS = 'http://www.w3.org/2000/svg';

function text(doc: Document, x: number, y: number, content: string, style: Record<string, string>): SVGTextElement {
  const node = doc.createElementNS(NS, 'text');
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(y));
  for (const [key, value] of Object.entries(style)) node.style.setProperty(key, value);
  node.textContent = content;
  return node;
}

/** The colour a CSS value (`var(--chart-1)`) stands for where the chart is drawn. */
function resolveColor(value: string, near: Element): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  (near.closest('.chart-frame') ?? document.body).appendChild(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved;
}

/** Approximate rendered width (CJK characters about twice as wide as Latin ones). */
const textWidth = (value: string, px: number) => [...value].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? px : px * 0.6), 0);

/** Break a line of text into lines no wider than `max` pixels (at spaces, or anywhere in CJK text). */
function wrap(value: string, max: number, px: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of value.split(/(?<=[\s;,；，])/)) {
    if (line && textWidth(line + token, px) > max) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += token;
    while (textWidth(line, px) > max) {
      let cut = line.length;
      while (cut > 1 && textWidth(line.slice(0, cut), px) > max) cut -= 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** A deep copy whose elements carry their computed colours and fonts inline (CSS variables resolved). */
function inlineClone<T extends Element>(element: T): T {
  const clone = element.cloneNode(true) as T;
  const originals = [element, ...element.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const computed = getComputedStyle(el);
    const copy = copies[i] as SVGElement;
    for (const prop of INLINE) copy.style.setProperty(prop, computed.getPropertyValue(prop));
  });
  return clone;
}

/** A standalone copy of the chart's SVG: computed colours inlined, with title, legend and source lines. */
export function standaloneSvg(
  svg: SVGSVGElement,
  meta: { title: string; units: string; source: string; legend?: LegendItem[]; defs?: SVGDefsElement | null },
): string {
  const width = svg.clientWidth || Number(svg.getAttribute('width')) || 600;
  const height = svg.clientHeight || Number(svg.getAttribute('height')) || 300;
  const clone = inlineClone(svg);
  const rootStyle = getComputedStyle(svg);
  const panel = getComputedStyle(svg.closest('.chart-frame') ?? document.body).backgroundColor || '#ffffff';
  const color = rootStyle.color;
  const font = rootStyle.fontFamily;
  const legend = meta.legend ?? [];
  const top = 46;
  // Lay the legend out in rows and wrap the source line, so that nothing runs off a narrow chart.
  const placed: { item: LegendItem; x: number; row: number }[] = [];
  let x = 8;
  let row = 0;
  for (const item of legend) {
    const w = 28 + textWidth(item.label, 11);
    if (x > 8 && x + w > width - 8) {
      row += 1;
      x = 8;
    }
    placed.push({ item, x, row });
    x += w;
  }
  const legendRows = legend.length ? row + 1 : 0;
  const sourceLines = wrap(meta.source, width - 16, 10);
  const bottom = 10 + legendRows * 18 + sourceLines.length * 14;

  const out = document.implementation.createDocument(NS, 'svg', null);
  const root = out.documentElement as unknown as SVGSVGElement;
  root.setAttribute('xmlns', NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height + top + bottom));
  root.setAttribute('viewBox', `0 0 ${width} ${height + top + bottom}`);
  const bg = out.createElementNS(NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', panel);
  root.appendChild(bg);
  if (meta.defs) root.appendChild(out.importNode(inlineClone(meta.defs), true));
  root.appendChild(text(out, 8, 20, meta.title, { fill: color, 'font-family': font, 'font-size': '15px', 'font-weight': '600' }));
  root.appendChild(text(out, 8, 38, meta.units, { fill: color, 'font-family': font, 'font-size': '11px', opacity: '0.75' }));
  const body = out.createElementNS(NS, 'g');
  body.setAttribute('transform', `translate(0, ${top})`);
  clone.removeAttribute('class');
  body.appendChild(out.importNode(clone, true));
  root.appendChild(body);
  for (const { item, x: left, row: r } of placed) {
    const y = height + top + 16 + r * 18;
    const resolved = resolveColor(item.color, svg);
    if (item.dash !== undefined) {
      const line = out.createElementNS(NS, 'line');
      for (const [k, v] of Object.entries({ x1: left, y1: y - 4, x2: left + 12, y2: y - 4 })) line.setAttribute(k, String(v));
      line.setAttribute('stroke', resolved);
      line.setAttribute('stroke-width', '2');
      if (item.dash) line.setAttribute('stroke-dasharray', item.dash);
      root.appendChild(line);
    } else {
      const swatch = out.createElementNS(NS, 'rect');
      for (const [k, v] of Object.entries({ x: left, y: y - 9, width: 12, height: 10 })) swatch.setAttribute(k, String(v));
      swatch.setAttribute('fill', item.pattern ? `url(#${item.pattern})` : resolved);
      swatch.setAttribute('stroke', item.stroke ? resolveColor(item.stroke, svg) : resolved);
      root.appendChild(swatch);
    }
    root.appendChild(text(out, left + 16, y, item.label, { fill: color, 'font-family': font, 'font-size': '11px' }));
  }
  sourceLines.forEach((line, i) => {
    const y = height + top + 6 + legendRows * 18 + (i + 1) * 14 - 2;
    root.appendChild(text(out, 8, y, line, { fill: color, 'font-family': font, 'font-size': '10px', opacity: '0.75' }));
  });
  return new XMLSerializer().serializeToString(out);
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function svgToPng(svgText: string): Promise<Blob> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = image.width * scale;
    canvas.height = image.height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export type Cell = string | number | null;

/** UTF-8 with BOM, CRLF, text cells neutralised against formula injection; numbers stay numbers. */
export function toCsv(fields: string[], rows: Cell[][]): Blob {
  const data = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell === null ? '' : cell)));
  const csv = Papa.unparse({ fields: fields.map(neutralise), data }, { newline: '\r\n' });
  return new Blob([`\uFEFF${csv}\r\n`], { type: 'text/csv;charset=utf-8' });
}

/** A file name from a chart title: letters, digits and CJK kept, the rest collapsed to dashes. */
export function fileName(title: string, ext: string): string {
  const base = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'chart';
  return `${base}.${ext}`;
}
