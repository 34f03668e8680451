import 'server-only';
import '@/lib/i18n/server-catalogs';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, pickLocale, translator, type Locale } from '@/lib/i18n';

export async function getLocale(): Promise<Locale> {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return pickLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerStore.get('accept-language'));
}

export async function getTranslator() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
