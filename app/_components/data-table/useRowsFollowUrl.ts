'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';

const canonical = (query: string) => {
  const params = new URLSearchParams(query);
  params.sort();
  return params.toString();
};

const RETRY_MS = 2_000;
const MAX_ASKS = 3;

/**
 * Back and then forward before the server has answered the back navigation can leave Next.js showing the rows
 * of the entry it left under the URL it arrived at: the late answer is applied last (seen in Chromium in 1 of
 * 6 to 10 runs of the back/forward browser test). The server page says which query its rows answer; when that is
 * not the URL's, the rows are asked for again — and again after RETRY_MS while they still disagree (a refresh
 * sent while the router is busy can itself be overtaken), at most MAX_ASKS times per URL.
 */
export function useRowsFollowUrl(rowsQuery: string, enabled: boolean): void {
  const router = useRouter();
  const search = useSearchParams();
  const asks = useRef<{ url: string | null; count: number }>({ url: null, count: 0 });
  const url = canonical(search.toString());
  const stale = enabled && url !== canonical(rowsQuery);
  useEffect(() => {
    if (!stale) {
      asks.current = { url: null, count: 0 };
      return;
    }
    if (asks.current.url !== url) asks.current = { url, count: 0 };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      if (asks.current.count >= MAX_ASKS) return;
      asks.current.count += 1;
      router.refresh();
      timer = setTimeout(ask, RETRY_MS);
    };
    ask();
    return () => clearTimeout(timer);
  }, [stale, url, router]);
}
