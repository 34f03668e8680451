'use client';

import Link from 'next/link';
import { createContext, useContext, type ComponentProps, type ReactNode } from 'react';

// Inside a share link's view (/s/<token>/view) this context is set: editing controls render nothing and
// links to other views render as plain text, because a visitor may open this one view only.

export interface SharedViewInfo {
  token: string;
  allowCsv: boolean;
}

const SharedViewContext = createContext<SharedViewInfo | null>(null);

export function SharedViewProvider({ value, children }: { value: SharedViewInfo; children: ReactNode }) {
  return <SharedViewContext.Provider value={value}>{children}</SharedViewContext.Provider>;
}

/** The share link being viewed, or null on an ordinary page. */
export const useSharedView = (): SharedViewInfo | null => useContext(SharedViewContext);

/** Renders its children only outside a shared view (editing controls, view pickers). */
export function NotShared({ children }: { children: ReactNode }) {
  return useSharedView() ? null : <>{children}</>;
}

/** A link to another view of the app; plain text inside a shared view. Outside links stay links. */
export function ViewLink(props: ComponentProps<typeof Link>) {
  const shared = useSharedView();
  const href = typeof props.href === 'string' ? props.href : (props.href.pathname ?? '');
  if (shared && href.startsWith('/')) {
    return (
      <span className={props.className} data-testid={(props as { 'data-testid'?: string })['data-testid']}>
        {props.children}
      </span>
    );
  }
  return <Link {...props} />;
}
