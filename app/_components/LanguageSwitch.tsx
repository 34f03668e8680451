'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n';

export function LanguageSwitch({ locale, label, names }: { locale: Locale; label: string; names: Record<Locale, string> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    startTransition(() => router.refresh());
  };
  return (
    <div className="lang-switch" role="group" aria-label={label} aria-busy={pending}>
      {(['en', 'zh'] as const).map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={locale === code} onClick={() => choose(code)} data-testid={`lang-${code}`}>
          {names[code]}
        </button>
      ))}
    </div>
  );
}
