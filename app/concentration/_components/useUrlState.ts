'use client';

import { useRouter } from 'next/navigation';
import { useAppPathname, useAppSearchParams } from '@/app/_components/app-navigation';
import { useTransition } from 'react';

/** Page settings live in the URL: edit its query string (replace, no scroll) inside a transition. */
export function useUrlState() {
  const router = useRouter();
  const pathname = useAppPathname();
  const current = useAppSearchParams();
  const [pending, startTransition] = useTransition();

  const apply = (edit: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(current.toString());
    edit(next);
    const qs = next.toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };

  /** Set (or, with null/'', remove) single-valued parameters. */
  const set = (changes: Record<string, string | null>, drop: readonly string[] = []) =>
    apply((next) => {
      for (const key of drop) next.delete(key);
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        if (value) next.set(key, value);
      }
    });

  /** Remove one key=value pair (one value of a repeated filter). */
  const remove = (key: string, value: string) =>
    apply((next) => {
      const kept = next.getAll(key).filter((v) => v !== value);
      next.delete(key);
      for (const v of kept) next.append(key, v);
    });

  return { pending, set, remove, apply, current };
}
