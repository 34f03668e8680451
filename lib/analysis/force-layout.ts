import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';

// The co-investor network's drawing: a d3-force simulation run for a fixed number of ticks, once per view, on
// the server (docs/decisions/025). Never started as an animation: the simulation is stopped before its timer
// fires and stepped by hand, and it is deterministic (d3 places nodes on a phyllotaxis spiral by their order
// and draws its jiggle from a seeded generator), so one view always gets the same picture.

/** d3's default cooling reaches its minimum after 300 ticks. */
export const LAYOUT_TICKS = 300;

export interface LayoutNode {
  id: string;
  /** Rounds joined: the node's size. */
  rounds: number;
}

export interface LayoutPair {
  a: string;
  b: string;
  /** Rounds shared: the link's pull. */
  rounds: number;
}

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  r: number;
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Room kept free on every side (labels, strokes). */
  margin?: number;
  ticks?: number;
}

type SimNode = SimulationNodeDatum & { id: string; r: number };

/** A node's radius: its area grows with the rounds joined, from 4 to 18 pixels. */
export function radiusOf(rounds: number, maxRounds: number): number {
  return 4 + 14 * Math.sqrt(Math.max(0, rounds) / Math.max(1, maxRounds));
}

/** Positions (inside width × height, margins kept) and radii of the nodes, in the nodes' order. */
export function layoutNetwork(nodes: readonly LayoutNode[], pairs: readonly LayoutPair[], options: LayoutOptions): PlacedNode[] {
  const { width, height, margin = 24, ticks = LAYOUT_TICKS } = options;
  if (!nodes.length) return [];
  const maxRounds = Math.max(...nodes.map((n) => n.rounds));
  const maxShared = Math.max(1, ...pairs.map((p) => p.rounds));
  const simNodes: SimNode[] = nodes.map((n) => ({ id: n.id, r: radiusOf(n.rounds, maxRounds) }));
  const known = new Set(simNodes.map((n) => n.id));
  const links: (SimulationLinkDatum<SimNode> & { weight: number })[] = pairs
    .filter((p) => known.has(p.a) && known.has(p.b))
    .map((p) => ({ source: p.a, target: p.b, weight: p.rounds / maxShared }));

  const simulation = forceSimulation(simNodes)
    .stop()
    .force('link', forceLink<SimNode, (typeof links)[number]>(links).id((d) => d.id).distance((l) => 100 - 30 * l.weight).strength((l) => 0.2 + 0.6 * l.weight))
    .force('charge', forceManyBody<SimNode>().strength(-160))
    .force('x', forceX<SimNode>(0).strength(0.05))
    .force('y', forceY<SimNode>(0).strength(0.05 * (width / height)))
    .force('collide', forceCollide<SimNode>((d) => d.r + 3));
  for (let i = 0; i < ticks; i++) simulation.tick();

  // Fit the picture into the box: one scale for both axes (no stretching), centred, never enlarged past 1.6×.
  const xs = simNodes.map((n) => n.x ?? 0);
  const ys = simNodes.map((n) => n.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const room = { w: width - 2 * margin - 2 * 18, h: height - 2 * margin - 2 * 18 };
  const scale = Math.min(1.6, room.w / Math.max(1, maxX - minX), room.h / Math.max(1, maxY - minY));
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return simNodes.map((n) => ({
    id: n.id,
    x: round(width / 2 + ((n.x ?? 0) - cx) * scale),
    y: round(height / 2 + ((n.y ?? 0) - cy) * scale),
    r: round(n.r),
  }));
}

const round = (v: number) => Math.round(v * 10) / 10;
