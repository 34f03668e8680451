'use client';

import type { ReactNode } from 'react';

/**
 * Holds the page inside the layout's <main>. When hydration begins before the page's part of the RSC stream
 * has been read, the page suspends; under a host element (<main>) React replays that element with its
 * hydration cursor already inside it and fails (error #418, seen under load). Under a component it replays
 * the component, which claims no DOM. docs/decisions/008-page-slot.md
 */
export function PageSlot({ children }: { children: ReactNode }) {
  return children;
}
