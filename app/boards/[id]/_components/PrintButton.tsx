'use client';

import { LOAD_ALL_PLOTS } from '@/app/_components/chart/LazyPlot';

const PLOT_WAIT_MS = 4000;

/** Print (or save as PDF): every chart's plot is loaded first, since plots below the fold load only when scrolled to. */
export function PrintButton({ label }: { label: string }) {
  const print = async () => {
    window.dispatchEvent(new Event(LOAD_ALL_PLOTS));
    const deadline = Date.now() + PLOT_WAIT_MS;
    while (document.querySelector('.chart-plot .chart-placeholder') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    window.print();
  };
  return (
    <button type="button" className="btn" onClick={() => void print()} data-testid="board-print">
      {label}
    </button>
  );
}
