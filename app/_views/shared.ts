import 'server-only';
import { cache } from 'react';
import type { ShareLink } from '@/db/shares';

// The share link a page is being rendered for, once per request. Only app/s/[token]/view/page.tsx sets it,
// after checking the token; the page it renders then reads its data from here (the snapshot, or the live
// data that page loaded once) and leaves out every editing control.

export interface SharedView {
  link: ShareLink;
  /** The view's data: frozen (snapshot) or just loaded (live), in both cases as it went through JSON. */
  data: unknown;
  /** SHA-256 (hex) of that data, for the citation line. */
  dataHash: string;
  asOf: string;
}

const slot = cache((): { current: SharedView | null } => ({ current: null }));

export function enterSharedView(view: SharedView): void {
  slot().current = view;
}

/** The share link this request renders, or null for an ordinary page view. */
export function sharedView(): SharedView | null {
  return slot().current;
}

/** A page's data: the shared view's when the page renders a share link, else freshly loaded. */
export async function viewData<T>(load: () => Promise<T>): Promise<T> {
  const shared = sharedView();
  return shared ? (shared.data as T) : load();
}
