import { ViewLink as Link } from '@/app/_components/share/SharedView';
import type { Locale } from '@/lib/collections/types';
import { t } from '@/lib/i18n';
import type { LocalText } from '@/lib/i18n/content';

/** Marks English text shown in the Chinese interface because its Chinese version has not been written yet. */
export function EnMarker({ locale }: { locale: Locale }) {
  return (
    <span className="badge lang-fallback" lang="en" title={t(locale, 'content.enFallback')} data-testid="en-fallback">
      EN
    </span>
  );
}

/** A link whose text is our own content in the interface's language, marked when it falls back to English. */
export function LocalizedLink({ href, text, locale }: { href: string; text: LocalText | null; locale: Locale }) {
  if (!text) return null;
  return (
    <>
      <Link href={href} lang={text.fallback ? 'en' : undefined}>
        {text.text}
      </Link>
      {text.fallback ? <> <EnMarker locale={locale} /></> : null}
    </>
  );
}

/** A note (evidence) in the interface's language, marked when it falls back to English. */
export function LocalizedNote({ text, locale }: { text: LocalText | null; locale: Locale }) {
  if (!text) return null;
  return (
    <p className="small prewrap" lang={text.fallback ? 'en' : undefined}>
      {text.text}
      {text.fallback ? <> <EnMarker locale={locale} /></> : null}
    </p>
  );
}
