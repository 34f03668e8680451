'use client';

import { useRouter } from 'next/navigation';
import { useAppPathname, useAppSearchParams } from '../app-navigation';
import { useCallback, useEffect, useRef, useTransition } from 'react';

/**
 * The table's whole state lives in the URL. Edits change the URL without a full page load, inside a
 * transition, so the old rows stay visible until the new ones arrive. Each edit is a history entry
 * (back/forward walk through the views), except search typing, which replaces the current one.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = useAppPathname();
  const search = useAppSearchParams();
  const [pending, startTransition] = useTransition();

  const update = useCallback(
    (edit: (params: URLSearchParams) => void, options: { keepPage?: boolean; replace?: boolean } = {}) => {
      const params = new URLSearchParams(search.toString());
      edit(params);
      if (!options.keepPage) params.delete('page');
      const query = params.toString();
      const href = query ? `${pathname}?${query}` : pathname;
      startTransition(() => (options.replace ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false })));
    },
    [pathname, router, search],
  );

  return { search, update, pending, pathname };
}

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
  const search = useAppSearchParams();
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
