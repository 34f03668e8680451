'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

// Plots are drawn by recharts (about 140 kB of gzipped JavaScript), which no page loads up front: each plot is a
// `next/dynamic` import (ssr: false) rendered inside <WhenVisible>, so its code is fetched once the chart comes
// near the viewport. The frame around it (title, legend, source line, table alternative, export buttons) is
// rendered on the server; .chart-body has a fixed height, so nothing moves when the plot arrives.

/** How far below the viewport a chart starts loading, so it is drawn by the time it scrolls into view. */
const LOAD_MARGIN = '300px 0px';

/** Dispatched on window (a board's Print button): every plot loads now, wherever it is on the page. */
export const LOAD_ALL_PLOTS = 'atlas:load-plots';

/** Renders its children once the spot it holds is near the viewport (at once without IntersectionObserver). */
export function WhenVisible({ children }: { children: ReactNode }) {
  const spot = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const show = () => setVisible(true);
    window.addEventListener(LOAD_ALL_PLOTS, show);
    window.addEventListener('beforeprint', show);
    return () => {
      window.removeEventListener(LOAD_ALL_PLOTS, show);
      window.removeEventListener('beforeprint', show);
    };
  }, []);
  useEffect(() => {
    const element = spot.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: LOAD_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={spot} className="chart-plot">
      {visible ? children : <PlotPlaceholder />}
    </div>
  );
}

/** What a plot's space shows until its code has loaded: the empty, sized plot area. */
export function PlotPlaceholder() {
  return <div className="chart-placeholder" aria-hidden="true" />;
}
