'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'next/navigation';

const canonical = (query: string) => {
  const params = new URLSearchParams(query);
  params.sort();
  return params.toString();
};

/**
 * Back and then forward before the server has answered the back navigation can leave Next.js showing the rows
 * of the entry it left under the URL it arrived at: the late answer is applied last (seen in Chromium in 1 of
 * 6 to 10 runs of the back/forward browser test). The server page says which query its rows answer; when that is
 * not the URL's, the rows are asked for again (once, until rows and URL agree again).
 */
export function useRowsFollowUrl(rowsQuery: string, enabled: boolean): void {
  const router = useRouter();
  const search = useSearchParams();
  const asked = useRef<string | null>(null);
  const url = canonical(search.toString());
  const stale = enabled && url !== canonical(rowsQuery);
  useEffect(() => {
    if (!stale) {
      asked.current = null;
      return;
    }
    if (asked.current === url) return;
    asked.current = url;
    router.refresh();
  }, [stale, url, router]);
}
