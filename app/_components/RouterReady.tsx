'use client';

import { useEffect } from 'react';

declare global {
  interface Window {
    __atlasRouterReady?: boolean;
  }
}

/**
 * Tells BackBeforeHydration's script that the router now handles history moves. A child's effects run before
 * its parents', so this is set in the same task in which Next.js's router adds its own `popstate` listener.
 */
export function RouterReady() {
  useEffect(() => {
    window.__atlasRouterReady = true;
  }, []);
  return null;
}
