'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useTransition } from 'react';
import { hrefOf } from '@/lib/query/view-state';

/** A plain left click on a link, without a modifier key or another target: the page may handle it itself. */
export function isPlainClick(event: React.MouseEvent<HTMLAnchorElement>): boolean {
  const target = event.currentTarget.getAttribute('target');
  return !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && (!target || target === '_self');
}

/**
 * A view's whole state lives in its URL (see lib/query/view-state.ts for the codec and the edits). The view's
 * controls are links to the next state: before hydration, or without JavaScript, the browser follows them and
 * the server renders that state. Once hydrated, `follow` takes over a plain click and changes the URL without
 * a full page load, inside a transition (`pending`), so the old view stays until the new one arrives.
 * Each change is a history entry, unless `replace` (search typing, the concentration settings).
 */
export function useUrlState(defaults: { replace?: boolean } = {}) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();

  const go = useCallback(
    (href: string, options: { replace?: boolean } = {}) => {
      const replace = options.replace ?? defaults.replace ?? false;
      startTransition(() => (replace ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false })));
    },
    [router, defaults.replace],
  );

  /** Go to the view these parameters describe, on this page. */
  const navigate = useCallback((params: URLSearchParams, options: { replace?: boolean } = {}) => go(hrefOf(pathname, params), options), [go, pathname]);

  /** The href of this page with these parameters (for a link's `href`). */
  const href = useCallback((params: URLSearchParams) => hrefOf(pathname, params), [pathname]);

  /** onClick of a link to another state of this view. */
  const follow = useCallback(
    (event: React.MouseEvent<HTMLAnchorElement>) => {
      if (!isPlainClick(event)) return;
      event.preventDefault();
      const url = new URL(event.currentTarget.href);
      go(`${url.pathname}${url.search}`);
    },
    [go],
  );

  /** The current parameters as a fresh, editable copy. */
  const current = useCallback(() => new URLSearchParams(search.toString()), [search]);

  return { search, pathname, pending, navigate, href, follow, current };
}

/** What useUrlState gives a component: the URL, its links and its navigation. */
export type UrlState = ReturnType<typeof useUrlState>;
