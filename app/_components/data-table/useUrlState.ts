'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useTransition } from 'react';

/**
 * The table's whole state lives in the URL. Edits replace the URL (no full page load) inside a
 * transition, so the old rows stay visible until the new ones arrive.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();

  const update = useCallback(
    (edit: (params: URLSearchParams) => void, options: { keepPage?: boolean } = {}) => {
      const params = new URLSearchParams(search.toString());
      edit(params);
      if (!options.keepPage) params.delete('page');
      const query = params.toString();
      startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
    },
    [pathname, router, search],
  );

  return { search, update, pending, pathname };
}
