'use client';

import { useRouter } from 'next/navigation';
import { useAppPathname, useAppSearchParams } from '../app-navigation';
import { useCallback, useTransition } from 'react';

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
